import { CHECKERS } from './checkers';
import { compilePattern } from './definitions';
import { isEmpty, isVisible } from './visibility';
import type { FieldDefinition, FieldError } from './types';

export interface CompiledFields {
  defs: FieldDefinition[];
  byKey: Map<string, FieldDefinition>;
  patterns: Map<string, RegExp>;
}

/** Precomputes lookups and regexes of valid definitions (see validateFieldDefinitions). */
export function compileFields(defs: FieldDefinition[]): CompiledFields {
  const patterns = new Map<string, RegExp>();
  for (const def of defs) {
    const regex = def.pattern ? compilePattern(def.pattern) : null;
    if (regex) patterns.set(def.key, regex);
  }
  return { defs, byKey: new Map(defs.map((d) => [d.key, d])), patterns };
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Which fields are visible. A field controlled by a hidden field counts its controller as empty,
 * so chains (a shows b shows c) settle; definitions have no loops, so this ends within n passes.
 */
function visibleKeys(compiled: CompiledFields, values: Record<string, unknown>): Set<string> {
  let visible = new Set(compiled.defs.map((d) => d.key));
  for (let pass = 0; pass <= compiled.defs.length; pass++) {
    const effective = Object.fromEntries(Object.entries(values).filter(([k]) => visible.has(k)));
    const next = new Set(compiled.defs.filter((d) => isVisible(d, effective)).map((d) => d.key));
    if (next.size === visible.size) return next;
    visible = next;
  }
  return visible;
}

export interface ValidateOptions {
  existing?: Record<string, unknown> | null;
  mode?: 'create' | 'update';
}

/**
 * A ticket's `fields` against its template: every problem at ['fields', key], and the value to
 * store — defaults filled on create, input merged over the stored values on update, values of
 * fields that are now hidden dropped.
 */
export function validateTicketFields(
  compiled: CompiledFields,
  input: unknown,
  opts: ValidateOptions = {}
): { value: Record<string, unknown>; errors: FieldError[] } {
  if (!isPlainObject(input)) return { value: {}, errors: [{ path: ['fields'], message: 'must be an object of field values' }] };
  const mode = opts.mode ?? 'create';
  const errors: FieldError[] = [];

  for (const key of Object.keys(input)) {
    if (!compiled.byKey.has(key)) errors.push({ path: ['fields', key], message: 'is not a field of this template' });
  }
  const given = Object.fromEntries(Object.entries(input).filter(([k, v]) => compiled.byKey.has(k) && v !== undefined));
  const merged: Record<string, unknown> = mode === 'update' ? { ...(opts.existing ?? {}), ...given } : { ...given };
  // Stored keys the template no longer defines are kept as they were: not the caller's doing.
  if (mode === 'create') {
    for (const def of compiled.defs) {
      if (merged[def.key] === undefined && def.default !== undefined) merged[def.key] = def.default;
    }
  }

  // Type errors first: a field whose controller is itself invalid gets no second, derived error.
  const typeErrors = new Map<string, string>();
  for (const [key, v] of Object.entries(merged)) {
    const def = compiled.byKey.get(key);
    if (!def || v === null) continue;
    const message = CHECKERS[def.type](v, def, compiled.patterns.get(key) ?? null);
    if (message) typeErrors.set(key, message);
  }
  const controllerInvalid = (def: FieldDefinition) =>
    def.visibleWhen !== undefined && typeErrors.has(def.visibleWhen.field);

  const visible = visibleKeys(compiled, merged);
  const value: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(merged)) {
    const def = compiled.byKey.get(key);
    if (!def) {
      if (mode === 'update' && !(key in given)) value[key] = v;
      continue;
    }
    if (!visible.has(key)) {
      if (key in given && given[key] !== null && !controllerInvalid(def)) {
        errors.push({ path: ['fields', key], message: `is hidden: the condition on "${def.visibleWhen!.field}" is not met` });
      }
      continue;
    }
    const message = typeErrors.get(key);
    if (message) errors.push({ path: ['fields', key], message });
    else value[key] = v;
  }
  for (const def of compiled.defs) {
    if (def.required && visible.has(def.key) && isEmpty(merged[def.key]) && !controllerInvalid(def)) {
      errors.push({ path: ['fields', def.key], message: 'is required' });
    }
  }
  return { value, errors };
}
