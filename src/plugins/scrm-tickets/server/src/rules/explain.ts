// Why a condition tree holds for some facts or not: the verdict of each group and condition, by
// its JSON path in the tree (the paths the rule editor and validateConditions use, without their
// base). Pure; json-rules-engine itself evaluates, with our operators, as when routing.
import { Engine, type RuleProperties, type RuleResult, type TopLevelCondition } from 'json-rules-engine';
import type { Path } from '../fields/types';
import type { Facts } from './facts';
import { addCustomOperators } from './operators';

export interface ExplainedNode {
  path: Path;
  result: boolean;
  /** A condition's fact value (for `fields` with `path: "$.key"`, the field's value); absent for groups and undefined facts. */
  factValue?: unknown;
  /**
   * The engine did not evaluate this node: its group's verdict was settled by conditions of a
   * higher `priority`. `result` is then the node's verdict evaluated on its own.
   */
  skipped?: true;
}

export interface Explained {
  matched: boolean;
  nodes: ExplainedNode[];
}

const GROUPS = ['all', 'any', 'not'] as const;
const groupOf = (node: any) => GROUPS.find((key) => key in node);

async function evaluate(conditions: TopLevelCondition, facts: Facts): Promise<RuleResult> {
  const engine = new Engine([], { allowUndefinedFacts: true });
  addCustomOperators(engine);
  engine.addRule({ name: 'explain', conditions, event: { type: 'explain' } } as RuleProperties);
  const { results, failureResults } = await engine.run({ ...facts });
  return [...results, ...failureResults][0];
}

/** A node the engine skipped, evaluated alone (a condition as `{ all: [it] }`) and marked so. */
async function alone(node: any, path: Path, facts: Facts): Promise<ExplainedNode[]> {
  const group = groupOf(node);
  const { nodes } = await explainConditions(group ? node : { all: [node] }, facts);
  const own = group ? nodes : nodes.slice(1).map((n) => ({ ...n, path: n.path.slice(2) }));
  return own.map((n) => ({ ...n, path: [...path, ...n.path], skipped: true }));
}

/** `node` is the tree as given, `evaluated` the engine's copy of it carrying `result` and `factResult`. */
async function walk(node: any, evaluated: any, path: Path, facts: Facts, nodes: ExplainedNode[]) {
  if (typeof evaluated?.result !== 'boolean') return void nodes.push(...(await alone(node, path, facts)));
  const group = groupOf(node);
  if (!group) {
    return void nodes.push({ path, result: evaluated.result, ...(evaluated.factResult !== undefined ? { factValue: evaluated.factResult } : {}) });
  }
  nodes.push({ path, result: evaluated.result });
  if (group === 'not') return walk(node.not, evaluated.not, [...path, 'not'], facts, nodes);
  for (const [i, child] of (node[group] as unknown[]).entries()) await walk(child, evaluated[group][i], [...path, group, i], facts, nodes);
}

/**
 * Each node of a validated top-level condition (`{ all | any | not }`) with its verdict, groups
 * before their members (depth first, in order). A condition on an undefined fact is false.
 */
export async function explainConditions(conditions: TopLevelCondition, facts: Facts): Promise<Explained> {
  const ruleResult = await evaluate(conditions, facts);
  const matched = ruleResult.result === true;
  const nodes: ExplainedNode[] = [];
  // The engine leaves the root's verdict on the rule result, not on the root itself.
  await walk(conditions, Object.assign(ruleResult.conditions, { result: matched }), [], facts, nodes);
  return { matched, nodes };
}
