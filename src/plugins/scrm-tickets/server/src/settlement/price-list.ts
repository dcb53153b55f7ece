// Price lists: service item prices, city-tier coefficients, season rules, rush and the
// calibration band — validated on save, and resolved per region for quotes and settlement. Pure.
import { isPlainObject } from '../fields/guards';
import type { FieldError, Path } from '../fields/types';
import { D, isDecimalString, isFen } from './money';
import { seasonFor, type SeasonRule } from './pricing';

export interface PriceList {
  key: string;
  currency: string;
  /** Service item → fen per unit. */
  prices: Record<string, number>;
  /** City tier ("1" = 一线 … "6") → coefficient, for regions without a coefficient of their own. */
  cityTierCoefficients?: Record<string, string> | null;
  seasons?: SeasonRule[] | null;
  /** The rush surcharge a quote adds when asked for: a rate of the total, or a fixed amount. */
  rush?: { rate?: string; fixedFen?: number } | null;
  /** How far a region's effective price may drift from the quoted one before it is flagged ("0.1" = 10 %). */
  calibrationBand?: string | null;
}

const ITEM = /^[a-z][a-z0-9_]{0,63}$/;
const isCoefficient = (v: unknown): v is string => isDecimalString(v) && new D(v).gt(0) && new D(v).lte(10);
const isRate = (v: unknown): v is string => isDecimalString(v) && new D(v).lte(1);

/** Every problem of a price list's settings, with its path. `regionCodes`: the codes seasons may name. */
export function validatePriceList(data: Record<string, unknown>, regionCodes: Set<string>): FieldError[] {
  const errors: FieldError[] = [];
  const push = (path: Path, message: string) => errors.push({ path, message });
  if ('prices' in data) {
    if (!isPlainObject(data.prices)) push(['prices'], 'must be { item: fen per unit }');
    else
      for (const [item, fen] of Object.entries(data.prices)) {
        if (!ITEM.test(item)) push(['prices', item], 'is not an item key (lowercase letters, digits, _)');
        else if (!isFen(fen)) push(['prices', item], 'must be a whole number of fen, 0 or more');
      }
  }
  const tiers = data.cityTierCoefficients;
  if (tiers !== undefined && tiers !== null) {
    if (!isPlainObject(tiers)) push(['cityTierCoefficients'], 'must be { "1": "1.2", … } (city tier → coefficient)');
    else
      for (const [tier, coefficient] of Object.entries(tiers)) {
        if (!/^[1-6]$/.test(tier)) push(['cityTierCoefficients', tier], 'is not a city tier (1 to 6)');
        else if (!isCoefficient(coefficient)) push(['cityTierCoefficients', tier], 'must be a coefficient above "0" and at most "10"');
      }
  }
  const seasons = data.seasons;
  if (seasons !== undefined && seasons !== null) {
    if (!Array.isArray(seasons)) push(['seasons'], 'must be a list of { name, regions, months, coefficient }');
    else
      seasons.forEach((rule, i) => {
        const at = ['seasons', i];
        if (!isPlainObject(rule)) return void push(at, 'must be { name, regions, months, coefficient }');
        for (const key of Object.keys(rule)) if (!['name', 'regions', 'months', 'coefficient'].includes(key)) push([...at, key], 'is not a setting of a season rule');
        if (typeof rule.name !== 'string' || !rule.name.trim()) push([...at, 'name'], 'must be a name');
        if (!Array.isArray(rule.regions) || rule.regions.length === 0) push([...at, 'regions'], 'must list region codes');
        else rule.regions.forEach((code, j) => !regionCodes.has(code as string) && push([...at, 'regions', j], `is not a region code`));
        const months = rule.months;
        if (!Array.isArray(months) || months.length === 0 || months.some((m) => !Number.isInteger(m) || m < 1 || m > 12) || new Set(months).size !== months.length) {
          push([...at, 'months'], 'must list distinct months 1 to 12');
        }
        if (!isCoefficient(rule.coefficient)) push([...at, 'coefficient'], 'must be a coefficient above "0" and at most "10"');
      });
  }
  const rush = data.rush;
  if (rush !== undefined && rush !== null) {
    if (!isPlainObject(rush) || (rush.rate === undefined) === (rush.fixedFen === undefined)) push(['rush'], 'must be { rate } or { fixedFen }');
    else if (rush.rate !== undefined && !isRate(rush.rate)) push(['rush', 'rate'], 'must be a decimal string between "0" and "1"');
    else if (rush.fixedFen !== undefined && !isFen(rush.fixedFen)) push(['rush', 'fixedFen'], 'must be a whole number of fen, 0 or more');
  }
  if (data.calibrationBand !== undefined && data.calibrationBand !== null && !isRate(data.calibrationBand)) {
    push(['calibrationBand'], 'must be a decimal string between "0" and "1" (e.g. "0.1")');
  }
  return errors;
}

export interface RegionNode {
  id: number;
  code: string;
  priceCoefficient: string | null;
  cityTier: number | null;
  parentId: number | null;
}

export interface RegionFactors {
  /** The region and its ancestors' codes, nearest first. */
  path: string[];
  /** Its own coefficient, else the nearest ancestor's, else its (or an ancestor's) city tier's. */
  coefficient: string;
  /** The season rule of the price list covering it at the moment asked for, if any. */
  season: SeasonRule | null;
}

/**
 * Every region's pricing factors at `at`: walking up the tree, the first explicit
 * `priceCoefficient` wins, else the first city tier the price list has a coefficient for, else 1;
 * the season is the price list's first rule covering any region on the way (pricing.ts).
 */
export function regionFactors(regions: RegionNode[], list: PriceList | null, at: Date): Map<number, RegionFactors> {
  const byId = new Map(regions.map((r) => [r.id, r]));
  const out = new Map<number, RegionFactors>();
  for (const region of regions) {
    const path: string[] = [];
    let coefficient: string | null = null;
    for (let r: RegionNode | undefined = region; r && path.length < 16; r = r.parentId === null ? undefined : byId.get(r.parentId)) {
      path.push(r.code);
      if (coefficient === null && r.priceCoefficient) coefficient = r.priceCoefficient;
      if (coefficient === null && r.cityTier !== null && list?.cityTierCoefficients?.[String(r.cityTier)]) coefficient = list.cityTierCoefficients[String(r.cityTier)];
    }
    out.set(region.id, { path, coefficient: coefficient ?? '1', season: seasonFor(list?.seasons ?? [], path, at) });
  }
  return out;
}
