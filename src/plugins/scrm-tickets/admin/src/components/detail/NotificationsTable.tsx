import { Badge, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { useShanghaiTime } from '../tickets/useShanghaiTime';
import { useT } from '../tickets/useT';
import { useLabel } from './labels';
import { Section } from './Section';
import type { Notification } from './types';

const COLUMNS = ['textKey', 'channel', 'audience', 'status', 'attempts', 'lastError', 'sentAt'];
const STATUS_BADGE: Record<string, 'success' | 'danger' | 'secondary'> = { sent: 'success', dead: 'danger' };

/** The messages this ticket caused (to the customer, to staff) and how their delivery went. */
export const NotificationsTable = ({ notifications }: { notifications: Notification[] }) => {
  const t = useT();
  const label = useLabel();
  const time = useShanghaiTime();
  return (
    <Section title={t('detail.notifications')}>
      {notifications.length === 0 ? (
        <Typography textColor="neutral600">{t('detail.notifications.empty')}</Typography>
      ) : (
        <Table colCount={COLUMNS.length} rowCount={notifications.length + 1}>
          <Thead>
            <Tr>
              {COLUMNS.map((column) => (
                <Th key={column}>
                  <Typography variant="sigma">{t(`detail.notifications.${column}`)}</Typography>
                </Th>
              ))}
            </Tr>
          </Thead>
          <Tbody>
            {notifications.map((n) => (
              <Tr key={n.documentId} data-testid="notification-row">
                <Td>
                  <Typography>{n.textKey}</Typography>
                </Td>
                <Td>
                  <Typography>{n.channel ? label(`detail.channel.${n.channel}`, n.channel) : '—'}</Typography>
                </Td>
                <Td>
                  <Typography>{label(`detail.audience.${n.audience}`, n.audience)}</Typography>
                </Td>
                <Td>
                  <Badge variant={STATUS_BADGE[n.status] ?? 'secondary'}>{label(`detail.status.${n.status}`, n.status)}</Badge>
                </Td>
                <Td>
                  <Typography>{n.attempts}</Typography>
                </Td>
                <Td>
                  <Typography textColor="danger600" style={{ wordBreak: 'break-word' }}>
                    {n.lastError ?? ''}
                  </Typography>
                </Td>
                <Td>
                  <Typography>{n.sentAt ? time(n.sentAt) : '—'}</Typography>
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
    </Section>
  );
};
