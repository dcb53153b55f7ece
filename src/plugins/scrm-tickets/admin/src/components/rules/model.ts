// The rule builder's model: a json-rules-engine condition tree as it is being changed (any of it
// may be invalid while typed), edited by the path of each node; the subjects a condition may test
// (ticket facts and the templates' own fields) with the operators and values that fit each; and
// every problem filed under the node it belongs to — found by the server's own validator.
import { FACTS, type FactType } from '../../../../server/src/rules/facts';
import { OPERATORS } from '../../../../server/src/rules/operators';
import { validateConditions } from '../../../../server/src/rules/conditions';
import { mergeFindings } from '../editors/problems';
import type { Problem } from '../editors/PropField';
import type { PathError } from '../editors/server-errors';

export type Node = Record<string, any>;
export type Path = (string | number)[];
/** `none` is stored as `{ not: { any: [...] } }`: "none of these" reads better than a bare negation. */
export type GroupKind = 'all' | 'any' | 'none';
/** The type of what a condition tests; a template field's follows its field type. */
export type ValueType = Exclude<FactType, 'object'>;

export const isGroup = (node: Node | undefined): boolean => !!node && ('all' in node || 'any' in node || 'not' in node);
export const kindOf = (node: Node): GroupKind => ('all' in node ? 'all' : 'any' in node ? 'any' : 'none');

/** The members of a group, and the path of each in the stored tree. */
export function membersOf(node: Node, path: Path): { node: Node; path: Path }[] {
  if ('all' in node || 'any' in node) {
    const key = 'all' in node ? 'all' : 'any';
    return (Array.isArray(node[key]) ? node[key] : []).map((child: Node, i: number) => ({ node: child, path: [...path, key, i] }));
  }
  const inner = node.not;
  // `{ not: { any: [...] } }` is a "none" group; a `not` around anything else is shown as its one member.
  if (inner && typeof inner === 'object' && 'any' in inner && Object.keys(inner).length === 1) return membersOf(inner, [...path, 'not']);
  return inner ? [{ node: inner, path: [...path, 'not'] }] : [];
}

export const group = (kind: GroupKind, members: Node[]): Node => (kind === 'none' ? { not: { any: members } } : { [kind]: members });
export const setKind = (node: Node, kind: GroupKind): Node =>
  group(
    kind,
    membersOf(node, []).map((m) => m.node),
  );
export const setMembers = (node: Node, members: Node[]): Node => group(kindOf(node), members);

/** The tree with the node at `path` replaced by `fn(node)`. */
export function updateAt(root: Node, path: Path, fn: (node: Node) => Node): Node {
  if (path.length === 0) return fn(root);
  const [head, ...rest] = path;
  if (Array.isArray(root)) return root.map((child, i) => (i === head ? updateAt(child, rest, fn) : child)) as unknown as Node;
  return { ...root, [head]: updateAt(root[head as string], rest, fn) };
}

/** A template field a condition may test (`fact: fields`, `path: $.key`). */
export interface FieldSubject {
  key: string;
  label: string;
  type: string;
  options?: { value: string; label: string }[];
}

/** What a field's answers are, for the operators that fit them. */
export const fieldValueType = (type: string): ValueType =>
  type === 'number' || type === 'money' ? 'number' : type === 'boolean' ? 'boolean' : type === 'multiselect' || type === 'media' ? 'string[]' : 'string';

/** The subjects a condition may test: every fact but `fields`, whose fields are subjects of their own. */
export const FACT_NAMES = Object.keys(FACTS).filter((f) => FACTS[f] !== 'object');

/** A node's subject: `fact` or `fields:<key>`. */
export const subjectOf = (leaf: Node): string => (leaf.fact === 'fields' && typeof leaf.path === 'string' ? `fields:${leaf.path.replace(/^\$\./, '')}` : String(leaf.fact ?? ''));

export function valueTypeOf(subject: string, fields: FieldSubject[]): ValueType {
  if (subject.startsWith('fields:')) return fieldValueType(fields.find((f) => f.key === subject.slice('fields:'.length))?.type ?? 'text');
  const type = FACTS[subject];
  return type && type !== 'object' ? type : 'string';
}

