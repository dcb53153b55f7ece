import { useIntl } from 'react-intl';
import { useT } from '../tickets/useT';
import { localize } from '../tickets/types';
import { Chart } from './Chart';
import type { Summary } from './types';

/** Where the period's new tickets stand now, state by state in workflow order; a slice opens its tickets. */
export const StateFunnel = ({ funnel, onState }: { funnel: Summary['funnel']; onState: (state: string) => void }) => {
  const t = useT();
  const { locale } = useIntl();
  const data = funnel.map((s) => ({ name: s.label ? localize(s.label, locale) : s.state, value: s.tickets, state: s.state }));
  return (
    <Chart
      id="funnel"
      title={t('dashboard.chart.funnel')}
      onClick={(e) => onState((e.data as { state: string }).state)}
      option={{
        tooltip: { trigger: 'item', formatter: '{b}: {c}' },
        series: [{ type: 'funnel', sort: 'none', left: '10%', width: '80%', top: 16, bottom: 16, minSize: '8%', label: { show: true, position: 'inside', formatter: '{b} {c}' }, data }],
      }}
    />
  );
};
