// The settlement tier editor's model: a tier's fee model as it is being changed (any of it may be
// invalid while typed), rates shown as percentages and stored as decimal strings (decimal.js,
// never a float on the way), every problem filed under the row and setting it names — found by
// the server's own validator — and a worked example computed by the server's own line code.
import { computeLine, type Line } from '../../../../server/src/settlement/line';
import { D } from '../../../../server/src/settlement/money';
import type { TierModel } from '../../../../server/src/settlement/types';
import { validateTierModel } from '../../../../server/src/settlement/validate-tier';
import { byItem, mergeFindings } from '../editors/problems';
import { yuan } from '../editors/yuan';

export { yuan };
import type { Problem } from '../editors/PropField';
import type { ShownProblem } from '../editors/ProblemLines';
import type { PathError } from '../editors/server-errors';

export type ModelDraft = Record<string, any>;

/** Who a split level pays (docs/settlement.md: payees): the parties the product names. */
export const PARTIES = ['platform', 'region', 'city_partner', 'store', 'engineer', 'department'];

/** A new tier's model: a default base fee and the whole line to the engineer — valid as it comes. */
export const newModel = (): ModelDraft => ({ baseFees: { default: 0 }, split: [{ party: 'engineer' }] });

/** "0.05" → 5: a rate as the percentage people type (exact: decimal.js, not a float product). */
export const percentOf = (rate: unknown): number | undefined =>
  typeof rate === 'string' && rate !== '' && !Number.isNaN(Number(rate)) ? new D(rate).times(100).toNumber() : undefined;
/** 5.5 → "0.055": what the model stores, or undefined when cleared. */
export const rateOf = (percent: number | undefined): string | undefined => (percent === undefined ? undefined : new D(String(percent)).div(100).toString());

/** A row's problems by the setting each names: path under the row's own prefix. */
const settings = (found: ShownProblem[], prefix: (string | number)[]): Problem[] =>
  found
    .filter((p) => prefix.every((x, i) => p.path[i] === x) && p.path.length > prefix.length)
    .map((p) => ({ ...p, prop: String(p.path[prefix.length]), path: p.path.slice(prefix.length + 1) }));

export interface TierProblems {
  /** Of the model as a whole (its shape, unknown settings). */
  general: Problem[];
  /** By item key. */
  baseFees: Problem[];
  commission: Problem[];
  /** By bracket index; -1: the list as a whole. */
  brackets: Map<number, Problem[]>;
  rush: Problem[];
  satisfaction: Problem[];
  rebates: Map<number, Problem[]>;
  split: Map<number, Problem[]>;
}

export function problemsOf(model: ModelDraft, server: PathError[]): TierProblems {
  const found = mergeFindings(validateTierModel(model, []), server);
  const top = (name: string) => found.filter((p) => p.path[0] === name);
  const whole = (name: string): Problem[] =>
    top(name)
      .filter((p) => p.path.length === 1)
      .map((p) => ({ ...p, prop: '', path: [] }));
  return {
    general: found
      .filter((p) => p.path.length === 0 || !['baseFees', 'commission', 'rush', 'satisfaction', 'rebates', 'split', 'rebateParty'].includes(String(p.path[0])))
      .map((p) => ({ ...p, prop: '' })),
    baseFees: [...whole('baseFees'), ...settings(found, ['baseFees'])],
    commission: [...whole('commission'), ...settings(found, ['commission']).filter((p) => p.prop !== 'brackets')],
    brackets: byItem(found, ['commission', 'brackets']),
    rush: [...whole('rush'), ...settings(found, ['rush'])],
    satisfaction: [...whole('satisfaction'), ...settings(found, ['satisfaction'])],
    rebates: new Map([...byItem(found, ['rebates'])].map(([i, list]) => [i, i < 0 ? [...list, ...top('rebateParty').map((p) => ({ ...p, prop: '' }))] : list])),
    split: byItem(found, ['split']),
  };
}

/** Is the model one the server would take (then the example can be computed). */
export const isValidModel = (model: ModelDraft): model is TierModel => validateTierModel(model, []).length === 0;

/** The settlement line of a ticket of `amountFen` on this tier (the default item, no rush, no score, coefficient 1). */
export const exampleLine = (model: ModelDraft, amountFen: number): Line | null =>
  isValidModel(model) ? computeLine(model, { serviceItem: 'default', commissionBasisFen: amountFen }) : null;
