import { CHECKERS, RANGE_TYPES } from './checkers';
import { FIELD_TYPES, type FieldDefinition, type FieldError, type FieldType, type Path } from './types';

export const MAX_DEFINITIONS = 100;
const KEY = /^[a-z][a-zA-Z0-9_]{0,63}$/;
const KNOWN_PROPS = new Set([
  'key', 'label', 'type', 'required', 'options', 'min', 'max', 'pattern', 'default', 'multiple', 'visibleWhen', 'helpText',
]);

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const isLabel = (v: unknown, requireZh: boolean) =>
  isPlainObject(v) &&
  Object.entries(v).every(([k, s]) => (k === 'zh-Hans' || k === 'en') && typeof s === 'string' && s.length <= 200) &&
  (!requireZh || (typeof v['zh-Hans'] === 'string' && v['zh-Hans'].trim().length > 0));

/** Compiles a pattern the way ticket values are checked against it (unicode), or null if it cannot be. */
export const compilePattern = (pattern: string): RegExp | null => {
  try {
    return new RegExp(pattern, 'u');
  } catch {
    return null;
  }
};

function checkOptions(def: Record<string, unknown>, path: Path, errors: FieldError[]) {
  const options = def.options;
  if (!Array.isArray(options) || options.length === 0) {
    errors.push({ path: [...path, 'options'], message: 'must list at least one option' });
    return;
  }
  const seen = new Set<string>();
  options.forEach((option, j) => {
    const at = [...path, 'options', j];
    if (!isPlainObject(option) || typeof option.value !== 'string' || option.value.length === 0 || option.value.length > 64) {
      errors.push({ path: [...at, 'value'], message: 'must be a non-empty string of at most 64 characters' });
      return;
    }
    if (!isLabel(option.label, true)) errors.push({ path: [...at, 'label'], message: 'must have a zh-Hans text' });
    if (seen.has(option.value)) errors.push({ path: [...at, 'value'], message: `repeats the option "${option.value}"` });
    seen.add(option.value);
  });
}

function checkOne(def: unknown, path: Path, errors: FieldError[]): def is FieldDefinition {
  if (!isPlainObject(def)) {
    errors.push({ path, message: 'must be an object' });
    return false;
  }
  const before = errors.length;
  for (const prop of Object.keys(def)) {
    if (!KNOWN_PROPS.has(prop)) errors.push({ path: [...path, prop], message: 'is not a field definition property' });
  }
  if (typeof def.key !== 'string' || !KEY.test(def.key)) {
    errors.push({ path: [...path, 'key'], message: 'must start with a lower-case letter and hold only letters, digits and _ (max 64)' });
  }
  if (!isLabel(def.label, true)) errors.push({ path: [...path, 'label'], message: 'must have a zh-Hans text (and optionally en)' });
  if (def.helpText !== undefined && !isLabel(def.helpText, false)) {
    errors.push({ path: [...path, 'helpText'], message: 'must hold zh-Hans and/or en texts' });
  }
  const type = def.type as FieldType;
  if (!FIELD_TYPES.includes(type)) {
    errors.push({ path: [...path, 'type'], message: `must be one of: ${FIELD_TYPES.join(', ')}` });
    return false;
  }
  if (def.required !== undefined && typeof def.required !== 'boolean') {
    errors.push({ path: [...path, 'required'], message: 'must be true or false' });
  }
  if (type === 'select' || type === 'multiselect') checkOptions(def, path, errors);
  else if (def.options !== undefined) errors.push({ path: [...path, 'options'], message: 'only select and multiselect fields have options' });

  for (const bound of ['min', 'max'] as const) {
    if (def[bound] === undefined) continue;
    if (!RANGE_TYPES.has(type)) errors.push({ path: [...path, bound], message: `does not apply to ${type} fields` });
    else if (typeof def[bound] !== 'number' || !Number.isFinite(def[bound])) errors.push({ path: [...path, bound], message: 'must be a number' });
  }
  if (typeof def.min === 'number' && typeof def.max === 'number' && def.min > def.max) {
    errors.push({ path: [...path, 'max'], message: 'must not be less than min' });
  }
  if (def.pattern !== undefined) {
    if (type !== 'text' && type !== 'textarea') errors.push({ path: [...path, 'pattern'], message: 'applies to text and textarea fields only' });
    else if (typeof def.pattern !== 'string' || def.pattern.length > 500 || !compilePattern(def.pattern)) {
      errors.push({ path: [...path, 'pattern'], message: 'must be a valid regular expression' });
    }
  }
  if (def.multiple !== undefined && (type !== 'media' || typeof def.multiple !== 'boolean')) {
    errors.push({ path: [...path, 'multiple'], message: 'is a true/false setting of media fields only' });
  }
  return errors.length === before;
}

