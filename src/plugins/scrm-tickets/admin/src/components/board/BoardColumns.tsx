import { useMemo } from 'react';
import { Flex } from '@strapi/design-system';
import { BoardColumn } from './BoardColumn';
import { reachable, type BoardRow, type Columns, type Workflow } from './types';
import { useShanghaiTime } from '../tickets/useShanghaiTime';

interface Props {
  workflow: Workflow;
  columns: Columns;
  /** The card being dragged, if any. */
  dragging: BoardRow | null;
  onDragStart: (row: BoardRow) => void;
  onDragEnd: () => void;
  onDrop: (state: string) => void;
}

/** The workflow's states side by side, in its order, scrolling sideways when they do not fit. */
export const BoardColumns = ({ workflow, columns, dragging, onDragStart, onDragEnd, onDrop }: Props) => {
  const time = useShanghaiTime();
  const targets = useMemo(() => (dragging ? reachable(workflow, dragging.state) : new Set<string>()), [workflow, dragging]);
  return (
    <Flex gap={4} alignItems="flex-start" overflow="auto" paddingBottom={4}>
      {workflow.states.map((state) => (
        <BoardColumn
          key={state.key}
          state={state}
          column={columns[state.key]}
          allowed={targets.has(state.key)}
          dragging={dragging !== null}
          time={time}
          onDragStart={onDragStart}
          onDragEnd={onDragEnd}
          onDrop={onDrop}
        />
      ))}
    </Flex>
  );
};
