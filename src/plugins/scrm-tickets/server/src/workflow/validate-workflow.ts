// Checks a template's workflow when the template is saved, so a ticket can never be stranded in a
// state nobody can reach or leave. Pure: errors come back as paths under `workflow`.
import { isPlainObject, isTexts } from '../fields/guards';
import type { FieldError, Path } from '../fields/types';
import { AWAITING_APPROVAL, type WorkflowDefinition } from './types';

const KEY = /^[a-z][a-z0-9_]{0,63}$/;
const ROLE = /^\S.{0,99}$/u;
const MAX_STATES = 50;
const MAX_TRANSITIONS = 500;
const MAX_CHECKLIST = 50;
const STATE_PROPS = new Set(['key', 'label', 'pausesSla', 'resolves', 'checklist']);
const TRANSITION_PROPS = new Set(['from', 'to', 'roles', 'approval']);
const WORKFLOW_PROPS = new Set(['initial', 'final', 'states', 'transitions']);

const unknownProps = (value: Record<string, unknown>, known: Set<string>, path: Path, errors: FieldError[]) => {
  for (const prop of Object.keys(value)) {
    if (!known.has(prop)) errors.push({ path: [...path, prop], message: 'is not a known property' });
  }
};

function checkStates(states: unknown, path: Path, errors: FieldError[]): Set<string> {
  const keys = new Set<string>();
  if (!Array.isArray(states) || states.length === 0 || states.length > MAX_STATES) {
    errors.push({ path, message: `must list 1 to ${MAX_STATES} states` });
    return keys;
  }
  states.forEach((state, i) => {
    const at = [...path, i];
    if (!isPlainObject(state)) return void errors.push({ path: at, message: 'must be { key, label }' });
    unknownProps(state, STATE_PROPS, at, errors);
    if (typeof state.key !== 'string' || !KEY.test(state.key)) {
      errors.push({ path: [...at, 'key'], message: 'must be a lower-case key (a-z, 0-9, _)' });
    } else if (state.key === AWAITING_APPROVAL) {
      errors.push({ path: [...at, 'key'], message: `is reserved: tickets wait for approval in ${AWAITING_APPROVAL}` });
    } else if (keys.has(state.key)) {
      errors.push({ path: [...at, 'key'], message: 'is used by another state' });
    } else {
      keys.add(state.key);
    }
    if (!isTexts(state.label, 100, true)) errors.push({ path: [...at, 'label'], message: 'must have a zh-Hans text' });
    for (const flag of ['pausesSla', 'resolves'] as const) {
      if (state[flag] !== undefined && typeof state[flag] !== 'boolean') {
        errors.push({ path: [...at, flag], message: 'must be true or false' });
      }
    }
    checkChecklist(state.checklist, [...at, 'checklist'], errors);
  });
  return keys;
}

function checkChecklist(list: unknown, path: Path, errors: FieldError[]) {
  if (list === undefined) return;
  if (!Array.isArray(list) || list.length > MAX_CHECKLIST) {
    return void errors.push({ path, message: `must be a list of at most ${MAX_CHECKLIST} items` });
  }
  const seen = new Set<string>();
  list.forEach((item, i) => {
    const at = [...path, i];
    if (!isPlainObject(item)) return void errors.push({ path: at, message: 'must be { key, label }' });
    unknownProps(item, new Set(['key', 'label']), at, errors);
    if (typeof item.key !== 'string' || !KEY.test(item.key)) {
      errors.push({ path: [...at, 'key'], message: 'must be a lower-case key (a-z, 0-9, _)' });
    } else if (seen.has(item.key)) {
      errors.push({ path: [...at, 'key'], message: 'is used by another item of this checklist' });
    } else {
      seen.add(item.key);
    }
    if (!isTexts(item.label, 200, true)) errors.push({ path: [...at, 'label'], message: 'must have a zh-Hans text' });
  });
}

const stateRef = (value: unknown, keys: Set<string>, path: Path, errors: FieldError[]): string | null => {
  if (typeof value !== 'string' || !keys.has(value)) {
    errors.push({ path, message: 'names no state of this workflow' });
    return null;
  }
  return value;
};