function checkVisibleWhen(def: FieldDefinition, path: Path, keys: Set<string>, errors: FieldError[]) {
  const rule = def.visibleWhen as unknown;
  if (rule === undefined) return;
  const at = [...path, 'visibleWhen'];
  if (!isPlainObject(rule) || typeof rule.field !== 'string') {
    errors.push({ path: at, message: 'must be { field, equals | in | notEmpty }' });
    return;
  }
  const conditions = ['equals', 'in', 'notEmpty'].filter((c) => rule[c] !== undefined);
  if (conditions.length !== 1) errors.push({ path: at, message: 'must have exactly one of equals, in, notEmpty' });
  if (rule.in !== undefined && !Array.isArray(rule.in)) errors.push({ path: [...at, 'in'], message: 'must be a list' });
  if (rule.notEmpty !== undefined && rule.notEmpty !== true) errors.push({ path: [...at, 'notEmpty'], message: 'must be true' });
  if (rule.field === def.key) errors.push({ path: [...at, 'field'], message: 'cannot refer to the field itself' });
  else if (!keys.has(rule.field)) errors.push({ path: [...at, 'field'], message: `names no field of this template` });
}

/** Fields whose visibleWhen chain loops back to themselves (a → b → a). */
function cyclicKeys(defs: FieldDefinition[]): Set<string> {
  // Self-references are reported on their own; only loops through other fields count here.
  const parent = new Map(
    defs.filter((d) => d.visibleWhen && d.visibleWhen.field !== d.key).map((d) => [d.key, d.visibleWhen!.field])
  );
  const cyclic = new Set<string>();
  for (const start of parent.keys()) {
    let current: string | undefined = parent.get(start);
    for (let steps = 0; current !== undefined && steps <= defs.length; steps++) {
      if (current === start) {
        cyclic.add(start);
        break;
      }
      current = parent.get(current);
    }
  }
  return cyclic;
}

/** Every problem of a template's field definitions, with paths under `basePath`. */
export function validateFieldDefinitions(defs: unknown, basePath: Path = ['fieldDefinitions']): FieldError[] {
  if (!Array.isArray(defs)) return [{ path: basePath, message: 'must be a list of field definitions' }];
  if (defs.length > MAX_DEFINITIONS) return [{ path: basePath, message: `must hold at most ${MAX_DEFINITIONS} fields` }];
  const errors: FieldError[] = [];
  const keys = new Set<string>();
  const sound: Array<[FieldDefinition, number]> = [];
  defs.forEach((def, i) => {
    const ok = checkOne(def, [...basePath, i], errors);
    const key = (def as { key?: unknown })?.key;
    if (typeof key === 'string') {
      if (keys.has(key)) errors.push({ path: [...basePath, i, 'key'], message: `repeats the key "${key}"` });
      keys.add(key);
    }
    if (ok) sound.push([def as FieldDefinition, i]);
  });
  for (const [def, i] of sound) checkVisibleWhen(def, [...basePath, i], keys, errors);
  const cyclic = cyclicKeys(sound.map(([d]) => d));
  for (const [def, i] of sound) {
    if (cyclic.has(def.key)) errors.push({ path: [...basePath, i, 'visibleWhen'], message: 'forms a loop of visibleWhen conditions' });
    if (def.default !== undefined && def.default !== null) {
      const message = CHECKERS[def.type](def.default, def, def.pattern ? compilePattern(def.pattern) : null);
      if (message) errors.push({ path: [...basePath, i, 'default'], message });
    }
  }
  return errors;
}
