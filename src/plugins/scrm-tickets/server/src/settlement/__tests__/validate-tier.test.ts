import { validateTierModel } from '../validate-tier';

const ok = {
  baseFees: { default: 8000 },
  commission: { basis: 'ticket_amount', mode: 'progressive', brackets: [{ upToFen: 100000, rate: '0.05' }, { upToFen: null, rate: '0.08' }] },
  rush: { priorities: ['urgent'], rate: '0.10' },
  satisfaction: { '5': '1.05' },
  rebates: [{ overFen: 50000000, rate: '0.02' }],
  split: [{ party: 'platform', rate: '0.10' }, { party: 'store', rate: '0.20' }, { party: 'engineer', rate: '0.70' }],
};
const paths = (model: unknown) => validateTierModel(model).map((e) => e.path.join('.'));

describe('validateTierModel', () => {
  it('accepts the worked example’s tier, and a remainder level without a rate', () => {
    expect(validateTierModel(ok)).toEqual([]);
    expect(validateTierModel({ ...ok, split: [{ party: 'platform', fixedFen: 300 }, { party: 'engineer' }] })).toEqual([]);
  });

  it('refuses overlapping, unordered or unbounded-in-the-middle brackets', () => {
    const brackets = (b: unknown[]) => ({ ...ok, commission: { ...ok.commission, brackets: b } });
    expect(paths(brackets([{ upToFen: 100000, rate: '0.05' }, { upToFen: 50000, rate: '0.06' }, { upToFen: null, rate: '0.08' }]))).toEqual(['model.commission.brackets.1.upToFen']);
    expect(paths(brackets([{ upToFen: 100000, rate: '0.05' }, { upToFen: 100000, rate: '0.06' }, { upToFen: null, rate: '0.08' }]))).toEqual(['model.commission.brackets.1.upToFen']);
    expect(paths(brackets([{ upToFen: null, rate: '0.05' }, { upToFen: null, rate: '0.08' }]))).toEqual(['model.commission.brackets.0.upToFen']);
    expect(paths(brackets([{ upToFen: 100000, rate: '0.05' }]))).toEqual(['model.commission.brackets.0.upToFen']);
    expect(paths(brackets([{ upToFen: null, rate: '1.5' }]))).toEqual(['model.commission.brackets.0.rate']);
  });

  it('refuses split rates over 100 %, more than 10 levels, and a last level that does not take the remainder', () => {
    expect(paths({ ...ok, split: [{ party: 'a', rate: '0.6' }, { party: 'b', rate: '0.5' }, { party: 'c' }] })).toEqual(['model.split']);
    const eleven = Array.from({ length: 11 }, (_, i) => ({ party: `p${i}`, rate: '0.01' }));
    expect(paths({ ...ok, split: eleven })).toEqual(['model.split']);
    expect(paths({ ...ok, split: [{ party: 'a', rate: '0.1' }, { party: 'b', rate: '0.2' }] })).toEqual(['model.split.1.rate']);
    expect(paths({ ...ok, split: [{ party: 'a', rate: '0.1' }, { party: 'b', fixedFen: 100 }] })).toEqual(['model.split.1.fixedFen']);
    expect(paths({ ...ok, split: [{ party: 'a' }, { party: 'b' }] })).toEqual(['model.split.0']);
    expect(paths({ ...ok, split: [{ party: 'a', rate: '0.1' }, { party: 'a' }] })).toEqual(['model.split.1.party']);
  });

  it('refuses negative and fractional amounts, bad rates and unknown settings, each at its path', () => {
    expect(paths({ ...ok, baseFees: { default: -1, install: 10.5 } })).toEqual(['model.baseFees.default', 'model.baseFees.install']);
    expect(paths({ ...ok, rush: { priorities: ['asap'], fixedFen: 100, rate: '0.1' } })).toEqual(['model.rush.priorities', 'model.rush']);
    expect(paths({ ...ok, satisfaction: { '6': '1.1', '5': '-1' } }).sort()).toEqual(['model.satisfaction.5', 'model.satisfaction.6']);
    expect(paths({ ...ok, rebates: [{ overFen: 100, rate: '0.02' }, { overFen: 50, rate: '0.1' }] })).toEqual(['model.rebates.1.overFen']);
    expect(paths({ ...ok, rebateParty: 'nobody' })).toEqual(['model.rebateParty']);
    expect(paths({ ...ok, rebateParty: ok.split[0].party })).toEqual([]);
    expect(paths({ ...ok, split: [{ party: 'platform', rate: '0.1' }, { party: 'department' }] })).toEqual(['model.rebateParty']);
    expect(paths({ ...ok, rebateParty: 'platform', split: [{ party: 'platform', rate: '0.1' }, { party: 'department' }] })).toEqual([]);
    expect(paths({ ...ok, discount: '0.1' })).toEqual(['model.discount']);
    expect(paths(null)).toEqual(['model']);
  });
});
