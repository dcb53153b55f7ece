import { useIntl } from 'react-intl';
import { Route, Routes } from 'react-router-dom';
import { Page, Layouts } from '@strapi/strapi/admin';
import { Alert, Box, Button, EmptyStateLayout, Flex, Loader, Typography } from '@strapi/design-system';
import { EmptyDocuments } from '@strapi/icons/symbols';
import { FilterBar } from '../components/tickets/FilterBar';
import { Problems } from '../components/tickets/Problems';
import { lastDay } from '../components/dashboard/drilldown';
import { TicketTable } from '../components/tickets/TicketTable';
import { ViewTabs } from '../components/tickets/ViewTabs';
import { useFacets, useTicketList, type TicketList } from '../components/tickets/useTicketList';
import { useTicketParams } from '../components/tickets/useTicketParams';
import { useT } from '../components/tickets/useT';
import { TicketDetailPage } from './TicketDetail';

// 工单列表 for agents and store managers: saved views, filters and sort kept in the URL, the
// plugin's list API read 25 at a time (cursor), refreshed every 5 s. The server applies the filters
// and the staff member's region scope; this page only shows what it answers.

/** The rows with 加载更多 under them while there are more, or the empty state. */
const Results = ({ list, loadingMore, onLoadMore }: { list: TicketList; loadingMore: boolean; onLoadMore: () => void }) => {
  const t = useT();
  if (list.rows.length === 0) {
    return <EmptyStateLayout content={t('tickets.empty')} icon={<EmptyDocuments width="16rem" />} />;
  }
  return (
    <Box>
      <TicketTable rows={list.rows} />
      {list.nextCursor && (
        <Flex justifyContent="center" paddingTop={4}>
          <Button variant="secondary" onClick={onLoadMore} loading={loadingMore} data-testid="load-more">
            {t('tickets.loadMore')}
          </Button>
        </Flex>
      )}
    </Box>
  );
};

/** 来自数据驾驶舱: what the dashboard's drill-down narrowed the list to, with the way back to all tickets. */
const Drilldown = ({ counted, from, to, onClear }: { counted: string; from: string; to: string; onClear: () => void }) => {
  const t = useT();
  return (
    <Alert variant="default" title={t('tickets.drilldown.title')} closeLabel={t('tickets.problems.close')} onClose={onClear} data-testid="drilldown">
      {t(`tickets.drilldown.${counted}`, { from, to: lastDay(to) })}
    </Alert>
  );
};

export const TicketsPage = () => {
  const t = useT();
  const { formatNumber } = useIntl();
  const params = useTicketParams();
  const facets = useFacets();
  const { list, loading, loadingMore, problems, dismissProblems, loadMore } = useTicketList(params.query);

  const total = !loading && list && `${formatNumber(list.total)}${list.totalCapped ? '+' : ''}`;

  return (
    <Page.Main>
      <Page.Title>{t('tickets.title')}</Page.Title>
      <Layouts.Header
        title={t('tickets.title')}
        subtitle={
          // Kept while loading (empty) so that the page does not shift at each filter change.
          <Typography variant="epsilon" textColor="neutral600" tag="p" data-testid={total ? 'ticket-total' : undefined}>
            {total ? t('tickets.total', { total }) : '\u00a0'}
          </Typography>
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          <ViewTabs value={params.value('view')} onChange={(view) => params.set('view', view)} />
          {params.counted && <Drilldown {...params.counted} onClear={params.clearFilters} />}
          <FilterBar
            facets={facets}
            value={params.value}
            onChange={params.set}
            onClear={params.clearFilters}
            filtered={params.filtered}
          />
          {loading ? (
            <Flex justifyContent="center" padding={8}>
              <Loader>{t('tickets.loading')}</Loader>
            </Flex>
          ) : (
            <>
              {problems.length > 0 && <Problems problems={problems} onClose={dismissProblems} />}
              {list && <Results list={list} loadingMore={loadingMore} onLoadMore={loadMore} />}
            </>
          )}
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};

/** The pages behind the 工单 menu link (the list, and each ticket under it): for admins who may read tickets. */
export const App = () => (
  <Page.Protect permissions={[{ action: 'plugin::scrm-tickets.ticket.read', subject: null }]}>
    <Routes>
      <Route index element={<TicketsPage />} />
      <Route path=":documentId" element={<TicketDetailPage />} />
    </Routes>
  </Page.Protect>
);
