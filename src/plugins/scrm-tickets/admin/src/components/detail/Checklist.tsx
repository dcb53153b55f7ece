import { useIntl } from 'react-intl';
import { Checkbox, Flex } from '@strapi/design-system';
import { localize } from '../tickets/types';
import type { ChecklistItem, Ticket } from './types';
import type { DetailApi } from './useTicketDetail';

interface Props {
  ticket: Ticket;
  /** The current state's items. */
  items: ChecklistItem[];
  busy: boolean;
  update: DetailApi['update'];
}

/**
 * The current state's checklist; each tick is saved at once. The other states' ticks are sent
 * back as they are, so that a ticket returning to a state finds its items still ticked.
 */
export const Checklist = ({ ticket, items, busy, update }: Props) => {
  const { locale } = useIntl();
  const ticked = new Set(ticket.checklist?.[ticket.state] ?? []);
  const tick = (key: string, on: boolean) => {
    const keys = items.filter((i) => (i.key === key ? on : ticked.has(i.key))).map((i) => i.key);
    update({ version: ticket.version, checklist: { ...ticket.checklist, [ticket.state]: keys } });
  };
  return (
    <Flex direction="column" alignItems="flex-start" gap={2}>
      {items.map((item) => (
        <Checkbox
          key={item.key}
          name={`checklist.${item.key}`}
          checked={ticked.has(item.key)}
          disabled={busy}
          onCheckedChange={(checked) => tick(item.key, checked === true)}
        >
          {localize(item.label, locale)}
        </Checkbox>
      ))}
    </Flex>
  );
};
