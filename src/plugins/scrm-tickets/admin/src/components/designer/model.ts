// The template designer's model: field definitions as the editor changes them (any of them may be
// invalid while being typed), new fields from the palette, keys made from labels, and every
// problem by field — found by the server's own validator (server/src/fields), so the editor and
// the save agree, plus what the server answered to the last save.
import { validateFieldDefinitions } from '../../../../server/src/fields/definitions';
import { FIELD_TYPES, type FieldType } from '../../../../server/src/fields/types';
import { keyFromLabel } from '../editors/keys';
import type { Problem } from '../editors/PropField';
import { byItem, mergeFindings } from '../editors/problems';
import type { PathError } from '../editors/server-errors';

export { keyFromLabel };

export { FIELD_TYPES, type FieldType };

/** A definition being edited: the stored JSON shape, not yet known to be valid. */
export type Draft = Record<string, any>;

/** A problem of one field: the property it is on (`''` for the field as a whole) and the rest of its path. */
export type { Problem };

/** A new field of `type`: a label to start from, its key, and what the type needs to be valid (a select's first option). */
export function newField(type: FieldType, defs: Draft[], label: string, optionLabel: (n: number) => string): Draft {
  const taken = new Set(defs.map((d) => d?.key).filter((k): k is string => typeof k === 'string'));
  const draft: Draft = { key: keyFromLabel(label, taken, type), label: { 'zh-Hans': label }, type };
  if (type === 'select' || type === 'multiselect') draft.options = [{ value: keyFromLabel(optionLabel(1), new Set(), 'option1'), label: { 'zh-Hans': optionLabel(1) } }];
  return draft;
}

/** A field's key follows its label while nobody has typed a key of their own. */
export function relabel(draft: Draft, label: Record<string, string>, defs: Draft[], keyEdited: boolean): Draft {
  if (keyEdited) return { ...draft, label };
  const taken = new Set(
    defs
      .filter((d) => d !== draft)
      .map((d) => d?.key)
      .filter((k): k is string => typeof k === 'string'),
  );
  return { ...draft, label, key: keyFromLabel(label['zh-Hans'] || label.en || '', taken, draft.type ?? 'field') };
}

/**
 * Every problem per field index: the validator's over the drafts, and the server's answer to the
 * last save (kept while the field it names is unchanged). Problems of the list as a whole are at -1.
 */
export const problemsByField = (defs: Draft[], server: PathError[]): Map<number, Problem[]> => byItem(mergeFindings(validateFieldDefinitions(defs, []), server));

/** Moves the item at `from` to `to` (both indexes of the list before the move). */
export const move = <T>(list: T[], from: number, to: number): T[] => {
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item);
  return next;
};
