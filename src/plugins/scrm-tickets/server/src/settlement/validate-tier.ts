// Checks a settlement tier's model before it is saved: every problem with its path. Pure.
import { isPlainObject } from '../fields/guards';
import type { FieldError, Path } from '../fields/types';
import { PRIORITIES } from '../rules/actions';
import { D, isDecimalString, isFen } from './money';
import { MAX_SPLIT_LEVELS } from './types';

const MAX_BRACKETS = 20;
const FEN = 'must be a whole number of fen, 0 or more';
const RATE = 'must be a decimal string between "0" and "1" (e.g. "0.05")';

const isRate = (v: unknown): v is string => isDecimalString(v) && new D(v).lte(1);
const isCoefficient = (v: unknown): v is string => isDecimalString(v) && new D(v).gt(0) && new D(v).lte(10);

function unknownProps(value: Record<string, unknown>, allowed: string[], at: Path, errors: FieldError[]) {
  for (const key of Object.keys(value)) if (!allowed.includes(key)) errors.push({ path: [...at, key], message: `is not a setting here; known: ${allowed.join(', ')}` });
}

function checkBrackets(value: unknown, at: Path, errors: FieldError[]) {
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_BRACKETS) {
    return void errors.push({ path: at, message: `must list 1 to ${MAX_BRACKETS} brackets` });
  }
  let previous = -1;
  value.forEach((b, i) => {
    const p = [...at, i];
    if (!isPlainObject(b)) return void errors.push({ path: p, message: 'must be { upToFen, rate }' });
    unknownProps(b, ['upToFen', 'rate'], p, errors);
    if (!isRate(b.rate)) errors.push({ path: [...p, 'rate'], message: RATE });
    const last = i === value.length - 1;
    if (last) {
      if (b.upToFen !== null) errors.push({ path: [...p, 'upToFen'], message: 'must be null on the last bracket ("and above")' });
    } else if (!isFen(b.upToFen) || b.upToFen === 0) {
      errors.push({ path: [...p, 'upToFen'], message: 'must be a whole number of fen above 0 (only the last bracket is open-ended)' });
    } else if (b.upToFen <= previous) {
      errors.push({ path: [...p, 'upToFen'], message: `must be above the previous bracket's ${previous} (brackets are ordered and do not overlap)` });
    } else previous = b.upToFen;
  });
}

function checkSplit(value: unknown, at: Path, errors: FieldError[]) {
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_SPLIT_LEVELS) {
    return void errors.push({ path: at, message: `must list 1 to ${MAX_SPLIT_LEVELS} levels` });
  }
  const parties = new Set<string>();
  let rates = new D(0);
  let allRates = true;
  value.forEach((level, i) => {
    const p = [...at, i];
    if (!isPlainObject(level)) return void errors.push({ path: p, message: 'must be { party, rate } or { party, fixedFen }' });
    unknownProps(level, ['party', 'rate', 'fixedFen'], p, errors);
    if (typeof level.party !== 'string' || !/^[a-z][a-z0-9_]{0,63}$/.test(level.party)) {
      errors.push({ path: [...p, 'party'], message: 'must be a party key (lowercase letters, digits, _)' });
    } else if (parties.has(level.party)) errors.push({ path: [...p, 'party'], message: `is listed twice` });
    else parties.add(level.party);
    const last = i === value.length - 1;
    if (level.rate !== undefined && level.fixedFen !== undefined) errors.push({ path: [...p, 'fixedFen'], message: 'cannot be given with a rate' });
    else if (level.rate !== undefined) {
      if (!isRate(level.rate)) errors.push({ path: [...p, 'rate'], message: RATE });
      else rates = rates.plus(level.rate);
    } else if (level.fixedFen !== undefined) {
      allRates = false;
      if (!isFen(level.fixedFen)) errors.push({ path: [...p, 'fixedFen'], message: FEN });
      else if (last) errors.push({ path: [...p, 'fixedFen'], message: 'the last level takes the remainder: give it no amount (or the rate that completes 100 %)' });
    } else if (!last) {
      errors.push({ path: p, message: 'needs a rate or a fixedFen (only the last level takes the remainder)' });
    } else allRates = false;
  });
  if (rates.gt(1)) errors.push({ path: at, message: `rates add up to ${rates.times(100).toString()} %, over 100 %` });
  const lastLevel = value[value.length - 1];
  if (allRates && isPlainObject(lastLevel) && lastLevel.rate !== undefined && !rates.eq(1) && !rates.gt(1)) {
    errors.push({ path: [...at, value.length - 1, 'rate'], message: `the last level takes the remainder: with rates on every level they must add up to 100 % (now ${rates.times(100).toString()} %)` });
  }
}

