// A template's field definitions as a whole: each one, repeated keys, visibleWhen links and loops.
import { compileChecker } from './checkers';
import { checkDefinition } from './definition';
import { isPlainObject } from './guards';
import type { FieldDefinition, FieldError, Path } from './types';

export const MAX_DEFINITIONS = 100;
const CONDITIONS = ['equals', 'in', 'notEmpty'] as const;
const VISIBLE_WHEN_PROPS = new Set<string>(['field', ...CONDITIONS]);

/**
 * The message for a condition value the controller can never hold, or null. Without this a typo
 * (`equals: 'retrun'`) would hide the field for good and nobody would notice.
 */
function conditionValueError(controller: FieldDefinition, candidate: unknown): string | null {
  if (controller.type === 'multiselect') {
    // Tested by membership: one option value, not a list.
    return compileChecker({ ...controller, type: 'select' })(candidate);
  }
  if (controller.type === 'media' && controller.multiple) {
    return compileChecker({ ...controller, multiple: false })(candidate);
  }
  return compileChecker(controller)(candidate);
}

function checkVisibleWhen(
  def: Record<string, unknown>,
  path: Path,
  keys: Set<string>,
  sound: Map<string, FieldDefinition>,
  errors: FieldError[]
): void {
  const rule = def.visibleWhen;
  if (rule === undefined) return;
  const at = [...path, 'visibleWhen'];
  if (!isPlainObject(rule) || typeof rule.field !== 'string') {
    errors.push({ path: at, message: 'must be { field, equals | in | notEmpty }' });
    return;
  }
  for (const prop of Object.keys(rule)) {
    if (!VISIBLE_WHEN_PROPS.has(prop)) errors.push({ path: [...at, prop], message: 'is not a visibleWhen property' });
  }
  const given = CONDITIONS.filter((c) => rule[c] !== undefined);
  if (given.length !== 1) errors.push({ path: at, message: 'must have exactly one of equals, in, notEmpty' });
  if (rule.in !== undefined && (!Array.isArray(rule.in) || rule.in.length === 0)) {
    errors.push({ path: [...at, 'in'], message: 'must be a non-empty list' });
  }
  if (rule.notEmpty !== undefined && rule.notEmpty !== true) errors.push({ path: [...at, 'notEmpty'], message: 'must be true' });

  if (rule.field === def.key) {
    errors.push({ path: [...at, 'field'], message: 'cannot refer to the field itself' });
    return;
  }
  if (!keys.has(rule.field)) {
    errors.push({ path: [...at, 'field'], message: 'names no field of this template' });
    return;
  }
  const controller = sound.get(rule.field);
  if (!controller || given.length !== 1) return;
  if (rule.equals !== undefined) {
    const message = conditionValueError(controller, rule.equals);
    if (message) errors.push({ path: [...at, 'equals'], message });
  }
  if (Array.isArray(rule.in)) {
    rule.in.forEach((candidate, j) => {
      const message = conditionValueError(controller, candidate);
      if (message) errors.push({ path: [...at, 'in', j], message });
    });
  }
}

/** Keys whose visibleWhen chain leads back to themselves (a → b → a). Self-links are reported apart. */
function cyclicKeys(links: Map<string, string>): Set<string> {
  const cyclic = new Set<string>();
  for (const start of links.keys()) {
    let current = links.get(start);
    // Every loop is at most links.size long, so this many steps is enough to come back.
    for (let steps = 0; current !== undefined && steps < links.size; steps++) {
      if (current === start) {
        cyclic.add(start);
        break;
      }
      current = links.get(current);
    }
  }
  return cyclic;
}

/** Every problem of a template's field definitions, each with its path under `basePath`. */
export function validateFieldDefinitions(defs: unknown, basePath: Path = ['fieldDefinitions']): FieldError[] {
  if (!Array.isArray(defs)) return [{ path: basePath, message: 'must be a list of field definitions' }];
  if (defs.length > MAX_DEFINITIONS) return [{ path: basePath, message: `must hold at most ${MAX_DEFINITIONS} fields` }];
  const errors: FieldError[] = [];
  const keys = new Set<string>();
  const sound = new Map<string, FieldDefinition>();
  defs.forEach((def, i) => {
    const ok = checkDefinition(def, [...basePath, i], errors);
    const key = isPlainObject(def) ? def.key : undefined;
    if (typeof key !== 'string') return;
    if (keys.has(key)) errors.push({ path: [...basePath, i, 'key'], message: `repeats the key "${key}"` });
    else if (ok) sound.set(key, def);
    keys.add(key);
  });

  // Links are checked for every definition that is an object, sound or not: report all at once.
  const links = new Map<string, string>();
  const linkIndex = new Map<string, number>(); // a repeated key is reported as such, not as a loop
  defs.forEach((def, i) => {
    if (!isPlainObject(def)) return;
    checkVisibleWhen(def, [...basePath, i], keys, sound, errors);
    const target = isPlainObject(def.visibleWhen) ? def.visibleWhen.field : undefined;
    if (typeof def.key === 'string' && typeof target === 'string' && target !== def.key && !links.has(def.key)) {
      links.set(def.key, target);
      linkIndex.set(def.key, i);
    }
  });
  for (const key of cyclicKeys(links)) {
    errors.push({ path: [...basePath, linkIndex.get(key)!, 'visibleWhen'], message: 'forms a loop of visibleWhen conditions' });
  }
  return errors;
}
