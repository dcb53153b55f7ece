import type { ReactNode } from 'react';
import { Divider, Flex, Typography } from '@strapi/design-system';
import { useT } from '../tickets/useT';
import { ApprovalPanel } from './ApprovalPanel';
import { AssignPicker } from './AssignPicker';
import { Checklist } from './Checklist';
import { Section } from './Section';
import { TransitionButtons } from './TransitionButtons';
import type { Detail } from './types';
import type { DetailApi } from './useTicketDetail';

interface Props {
  detail: Detail;
  api: DetailApi;
  stateName: (key: string) => string;
}

const Part = ({ title, children }: { title: string; children: ReactNode }) => (
  <Flex direction="column" alignItems="stretch" gap={3}>
    <Divider />
    <Typography variant="sigma" textColor="neutral600" tag="h3">
      {title}
    </Typography>
    {children}
  </Flex>
);

/** What the reader can do now: move the ticket, tick its checklist, decide its approval, assign it. */
export const ActionsCard = ({ detail, api, stateName }: Props) => {
  const t = useT();
  const { ticket, template, transitions, candidates } = detail;
  const checklist = template?.states.find((s) => s.key === ticket.state)?.checklist ?? [];
  const { can } = detail;
  const approving = can.approve && ticket.approvalState === 'pending' && ticket.approval;
  return (
    <Section title={t('detail.actions')}>
      <Flex direction="column" alignItems="stretch" gap={4}>
        {can.transition && <TransitionButtons transitions={transitions} checklist={checklist} busy={api.busy} onTransition={api.transition} />}
        {checklist.length > 0 && (
          <Part title={t('detail.checklist')}>
            <Checklist ticket={ticket} items={checklist} busy={api.busy || !can.update} update={api.update} />
          </Part>
        )}
        {approving && (
          <Part title={t('detail.approval')}>
            <ApprovalPanel approval={ticket.approval!} stateName={stateName} busy={api.busy} decide={api.decide} />
          </Part>
        )}
        {can.assign && (
          <Part title={t('detail.assign')}>
            <AssignPicker ticket={ticket} candidates={candidates} busy={api.busy} assign={api.assign} />
          </Part>
        )}
        {!can.transition && !can.update && !approving && !can.assign && (
          <Typography textColor="neutral600" data-testid="read-only">
            {t('detail.readOnly')}
          </Typography>
        )}
      </Flex>
    </Section>
  );
};