/** A tier's `model`: base fees, commission brackets, rush, satisfaction, rebates, split chain. */
export function validateTierModel(model: unknown, basePath: Path = ['model']): FieldError[] {
  if (!isPlainObject(model)) return [{ path: basePath, message: 'must be { baseFees, commission?, rush?, satisfaction?, rebates?, split }' }];
  const errors: FieldError[] = [];
  const at = (...p: (string | number)[]) => [...basePath, ...p];
  unknownProps(model, ['baseFees', 'commission', 'rush', 'satisfaction', 'rebates', 'rebateParty', 'split'], basePath, errors);

  if (!isPlainObject(model.baseFees) || Object.keys(model.baseFees).length === 0) {
    errors.push({ path: at('baseFees'), message: 'must map service items (or "default") to fen' });
  } else {
    for (const [item, fen] of Object.entries(model.baseFees)) if (!isFen(fen)) errors.push({ path: at('baseFees', item), message: FEN });
  }

  const c = model.commission;
  if (c !== undefined && c !== null) {
    if (!isPlainObject(c)) errors.push({ path: at('commission'), message: 'must be { basis, mode, brackets }' });
    else {
      unknownProps(c, ['basis', 'mode', 'brackets'], at('commission'), errors);
      if (!['ticket_amount', 'period_volume'].includes(c.basis as string)) errors.push({ path: at('commission', 'basis'), message: 'must be ticket_amount or period_volume' });
      if (!['progressive', 'whole'].includes(c.mode as string)) errors.push({ path: at('commission', 'mode'), message: 'must be progressive or whole' });
      checkBrackets(c.brackets, at('commission', 'brackets'), errors);
    }
  }

  const r = model.rush;
  if (r !== undefined && r !== null) {
    if (!isPlainObject(r)) errors.push({ path: at('rush'), message: 'must be { priorities?, withinHours?, fixedFen | rate }' });
    else {
      unknownProps(r, ['priorities', 'withinHours', 'fixedFen', 'rate'], at('rush'), errors);
      if (r.priorities !== undefined && (!Array.isArray(r.priorities) || !r.priorities.every((p) => (PRIORITIES as readonly unknown[]).includes(p)))) {
        errors.push({ path: at('rush', 'priorities'), message: `must list priorities of ${PRIORITIES.join(', ')}` });
      }
      if (r.withinHours !== undefined && (!Number.isSafeInteger(r.withinHours) || (r.withinHours as number) < 1)) {
        errors.push({ path: at('rush', 'withinHours'), message: 'must be a whole number of hours, 1 or more' });
      }
      if (r.priorities === undefined && r.withinHours === undefined) errors.push({ path: at('rush'), message: 'needs priorities or withinHours (when it applies)' });
      if ((r.fixedFen === undefined) === (r.rate === undefined)) errors.push({ path: at('rush'), message: 'needs exactly one of fixedFen and rate' });
      if (r.fixedFen !== undefined && !isFen(r.fixedFen)) errors.push({ path: at('rush', 'fixedFen'), message: FEN });
      if (r.rate !== undefined && !isRate(r.rate)) errors.push({ path: at('rush', 'rate'), message: RATE });
    }
  }

  const s = model.satisfaction;
  if (s !== undefined && s !== null) {
    if (!isPlainObject(s)) errors.push({ path: at('satisfaction'), message: 'must map CSAT scores "1"…"5" to coefficients' });
    else {
      for (const [score, coefficient] of Object.entries(s)) {
        if (!/^[1-5]$/.test(score)) errors.push({ path: at('satisfaction', score), message: 'is not a CSAT score (1 to 5)' });
        else if (!isCoefficient(coefficient)) errors.push({ path: at('satisfaction', score), message: 'must be a coefficient above "0" and at most "10" (e.g. "1.05")' });
      }
    }
  }

  const rebates = model.rebates;
  if (rebates !== undefined && rebates !== null) {
    if (!Array.isArray(rebates) || rebates.length > MAX_BRACKETS) errors.push({ path: at('rebates'), message: `must list at most ${MAX_BRACKETS} rebates` });
    else {
      let previous = -1;
      rebates.forEach((rb, i) => {
        if (!isPlainObject(rb)) return void errors.push({ path: at('rebates', i), message: 'must be { overFen, rate }' });
        unknownProps(rb, ['overFen', 'rate'], at('rebates', i), errors);
        if (!isFen(rb.overFen)) errors.push({ path: at('rebates', i, 'overFen'), message: FEN });
        else if (rb.overFen <= previous) errors.push({ path: at('rebates', i, 'overFen'), message: 'must be above the previous rebate\'s threshold' });
        else previous = rb.overFen;
        if (!isRate(rb.rate)) errors.push({ path: at('rebates', i, 'rate'), message: RATE });
      });
    }
  }

  checkSplit(model.split, at('split'), errors);
  const parties = Array.isArray(model.split) ? model.split.map((l: any) => l?.party) : [];
  if (model.rebateParty !== undefined && model.rebateParty !== null && !parties.includes(model.rebateParty)) {
    errors.push({ path: at('rebateParty'), message: `must be one of the split's parties (${parties.join(', ')})` });
  } else if (Array.isArray(rebates) && rebates.length && (model.rebateParty ?? parties[parties.length - 1]) === 'department') {
    // The department level is shared among teams by time; a rebate is paid to one payee.
    errors.push({ path: at('rebateParty'), message: 'must name the party the rebates pay: not department (shared among teams by time)' });
  }
  return errors;
}
