import { useDroppable } from '@dnd-kit/core';
import { SortableContext, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { Badge, Box, Flex, IconButton, Typography } from '@strapi/design-system';
import { Drag, Trash } from '@strapi/icons';
import { useT } from '../tickets/useT';
import type { Draft, Problem } from './model';

/** The list's drop target id. */
export const LIST_ID = 'designer-list';

interface CardProps {
  /** The drag id: it stays with the field as fields move (keys change while typed). */
  id: string;
  index: number;
  draft: Draft;
  problems: Problem[];
  selected: boolean;
  disabled?: boolean;
  onSelect: () => void;
  onRemove: () => void;
}

const Card = ({ id, index, draft, problems, selected, disabled, onSelect, onRemove }: CardProps) => {
  const t = useT();
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({ id, disabled });
  const label = draft?.label?.['zh-Hans'] || draft?.label?.en || t('designer.untitled');
  return (
    <Box
      ref={setNodeRef}
      style={{
        transform: CSS.Transform.toString(transform),
        transition,
        opacity: isDragging ? 0.6 : 1,
      }}
      background={selected ? 'primary100' : 'neutral0'}
      borderColor={problems.length ? 'danger600' : selected ? 'primary600' : 'neutral200'}
      borderStyle="solid"
      borderWidth="1px"
      hasRadius
      padding={2}
      data-testid={`designer-field-${index}`}
      data-key={draft?.key ?? ''}
    >
      <Flex gap={2}>
        <Box
          {...attributes}
          {...listeners}
          style={{ cursor: disabled ? 'default' : 'grab', touchAction: 'none' }}
          aria-label={t('designer.drag')}
          data-testid={`designer-drag-${index}`}
        >
          <Drag />
        </Box>
        <Box flex={1} minWidth={0} onClick={onSelect} style={{ cursor: 'pointer' }} data-testid={`designer-select-${index}`}>
          <Typography fontWeight="bold" ellipsis>
            {label}
            {draft?.required ? ' *' : ''}
          </Typography>
          <Typography variant="pi" textColor="neutral600" tag="p" ellipsis>
            {t(`designer.type.${draft?.type}`)} · {draft?.key}
            {draft?.visibleWhen ? ` · ${t('designer.conditional')}` : ''}
          </Typography>
        </Box>
        {problems.length > 0 && (
          <Badge backgroundColor="danger100" textColor="danger700" data-testid={`designer-problems-${index}`}>
            {problems.length}
          </Badge>
        )}
        <IconButton label={t('designer.remove')} variant="ghost" disabled={disabled} onClick={onRemove} data-testid={`designer-remove-${index}`}>
          <Trash />
        </IconButton>
      </Flex>
    </Box>
  );
};

/** The template's fields in their order: drag to reorder, click to edit, the bin to remove. */
export const FieldList = ({
  defs,
  ids,
  problems,
  selected,
  disabled,
  onSelect,
  onRemove,
}: {
  defs: Draft[];
  /** Each field's drag id. */
  ids: string[];
  problems: Map<number, Problem[]>;
  selected: number;
  disabled?: boolean;
  onSelect: (index: number) => void;
  onRemove: (index: number) => void;
}) => {
  const t = useT();
  const { setNodeRef, isOver } = useDroppable({ id: LIST_ID });
  return (
    <Flex
      ref={setNodeRef}
      direction="column"
      alignItems="stretch"
      gap={2}
      flex={1}
      minWidth="16rem"
      padding={2}
      hasRadius
      background={isOver ? 'primary100' : 'neutral100'}
      data-testid="designer-list"
    >
      <SortableContext items={ids} strategy={verticalListSortingStrategy}>
        {defs.map((draft, i) => (
          <Card
            key={ids[i]}
            id={ids[i]}
            index={i}
            draft={draft}
            problems={problems.get(i) ?? []}
            selected={i === selected}
            disabled={disabled}
            onSelect={() => onSelect(i)}
            onRemove={() => onRemove(i)}
          />
        ))}
      </SortableContext>
      {defs.length === 0 && (
        <Typography textColor="neutral600" textAlign="center" padding={4}>
          {t('designer.empty')}
        </Typography>
      )}
    </Flex>
  );
};
