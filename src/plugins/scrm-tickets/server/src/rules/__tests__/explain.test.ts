import { validateConditions } from '../conditions';
import { explainConditions } from '../explain';

const facts = {
  title: '空调不制冷，要求退货',
  text: '空调不制冷，要求退货\n客厅',
  source: 'wecom',
  priority: 'normal',
  tags: ['aftersale'],
  fields: { claimFen: 80000, channel: 'tmall' },
  customerVipLevel: undefined,
  regionCodes: ['SH-XH', 'EAST'],
};
const byPath = (nodes: { path: (string | number)[] }[]) => Object.fromEntries(nodes.map(({ path, ...rest }) => [path.join('.'), rest]));

describe('explainConditions', () => {
  it('gives every group and condition of a nested tree its verdict, by the paths validateConditions uses', async () => {
    const conditions = {
      all: [
        { fact: 'text', operator: 'containsAnyText', value: ['投诉', '退货'] },
        {
          any: [
            { fact: 'customerVipLevel', operator: 'greaterThanInclusive', value: 3 },
            { fact: 'regionCodes', operator: 'contains', value: 'EAST' },
          ],
        },
        { not: { fact: 'source', operator: 'in', value: ['import'] } },
        { fact: 'fields', path: '$.claimFen', operator: 'greaterThan', value: 50000 },
      ],
    };
    expect(validateConditions(conditions, ['conditions'])).toEqual([]);
    const { matched, nodes } = await explainConditions(conditions as any, facts);
    expect(matched).toBe(true);
    expect(nodes).toEqual([
      { path: [], result: true },
      { path: ['all', 0], result: true, factValue: facts.text },
      { path: ['all', 1], result: true },
      { path: ['all', 1, 'any', 0], result: false },
      { path: ['all', 1, 'any', 1], result: true, factValue: ['SH-XH', 'EAST'] },
      { path: ['all', 2], result: true },
      { path: ['all', 2, 'not'], result: false, factValue: 'wecom' },
      { path: ['all', 3], result: true, factValue: 80000 },
    ]);
  });

  it('answers the value of the field a fields condition names, and false for a field the ticket lacks', async () => {
    const { matched, nodes } = await explainConditions(
      {
        any: [
          { fact: 'fields', path: '$.channel', operator: 'equal', value: 'store' },
          { fact: 'fields', path: '$.missing', operator: 'equal', value: 'x' },
        ],
      } as any,
      facts,
    );
    expect(matched).toBe(false);
    expect(byPath(nodes)).toEqual({ '': { result: false }, 'any.0': { result: false, factValue: 'tmall' }, 'any.1': { result: false } });
  });

  it('matches keywords case-insensitively with containsAnyText', async () => {
    const { matched, nodes } = await explainConditions({ all: [{ fact: 'title', operator: 'containsAnyText', value: ['AC', '空调'] }] } as any, { title: '格力空调' });
    expect(matched).toBe(true);
    expect(nodes[1]).toEqual({ path: ['all', 0], result: true, factValue: '格力空调' });
    expect((await explainConditions({ all: [{ fact: 'title', operator: 'containsAnyText', value: ['ac'] }] } as any, { title: 'Split AC' })).matched).toBe(true);
    expect((await explainConditions({ all: [{ fact: 'title', operator: 'containsAnyText', value: ['冰箱'] }] } as any, { title: '格力空调' })).matched).toBe(false);
  });

  it('holds a condition on an undefined fact false (a ticket without a customer has no VIP level)', async () => {
    const { matched, nodes } = await explainConditions({ all: [{ fact: 'customerVipLevel', operator: 'greaterThanInclusive', value: 0 }] } as any, {});
    expect(matched).toBe(false);
    expect(nodes).toEqual([
      { path: [], result: false },
      { path: ['all', 0], result: false },
    ]);
  });

  it('negates at a top-level not, and follows any and all inside it', async () => {
    const conditions = {
      not: {
        any: [
          { fact: 'priority', operator: 'equal', value: 'urgent' },
          {
            all: [
              { fact: 'tags', operator: 'contains', value: 'aftersale' },
              { fact: 'source', operator: 'equal', value: 'h5' },
            ],
          },
        ],
      },
    };
    expect(validateConditions(conditions, ['conditions'])).toEqual([]);
    const { matched, nodes } = await explainConditions(conditions as any, facts);
    expect(matched).toBe(true);
    expect(byPath(nodes)).toEqual({
      '': { result: true },
      not: { result: false },
      'not.any.0': { result: false, factValue: 'normal' },
      'not.any.1': { result: false },
      'not.any.1.all.0': { result: true, factValue: ['aftersale'] },
      'not.any.1.all.1': { result: false, factValue: 'wecom' },
    });
  });

  it('evaluates on their own, and marks skipped, the conditions the engine short-circuited past', async () => {
    // Only conditions of different priorities are short-circuited; validated trees carry none.
    const { matched, nodes } = await explainConditions(
      {
        any: [
          { fact: 'source', operator: 'equal', value: 'wecom', priority: 10 },
          {
            all: [
              { fact: 'priority', operator: 'equal', value: 'normal' },
              { fact: 'title', operator: 'containsAnyText', value: ['退货'] },
            ],
          },
          { fact: 'source', operator: 'equal', value: 'h5', priority: 1 },
        ],
      } as any,
      facts,
    );
    expect(matched).toBe(true);
    expect(nodes).toEqual([
      { path: [], result: true },
      { path: ['any', 0], result: true, factValue: 'wecom' },
      { path: ['any', 1], result: true, skipped: true },
      { path: ['any', 1, 'all', 0], result: true, factValue: 'normal', skipped: true },
      { path: ['any', 1, 'all', 1], result: true, factValue: facts.title, skipped: true },
      { path: ['any', 2], result: false, factValue: 'wecom', skipped: true },
    ]);
  });
});
