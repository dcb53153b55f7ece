import { useCallback } from 'react';
import { useIntl } from 'react-intl';
import { getTranslation } from '../../utils/getTranslation';
import { localize } from '../tickets/types';
import type { Template } from './types';

/**
 * The translation of a value the server may add to (a delivery status, an SLA clock, an audited
 * attribute): the value itself until someone translates it, rather than a message key.
 */
export const useLabel = () => {
  const { formatMessage } = useIntl();
  return useCallback(
    (id: string, fallback: string) => formatMessage({ id: getTranslation(id), defaultMessage: fallback }),
    [formatMessage]
  );
};

/**
 * A workflow state's name from the template. `awaiting_approval` is reserved by the server and
 * usually not among the template's states.
 */
export const useStateName = (template: Template | null) => {
  const { locale } = useIntl();
  const label = useLabel();
  return useCallback(
    (key: string) => {
      const state = template?.states.find((s) => s.key === key);
      return state ? localize(state.label, locale) : label(`detail.state.${key}`, key);
    },
    [template, locale, label]
  );
};
