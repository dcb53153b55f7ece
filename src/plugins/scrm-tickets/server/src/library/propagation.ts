// What a newer library version changes for the open tickets of a template, for their timeline.
// Pure. Tickets read their template live (fields, workflow, texts), so an open ticket follows the
// new version as it is saved; this says what moved, so the people on the ticket know.
import { isDeepStrictEqual } from 'node:util';

export interface TemplateChange {
  library: { key: string; version: { before: string | null; after: string } };
  /** The template settings the version changed. */
  settings: string[];
  fieldsAdded?: string[];
  fieldsRemoved?: string[];
  /** Per workflow state, the checklist items it gained. */
  checklistAdded?: Record<string, string[]>;
}

const keysOf = (list: unknown): string[] => (Array.isArray(list) ? list.map((x: any) => x?.key).filter((k): k is string => typeof k === 'string') : []);

export function templateChange(
  library: { key: string; version: string; previous: string | null },
  changes: { field: string; before: unknown; after: unknown }[]
): TemplateChange {
  const out: TemplateChange = { library: { key: library.key, version: { before: library.previous, after: library.version } }, settings: changes.map((c) => c.field) };
  const fields = changes.find((c) => c.field === 'fieldDefinitions');
  if (fields) {
    const [before, after] = [keysOf(fields.before), keysOf(fields.after)];
    const added = after.filter((k) => !before.includes(k));
    const removed = before.filter((k) => !after.includes(k));
    if (added.length) out.fieldsAdded = added;
    if (removed.length) out.fieldsRemoved = removed;
  }
  const workflow = changes.find((c) => c.field === 'workflow');
  if (workflow) {
    const statesOf = (w: any) => new Map<string, unknown>((Array.isArray(w?.states) ? w.states : []).map((s: any) => [s?.key, s?.checklist]));
    const [before, after] = [statesOf(workflow.before), statesOf(workflow.after)];
    const added: Record<string, string[]> = {};
    for (const [state, checklist] of after) {
      const gained = keysOf(checklist).filter((k) => !keysOf(before.get(state)).includes(k));
      if (gained.length && !isDeepStrictEqual(before.get(state), checklist)) added[state] = gained;
    }
    if (Object.keys(added).length) out.checklistAdded = added;
  }
  return out;
}
