import { Flex, Typography } from '@strapi/design-system';
import { useT } from '../tickets/useT';
import { Section } from './Section';
import type { Ticket } from './types';

/** Who raised the ticket: the start of the customer's 360° view. */
export const CustomerCard = ({ customer }: { customer: Ticket['customer'] }) => {
  const t = useT();
  const rows: [string, string | null][] | null = customer && [
    ['name', customer.name],
    ['mobile', customer.mobile],
    ['email', customer.email],
    ['vipLevel', customer.vipLevel === null ? null : t('detail.customer.vip', { level: customer.vipLevel })],
  ];
  return (
    <Section title={t('detail.customer')} testId="customer-card">
      {rows ? (
        <Flex direction="column" alignItems="stretch" gap={3}>
          {rows.map(([field, value]) => (
            <Flex key={field} justifyContent="space-between" gap={2}>
              <Typography textColor="neutral600">{t(`detail.customer.${field}`)}</Typography>
              <Typography>{value || '—'}</Typography>
            </Flex>
          ))}
        </Flex>
      ) : (
        <Typography textColor="neutral600">{t('detail.customer.none')}</Typography>
      )}
    </Section>
  );
};