function checkTransitions(list: unknown, keys: Set<string>, path: Path, errors: FieldError[]) {
  const edges: [string, string][] = [];
  if (!Array.isArray(list) || list.length > MAX_TRANSITIONS) {
    errors.push({ path, message: `must be a list of at most ${MAX_TRANSITIONS} transitions` });
    return edges;
  }
  list.forEach((t, i) => {
    const at = [...path, i];
    if (!isPlainObject(t)) return void errors.push({ path: at, message: 'must be { from, to, roles?, approval? }' });
    unknownProps(t, TRANSITION_PROPS, at, errors);
    const froms = Array.isArray(t.from) ? t.from : [t.from];
    if (froms.length === 0) errors.push({ path: [...at, 'from'], message: 'must name at least one state' });
    const to = stateRef(t.to, keys, [...at, 'to'], errors);
    froms.forEach((f, j) => {
      const from = stateRef(f, keys, Array.isArray(t.from) ? [...at, 'from', j] : [...at, 'from'], errors);
      if (from && to && from === to) errors.push({ path: [...at, 'to'], message: 'must differ from from' });
      if (from && to) edges.push([from, to]);
    });
    if (t.roles !== undefined) {
      const ok = Array.isArray(t.roles) && t.roles.length > 0 && t.roles.every((r) => typeof r === 'string' && ROLE.test(r));
      if (!ok) errors.push({ path: [...at, 'roles'], message: 'must be a non-empty list of role codes or names' });
    }
    if (t.approval !== undefined && (typeof t.approval !== 'string' || !KEY.test(t.approval))) {
      errors.push({ path: [...at, 'approval'], message: 'must be the key of an approval policy' });
    }
  });
  return edges;
}

/** States the initial state cannot reach by any chain of transitions. */
function unreachable(initial: string, keys: Set<string>, edges: [string, string][]): string[] {
  const seen = new Set([initial]);
  const queue = [initial];
  while (queue.length > 0) {
    const at = queue.shift()!;
    for (const [from, to] of edges) {
      if (from === at && !seen.has(to)) {
        seen.add(to);
        queue.push(to);
      }
    }
  }
  return [...keys].filter((k) => !seen.has(k));
}

/**
 * Every error of a workflow definition at once, each with its path under `basePath`. An absent
 * workflow (null) is valid: the template uses the default.
 */
export function validateWorkflow(value: unknown, basePath: Path = ['workflow']): FieldError[] {
  const errors: FieldError[] = [];
  if (value === null || value === undefined) return errors;
  if (!isPlainObject(value)) return [{ path: basePath, message: 'must be { initial, final, states, transitions }' }];
  unknownProps(value, WORKFLOW_PROPS, basePath, errors);
  const keys = checkStates(value.states, [...basePath, 'states'], errors);
  const edges = checkTransitions(value.transitions, keys, [...basePath, 'transitions'], errors);
  const initial = stateRef(value.initial, keys, [...basePath, 'initial'], errors);

  const final = Array.isArray(value.final) ? value.final : null;
  if (!final || final.length === 0) {
    errors.push({ path: [...basePath, 'final'], message: 'must name at least one final state' });
  } else {
    final.forEach((f, i) => {
      const key = stateRef(f, keys, [...basePath, 'final', i], errors);
      if (key && key === initial) errors.push({ path: [...basePath, 'final', i], message: 'cannot be the initial state' });
      if (key && edges.some(([from]) => from === key)) {
        errors.push({ path: [...basePath, 'final', i], message: 'is final and cannot have transitions out of it' });
      }
    });
  }
  if (errors.length > 0 || !initial) return errors;

  for (const key of unreachable(initial, keys, edges)) {
    const i = (value.states as { key: string }[]).findIndex((s) => s.key === key);
    errors.push({ path: [...basePath, 'states', i, 'key'], message: `cannot be reached from ${initial}` });
  }
  const finals = new Set(final as string[]);
  for (const key of keys) {
    if (finals.has(key) || edges.some(([from]) => from === key)) continue;
    const i = (value.states as { key: string }[]).findIndex((s) => s.key === key);
    errors.push({ path: [...basePath, 'states', i, 'key'], message: 'is not final but has no transition out of it' });
  }
  return errors;
}

export const isWorkflow = (value: unknown): value is WorkflowDefinition =>
  value !== null && value !== undefined && validateWorkflow(value).length === 0;
