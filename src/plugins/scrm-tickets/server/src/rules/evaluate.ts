import { Engine, type RuleProperties, type TopLevelCondition } from 'json-rules-engine';
import type { Facts } from './facts';
import { addCustomOperators } from './operators';

/**
 * An engine over a fixed list of condition sets, built once and run per ticket. Undefined facts
 * are allowed (a ticket without a customer has no VIP level): a condition on one is false.
 */
export function compileConditions(named: { name: string; conditions: TopLevelCondition; priority?: number }[]) {
  const engine = new Engine([], { allowUndefinedFacts: true });
  addCustomOperators(engine);
  for (const { name, conditions } of named) {
    engine.addRule({ name, conditions, event: { type: name } } as RuleProperties);
  }
  /** Names of the condition sets that hold for these facts. */
  return async (facts: Facts): Promise<Set<string>> => {
    const { results } = await engine.run({ ...facts });
    return new Set(results.map((r) => String(r.name)));
  };
}
