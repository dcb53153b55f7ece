import { useMemo } from 'react';
import { useIntl } from 'react-intl';
import { useT } from '../tickets/useT';

/** How the dashboard writes its numbers in the admin's language: money from fen, rates, durations. */
export const useFormat = () => {
  const { locale } = useIntl();
  const t = useT();
  return useMemo(() => {
    const yuan = new Intl.NumberFormat(locale, { style: 'currency', currency: 'CNY', minimumFractionDigits: 2 });
    const percent = new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
    const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
    const none = '—';
    return {
      none,
      /** Fen are exact integers; yuan only for reading. */
      money: (fen: number | null) => (fen === null ? none : yuan.format(fen / 100)),
      rate: (r: number | null) => (r === null ? none : percent.format(r)),
      count: (n: number | null) => (n === null ? none : number.format(n)),
      score: (s: number | null) => (s === null ? none : number.format(s)),
      duration: (seconds: number | null) => {
        if (seconds === null) return none;
        if (seconds < 3600) return t('dashboard.minutes', { n: number.format(seconds / 60) });
        if (seconds < 86_400) return t('dashboard.hours', { n: number.format(seconds / 3600) });
        return t('dashboard.days', { n: number.format(seconds / 86_400) });
      },
    };
  }, [locale, t]);
};

export type Format = ReturnType<typeof useFormat>;
