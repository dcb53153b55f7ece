import { useNavigate } from 'react-router-dom';
import { Page, Layouts } from '@strapi/strapi/admin';
import { Box, Flex, Grid, Loader, Typography } from '@strapi/design-system';
import { FilterSelect } from '../components/tickets/FilterSelect';
import { Problems } from '../components/tickets/Problems';
import { useSourceLabel } from '../components/tickets/useSourceLabel';
import { useFacets } from '../components/tickets/useTicketList';
import { useT } from '../components/tickets/useT';
import { AgentBoard } from '../components/dashboard/AgentBoard';
import { ExportButton } from '../components/dashboard/ExportButton';
import { KpiCards } from '../components/dashboard/KpiCards';
import { RegionPanel } from '../components/dashboard/RegionPanel';
import { SourceChart } from '../components/dashboard/SourceChart';
import { StateFunnel } from '../components/dashboard/StateFunnel';
import { TrendChart } from '../components/dashboard/TrendChart';
import { bucketDays, drilldownPath, lastDay, type Counted } from '../components/dashboard/drilldown';
import { useFormat } from '../components/dashboard/format';
import { PERIODS, useDashboardParams } from '../components/dashboard/useDashboardParams';
import { useReports } from '../components/dashboard/useReports';

// 数据驾驶舱: the period's service and money figures (the reports API), drawn with ECharts. Every
// chart and card opens the ticket list filtered to the tickets behind what was clicked.

export const DashboardPage = () => {
  const t = useT();
  const navigate = useNavigate();
  const params = useDashboardParams();
  const facets = useFacets();
  const format = useFormat();
  const { data, problems, loading } = useReports(params.query);
  const sourceLabel = useSourceLabel();
  const drill = (counted: Counted, extra: Record<string, string | null | undefined> = {}, query = params.query) => navigate(drilldownPath(query, counted, extra));
  /** The dashboard's query with other days (a day or week of a chart). */
  const within = (days: { from: string; to: string }) => {
    const q = new URLSearchParams(params.query);
    // A week can start before the period or end after it; the chart counted only the period's days.
    q.set('from', days.from > params.days.from ? days.from : params.days.from);
    q.set('to', days.to < params.days.to ? days.to : params.days.to);
    return q.toString();
  };

  return (
    <Page.Main>
      <Page.Title>{t('dashboard.title')}</Page.Title>
      <Layouts.Header
        title={t('dashboard.title')}
        subtitle={
          <Typography variant="epsilon" textColor="neutral600" tag="p" data-testid="dashboard-period">
            {t('dashboard.period', { from: params.days.from, to: lastDay(params.days.to) })}
          </Typography>
        }
        primaryAction={<ExportButton query={params.query} table="breakdown" extra="&by=region" label={t('dashboard.export')} />}
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          <Box background="neutral0" padding={4} shadow="filterShadow" hasRadius>
            <Flex gap={3} alignItems="flex-end" wrap="wrap">
              <FilterSelect
                param="period"
                label={t('dashboard.filter.period')}
                value={params.period}
                clearable={false}
                options={PERIODS.map((p) => ({ value: p, label: t(`dashboard.period.${p}`) }))}
                onChange={(v) => params.set('period', v)}
              />
              <FilterSelect param="region" label={t('tickets.filter.region')} value={params.value('region')} options={facets.regions.map((r) => ({ value: r.code, label: r.name }))} onChange={(v) => params.set('region', v)} />
              <FilterSelect param="template" label={t('tickets.filter.template')} value={params.value('template')} options={facets.templates.map((tpl) => ({ value: tpl.key, label: tpl.name }))} onChange={(v) => params.set('template', v)} />
              <FilterSelect param="source" label={t('tickets.filter.source')} value={params.value('source')} options={facets.sources.map((s) => ({ value: s, label: sourceLabel(s) }))} onChange={(v) => params.set('source', v)} />
            </Flex>
          </Box>
          {problems.length > 0 && (
            <Problems problems={problems} />
          )}
          {!data ? (
            loading && (
              <Flex justifyContent="center" padding={8}>
                <Loader>{t('tickets.loading')}</Loader>
              </Flex>
            )
          ) : (
            <Flex direction="column" alignItems="stretch" gap={4} data-testid={loading ? 'dashboard-loading' : 'dashboard-ready'}>
              <KpiCards figures={data.summary.totals} format={format} onDrill={(counted) => drill(counted)} />
              <TrendChart rows={data.trend} onDay={(day, created) => drill(created ? 'created' : 'done', {}, within(bucketDays(day, 'day')))} />
              <Grid.Root gap={4}>
                <Grid.Item col={7} s={12} direction="column" alignItems="stretch">
                  <SourceChart data={data.sourceWeeks} sourceLabel={sourceLabel} onBar={(week, source) => drill('created', { source }, within(bucketDays(week, 'week')))} />
                </Grid.Item>
                <Grid.Item col={5} s={12} direction="column" alignItems="stretch">
                  <StateFunnel funnel={data.summary.funnel} onState={(state) => drill('created', { state })} />
                </Grid.Item>
              </Grid.Root>
              <RegionPanel rows={data.regions} format={format} onRegion={(row) => drill('created', { region: row.key })} />
              <AgentBoard rows={data.agents} format={format} onAgent={(row) => drill('done', { assignee: row.key })} />
            </Flex>
          )}
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};

export const App = DashboardPage;
