import type { DragEvent, MouseEvent } from 'react';
import { Link as RouterLink, useNavigate } from 'react-router-dom';
import { Badge, Box, Flex, Link, Typography } from '@strapi/design-system';
import { PRIORITY_BADGE, ticketPath } from '../tickets/TicketTable';
import { useT } from '../tickets/useT';
import type { BoardRow } from './types';

interface Props {
  row: BoardRow;
  /** The due time as the service team reads it (Shanghai time). */
  time: (iso: string) => string;
  onDragStart: (row: BoardRow) => void;
  onDragEnd: () => void;
}

/** One ticket: dragged to another column to move it along the workflow, clicked to open it. */
export const BoardCard = ({ row, time, onDragStart, onDragEnd }: Props) => {
  const t = useT();
  const navigate = useNavigate();
  const startDrag = (event: DragEvent) => {
    // Firefox starts no drag without data; the board itself keeps the dragged row in its state.
    event.dataTransfer.setData('text/plain', row.number);
    event.dataTransfer.effectAllowed = 'move';
    onDragStart(row);
  };
  return (
    <Box
      data-testid="board-card"
      data-number={row.number}
      draggable
      onDragStart={startDrag}
      onDragEnd={onDragEnd}
      onClick={() => navigate(ticketPath(row.documentId))}
      cursor="grab"
      background="neutral0"
      padding={3}
      hasRadius
      shadow="tableShadow"
    >
      <Flex direction="column" alignItems="stretch" gap={2}>
        <Flex justifyContent="space-between" gap={2}>
          {/* A link too, for the keyboard and new tabs; not draggable itself, so a drag from it moves the card. */}
          <Link
            tag={RouterLink}
            to={ticketPath(row.documentId)}
            draggable={false}
            onClick={(event: MouseEvent) => event.stopPropagation()}
          >
            {row.number}
          </Link>
          <Badge variant={PRIORITY_BADGE[row.priority]}>{t(`tickets.priority.${row.priority}`)}</Badge>
        </Flex>
        <Typography fontWeight="bold" ellipsis>
          {row.title}
        </Typography>
        <Typography variant="pi" textColor="neutral600">
          {t('board.card.assignee', { name: row.assignee?.name ?? t('tickets.assignee.none') })}
        </Typography>
        {row.customer && (
          <Typography variant="pi" textColor="neutral600">
            {t('board.card.customer', { name: row.customer.name })}
          </Typography>
        )}
        {row.resolutionDueAt && (
          <Flex gap={2}>
            <Typography variant="pi" textColor="neutral600">
              {t('board.card.due', { time: time(row.resolutionDueAt) })}
            </Typography>
            {row.slaRisk && (
              <Badge variant={row.slaRisk === 'breached' ? 'danger' : 'warning'}>{t(`tickets.slaBadge.${row.slaRisk}`)}</Badge>
            )}
          </Flex>
        )}
      </Flex>
    </Box>
  );
};
