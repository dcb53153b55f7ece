import { useDraggable } from '@dnd-kit/core';
import { Box, Button, Flex, Typography } from '@strapi/design-system';
import { Plus } from '@strapi/icons';
import { useT } from '../tickets/useT';
import { FIELD_TYPES, type FieldType } from './model';

/** The palette's drag id of a field type (the list tells these from its own items). */
export const paletteId = (type: FieldType) => `palette:${type}`;

const Item = ({ type, onAdd, disabled }: { type: FieldType; onAdd: (type: FieldType) => void; disabled?: boolean }) => {
  const t = useT();
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({
    id: paletteId(type),
    disabled,
  });
  return (
    <Box ref={setNodeRef} style={{ opacity: isDragging ? 0.5 : 1, touchAction: 'none' }} {...attributes} {...listeners}>
      <Button variant="tertiary" size="S" fullWidth startIcon={<Plus />} disabled={disabled} onClick={() => onAdd(type)} data-testid={`designer-add-${type}`}>
        {t(`designer.type.${type}`)}
      </Button>
    </Box>
  );
};

/** Every field type: click to add at the end, or drag into the list where it should go. */
export const Palette = ({ onAdd, disabled }: { onAdd: (type: FieldType) => void; disabled?: boolean }) => {
  const t = useT();
  return (
    <Flex direction="column" alignItems="stretch" gap={1} width="14rem" data-testid="designer-palette">
      <Typography variant="sigma" textColor="neutral600">
        {t('designer.palette')}
      </Typography>
      {FIELD_TYPES.map((type) => (
        <Item key={type} type={type} onAdd={onAdd} disabled={disabled} />
      ))}
    </Flex>
  );
};
