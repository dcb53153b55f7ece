import { Flex } from '@strapi/design-system';
import { useT } from '../tickets/useT';
import { Chart } from './Chart';
import { FigureTable } from './FigureTable';
import type { Format } from './format';
import type { GroupRow } from './types';

/** The region breakdown (the filter region's children, or the top regions): bars and the table beside them. */
export const RegionPanel = ({ rows, format, onRegion }: { rows: GroupRow[]; format: Format; onRegion: (row: GroupRow) => void }) => {
  const t = useT();
  const placed = rows.map((r) => ({ ...r, label: r.label || t('dashboard.unplaced') }));
  const created = t('dashboard.series.created');
  const resolved = t('dashboard.series.resolved');
  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      <Chart
        id="regions"
        title={t('dashboard.chart.regions')}
        onClick={(e) => onRegion(placed[e.dataIndex])}
        option={{
          tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
          legend: { data: [created, resolved] },
          grid: { left: 48, right: 16, top: 40, bottom: 32 },
          xAxis: { type: 'category', data: placed.map((r) => r.label) },
          yAxis: { type: 'value', minInterval: 1 },
          series: [
            { name: created, type: 'bar', data: placed.map((r) => r.created) },
            { name: resolved, type: 'bar', data: placed.map((r) => r.resolved) },
          ],
        }}
      />
      <FigureTable
        id="regions"
        rows={placed}
        firstHeader={t('dashboard.column.region')}
        empty={t('dashboard.empty')}
        onRow={onRegion}
        columns={[
          { id: 'created', header: t('dashboard.kpi.created'), value: (r) => format.count(r.created) },
          { id: 'resolved', header: t('dashboard.kpi.resolved'), value: (r) => format.count(r.resolved) },
          { id: 'open', header: t('dashboard.kpi.open'), value: (r) => format.count(r.open) },
          { id: 'sla', header: t('dashboard.kpi.slaMetRate'), value: (r) => format.rate(r.slaMetRate) },
          { id: 'csat', header: t('dashboard.kpi.csat'), value: (r) => format.score(r.csat.average) },
          { id: 'revenue', header: t('dashboard.kpi.revenue'), value: (r) => format.money(r.revenueFen) },
          { id: 'profit', header: t('dashboard.column.profit'), value: (r) => format.money(r.profitFen) },
        ]}
      />
    </Flex>
  );
};
