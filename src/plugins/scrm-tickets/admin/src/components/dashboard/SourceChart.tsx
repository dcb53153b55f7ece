import { useT } from '../tickets/useT';
import { Chart } from './Chart';
import type { DashboardData } from './types';

/** Tickets created per week, stacked by source (the period's biggest sources); a bar opens its tickets. */
export const SourceChart = ({ data, sourceLabel, onBar }: { data: DashboardData['sourceWeeks']; sourceLabel: (s: string) => string; onBar: (week: string, source: string) => void }) => {
  const t = useT();
  return (
    <Chart
      id="sources"
      title={t('dashboard.chart.sources')}
      onClick={(e) => onBar(data.weeks[e.dataIndex], data.series.find((s) => sourceLabel(s.source) === e.seriesName)?.source ?? '')}
      option={{
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        legend: { data: data.series.map((s) => sourceLabel(s.source)) },
        grid: { left: 48, right: 16, top: 40, bottom: 32 },
        xAxis: { type: 'category', data: data.weeks.map((w) => t('dashboard.weekOf', { day: w.slice(5) })) },
        yAxis: { type: 'value', minInterval: 1 },
        series: data.series.map((s) => ({ name: sourceLabel(s.source), type: 'bar', stack: 'sources', data: s.created })),
      }}
    />
  );
};
