import { useCallback } from 'react';
import { useIntl } from 'react-intl';
import { getTranslation } from '../../utils/getTranslation';
import { useT } from './useT';

/** A ticket source in the admin's language: `webhook:<name>` reads "Webhook: <name>"; one without a translation shows as is. */
export const useSourceLabel = () => {
  const t = useT();
  const { messages } = useIntl();
  return useCallback(
    (source: string) => {
      const [kind, name] = source.split(':');
      const id = `tickets.source.${kind}`;
      return getTranslation(id) in messages ? t(id, { name }) : source;
    },
    [messages, t]
  );
};
