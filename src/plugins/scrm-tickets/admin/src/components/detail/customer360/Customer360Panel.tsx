import type { ReactNode } from 'react';
import { useIntl } from 'react-intl';
import { Link as RouterLink } from 'react-router-dom';
import { Badge, Box, Divider, Flex, Link, Typography } from '@strapi/design-system';
import { ErrorAlert } from '../../board/ErrorAlert';
import { ticketPath } from '../../tickets/TicketTable';
import { localize } from '../../tickets/types';
import { useShanghaiTime } from '../../tickets/useShanghaiTime';
import { useT } from '../../tickets/useT';
import { Section } from '../Section';
import { OpportunityDialog } from './OpportunityDialog';
import type { Customer360 } from './types';
import type { useCustomer360 } from './useCustomer360';

interface Props {
  ticket: { documentId: string; number: string; title: string };
  c360: ReturnType<typeof useCustomer360>;
  /** ticket.update: making an opportunity links it to the ticket. */
  canSell: boolean;
}

const Row = ({ label, children }: { label: string; children: ReactNode }) => (
  <Flex justifyContent="space-between" gap={2}>
    <Typography textColor="neutral600">{label}</Typography>
    <Typography textAlign="end">{children || '—'}</Typography>
  </Flex>
);

/** A part of the panel: its heading with how many there are in all. */
const Part = ({ title, total, testId, children }: { title: string; total?: number; testId: string; children: ReactNode }) => (
  <Flex direction="column" alignItems="stretch" gap={2} data-testid={testId}>
    <Divider />
    <Flex gap={2} paddingTop={2}>
      <Typography variant="sigma" textColor="neutral600">
        {title}
      </Typography>
      {total !== undefined && <Badge>{total}</Badge>}
    </Flex>
    {children}
  </Flex>
);

const None = ({ children }: { children: ReactNode }) => (
  <Typography variant="pi" textColor="neutral500">
    {children}
  </Typography>
);

/**
 * 客户 360: who raised the ticket and everything else we know of them — their other tickets (the
 * reader's regions only), orders, opportunities (商机) and their WeCom contact as WeCom has it
 * now — and 转为商机, an opportunity made from this ticket.
 */
export const Customer360Panel = ({ ticket, c360, canSell }: Props) => {
  const t = useT();
  const { locale, formatNumber } = useIntl();
  const time = useShanghaiTime();
  const yuan = (fen: number | null) => (fen === null ? '—' : `¥${formatNumber(fen / 100, { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`);
  const { panel, loadError } = c360;

  const body = (p: Customer360) => {
    const c = p.customer;
    if (!c) return <Typography textColor="neutral600">{t('detail.customer.none')}</Typography>;
    const profile = p.wecom?.profile;
    return (
      <Flex direction="column" alignItems="stretch" gap={3}>
        <Row label={t('detail.customer.name')}>{c.name}</Row>
        <Row label={t('detail.customer.mobile')}>{c.mobile}</Row>
        <Row label={t('detail.customer.email')}>{c.email}</Row>
        <Row label={t('detail.customer.address')}>{c.address}</Row>
        <Row label={t('detail.customer.vipLevel')}>{t('detail.customer.vip', { level: c.vipLevel })}</Row>
        <Row label={t('c360.region')}>{c.region?.name}</Row>
        <Row label={t('c360.tags')}>{c.tags.join('、')}</Row>
        <Row label={t('c360.since')}>{time(c.since)}</Row>

        <Part title={t('c360.wecom')} testId="c360-wecom">
          {!p.wecom ? (
            <None>{t('c360.wecom.none')}</None>
          ) : (
            <>
              {p.wecom.externalUserId && <Row label={t('c360.wecom.externalUserId')}>{p.wecom.externalUserId}</Row>}
              {p.wecom.kf && <Row label={t('c360.wecom.kf')}>{p.wecom.lastKfMessageAt ? time(p.wecom.lastKfMessageAt) : t('c360.wecom.kfLinked')}</Row>}
              {profile?.available === false && <None>{t('c360.wecom.unavailable')}</None>}
              {profile?.available && (
                <>
                  <Row label={t('c360.wecom.name')}>{[profile.name, profile.corpName].filter(Boolean).join(' @ ')}</Row>
                  {profile.followers.map((f) => (
                    <Box key={f.userId} background="neutral100" hasRadius padding={2} data-testid="c360-follower">
                      <Typography variant="pi">
                        {t('c360.wecom.follower', { member: f.userId, remark: f.remark ?? '—' })}
                        {f.addedAt ? ` · ${time(f.addedAt)}` : ''}
                      </Typography>
                      {f.tags.length > 0 && (
                        <Flex gap={1} wrap="wrap" paddingTop={1}>
                          {f.tags.map((tag) => (
                            <Badge key={tag}>{tag}</Badge>
                          ))}
                        </Flex>
                      )}
                    </Box>
                  ))}
                </>
              )}
            </>
          )}
        </Part>

        <Part title={t('c360.tickets')} total={p.tickets?.total} testId="c360-tickets">
          {p.tickets?.recent.length ? (
            p.tickets.recent.map((row) => (
              <Flex key={row.documentId} justifyContent="space-between" gap={2}>
                <Link tag={RouterLink} to={ticketPath(row.documentId)}>
                  {row.number}
                </Link>
                <Typography ellipsis>{row.title}</Typography>
                <Badge>{row.stateLabel ? localize(row.stateLabel, locale) : row.state}</Badge>
              </Flex>
            ))
          ) : (
            <None>{t('c360.tickets.none')}</None>
          )}
        </Part>

        <Part title={t('c360.orders')} total={p.orders?.total} testId="c360-orders">
          {p.orders?.recent.length ? (
            p.orders.recent.map((o) => (
              <Flex key={o.documentId} justifyContent="space-between" gap={2}>
                <Typography>
                  {o.number}
                  {p.order?.documentId === o.documentId && <Badge marginLeft={1}>{t('c360.linked')}</Badge>}
                </Typography>
                <Typography>{yuan(o.amountFen)}</Typography>
                <Typography variant="pi" textColor="neutral600">
                  {t(`c360.orderState.${o.state}`)}
                </Typography>
              </Flex>
            ))
          ) : (
            <None>{t('c360.orders.none')}</None>
          )}
        </Part>

        <Part title={t('c360.opportunities')} total={p.opportunities?.total} testId="c360-opportunities">
          {p.opportunities?.recent.map((o) => (
            <Flex key={o.documentId} justifyContent="space-between" gap={2}>
              <Typography ellipsis>
                {o.title}
                {p.opportunity?.documentId === o.documentId && <Badge marginLeft={1}>{t('c360.linked')}</Badge>}
              </Typography>
              <Typography>{yuan(o.expectedAmountFen)}</Typography>
              <Typography variant="pi" textColor="neutral600">
                {t(`c360.stage.${o.stage}`)}
              </Typography>
            </Flex>
          ))}
          {!p.opportunities?.recent.length && <None>{t('c360.opportunities.none')}</None>}
          {canSell && !p.opportunity && <OpportunityDialog ticket={ticket} create={c360.createOpportunity} />}
        </Part>
      </Flex>
    );
  };

  return (
    <Section title={t('c360.title')} testId="customer-card">
      {loadError.length > 0 && !panel && <ErrorAlert title={t('detail.loadError')} lines={loadError} testId="c360-load-error" onClose={() => {}} />}
      {panel ? body(panel) : loadError.length === 0 && <Typography textColor="neutral600">{t('detail.loading')}</Typography>}
    </Section>
  );
};
