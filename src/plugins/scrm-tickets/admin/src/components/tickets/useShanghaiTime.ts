import { useMemo } from 'react';
import { useIntl } from 'react-intl';

/** Formats ISO times in Shanghai time whatever the browser's zone: the service team works in China. */
export const useShanghaiTime = () => {
  const { locale } = useIntl();
  return useMemo(() => {
    const formatter = new Intl.DateTimeFormat(locale, { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'short' });
    return (iso: string) => formatter.format(new Date(iso));
  }, [locale]);
};
