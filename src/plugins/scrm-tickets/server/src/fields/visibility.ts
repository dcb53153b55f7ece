// Which fields are shown, from the effective values of a ticket (stored + input + defaults).
import { isEmpty, jsonEqual } from './guards';
import type { FieldDefinition, VisibleWhen } from './types';

/**
 * Whether a condition holds for the controller's value. A multiselect controller matches
 * `equals`/`in` by membership: "shown when the symptoms include 漏水".
 */
export function conditionHolds(rule: VisibleWhen, controllerValue: unknown): boolean {
  if (rule.notEmpty) return !isEmpty(controllerValue);
  const matches = (candidate: unknown) =>
    Array.isArray(controllerValue)
      ? controllerValue.some((v) => jsonEqual(v, candidate))
      : jsonEqual(controllerValue, candidate);
  if (rule.in) return rule.in.some(matches);
  return matches(rule.equals);
}

/**
 * The keys of the visible fields. A field whose controller is hidden is hidden too: the
 * controller's value is about to be dropped, so it cannot show anything (a shows b shows c).
 * Definitions have no loops (validateFieldDefinitions), but a guard keeps a bad one finite.
 */
export function visibleKeys(
  defs: Map<string, FieldDefinition>,
  values: ReadonlyMap<string, unknown>
): Set<string> {
  const memo = new Map<string, boolean>();
  const visit = (key: string, depth: number): boolean => {
    const known = memo.get(key);
    if (known !== undefined) return known;
    const rule = defs.get(key)?.visibleWhen;
    let shown = true;
    if (rule) {
      shown =
        depth <= defs.size &&
        defs.has(rule.field) &&
        visit(rule.field, depth + 1) &&
        conditionHolds(rule, values.get(rule.field));
    }
    memo.set(key, shown);
    return shown;
  };
  return new Set([...defs.keys()].filter((key) => visit(key, 0)));
}
