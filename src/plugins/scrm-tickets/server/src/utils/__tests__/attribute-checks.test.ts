import { compileAttributeChecks } from '../attribute-checks';
import { newDocumentId } from '../bulk-rows';

const attributes = {
  title: { type: 'string', required: true, maxLength: 5 },
  priority: { type: 'enumeration', enum: ['low', 'high'] },
  source: { type: 'string', regex: '^(api|webhook:[a-z]+)$' },
  amountFen: { type: 'integer', min: 0 },
  csat: { type: 'integer', min: 1, max: 5 },
  done: { type: 'boolean' },
  fields: { type: 'json' },
  template: { type: 'relation' },
};

describe('compiled attribute checks (batch intake)', () => {
  const check = compileAttributeChecks(attributes);

  it('passes a valid row, unset and null optional attributes included', () => {
    expect(check({ title: '空调', priority: 'low', source: 'webhook:tmall', amountFen: 0, csat: null, fields: { any: 1 }, template: 7 })).toEqual([]);
  });

  it('names each broken attribute once, with what it must be', () => {
    expect(check({ title: '太长的标题啊', priority: 'mid', source: 'webhook:TMALL', amountFen: -1, csat: 6, done: 'yes' })).toEqual([
      { path: ['title'], message: 'must be at most 5 characters' },
      { path: ['priority'], message: 'must be one of the following values: low, high' },
      { path: ['source'], message: 'must match the format of this attribute' },
      { path: ['amountFen'], message: 'must be greater than or equal to 0' },
      { path: ['csat'], message: 'must be less than or equal to 5' },
      { path: ['done'], message: 'must be boolean' },
    ]);
  });

  it('requires a required attribute, and refuses it null', () => {
    expect(check({})).toEqual([{ path: ['title'], message: 'must be defined' }]);
    expect(check({ title: null })).toEqual([{ path: ['title'], message: 'must be string' }]);
    expect(check({ title: 'ok', amountFen: 1.5 })).toEqual([{ path: ['amountFen'], message: 'must be integer' }]);
  });
});

describe('bulk documentIds', () => {
  it('are shaped as Strapi’s and do not repeat', () => {
    const ids = Array.from({ length: 10_000 }, newDocumentId);
    for (const id of ids.slice(0, 100)) expect(id).toMatch(/^[a-z][a-z0-9]{23}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
