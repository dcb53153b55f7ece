import { Box, Typography } from '@strapi/design-system';
import { useT } from '../tickets/useT';
import { FigureTable } from './FigureTable';
import type { Format } from './format';
import type { GroupRow } from './types';

/** 坐席排行: agents by tickets resolved in the period, with their speed and customers' rating. */
export const AgentBoard = ({ rows, format, onAgent }: { rows: GroupRow[]; format: Format; onAgent: (row: GroupRow) => void }) => {
  const t = useT();
  const ranked = [...rows].sort((a, b) => b.resolved - a.resolved || (a.resolutionSeconds.p50 ?? Infinity) - (b.resolutionSeconds.p50 ?? Infinity));
  return (
    <Box background="neutral0" padding={4} shadow="tableShadow" hasRadius>
      <Typography variant="delta" tag="h2">
        {t('dashboard.chart.agents')}
      </Typography>
      <Box paddingTop={3}>
        <FigureTable
          id="agents"
          rows={ranked}
          firstHeader={t('dashboard.column.agent')}
          empty={t('dashboard.empty')}
          onRow={onAgent}
          columns={[
            { id: 'resolved', header: t('dashboard.kpi.resolved'), value: (r) => format.count(r.resolved) },
            { id: 'resolution', header: t('dashboard.kpi.resolution'), value: (r) => format.duration(r.resolutionSeconds.p50) },
            { id: 'firstResponse', header: t('dashboard.kpi.firstResponse'), value: (r) => format.duration(r.firstResponseSeconds.p50) },
            { id: 'sla', header: t('dashboard.kpi.slaMetRate'), value: (r) => format.rate(r.slaMetRate) },
            { id: 'csat', header: t('dashboard.kpi.csat'), value: (r) => format.score(r.csat.average) },
            { id: 'open', header: t('dashboard.kpi.open'), value: (r) => format.count(r.open) },
          ]}
        />
      </Box>
    </Box>
  );
};
