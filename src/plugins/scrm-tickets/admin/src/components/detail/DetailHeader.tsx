import { useIntl } from 'react-intl';
import { Link as RouterLink } from 'react-router-dom';
import { BackButton, Layouts } from '@strapi/strapi/admin';
import { Badge, Flex, LinkButton, Typography } from '@strapi/design-system';
import { ExternalLink } from '@strapi/icons';
import { PLUGIN_ID } from '../../pluginId';
import { PRIORITY_BADGE } from '../tickets/TicketTable';
import { localize } from '../tickets/types';
import { useShanghaiTime } from '../tickets/useShanghaiTime';
import { useT } from '../tickets/useT';
import type { Template, Ticket } from './types';

/** Admin routes are relative to the admin's base path (/admin). */
const LIST_PATH = `/plugins/${PLUGIN_ID}/tickets`;
/** 返回: to wherever the user came from; the list (whose filters are in its URL) on a page opened directly. */
export const BackToList = () => <BackButton fallback={LIST_PATH} />;

const contentManagerPath = (documentId: string) => `/content-manager/collection-types/plugin::${PLUGIN_ID}.ticket/${documentId}`;

interface Props {
  ticket: Ticket;
  template: Template | null;
  stateName: (key: string) => string;
}

/** Title, number, state and priority, with 返回 and the Content Manager's view for what this page does not edit. */
export const DetailHeader = ({ ticket, template, stateName }: Props) => {
  const t = useT();
  const { locale } = useIntl();
  const time = useShanghaiTime();
  return (
    <Layouts.Header
      navigationAction={<BackToList />}
      title={ticket.title}
      subtitle={
        <Flex gap={2} wrap="wrap">
          <Typography variant="epsilon" fontWeight="bold" data-testid="detail-number">
            {ticket.number}
          </Typography>
          <Typography variant="epsilon" textColor="neutral600">
            {[template?.name, t('detail.createdAt', { time: time(ticket.createdAt) })].filter(Boolean).join(' · ')}
          </Typography>
        </Flex>
      }
      secondaryAction={
        <Flex gap={2}>
          <Badge variant={ticket.closedAt ? 'neutral' : 'primary'} data-testid="detail-state">
            {ticket.stateLabel ? localize(ticket.stateLabel, locale) : stateName(ticket.state)}
          </Badge>
          <Badge variant={PRIORITY_BADGE[ticket.priority]}>{t(`tickets.priority.${ticket.priority}`)}</Badge>
        </Flex>
      }
      primaryAction={
        <LinkButton tag={RouterLink} to={contentManagerPath(ticket.documentId)} variant="secondary" startIcon={<ExternalLink />}>
          {t('detail.openInContentManager')}
        </LinkButton>
      }
    />
  );
};
