import ReactEChartsCore from 'echarts-for-react/lib/core';
import * as echarts from 'echarts/core';
import { BarChart, FunnelChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { Box, Typography } from '@strapi/design-system';

// ECharts through its core build: only the charts and parts the dashboard draws are bundled.
echarts.use([LineChart, BarChart, FunnelChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface ChartClick {
  name: string;
  seriesName?: string;
  dataIndex: number;
  data: unknown;
}

interface Props {
  /** Names the test hook `chart-<id>`. */
  id: string;
  title: string;
  option: echarts.EChartsCoreOption;
  height?: number;
  /** A click on a bar, point or funnel slice: the drill-down. */
  onClick?: (event: ChartClick) => void;
}

/** A titled card with one chart; the pointer shows that a part of it can be clicked. */
export const Chart = ({ id, title, option, height = 280, onClick }: Props) => (
  <Box background="neutral0" padding={4} shadow="tableShadow" hasRadius data-testid={`chart-${id}`}>
    <Typography variant="delta" tag="h2">
      {title}
    </Typography>
    <ReactEChartsCore
      echarts={echarts}
      option={option}
      notMerge
      style={{ height, marginTop: 8, cursor: onClick ? 'pointer' : undefined }}
      onEvents={onClick ? { click: (e: ChartClick) => onClick(e) } : undefined}
    />
  </Box>
);
