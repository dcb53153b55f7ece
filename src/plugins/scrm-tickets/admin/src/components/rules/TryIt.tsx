import { useState, type ChangeEvent } from 'react';
import { Box, Button, Flex, TextInput, Typography } from '@strapi/design-system';
import { Play } from '@strapi/icons';
import { useT } from '../tickets/useT';
import type { Tried } from './useTryRule';

interface Props {
  tried: Tried | null;
  errors: string[];
  busy: boolean;
  disabled?: boolean;
  onRun: (ticket: string) => void;
}

/** "Try it": a ticket's number, the verdict of the rule on it, and what the rule would change. */
export const TryIt = ({ tried, errors, busy, disabled, onRun }: Props) => {
  const t = useT();
  const [ticket, setTicket] = useState('');
  const outcome = tried?.outcome;
  return (
    <Box padding={3} hasRadius background="primary100" data-testid="rules-try">
      <Flex direction="column" alignItems="stretch" gap={2}>
        <Typography variant="pi" fontWeight="bold">
          {t('rules.try.title')}
        </Typography>
        <Flex gap={2}>
          <TextInput
            aria-label={t('rules.try.ticket')}
            placeholder={t('rules.try.ticket')}
            value={ticket}
            data-testid="rules-try-ticket"
            onChange={(e: ChangeEvent<HTMLInputElement>) => setTicket(e.target.value)}
          />
          <Button startIcon={<Play />} loading={busy} disabled={disabled || !ticket.trim()} data-testid="rules-try-run" onClick={() => onRun(ticket)}>
            {t('rules.try.run')}
          </Button>
        </Flex>
        {errors.map((e, i) => (
          <Typography key={i} variant="pi" textColor="danger600" data-testid="rules-try-error">
            {e}
          </Typography>
        ))}
        {tried && (
          <Flex direction="column" alignItems="stretch" gap={1} data-testid="rules-try-result" data-matched={String(tried.matched)}>
            <Typography fontWeight="bold" textColor={tried.matched ? 'success700' : 'neutral700'}>
              {t(tried.matched ? 'rules.try.matched' : 'rules.try.unmatched', { number: tried.ticket.number, title: tried.ticket.title })}
            </Typography>
            {outcome && (
              <Typography variant="pi" data-testid="rules-try-outcome">
                {[
                  outcome.priority !== tried.ticket.priority &&
                    t('rules.try.priority', { from: t(`tickets.priority.${tried.ticket.priority}`), to: t(`tickets.priority.${outcome.priority}`) }),
                  outcome.tags.length !== tried.ticket.tags.length && t('rules.try.tags', { tags: outcome.tags.join('、') }),
                  outcome.team !== tried.ticket.team && t('rules.try.team', { team: outcome.team ?? '—' }),
                  outcome.requiredApproval && t('rules.try.approval', { policy: outcome.requiredApproval }),
                  outcome.notify.length > 0 && t('rules.try.notify', { n: outcome.notify.length }),
                ]
                  .filter(Boolean)
                  .join('；') || t('rules.try.noChange')}
              </Typography>
            )}
          </Flex>
        )}
      </Flex>
    </Box>
  );
};
