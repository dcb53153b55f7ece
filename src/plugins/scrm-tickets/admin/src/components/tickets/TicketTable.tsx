import { type MouseEvent } from 'react';
import { useIntl } from 'react-intl';
import { Link as RouterLink, useNavigate } from 'react-router-dom';
import { Badge, Box, Flex, Link, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { PLUGIN_ID } from '../../pluginId';
import { localize, type Priority, type TicketRow } from './types';
import { useT } from './useT';
import { useShanghaiTime } from './useShanghaiTime';

const COLUMNS = ['number', 'title', 'state', 'priority', 'template', 'region', 'assignee', 'customer', 'createdAt', 'resolutionDueAt'];
export const PRIORITY_BADGE: Record<Priority, 'danger' | 'warning' | 'neutral'> = {
  urgent: 'danger',
  high: 'warning',
  normal: 'neutral',
  low: 'neutral',
};

/** The ticket's detail page; admin routes are relative to the admin's base path (/admin). */
export const ticketPath = (documentId: string) => `/plugins/${PLUGIN_ID}/tickets/${documentId}`;

const Muted = ({ children }: { children: string }) => <Typography textColor="neutral600">{children}</Typography>;

export const TicketTable = ({ rows }: { rows: TicketRow[] }) => {
  const t = useT();
  const { locale } = useIntl();
  const navigate = useNavigate();
  const time = useShanghaiTime();

  return (
    <Table colCount={COLUMNS.length} rowCount={rows.length + 1}>
      <Thead>
        <Tr>
          {COLUMNS.map((column) => (
            <Th key={column}>
              <Typography variant="sigma">{t(`tickets.column.${column}`)}</Typography>
            </Th>
          ))}
        </Tr>
      </Thead>
      <Tbody>
        {rows.map((row) => (
          // The whole row opens the ticket; the number is also a link, for the keyboard and new tabs.
          <Tr
            key={row.documentId}
            data-testid="ticket-row"
            data-number={row.number}
            cursor="pointer"
            onClick={() => navigate(ticketPath(row.documentId))}
          >
            <Td>
              <Link tag={RouterLink} to={ticketPath(row.documentId)} onClick={(event: MouseEvent) => event.stopPropagation()}>
                {row.number}
              </Link>
            </Td>
            <Td>
              <Box maxWidth="32rem">
                <Typography ellipsis>{row.title}</Typography>
              </Box>
            </Td>
            <Td>
              <Badge variant={row.closedAt ? 'neutral' : 'primary'}>
                {row.stateLabel ? localize(row.stateLabel, locale) : row.state}
              </Badge>
            </Td>
            <Td>
              <Badge variant={PRIORITY_BADGE[row.priority]}>{t(`tickets.priority.${row.priority}`)}</Badge>
            </Td>
            <Td>{row.template ? <Typography>{row.template.name}</Typography> : <Muted>—</Muted>}</Td>
            <Td>{row.region ? <Typography>{row.region.name}</Typography> : <Muted>—</Muted>}</Td>
            <Td>{row.assignee ? <Typography>{row.assignee.name}</Typography> : <Muted>{t('tickets.assignee.none')}</Muted>}</Td>
            <Td>
              {row.customer ? (
                <Flex direction="column" alignItems="flex-start">
                  <Typography>{row.customer.name}</Typography>
                  <Typography variant="pi" textColor="neutral600">{row.customer.mobile}</Typography>
                </Flex>
              ) : (
                <Muted>—</Muted>
              )}
            </Td>
            <Td>
              <Typography>{time(row.createdAt)}</Typography>
            </Td>
            <Td>
              <Flex gap={2}>
                {row.resolutionDueAt ? <Typography>{time(row.resolutionDueAt)}</Typography> : <Muted>—</Muted>}
                {row.slaRisk && (
                  <Badge variant={row.slaRisk === 'breached' ? 'danger' : 'warning'}>{t(`tickets.slaBadge.${row.slaRisk}`)}</Badge>
                )}
              </Flex>
            </Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
};
