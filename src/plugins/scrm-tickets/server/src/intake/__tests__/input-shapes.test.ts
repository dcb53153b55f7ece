import { createInputShapes, shapeOf, valueBlindInputChecks } from '../input-shapes';

const attributes = {
  title: { type: 'string' },
  priority: { type: 'enumeration' },
  fields: { type: 'json' },
  customer: { type: 'relation', relation: 'manyToOne', target: 'plugin::scrm-tickets.customer' },
  related: { type: 'relation', relation: 'morphToMany' },
  attachments: { type: 'media' },
  secret: { type: 'password' },
};

/**
 * A stand-in for Strapi's checks, deciding by keys as theirs do: refuses the first `priority` it
 * is given (as a permission read mid-request could), drops `title` (a non-writable key) and
 * rewrites a relation's value when told to; records its calls.
 */
const checker = (opts: { dropTitle?: boolean; rewrite?: boolean; refuseFirst?: boolean } = {}) => {
  const calls: Record<string, unknown>[] = [];
  let refused = !opts.refuseFirst;
  const check = async (data: Record<string, unknown>) => {
    calls.push(data);
    if ('priority' in data && !refused) {
      refused = true;
      throw new Error('priority refused');
    }
    const out = { ...data };
    if (opts.dropTitle) delete out.title;
    if (opts.rewrite && 'customer' in out) out.customer = { set: [out.customer] };
    return out;
  };
  return { calls, check };
};

describe('batch input shapes', () => {
  it('names keys with the kind of each value, for scalars, json and documentId relations only', () => {
    expect(shapeOf({ title: 'a', fields: { x: [1] }, customer: 'doc1' }, attributes)).toBe('customer:string\nfields:object\ntitle:string');
    expect(shapeOf({ fields: { x: 1 }, title: 'b', customer: 'doc2' }, attributes)).toBe(shapeOf({ title: 'a', fields: {}, customer: 'doc1' }, attributes));
    expect(shapeOf({ customer: null }, attributes)).not.toBe(shapeOf({ customer: 'doc' }, attributes));
    for (const odd of [{ unknown: 1 }, { title: { $ne: 1 } }, { customer: { connect: ['x'] } }, { customer: 7 }, { related: 'x' }, { attachments: 1 }, { secret: 'p' }]) {
      expect(shapeOf(odd, attributes)).toBeNull();
    }
  });

  it('runs the checks once per shape and gives later items of that shape the same kept keys with their own values', async () => {
    const { calls, check } = checker({ dropTitle: true });
    const input = createInputShapes(attributes, check);
    // The first item's sanitised copy dropped `title` (by key): later items of the shape drop it too.
    expect(await input({ title: 'a', priority: 'high' })).toEqual({ priority: 'high' });
    expect(await input({ title: 'b', priority: 'low' })).toEqual({ priority: 'low' });
    expect(calls).toHaveLength(1);

    const plain = checker();
    const same = createInputShapes(attributes, plain.check);
    expect(await same({ title: 'a', fields: { n: 1 } })).toEqual({ title: 'a', fields: { n: 1 } });
    expect(await same({ fields: { n: 2 }, title: 'b' })).toEqual({ title: 'b', fields: { n: 2 } });
    expect(await same({ title: 'c' })).toEqual({ title: 'c' });
    expect(plain.calls.map((c) => c.title)).toEqual(['a', 'c']);
  });

  it('does not remember a failure, a rewritten value, or an item of no shape', async () => {
    const { calls, check } = checker({ rewrite: true, refuseFirst: true });
    const input = createInputShapes(attributes, check);
    await expect(input({ priority: 'high' })).rejects.toThrow('priority refused');
    expect(await input({ priority: 'low' })).toEqual({ priority: 'low' });
    expect(await input({ priority: 'urgent' })).toEqual({ priority: 'urgent' });
    await input({ customer: 'doc1' });
    expect(await input({ customer: 'doc2' })).toEqual({ customer: { set: ['doc2'] } });
    await input({ unknown: 1 });
    await input({ unknown: 2 });
    // Checked: the refused item, the next of its shape, both relation items, both unknown-key items.
    expect(calls).toHaveLength(6);
  });

  it('checks every item when asked not to remember', async () => {
    const { calls, check } = checker();
    const input = createInputShapes(attributes, check, false);
    await input({ title: 'a' });
    await input({ title: 'b' });
    expect(calls).toHaveLength(2);
  });

  it('remembers only while no plugin registered its own input validators or sanitisers', () => {
    const registry = (list: unknown[]) => ({ get: () => list });
    expect(valueBlindInputChecks({ sanitizers: registry([]), validators: registry([]) })).toBe(true);
    expect(valueBlindInputChecks({ sanitizers: registry([() => 1]), validators: registry([]) })).toBe(false);
    expect(valueBlindInputChecks({ sanitizers: registry([]), validators: registry([() => 1]) })).toBe(false);
  });
});
