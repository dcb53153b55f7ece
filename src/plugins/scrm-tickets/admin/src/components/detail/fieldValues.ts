import { useCallback } from 'react';
import { useIntl } from 'react-intl';
import { localize } from '../tickets/types';
import { useShanghaiTime } from '../tickets/useShanghaiTime';
import { useT } from '../tickets/useT';
import type { FieldDefinition } from './types';

// Template field values as the page shows them and as its form edits them. The form keeps values
// in the server's shape (fen, ISO times); only the inputs convert.

/** "Nothing entered", as the server judges `required` and `notEmpty`. */
export const isEmpty = (v: unknown) =>
  v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);

/**
 * Whether a field is shown for these values, by the server's rule: its `visibleWhen` holds and its
 * controller is shown too. A multiselect controller matches by membership.
 */
export const isShown = (defs: FieldDefinition[], values: Record<string, unknown>, def: FieldDefinition, depth = 0): boolean => {
  const rule = def.visibleWhen;
  if (!rule) return true;
  const controller = defs.find((d) => d.key === rule.field);
  // The depth guard keeps a looping definition (which the server refuses to store) finite.
  if (!controller || depth > defs.length || !isShown(defs, values, controller, depth + 1)) return false;
  const value = values[rule.field];
  if (rule.notEmpty) return !isEmpty(value);
  const matches = (candidate: unknown) =>
    (Array.isArray(value) ? value : [value]).some((v) => JSON.stringify(v) === JSON.stringify(candidate));
  return rule.in ? rule.in.some(matches) : matches(rule.equals);
};

/** Shanghai is UTC+8 all year (no summer time), so a fixed offset converts exactly. */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** An ISO time as a datetime-local input holds it, in Shanghai time: `2026-05-01T09:30`. */
export const toShanghaiInput = (iso: string) => new Date(Date.parse(iso) + SHANGHAI_OFFSET_MS).toISOString().slice(0, 16);

/** A datetime-local input's value read as Shanghai time, with the offset the server requires. */
export const fromShanghaiInput = (local: string) => `${local}:00+08:00`;

/** A help text may be written in one language only: the other stands in. */
export const helpOf = ({ helpText }: FieldDefinition, locale: string) =>
  helpText && localize({ 'zh-Hans': helpText['zh-Hans'] ?? helpText.en ?? '', en: helpText.en }, locale);

/**
 * A value as text: option labels, ¥ from fen, 是/否, times in Shanghai time. A value that does
 * not fit its definition (the template changed since) shows as it is.
 */
export const useFieldFormat = () => {
  const t = useT();
  const { locale, formatNumber } = useIntl();
  const time = useShanghaiTime();
  return useCallback(
    (def: Pick<FieldDefinition, 'type' | 'options'> | undefined, value: unknown): string => {
      if (isEmpty(value)) return '—';
      const option = (v: unknown) => {
        const found = def?.options?.find((o) => o.value === v);
        return found ? localize(found.label, locale) : String(v);
      };
      const type = def?.type;
      if (type === 'money' && typeof value === 'number') {
        return `¥${formatNumber(value / 100, { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
      }
      if (type === 'number' && typeof value === 'number') return formatNumber(value);
      if (type === 'boolean' && typeof value === 'boolean') return t(value ? 'detail.yes' : 'detail.no');
      if (type === 'datetime' && typeof value === 'string') return time(value);
      if (type === 'select') return option(value);
      if (type === 'multiselect' && Array.isArray(value)) return value.map(option).join('、');
      if (type === 'media') return t('detail.media', { count: Array.isArray(value) ? value.length : 1 });
      if (Array.isArray(value)) return value.join('、');
      if (typeof value === 'object') {
        const { lat, lng } = value as { lat?: unknown; lng?: unknown };
        return type === 'location' ? `${lat}, ${lng}` : JSON.stringify(value);
      }
      return String(value);
    },
    [t, locale, formatNumber, time]
  );
};

export type FieldFormat = ReturnType<typeof useFieldFormat>;
