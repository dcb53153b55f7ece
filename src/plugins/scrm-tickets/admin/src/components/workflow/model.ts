// The workflow editor's model: a template's workflow as it is being changed (any of it may be
// invalid while typed), states added with keys made from their names, a state's key renamed or
// the state removed everywhere it is named, and every problem filed under the state or
// transition it belongs to — found by the server's own validator (server/src/workflow).
import { DEFAULT_WORKFLOW } from '../../../../server/src/workflow/default-workflow';
import { AWAITING_APPROVAL } from '../../../../server/src/workflow/types';
import { validateWorkflow } from '../../../../server/src/workflow/validate-workflow';
import { keyFromLabel } from '../editors/keys';
import { byItem, mergeFindings } from '../editors/problems';
import type { Problem } from '../editors/PropField';
import type { PathError } from '../editors/server-errors';

export { AWAITING_APPROVAL };

export interface StateDraft {
  key: string;
  label: { 'zh-Hans': string; en?: string };
  pausesSla?: boolean;
  resolves?: boolean;
  checklist?: { key: string; label: { 'zh-Hans': string; en?: string } }[];
}
export interface TransitionDraft {
  from: string | string[];
  to: string;
  roles?: string[];
  approval?: string;
}
export interface WorkflowDraft {
  initial: string;
  final: string[];
  states: StateDraft[];
  transitions: TransitionDraft[];
}

/** The default workflow as a template's own, to change from there (a deep copy). */
export const customised = (): WorkflowDraft => JSON.parse(JSON.stringify(DEFAULT_WORKFLOW));

export const fromList = (from: string | string[] | undefined): string[] => (Array.isArray(from) ? from : typeof from === 'string' && from ? [from] : []);
/** One state as a string, several as a list: the JSON stays as short as a hand-written one. */
const toFrom = (states: string[]): string | string[] => (states.length === 1 ? states[0] : states);

const keysOf = (wf: WorkflowDraft, except?: number) => new Set([AWAITING_APPROVAL, ...wf.states.filter((_, i) => i !== except).map((s) => s.key)]);

/** A new state, named `label`, with a key of its own; not final, and reached from nowhere until a transition leads to it. */
export function addState(wf: WorkflowDraft, label: string): WorkflowDraft {
  const key = keyFromLabel(label, keysOf(wf), 'state', 'snake');
  return { ...wf, states: [...wf.states, { key, label: { 'zh-Hans': label } }] };
}

/** A state's key changed: every transition, the initial and the final states follow it. */
export function renameState(wf: WorkflowDraft, index: number, key: string): WorkflowDraft {
  const old = wf.states[index].key;
  const swap = (k: string) => (k === old ? key : k);
  return {
    initial: swap(wf.initial),
    final: wf.final.map(swap),
    states: wf.states.map((s, i) => (i === index ? { ...s, key } : s)),
    transitions: wf.transitions.map((t) => ({ ...t, from: toFrom(fromList(t.from).map(swap)), to: swap(t.to) })),
  };
}

/** A state's name changed: its key follows while `followKey` (nobody typed one, and it was added now). */
export function relabelState(wf: WorkflowDraft, index: number, label: StateDraft['label'], followKey: boolean): WorkflowDraft {
  const next = { ...wf, states: wf.states.map((s, i) => (i === index ? { ...s, label } : s)) };
  return followKey ? renameState(next, index, keyFromLabel(label['zh-Hans'] || label.en || '', keysOf(wf, index), 'state', 'snake')) : next;
}

/** A state removed, and with it every transition to it and its place in the transitions from it. */
export function removeState(wf: WorkflowDraft, index: number): WorkflowDraft {
  const gone = wf.states[index].key;
  const states = wf.states.filter((_, i) => i !== index);
  return {
    initial: wf.initial === gone ? (states[0]?.key ?? '') : wf.initial,
    final: wf.final.filter((k) => k !== gone),
    states,
    transitions: wf.transitions
      .filter((t) => t.to !== gone)
      .map((t) => ({ ...t, from: toFrom(fromList(t.from).filter((k) => k !== gone)) }))
      .filter((t) => fromList(t.from).length > 0),
  };
}

export const setFinal = (wf: WorkflowDraft, key: string, on: boolean): WorkflowDraft => ({
  ...wf,
  final: on ? [...wf.final.filter((k) => k !== key), key] : wf.final.filter((k) => k !== key),
});

export const setFrom = (t: TransitionDraft, states: string[]): TransitionDraft => ({ ...t, from: toFrom(states) });

/** Where a ticket may go from a state, in transition order. */
export const exitsOf = (wf: WorkflowDraft, key: string): string[] => [...new Set(wf.transitions.filter((t) => fromList(t.from).includes(key)).map((t) => t.to))];

export interface WorkflowProblems {
  /** Of the workflow as a whole, its initial state (prop `initial`) or its final list (`final`). */
  general: Problem[];
  /** By state index (-1: the list as a whole); a final state's problems are on its `final` setting. */
  states: Map<number, Problem[]>;
  transitions: Map<number, Problem[]>;
}

/** Every problem of the workflow being edited and of the server's answer to the last save, where the editor shows it. */
export function problemsOf(wf: WorkflowDraft, server: PathError[]): WorkflowProblems {
  const found = mergeFindings(validateWorkflow(wf, []), server);
  const states = byItem(found, ['states']);
  // `final` lists keys: its problems belong to the state each names.
  const onState = (p: { path: (string | number)[] }) => p.path[0] === 'final' && wf.states.some((s) => s.key === wf.final[Number(p.path[1])]);
  for (const [at, list] of byItem(found, ['final'])) {
    const index = wf.states.findIndex((s) => s.key === wf.final[at]);
    if (index >= 0) states.set(index, [...(states.get(index) ?? []), ...list.map((p) => ({ ...p, prop: 'final', path: [] }))]);
  }
  // The initial state, the workflow's shape and the final list as a whole (or naming no state).
  const general = found
    .filter((p) => !['states', 'transitions'].includes(String(p.path[0])) && !onState(p))
    .map((p) => ({ ...p, prop: String(p.path[0] ?? ''), path: p.path.slice(1) }));
  return { general, states, transitions: byItem(found, ['transitions']) };
}