/** A subject in fen (an amount fact, a money field): typed and shown in yuan. */
export const isMoney = (subject: string, fields: FieldSubject[]): boolean =>
  subject.startsWith('fields:') ? fields.find((f) => f.key === subject.slice('fields:'.length))?.type === 'money' : /Fen$/.test(subject);

/** Operators that make sense on a value type (server/src/rules/operators.ts), in its order. */
export const operatorsFor = (type: ValueType): string[] => Object.keys(OPERATORS).filter((op) => OPERATORS[op].on.includes(type));

export const valueKindOf = (operator: string) => OPERATORS[operator]?.value ?? 'same';

const emptyOf = (type: ValueType, known: string[]): unknown => (type === 'number' ? 0 : type === 'boolean' ? true : (known[0] ?? ''));

/** A value of the operator's kind, keeping what the user gave where it still fits. */
export function fitValue(value: unknown, operator: string, type: ValueType, known: string[]): unknown {
  const kind = valueKindOf(operator);
  const scalar = type === 'string[]' ? 'string' : type;
  const fits = (v: unknown) => (scalar === 'number' ? typeof v === 'number' : scalar === 'boolean' ? typeof v === 'boolean' : typeof v === 'string');
  const first = Array.isArray(value) ? value[0] : value;
  if (kind === 'list') return Array.isArray(value) && value.every(fits) && value.length ? value : fits(first) ? [first] : [emptyOf(scalar, known)];
  if (kind === 'strings') return Array.isArray(value) && value.every((v) => typeof v === 'string') && value.length ? value : typeof first === 'string' && first ? [first] : [];
  if (kind === 'element') return typeof first === 'string' ? first : '';
  return fits(first) ? first : emptyOf(scalar, known);
}

/** A condition on `subject`: its first operator and a value to start from. */
export function leafFor(subject: string, fields: FieldSubject[], known: string[], previous?: Node): Node {
  const type = valueTypeOf(subject, fields);
  const ops = operatorsFor(type);
  const operator = previous && ops.includes(previous.operator) ? previous.operator : ops[0];
  const base = subject.startsWith('fields:') ? { fact: 'fields', path: `$.${subject.slice('fields:'.length)}` } : { fact: subject };
  return { ...base, operator, value: fitValue(previous?.value, operator, type, known) };
}

export const pathKey = (path: Path) => path.join('.');
const LEAF_PROPS = new Set(['fact', 'operator', 'value', 'path']);
const GROUP_KEYS = new Set(['all', 'any', 'not']);

/**
 * Every problem by the path of the node it is on (`pathKey`): a condition's on its fact, operator
 * or value; a group's on its members (`members`). `own` is false while nothing has been typed.
 */
export function problemsOf(conditions: unknown, server: PathError[], own = true): Map<string, Problem[]> {
  const found = mergeFindings(own ? validateConditions(conditions, []) : [], server);
  const out = new Map<string, Problem[]>();
  for (const { path, message, fromServer } of found) {
    const last = path[path.length - 1];
    // A value list's problem names an element (value 2): it is the value's.
    const valueAt = path.lastIndexOf('value');
    let node: Path = path;
    let prop = '';
    if (valueAt >= 0 && path.slice(valueAt + 1).every((p) => typeof p === 'number')) [node, prop] = [path.slice(0, valueAt), 'value'];
    else if (typeof last === 'string' && LEAF_PROPS.has(last)) [node, prop] = [path.slice(0, -1), last];
    else if (typeof last === 'string' && GROUP_KEYS.has(last)) [node, prop] = [path.slice(0, -1), 'members'];
    const key = pathKey(node);
    out.set(key, [...(out.get(key) ?? []), { prop, path: [], message, fromServer }]);
  }
  return out;
}

/** A "none" group's members live one level deeper: its problems at `not` are the group's. */
export const problemsAt = (problems: Map<string, Problem[]>, node: Node, path: Path): Problem[] => [
  ...(problems.get(pathKey(path)) ?? []),
  ...(kindOf(node) === 'none' && isGroup(node) ? (problems.get(pathKey([...path, 'not'])) ?? []) : []),
];
