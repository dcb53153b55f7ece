import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { Page, Layouts } from '@strapi/strapi/admin';
import { Flex, Grid, Loader } from '@strapi/design-system';
import { ErrorAlert } from '../components/board/ErrorAlert';
import { ActionsCard } from '../components/detail/ActionsCard';
import { Customer360Panel } from '../components/detail/customer360/Customer360Panel';
import { useCustomer360 } from '../components/detail/customer360/useCustomer360';
import { BackToList, DetailHeader } from '../components/detail/DetailHeader';
import { FieldsCard } from '../components/detail/FieldsCard';
import { useStateName } from '../components/detail/labels';
import { NotificationsTable } from '../components/detail/NotificationsTable';
import { ReplyBox } from '../components/detail/ReplyBox';
import { SlaCard } from '../components/detail/SlaCard';
import { Timeline } from '../components/detail/Timeline';
import { useTicketDetail } from '../components/detail/useTicketDetail';
import { useT } from '../components/tickets/useT';

// 工单详情: one ticket for the agent working it. Its fields (editable), what the reader may do
// now (transitions, checklist, approval, assignment), the SLA, the timeline with the reply box,
// the notifications it caused and its customer's 360° view. The server decides every action and says why it
// refuses; the page reads the ticket again after each one and every 10 s.

const TicketDetail = ({ documentId }: { documentId: string }) => {
  const t = useT();
  const [editing, setEditing] = useState(false);
  const api = useTicketDetail(documentId, editing);
  const { detail, loadError } = api;
  const stateName = useStateName(detail?.template ?? null);
  const [loadErrorClosed, setLoadErrorClosed] = useState(false);
  const c360 = useCustomer360(documentId, detail?.ticket.version, api.reload);

  if (!detail) {
    return (
      <Page.Main>
        <Page.Title>{t('tickets.title')}</Page.Title>
        <Layouts.Header navigationAction={<BackToList />} title={t('tickets.title')} />
        <Layouts.Content>
          {loadError.length > 0 ? (
            !loadErrorClosed && (
              <ErrorAlert title={t('detail.loadError')} lines={loadError} testId="detail-load-error" onClose={() => setLoadErrorClosed(true)} />
            )
          ) : (
            <Flex justifyContent="center" padding={8}>
              <Loader>{t('detail.loading')}</Loader>
            </Flex>
          )}
        </Layouts.Content>
      </Page.Main>
    );
  }

  const { ticket, template } = detail;
  return (
    <Page.Main>
      <Page.Title>{`${ticket.number} ${ticket.title}`}</Page.Title>
      <DetailHeader ticket={ticket} template={template} stateName={stateName} />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          {api.refusal.length > 0 && (
            <ErrorAlert title={t('detail.refused')} lines={api.refusal} testId="detail-error" onClose={api.dismissRefusal} />
          )}
          <Grid.Root gap={4}>
            <Grid.Item col={8} s={12} direction="column" alignItems="stretch" gap={4}>
              <FieldsCard ticket={ticket} template={template} busy={api.busy} editable={detail.can.update} update={api.update} onEditingChange={setEditing} />
              <Timeline detail={detail} />
              {detail.can.update && <ReplyBox busy={api.busy} comment={api.comment} />}
              <NotificationsTable notifications={detail.notifications} />
            </Grid.Item>
            <Grid.Item col={4} s={12} direction="column" alignItems="stretch" gap={4}>
              <ActionsCard detail={detail} api={api} stateName={stateName} />
              <SlaCard ticket={ticket} />
              <Customer360Panel ticket={{ documentId, number: ticket.number, title: ticket.title }} c360={c360} canSell={detail.can.update} />
            </Grid.Item>
          </Grid.Root>
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};

/** The route `plugins/scrm-tickets/tickets/:documentId`. Keyed by the ticket, so that opening another starts afresh (no draft, reply or choice carried over). */
export const TicketDetailPage = () => {
  const { documentId = '' } = useParams();
  return <TicketDetail key={documentId} documentId={documentId} />;
};
