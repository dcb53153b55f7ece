// The template designer's model: field definitions as the editor changes them (any of them may be
// invalid while being typed), new fields from the palette, keys made from labels, and every
// problem by field — found by the server's own validator (server/src/fields), so the editor and
// the save agree, plus what the server answered to the last save.
import { pinyin } from 'pinyin-pro';
import { validateFieldDefinitions } from '../../../../server/src/fields/definitions';
import { FIELD_TYPES, type FieldType } from '../../../../server/src/fields/types';

export { FIELD_TYPES, type FieldType };

/** A definition being edited: the stored JSON shape, not yet known to be valid. */
export type Draft = Record<string, any>;

/** A problem of one field: the property it is on (`''` for the field as a whole) and the rest of its path. */
export interface Problem {
  prop: string;
  path: (string | number)[];
  message: string;
  /** The server said so in its answer to the last save. */
  fromServer?: boolean;
}

const MAX_KEY = 48;

/**
 * A key from a label: its Latin words if it has any, else the pinyin of its Chinese, in
 * camelCase (联系电话 → lianXiDianHua); `fallback` when nothing usable is left; a number is added
 * until no other field has it.
 */
export function keyFromLabel(label: string, taken: Set<string>, fallback: string): string {
  // Chinese characters become their pinyin, Latin letters and digits stay, the rest separates words.
  const words = pinyin(label, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true }).flatMap((part) => part.match(/[A-Za-z0-9]+/g) ?? []);
  // A key starts with a letter: leading numbers go (1.5匹 → pi).
  while (words.length && /^\d/.test(words[0])) words.shift();
  let key = words
    .map((w, i) => (i === 0 ? w.toLowerCase() : w[0].toUpperCase() + w.slice(1).toLowerCase()))
    .join('')
    .slice(0, MAX_KEY);
  if (!key) key = fallback;
  let unique = key;
  for (let n = 2; taken.has(unique); n += 1) unique = `${key}${n}`;
  return unique;
}

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

/** Leaves of the errors the Content Manager keeps for this input after a rejected save (nested by path). */
function leaves(node: unknown, path: (string | number)[], out: { path: (string | number)[]; message: string }[]) {
  if (typeof node === 'string') out.push({ path, message: node });
  else if (node && typeof node === 'object' && 'defaultMessage' in node) out.push({ path, message: String((node as any).defaultMessage) });
  else if (Array.isArray(node)) node.forEach((child, i) => leaves(child, [...path, i], out));
  else if (node && typeof node === 'object') for (const [k, child] of Object.entries(node)) leaves(child, [...path, /^\d+$/.test(k) ? Number(k) : k], out);
}

/**
 * Every problem per field index: the validator's over the drafts, and the server's answer to the
 * last save (kept while the field it names is unchanged). Problems of the list as a whole are at -1.
 */
export function problemsByField(defs: Draft[], serverErrors: unknown): Map<number, Problem[]> {
  const found: { path: (string | number)[]; message: string; fromServer?: boolean }[] = validateFieldDefinitions(defs, []);
  const server: { path: (string | number)[]; message: string }[] = [];
  leaves(serverErrors, [], server);
  const out = new Map<number, Problem[]>();
  for (const { path, message, fromServer } of [...found, ...server.map((e) => ({ ...e, fromServer: true }))]) {
    const [index, prop, ...rest] = path;
    const at = typeof index === 'number' ? index : -1;
    const list = out.get(at) ?? [];
    const problem: Problem = { prop: typeof prop === 'string' ? prop : '', path: rest, message, fromServer };
    // The same problem from both (the editor and the server agree): once, marked as the server's too.
    const same = list.find((p) => p.prop === problem.prop && p.message === problem.message && p.path.join('.') === problem.path.join('.'));
    if (same) same.fromServer ||= fromServer;
    else list.push(problem);
    out.set(at, list);
  }
  return out;
}

/** Moves the item at `from` to `to` (both indexes of the list before the move). */
export const move = <T>(list: T[], from: number, to: number): T[] => {
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item);
  return next;
};
