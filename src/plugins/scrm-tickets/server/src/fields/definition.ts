// Checks of one field definition on its own; checks across definitions are in definitions.ts.
import { compileChecker, compilePattern, DEFAULT_MAX_LENGTH, RANGE_UNITS } from './checkers';
import { isPlainObject, isTexts } from './guards';
import { FIELD_TYPES, type FieldDefinition, type FieldError, type FieldType, type Path } from './types';

export const KEY = /^[a-z][a-zA-Z0-9_]{0,63}$/;
const MAX_LABEL = 200;
const MAX_HELP_TEXT = 1000;
const MAX_OPTIONS = 500;
const MAX_OPTION_VALUE = 64;
const MAX_PATTERN = 500;
const KNOWN_PROPS = new Set([
  'key', 'label', 'type', 'required', 'options', 'min', 'max', 'pattern', 'default', 'multiple', 'visibleWhen', 'helpText',
]);

function checkOptions(def: Record<string, unknown>, path: Path, errors: FieldError[]): void {
  const options = def.options;
  if (!Array.isArray(options) || options.length === 0) {
    errors.push({ path: [...path, 'options'], message: 'must list at least one option' });
    return;
  }
  if (options.length > MAX_OPTIONS) {
    errors.push({ path: [...path, 'options'], message: `must hold at most ${MAX_OPTIONS} options` });
    return;
  }
  const seen = new Set<string>();
  options.forEach((option, j) => {
    const at = [...path, 'options', j];
    if (!isPlainObject(option)) {
      errors.push({ path: at, message: 'must be { value, label }' });
      return;
    }
    for (const prop of Object.keys(option)) {
      if (prop !== 'value' && prop !== 'label') errors.push({ path: [...at, prop], message: 'is not an option property' });
    }
    const { value } = option;
    if (typeof value !== 'string' || value.length === 0 || value.length > MAX_OPTION_VALUE) {
      errors.push({ path: [...at, 'value'], message: `must be a non-empty string of at most ${MAX_OPTION_VALUE} characters` });
    } else if (seen.has(value)) {
      errors.push({ path: [...at, 'value'], message: `repeats the option "${value}"` });
    } else {
      seen.add(value);
    }
    if (!isTexts(option.label, MAX_LABEL, true)) errors.push({ path: [...at, 'label'], message: 'must have a zh-Hans text' });
  });
}

/** What a min/max of this type must be: lengths and counts are whole and not negative; fen are whole. */
function boundError(type: FieldType, bound: unknown): string | null {
  if (typeof bound !== 'number' || !Number.isFinite(bound)) return 'must be a number';
  if (type === 'number') return null;
  if (!Number.isSafeInteger(bound)) return type === 'money' ? 'must be an integer amount in fen' : 'must be a whole number';
  if (type !== 'money' && bound < 0) return 'must not be negative';
  return null;
}

function checkBounds(def: Record<string, unknown>, type: FieldType, path: Path, errors: FieldError[]): void {
  const before = errors.length;
  for (const bound of ['min', 'max'] as const) {
    if (def[bound] === undefined) continue;
    const message = RANGE_UNITS[type] === undefined ? `does not apply to ${type} fields` : boundError(type, def[bound]);
    if (message) errors.push({ path: [...path, bound], message });
  }
  if (errors.length > before) return;
  const { min, max } = def as { min?: number; max?: number };
  if (min !== undefined && max !== undefined && min > max) {
    errors.push({ path: [...path, 'max'], message: 'must not be less than min' });
  }
  // A text field with min 300 and no max could never be filled: the default max is 255.
  const defaultMax = DEFAULT_MAX_LENGTH[type];
  if (min !== undefined && max === undefined && defaultMax !== undefined && min > defaultMax) {
    errors.push({ path: [...path, 'min'], message: `must not exceed the default max of ${defaultMax}` });
  }
  // Money is not negative unless min says so, so a negative max needs a min.
  if (type === 'money' && min === undefined && max !== undefined && max < 0) {
    errors.push({ path: [...path, 'max'], message: 'is negative: set min too' });
  }
}

/**
 * Appends the problems of one definition; returns true when it is sound enough to compile (its
 * default and the visibleWhen conditions that name it can then be checked against it).
 */
export function checkDefinition(def: unknown, path: Path, errors: FieldError[]): def is FieldDefinition {
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
  if (!isTexts(def.label, MAX_LABEL, true)) {
    errors.push({ path: [...path, 'label'], message: `must have a zh-Hans text (and optionally en), at most ${MAX_LABEL} characters` });
  }
  if (def.helpText !== undefined && !isTexts(def.helpText, MAX_HELP_TEXT, false)) {
    errors.push({ path: [...path, 'helpText'], message: `must hold zh-Hans and/or en texts of at most ${MAX_HELP_TEXT} characters` });
  }
  if (def.required !== undefined && typeof def.required !== 'boolean') {
    errors.push({ path: [...path, 'required'], message: 'must be true or false' });
  }
  const type = def.type as FieldType;
  if (!FIELD_TYPES.includes(type)) {
    errors.push({ path: [...path, 'type'], message: `must be one of: ${FIELD_TYPES.join(', ')}` });
    return false;
  }
  if (type === 'select' || type === 'multiselect') checkOptions(def, path, errors);
  else if (def.options !== undefined) errors.push({ path: [...path, 'options'], message: 'only select and multiselect fields have options' });
  checkBounds(def, type, path, errors);
  if (def.pattern !== undefined) {
    if (type !== 'text' && type !== 'textarea') {
      errors.push({ path: [...path, 'pattern'], message: 'applies to text and textarea fields only' });
    } else if (typeof def.pattern !== 'string' || def.pattern.length > MAX_PATTERN || !compilePattern(def.pattern)) {
      errors.push({ path: [...path, 'pattern'], message: `must be a valid regular expression of at most ${MAX_PATTERN} characters` });
    }
  }
  if (def.multiple !== undefined && (type !== 'media' || typeof def.multiple !== 'boolean')) {
    errors.push({ path: [...path, 'multiple'], message: 'is a true/false setting of media fields only' });
  }
  if (errors.length > before) return false;
  // null means "no default"; anything else must be a value the field itself would accept.
  if (def.default !== undefined && def.default !== null) {
    const message = compileChecker(def as unknown as FieldDefinition)(def.default);
    if (message) errors.push({ path: [...path, 'default'], message });
  }
  return true;
}
