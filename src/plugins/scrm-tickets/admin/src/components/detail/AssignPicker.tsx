import { useCallback, useEffect, useState } from 'react';
import { Button, Field, Flex, SingleSelect, SingleSelectOption } from '@strapi/design-system';
import { useT } from '../tickets/useT';
import type { Candidate, Ticket } from './types';
import type { DetailApi } from './useTicketDetail';

interface Props {
  ticket: Ticket;
  /** The team strategy's pick first. */
  candidates: Candidate[];
  busy: boolean;
  assign: DetailApi['assign'];
}

/** Who works the ticket: an agent from the candidates (load shown, the suggestion marked), or nobody. */
export const AssignPicker = ({ ticket, candidates, busy, assign }: Props) => {
  const t = useT();
  const current = ticket.assignee ? String(ticket.assignee.id) : '';
  const [choice, setChoice] = useState(current);
  // Someone assigned the ticket meanwhile (or this page did): the picker starts from who it is now.
  useEffect(() => setChoice(current), [current]);
  // As in FilterSelect: the ref reaches the trigger (the element the user clicks), which gets the hook.
  const tagTrigger = useCallback((trigger: HTMLDivElement | null) => trigger?.setAttribute('data-testid', 'assignee-select'), []);
  // The current assignee may be outside the candidates (another team's agent, assigned by hand).
  const options = [
    ...(ticket.assignee && !candidates.some((c) => c.userId === ticket.assignee!.id) ? [{ value: current, label: ticket.assignee.name }] : []),
    ...candidates.map((c) => ({
      value: String(c.userId),
      label: `${t('detail.assign.option', { name: c.name, open: c.openCount, capacity: c.capacity })}${c.suggested ? ` · ${t('detail.assign.suggested')}` : ''}`,
    })),
  ];
  return (
    <Flex gap={2} alignItems="flex-end">
      <Field.Root name="assignee" flex={1} minWidth={0}>
        <Field.Label>{t('detail.assign.label')}</Field.Label>
        <SingleSelect
          ref={tagTrigger}
          value={choice}
          placeholder={t('tickets.assignee.none')}
          onChange={(next: string | number) => setChoice(String(next))}
          onClear={() => setChoice('')}
          clearLabel={t('detail.clear')}
        >
          {options.map((o) => (
            <SingleSelectOption key={o.value} value={o.value}>
              {o.label}
            </SingleSelectOption>
          ))}
        </SingleSelect>
      </Field.Root>
      <Button size="L" shrink={0} onClick={() => assign(choice ? Number(choice) : null)} disabled={busy || choice === current} data-testid="assign">
        {t('detail.assign.submit')}
      </Button>
    </Flex>
  );
};
