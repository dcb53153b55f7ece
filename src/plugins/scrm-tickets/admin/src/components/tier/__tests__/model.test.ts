import { errorLeaves } from '../../editors/server-errors';
import { exampleLine, newModel, percentOf, problemsOf, rateOf, yuan } from '../model';

describe('the settlement tier editor model', () => {
  it('shows rates as percentages and stores decimal strings, exactly', () => {
    expect(percentOf('0.05')).toBe(5);
    expect(percentOf('0.123456')).toBe(12.3456);
    expect(rateOf(5.5)).toBe('0.055');
    // 0.1 + 0.2 of a float is not 0.3: the conversion never goes through one.
    expect(rateOf(0.3)).toBe('0.003');
    expect(rateOf(undefined)).toBeUndefined();
    expect(yuan(123456)).toBe('¥1234.56');
    expect(yuan(5)).toBe('¥0.05');
  });

  it('starts a tier valid, and works out its example line split to the fen', () => {
    expect(problemsOf(newModel(), []).general).toEqual([]);
    const model = {
      baseFees: { default: 5000 },
      commission: {
        basis: 'ticket_amount',
        mode: 'progressive',
        brackets: [
          { upToFen: 10000, rate: '0.05' },
          { upToFen: null, rate: '0.1' },
        ],
      },
      split: [{ party: 'platform', rate: '0.1' }, { party: 'store', rate: '0.2' }, { party: 'engineer' }],
    };
    const line = exampleLine(model, 30000)!;
    // 50 + 5 % of 100 + 10 % of 200 = 75 yuan; 10 % / 20 % / the rest.
    expect(line.lineFen).toBe(7500);
    expect(line.shares).toEqual([
      { party: 'platform', fen: 750 },
      { party: 'store', fen: 1500 },
      { party: 'engineer', fen: 5250 },
    ]);
    expect(exampleLine({ ...model, split: [] }, 30000)).toBeNull();
  });

  it('files an overlapping bracket under its bound, split rates over 100 % under the chain, and the server’s answer where it points', () => {
    const model = {
      baseFees: { default: 5000 },
      commission: {
        basis: 'ticket_amount',
        mode: 'whole',
        brackets: [
          { upToFen: 20000, rate: '0.05' },
          { upToFen: 10000, rate: '0.08' },
          { upToFen: null, rate: '0.1' },
        ],
      },
      split: [{ party: 'platform', rate: '0.7' }, { party: 'store', rate: '0.5' }, { party: 'engineer' }],
    };
    const problems = problemsOf(model, errorLeaves({ baseFees: { default: 'must be a whole number of fen, 0 or more' } }));
    expect(problems.brackets.get(1)).toEqual([
      { prop: 'upToFen', path: [], message: "must be above the previous bracket's 20000 (brackets are ordered and do not overlap)", fromServer: undefined },
    ]);
    expect(problems.split.get(-1)).toEqual([{ prop: '', path: [], message: 'rates add up to 120 %, over 100 %', fromServer: undefined }]);
    expect(problems.baseFees).toEqual([{ prop: 'default', path: [], message: 'must be a whole number of fen, 0 or more', fromServer: true }]);
  });
});
