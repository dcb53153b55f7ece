import type { DragEvent } from 'react';
import { useIntl } from 'react-intl';
import { Badge, Box, Flex, Typography } from '@strapi/design-system';
import { localize, type LocalizedLabel } from '../tickets/types';
import { useT } from '../tickets/useT';
import { BoardCard } from './BoardCard';
import type { BoardRow, Column } from './types';

interface Props {
  state: { key: string; label: LocalizedLabel };
  column: Column;
  /** A card is being dragged: whether the workflow leads from its state to this one. */
  allowed: boolean;
  /** Whether a card of this board is being dragged (not a file or a link from elsewhere). */
  dragging: boolean;
  time: (iso: string) => string;
  onDragStart: (row: BoardRow) => void;
  onDragEnd: () => void;
  onDrop: (state: string) => void;
}

/**
 * A workflow state: its label, how many tickets are in it, their cards. Every column takes a drop,
 * the ones the workflow allows are only highlighted: the server decides, and says why it refuses.
 */
export const BoardColumn = ({ state, column, allowed, dragging, time, onDragStart, onDragEnd, onDrop }: Props) => {
  const t = useT();
  const { locale, formatNumber } = useIntl();
  const accept = (event: DragEvent) => {
    if (!dragging) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'move';
  };
  const drop = (event: DragEvent) => {
    event.preventDefault();
    onDrop(state.key);
  };
  return (
    // The highlight changes colours only: a change of size under the pointer could end the drag.
    <Box
      data-testid="board-column"
      data-state={state.key}
      data-allowed={allowed || undefined}
      onDragOver={accept}
      onDrop={drop}
      width="28rem"
      shrink={0}
      minHeight="40rem"
      padding={3}
      hasRadius
      background={allowed ? 'primary100' : 'neutral100'}
      borderColor={allowed ? 'primary500' : 'neutral200'}
      borderStyle={allowed ? 'dashed' : 'solid'}
      borderWidth="1px"
    >
      <Flex justifyContent="space-between" gap={2} paddingBottom={3}>
        <Typography variant="delta" tag="h2" ellipsis>
          {localize(state.label, locale)}
        </Typography>
        <Badge data-testid="column-count">{`${formatNumber(column.total)}${column.totalCapped ? '+' : ''}`}</Badge>
      </Flex>
      {column.rows.length === 0 ? (
        <Box padding={6}>
          <Typography textColor="neutral600" textAlign="center" display="block">
            {t('board.empty')}
          </Typography>
        </Box>
      ) : (
        <Flex direction="column" alignItems="stretch" gap={2}>
          {column.rows.map((row) => (
            <BoardCard key={row.documentId} row={row} time={time} onDragStart={onDragStart} onDragEnd={onDragEnd} />
          ))}
        </Flex>
      )}
    </Box>
  );
};
