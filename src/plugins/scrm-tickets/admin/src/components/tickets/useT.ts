import { useCallback } from 'react';
import { useIntl } from 'react-intl';
import { getTranslation } from '../../utils/getTranslation';

/** The plugin's messages by their key in translations/*.json (a missing one shows its key). */
export const useT = () => {
  const { formatMessage } = useIntl();
  return useCallback(
    (id: string, values?: Record<string, unknown>) =>
      formatMessage({ id: getTranslation(id), defaultMessage: id }, values as never),
    [formatMessage]
  );
};

export type Translate = ReturnType<typeof useT>;
