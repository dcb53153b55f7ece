import type { ReactNode } from 'react';
import { Badge, Flex, Typography } from '@strapi/design-system';
import type { SlaRisk } from '../tickets/types';
import { useShanghaiTime } from '../tickets/useShanghaiTime';
import { useT } from '../tickets/useT';
import { Section } from './Section';
import type { Ticket } from './types';

/** As the list's 即将超时: due within the hour. */
const DUE_SOON_MS = 3_600_000;

const riskOf = (due: string, now: number): SlaRisk | null => {
  const left = Date.parse(due) - now;
  return left < 0 ? 'breached' : left < DUE_SOON_MS ? 'due_soon' : null;
};

const Row = ({ label, children }: { label: string; children: ReactNode }) => (
  <Flex justifyContent="space-between" alignItems="flex-start" gap={2}>
    <Typography textColor="neutral600">{label}</Typography>
    <Flex direction="column" alignItems="flex-end" gap={1}>
      {children}
    </Flex>
  </Flex>
);

/**
 * The ticket's clocks: each due time, when it was met, and a badge on the ones still running that
 * are late or due within the hour. Read at each render, which the page's refresh brings every 10 s.
 */
export const SlaCard = ({ ticket }: { ticket: Ticket }) => {
  const t = useT();
  const time = useShanghaiTime();
  const now = Date.now();
  // `met` stops a clock; the time it was met is shown where the ticket records one.
  const clocks = [
    { key: 'firstResponseDueAt', due: ticket.firstResponseDueAt, met: ticket.firstRespondedAt, metLabel: 'detail.sla.responded' },
    { key: 'nextReplyDueAt', due: ticket.nextReplyDueAt, met: ticket.resolvedAt, metLabel: null },
    { key: 'resolutionDueAt', due: ticket.resolutionDueAt, met: ticket.resolvedAt, metLabel: 'detail.sla.resolved' },
  ];
  const result = ticket.slaMet === null ? 'running' : ticket.slaMet ? 'met' : 'missed';
  return (
    <Section title={t('detail.sla')}>
      <Flex direction="column" alignItems="stretch" gap={3}>
        {clocks.map(({ key, due, met, metLabel }) => {
          const risk = due && !met && !ticket.closedAt ? riskOf(due, now) : null;
          return (
            <Row key={key} label={t(`detail.sla.${key}`)}>
              <Flex gap={2}>
                <Typography>{due ? time(due) : '—'}</Typography>
                {risk && <Badge variant={risk === 'breached' ? 'danger' : 'warning'}>{t(`tickets.slaBadge.${risk}`)}</Badge>}
              </Flex>
              {due && met && metLabel && (
                <Typography variant="pi" textColor="success600">
                  {t(metLabel, { time: time(met) })}
                </Typography>
              )}
            </Row>
          );
        })}
        {ticket.slaPausedAt && (
          <Row label={t('detail.sla.pausedAt')}>
            <Typography>{time(ticket.slaPausedAt)}</Typography>
          </Row>
        )}
        <Row label={t('detail.sla.result')}>
          <Badge variant={result === 'met' ? 'success' : result === 'missed' ? 'danger' : 'neutral'}>{t(`detail.sla.${result}`)}</Badge>
        </Row>
      </Flex>
    </Section>
  );
};
