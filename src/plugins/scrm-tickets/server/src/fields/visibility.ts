import { isDeepStrictEqual } from 'node:util';
import type { FieldDefinition } from './types';

export const isEmpty = (v: unknown) =>
  v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

/**
 * Whether a field is shown, given the effective values of the ticket. A multiselect controller
 * matches `equals`/`in` by membership: "shown when the symptoms include 漏水".
 */
export const isVisible = (def: FieldDefinition, values: Record<string, unknown>): boolean => {
  const rule = def.visibleWhen;
  if (!rule) return true;
  const controller = values[rule.field];
  if (rule.notEmpty) return !isEmpty(controller);
  const matches = (candidate: unknown) =>
    Array.isArray(controller)
      ? controller.some((c) => isDeepStrictEqual(c, candidate))
      : isDeepStrictEqual(controller, candidate);
  if (rule.in) return rule.in.some(matches);
  return matches(rule.equals);
};
