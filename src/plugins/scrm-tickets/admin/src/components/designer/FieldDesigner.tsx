import { useEffect, useMemo, useState } from 'react';
import {
  closestCenter,
  DndContext,
  KeyboardSensor,
  MeasuringStrategy,
  PointerSensor,
  rectIntersection,
  useSensor,
  useSensors,
  type CollisionDetection,
  type DragEndEvent,
} from '@dnd-kit/core';
import { sortableKeyboardCoordinates } from '@dnd-kit/sortable';
import { Box, Flex, Typography } from '@strapi/design-system';
import { useField } from '@strapi/strapi/admin';
import { useT } from '../tickets/useT';
import { FieldEditor } from './FieldEditor';
import { FieldList, LIST_ID } from './FieldList';
import { move, newField, problemsByField, relabel, type Draft, type FieldType } from './model';
import { Palette } from './Palette';
import { EditorFrame } from '../editors/EditorFrame';
import { ProblemLines } from '../editors/ProblemLines';
import { useConfigValue, type CustomFieldProps } from '../editors/useConfigValue';
import { Preview } from './Preview';

/**
 * Where a drag lands: on the field nearest the dragged card (the list itself is no target there,
 * or its middle would win). A new field from the palette lands only when dropped over the list:
 * by the nearest field, or in the empty list.
 */
const landing: CollisionDetection = (args) => {
  const fields = closestCenter({ ...args, droppableContainers: args.droppableContainers.filter((c) => c.id !== LIST_ID) });
  if (!String(args.active.id).startsWith('palette:')) return fields;
  const list = rectIntersection({ ...args, droppableContainers: args.droppableContainers.filter((c) => c.id === LIST_ID) });
  if (!list.length) return [];
  return fields.length ? fields : list;
};

/** Per field: follows its label with its key (a field added now whose key nobody typed). */
type Meta = { id: string; followLabel: boolean };
/** Drag ids that stay with their field while fields move (an index would pass to its neighbour). */
let lastId = 0;
const freshMeta = (followLabel = false): Meta => ({ id: `field-${(lastId += 1)}`, followLabel });

/**
 * 模板字段 — the template designer: a palette of field types, the fields in order (drag to add and
 * reorder), a side panel per field and the customer's form live beside them. Stored as the same
 * `fieldDefinitions` JSON as before; checked as it is typed by the server's own validator, and the
 * server's answer to a save is shown on the field and setting it names.
 */
export const FieldDesigner = (props: CustomFieldProps) => {
  const { value, hint, required, disabled } = props;
  const t = useT();
  // The template's name, as the customer page titles the form.
  const templateName = useField('name').value;
  const defs: Draft[] = useMemo(() => (Array.isArray(value) ? value : []), [value]);
  const [selected, setSelected] = useState(0);
  const [meta, setMeta] = useState<Meta[]>(() => defs.map(() => freshMeta()));
  // Fields loaded with the template keep their keys: tickets already hold answers under them.
  // Fields that came from outside (loaded, or put back by the form) start afresh. Only when the
  // fields change: between our own change and the form passing it back, only `meta` has moved.
  useEffect(() => {
    if (meta.length !== defs.length) setMeta(defs.map(() => freshMeta()));
  }, [defs]);
  const metaOf = (i: number): Meta => (meta.length === defs.length ? meta[i] : { id: `field-at-${i}`, followLabel: false });
  const ids = defs.map((_, i) => metaOf(i).id);

  const { commit: emit, serverErrors } = useConfigValue(props);
  const problems = useMemo(() => problemsByField(defs, serverErrors), [defs, serverErrors]);

  const commit = (next: Draft[], nextMeta: Meta[]) => {
    setMeta(nextMeta);
    emit(next);
  };
  const currentMeta = () => defs.map((_, i) => metaOf(i));
  const add = (type: FieldType, at = defs.length) => {
    const draft = newField(type, defs, t(`designer.type.${type}`), (n) => t('designer.option.default', { n }));
    commit([...defs.slice(0, at), draft, ...defs.slice(at)], [...currentMeta().slice(0, at), freshMeta(true), ...currentMeta().slice(at)]);
    setSelected(at);
  };
  const remove = (i: number) => {
    commit(
      defs.filter((_, j) => j !== i),
      currentMeta().filter((_, j) => j !== i),
    );
    setSelected((s) => Math.max(0, s > i ? s - 1 : Math.min(s, defs.length - 2)));
  };
  const replace = (i: number, draft: Draft, m: Meta = metaOf(i)) =>
    commit(
      defs.map((d, j) => (j === i ? draft : d)),
      currentMeta().map((x, j) => (j === i ? m : x)),
    );

  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 5 } }),
    useSensor(KeyboardSensor, {
      coordinateGetter: sortableKeyboardCoordinates,
    }),
  );
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over) return;
    const from = String(active.id);
    const overIndex = ids.indexOf(String(over.id));
    if (from.startsWith('palette:')) {
      // Onto a field: before it when dropped on its upper half, after it on the lower; onto the list: last.
      const dropped = active.rect.current.translated;
      const below = dropped && dropped.top + dropped.height / 2 > over.rect.top + over.rect.height / 2;
      return add(from.slice('palette:'.length) as FieldType, overIndex < 0 ? defs.length : overIndex + (below ? 1 : 0));
    }
    const fromIndex = ids.indexOf(from);
    if (fromIndex < 0 || overIndex < 0 || fromIndex === overIndex) return;
    commit(move(defs, fromIndex, overIndex), move(currentMeta(), fromIndex, overIndex));
    setSelected(overIndex);
  };

  const at = Math.min(selected, defs.length - 1);
  const draft = at >= 0 ? defs[at] : undefined;
  return (
    // The Content Manager's label is the attribute's name (fieldDefinitions): ours says what it is.
    <EditorFrame title={t('designer.title')} testId="designer" required={required} hint={hint}>
      <ProblemLines problems={problems.get(-1) ?? []} testId="designer-error-list" />
      {/* Measured while dragging: the edit view scrolls and its banners move the list after the first drag. */}
      <DndContext sensors={sensors} collisionDetection={landing} measuring={{ droppable: { strategy: MeasuringStrategy.Always } }} onDragEnd={onDragEnd}>
        <Flex gap={4} alignItems="flex-start" wrap="wrap">
          <Palette onAdd={(type) => add(type)} disabled={disabled} />
          <FieldList defs={defs} ids={ids} problems={problems} selected={at} disabled={disabled} onSelect={setSelected} onRemove={remove} />
          {draft ? (
            <FieldEditor
              key={at}
              draft={draft}
              index={at}
              defs={defs}
              problems={problems.get(at) ?? []}
              disabled={disabled}
              onLabel={(next) => replace(at, relabel(draft, next, defs, !metaOf(at).followLabel))}
              onKey={(key) => replace(at, { ...draft, key }, { ...metaOf(at), followLabel: false })}
              onChange={(next) => replace(at, next)}
            />
          ) : (
            <Box width="22rem">
              <Typography textColor="neutral600">{t('designer.pick')}</Typography>
            </Box>
          )}
          <Preview defs={defs} name={typeof templateName === 'string' && templateName ? templateName : t('designer.previewTitle')} />
        </Flex>
      </DndContext>
    </EditorFrame>
  );
};

export default FieldDesigner;
