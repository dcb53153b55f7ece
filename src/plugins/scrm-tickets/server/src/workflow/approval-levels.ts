// An approval policy's levels: who decides, in order, and when each level applies. Pure.
import { isPlainObject, isTexts } from '../fields/guards';
import type { FieldError, Label, Path } from '../fields/types';
import { validateConditions } from '../rules/conditions';

export interface ApprovalLevel {
  key: string;
  label: Label;
  /** Who may decide this level: admin role codes or names, `*`, `integration` (as in transitions). */
  roles: string[];
  /** A json-rules-engine condition on the ticket's facts; without it the level always applies. */
  when?: Record<string, unknown>;
}

/** The approval a parked ticket carries: the move it waits for and the decisions so far. */
export interface PendingApproval {
  policy: string;
  from: string;
  to: string;
  levels: Pick<ApprovalLevel, 'key' | 'label' | 'roles'>[];
  current: number;
  decisions: { level: string; decision: 'approve' | 'reject'; reason: string | null; by: unknown; at: string }[];
}

const KEY = /^[a-z][a-z0-9_]{0,63}$/;
const MAX_LEVELS = 10;
const LEVEL_PROPS = new Set(['key', 'label', 'roles', 'when']);

export function validateApprovalLevels(levels: unknown, basePath: Path = ['levels']): FieldError[] {
  if (!Array.isArray(levels) || levels.length === 0 || levels.length > MAX_LEVELS) {
    return [{ path: basePath, message: `must list 1 to ${MAX_LEVELS} levels` }];
  }
  const errors: FieldError[] = [];
  const keys = new Set<string>();
  levels.forEach((level, i) => {
    const at = [...basePath, i];
    if (!isPlainObject(level)) return void errors.push({ path: at, message: 'must be { key, label, roles, when? }' });
    for (const prop of Object.keys(level)) {
      if (!LEVEL_PROPS.has(prop)) errors.push({ path: [...at, prop], message: 'is not a level property' });
    }
    if (typeof level.key !== 'string' || !KEY.test(level.key)) errors.push({ path: [...at, 'key'], message: 'must be a lower-case key' });
    else if (keys.has(level.key)) errors.push({ path: [...at, 'key'], message: 'is used by another level' });
    else keys.add(level.key);
    if (!isTexts(level.label, 100, true)) errors.push({ path: [...at, 'label'], message: 'must have a zh-Hans text' });
    const rolesOk =
      Array.isArray(level.roles) && level.roles.length > 0 && level.roles.every((r) => typeof r === 'string' && r.trim().length > 0 && r.length <= 100);
    if (!rolesOk) errors.push({ path: [...at, 'roles'], message: 'must be a non-empty list of role codes or names' });
    if (level.when !== undefined) errors.push(...validateConditions(level.when, [...at, 'when']));
  });
  return errors;
}
