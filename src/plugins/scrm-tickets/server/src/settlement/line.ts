// One closed ticket's settlement line, in the documented order (docs/settlement.md). Pure.
import { commissionExact } from './commission';
import { D, mulFen, toFen } from './money';
import { splitLine, type Share } from './split';
import type { TierModel } from './types';

export interface LineInput {
  /** The ticket's service item (base fee lookup). */
  serviceItem?: string | null;
  /** The amount the commission's brackets apply to: the ticket amount, or the party's period volume. */
  commissionBasisFen: number;
  priority?: string | null;
  /** Hours from report to completion (rush "within N hours"). */
  completedWithinHours?: number | null;
  csat?: number | null;
  /** Region coefficient (city tier, overrides) and season coefficient as decimal strings. */
  regionCoefficient?: string;
  seasonCoefficient?: string;
}

export interface Line {
  baseFen: number;
  commissionFen: number;
  rushFen: number;
  /** After each multiplication, rounded half-up: what finance can retrace by hand. */
  afterSatisfactionFen: number;
  afterRegionFen: number;
  lineFen: number;
  coefficients: { satisfaction: string; region: string; season: string };
  shares: Share[];
}

export function baseFeeOf(model: TierModel, item?: string | null): number {
  return (item && model.baseFees[item] !== undefined ? model.baseFees[item] : model.baseFees.default) ?? 0;
}

export function rushApplies(model: TierModel, input: LineInput): boolean {
  const rush = model.rush;
  if (!rush) return false;
  if (rush.priorities?.length && input.priority && rush.priorities.includes(input.priority)) return true;
  return rush.withinHours !== undefined && input.completedWithinHours != null && input.completedWithinHours <= rush.withinHours;
}

/**
 * line = base + commission + rush; × satisfaction; × region; × season — each step rounded half-up
 * to the fen; then shared along the split chain by largest remainder.
 */
export function computeLine(model: TierModel, input: LineInput): Line {
  const baseFen = baseFeeOf(model, input.serviceItem);
  const commissionFen = model.commission ? toFen(commissionExact(input.commissionBasisFen, model.commission.brackets, model.commission.mode)) : 0;
  const beforeRush = baseFen + commissionFen;
  let rushFen = 0;
  if (rushApplies(model, input)) rushFen = model.rush!.fixedFen ?? mulFen(beforeRush, model.rush!.rate ?? '0');
  const satisfaction = (input.csat != null && model.satisfaction?.[String(input.csat)]) || '1';
  const region = input.regionCoefficient ?? '1';
  const season = input.seasonCoefficient ?? '1';
  const afterSatisfactionFen = mulFen(beforeRush + rushFen, satisfaction);
  const afterRegionFen = mulFen(afterSatisfactionFen, region);
  const lineFen = mulFen(afterRegionFen, season);
  return {
    baseFen,
    commissionFen,
    rushFen,
    afterSatisfactionFen,
    afterRegionFen,
    lineFen,
    coefficients: { satisfaction: new D(satisfaction).toString(), region: new D(region).toString(), season: new D(season).toString() },
    shares: splitLine(lineFen, model.split),
  };
}
