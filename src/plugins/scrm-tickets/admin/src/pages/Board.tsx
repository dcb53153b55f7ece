import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Page, Layouts } from '@strapi/strapi/admin';
import { Flex, Loader } from '@strapi/design-system';
import { BoardColumns } from '../components/board/BoardColumns';
import { ErrorAlert } from '../components/board/ErrorAlert';
import { TemplatePicker } from '../components/board/TemplatePicker';
import { useBoard } from '../components/board/useBoard';
import { useWorkflow } from '../components/board/useWorkflow';
import type { BoardRow } from '../components/board/types';
import { useFacets } from '../components/tickets/useTicketList';
import { useT } from '../components/tickets/useT';

// 看板: one template's tickets in a column per workflow state. Dragging a card to another column
// asks the server for that transition; the card moves at once and goes back if the server refuses
// (no such transition, a role that may not, an unticked checklist, a stale version), saying why.

export const BoardPage = () => {
  const t = useT();
  const [searchParams, setSearchParams] = useSearchParams();
  const { templates } = useFacets();
  // Kept in the URL so that a board can be bookmarked; the first template until one is chosen.
  const template = searchParams.get('template') || templates[0]?.key || '';
  const chooseTemplate = (key: string) =>
    setSearchParams((previous) => {
      const next = new URLSearchParams(previous);
      next.set('template', key);
      return next;
    });

  const { workflow, error: workflowError } = useWorkflow(template);
  const [dragging, setDragging] = useState<BoardRow | null>(null);
  const { columns, loadError, refusal, dismissRefusal, move } = useBoard(workflow, dragging !== null);
  // The problems the user closed (the alert always has a close button); another template may load.
  const [closed, setClosed] = useState<string[] | null>(null);

  /** A drop anywhere but the card's own column asks for the transition, allowed or not. */
  const drop = (state: string) => {
    setDragging(null);
    if (dragging && dragging.state !== state) move(dragging, state);
  };

  const problems = workflowError.length > 0 ? workflowError : loadError;
  return (
    <Page.Main>
      <Page.Title>{t('board.title')}</Page.Title>
      <Layouts.Header
        title={t('board.title')}
        primaryAction={<TemplatePicker value={template} templates={templates} onChange={chooseTemplate} />}
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          {refusal.length > 0 && (
            <ErrorAlert title={t('board.refused')} lines={refusal} testId="board-error" onClose={dismissRefusal} />
          )}
          {problems.length > 0 ? (
            problems !== closed && (
              <ErrorAlert title={t('board.loadError')} lines={problems} testId="board-load-error" onClose={() => setClosed(problems)} />
            )
          ) : workflow && columns ? (
            <BoardColumns
              workflow={workflow}
              columns={columns}
              dragging={dragging}
              onDragStart={setDragging}
              onDragEnd={() => setDragging(null)}
              onDrop={drop}
            />
          ) : (
            <Flex justifyContent="center" padding={8}>
              <Loader>{t('board.loading')}</Loader>
            </Flex>
          )}
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};

/** The page behind the 看板 menu link: for admins who may read tickets. */
export const App = () => (
  <Page.Protect permissions={[{ action: 'plugin::scrm-tickets.ticket.read', subject: null }]}>
    <BoardPage />
  </Page.Protect>
);
