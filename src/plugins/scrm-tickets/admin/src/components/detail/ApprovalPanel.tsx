import { useState, type ChangeEvent } from 'react';
import { useIntl } from 'react-intl';
import { Button, Field, Flex, Textarea, Typography } from '@strapi/design-system';
import { Check, Cross } from '@strapi/icons';
import { localize } from '../tickets/types';
import { useT } from '../tickets/useT';
import type { Approval } from './types';
import type { DetailApi } from './useTicketDetail';

interface Props {
  approval: Approval;
  stateName: (key: string) => string;
  busy: boolean;
  decide: DetailApi['decide'];
}

/**
 * The move waiting for approval and the level that decides now. Anyone may press the buttons: the
 * server knows the reader's roles and says so when the level is not theirs.
 */
export const ApprovalPanel = ({ approval, stateName, busy, decide }: Props) => {
  const t = useT();
  const { locale } = useIntl();
  const [reason, setReason] = useState('');
  const level = approval.levels[approval.current];
  const submit = async (decision: 'approve' | 'reject') => {
    if (!(await decide(decision, reason.trim()))) setReason('');
  };
  return (
    <Flex direction="column" alignItems="stretch" gap={3}>
      <Typography>{t('detail.approval.move', { from: stateName(approval.from), to: stateName(approval.to) })}</Typography>
      {level && (
        <Flex direction="column" alignItems="flex-start" gap={1}>
          <Typography fontWeight="bold">{t('detail.approval.level', { label: localize(level.label, locale) })}</Typography>
          <Typography variant="pi" textColor="neutral600">
            {t('detail.approval.roles', { roles: level.roles.join('、') })}
          </Typography>
        </Flex>
      )}
      <Field.Root name="reason" hint={t('detail.approval.reasonHint')}>
        <Field.Label>{t('detail.approval.reason')}</Field.Label>
        <Textarea value={reason} onChange={(e: ChangeEvent<HTMLTextAreaElement>) => setReason(e.target.value)} />
        <Field.Hint />
      </Field.Root>
      <Flex gap={2}>
        <Button startIcon={<Check />} onClick={() => submit('approve')} disabled={busy} data-testid="approve">
          {t('detail.approval.approve')}
        </Button>
        {/* The server asks a rejection for its reason. */}
        <Button
          variant="danger-light"
          startIcon={<Cross />}
          onClick={() => submit('reject')}
          disabled={busy || reason.trim() === ''}
          data-testid="reject"
        >
          {t('detail.approval.reject')}
        </Button>
      </Flex>
    </Flex>
  );
};
