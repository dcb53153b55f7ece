// A ticket's `fields` against its template: errors at ['fields', key] and the object to store.
import { compileChecker, type Checker } from './checkers';
import { isEmpty, isPlainObject } from './guards';
import { visibleKeys } from './visibility';
import type { FieldDefinition, FieldError } from './types';

export interface CompiledFields {
  defs: FieldDefinition[];
  byKey: Map<string, FieldDefinition>;
  /** Value checks with regexes and option sets built once per template. */
  checkers: Map<string, Checker>;
}

export interface ValidateOptions {
  existing?: Record<string, unknown> | null;
  mode?: 'create' | 'update';
}

export interface ValidateResult {
  value: Record<string, unknown>;
  errors: FieldError[];
}

const BROKEN: Checker = () => "cannot be checked: the template's definition of this field is invalid";

/**
 * Precomputes lookups and checks of definitions that passed validateFieldDefinitions. A
 * definition stored some other way and unusable fails its values rather than the whole call.
 */
export function compileFields(defs: FieldDefinition[]): CompiledFields {
  const checkers = new Map<string, Checker>();
  for (const def of defs) {
    let checker = BROKEN;
    try {
      checker = compileChecker(def);
    } catch {
      // e.g. an unknown type: fall back to BROKEN
    }
    checkers.set(def.key, checker);
  }
  return { defs, byKey: new Map(defs.map((d) => [d.key, d])), checkers };
}

/** Effective values: stored (update only), then the input, then defaults of absent fields (create only). */
function effectiveValues(
  compiled: CompiledFields,
  given: Array<[string, unknown]>,
  opts: ValidateOptions
): Map<string, unknown> {
  const mode = opts.mode ?? 'create';
  const existing = mode === 'update' && isPlainObject(opts.existing) ? Object.entries(opts.existing) : [];
  const values = new Map<string, unknown>([...existing, ...given].filter(([, v]) => v !== undefined));
  if (mode === 'create') {
    // Defaults of fields that end up hidden are dropped with the other hidden values.
    for (const def of compiled.defs) {
      if (!values.has(def.key) && def.default !== undefined && def.default !== null) values.set(def.key, def.default);
    }
  }
  return values;
}

/**
 * Validates `input` (the ticket's `fields`) and returns every problem at once plus the value to
 * store. Required-ness is judged on the effective values in both modes; a hidden field is never
 * required, a value sent for it is an error, and its stored value is dropped. Stored keys that
 * the template no longer defines are kept as they were on update: not the caller's doing.
 */
export function validateTicketFields(
  compiled: CompiledFields,
  input: unknown,
  opts: ValidateOptions = {}
): ValidateResult {
  if (!isPlainObject(input)) return { value: {}, errors: [{ path: ['fields'], message: 'must be an object of field values' }] };
  const errors: FieldError[] = [];
  const given: Array<[string, unknown]> = [];
  for (const [key, v] of Object.entries(input)) {
    if (!compiled.byKey.has(key)) errors.push({ path: ['fields', key], message: 'unknown field' });
    else if (v !== undefined) given.push([key, v]);
  }
  const sent = new Map(given);
  const values = effectiveValues(compiled, given, opts);

  const typeErrors = new Map<string, string>();
  for (const [key, v] of values) {
    const checker = compiled.checkers.get(key);
    const message = checker && v !== null ? checker(v) : null;
    if (message) typeErrors.set(key, message);
  }
  // A field shown or hidden by an invalid value gets no second, derived error: only the cause is reported.
  const upstreamInvalid = (def: FieldDefinition): boolean => {
    let rule = def.visibleWhen;
    for (let steps = 0; rule && steps < compiled.defs.length; steps++) {
      if (typeErrors.has(rule.field)) return true;
      rule = compiled.byKey.get(rule.field)?.visibleWhen;
    }
    return false;
  };

  const visible = visibleKeys(compiled.byKey, values);
  const stored: Array<[string, unknown]> = [];
  for (const def of compiled.byKey.values()) {
    const { key } = def;
    const v = values.get(key);
    const at = ['fields', key];
    if (!visible.has(key)) {
      const controller = def.visibleWhen?.field ?? '';
      if (sent.get(key) != null && !upstreamInvalid(def)) {
        errors.push({ path: at, message: `is hidden: "${controller}" condition not met` });
      }
      continue;
    }
    if (def.required && isEmpty(v)) {
      if (!upstreamInvalid(def)) errors.push({ path: at, message: 'is required' });
      continue;
    }
    if (v === undefined) continue;
    const message = typeErrors.get(key);
    if (message) errors.push({ path: at, message });
    else stored.push([key, v]);
  }
  for (const [key, v] of values) {
    if (!compiled.byKey.has(key)) stored.push([key, v]);
  }
  // A plain loop (Object.fromEntries is five times slower, and a batch validates thousands) that
  // defines "__proto__" as fromEntries would, so even that key stays plain data.
  const value: Record<string, unknown> = {};
  for (const [key, v] of stored) {
    if (key === '__proto__') Object.defineProperty(value, key, { value: v, enumerable: true, writable: true, configurable: true });
    else value[key] = v;
  }
  return { value, errors };
}
