import { useT } from '../tickets/useT';
import { Chart } from './Chart';
import type { GroupRow } from './types';

/** Created and resolved per day, with the SLA met rate on its own axis; a day opens its tickets. */
export const TrendChart = ({ rows, onDay }: { rows: GroupRow[]; onDay: (day: string, created: boolean) => void }) => {
  const t = useT();
  const created = t('dashboard.series.created');
  const resolved = t('dashboard.series.resolved');
  const sla = t('dashboard.series.slaMetRate');
  return (
    <Chart
      id="trend"
      title={t('dashboard.chart.trend')}
      onClick={(e) => onDay(rows[e.dataIndex].key!, e.seriesName !== resolved)}
      option={{
        tooltip: { trigger: 'axis' },
        legend: { data: [created, resolved, sla] },
        grid: { left: 48, right: 48, top: 40, bottom: 32 },
        xAxis: { type: 'category', data: rows.map((r) => r.key?.slice(5)) },
        yAxis: [
          { type: 'value', minInterval: 1 },
          { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
        ],
        series: [
          { name: created, type: 'line', data: rows.map((r) => r.created) },
          { name: resolved, type: 'line', data: rows.map((r) => r.resolved) },
          { name: sla, type: 'line', yAxisIndex: 1, connectNulls: true, lineStyle: { type: 'dashed' }, data: rows.map((r) => (r.slaMetRate === null ? null : Math.round(r.slaMetRate * 1000) / 10)) },
        ],
      }}
    />
  );
};
