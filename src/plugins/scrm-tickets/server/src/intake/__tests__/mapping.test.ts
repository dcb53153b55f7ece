import { mappingErrors, ticketDataOf, valueAt } from '../mapping';

const payload = { id: 'evt-1', order: { no: 'JD1', items: [{ sku: 'A-1' }, { sku: 'B-2' }] }, amount: 19900, note: null };

describe('webhook payload mapping', () => {
  it('reads dot paths through objects and array indexes', () => {
    expect([valueAt(payload, 'order.no'), valueAt(payload, 'order.items.1.sku'), valueAt(payload, 'order.items.x'), valueAt(payload, 'nope.deeper')]).toEqual(['JD1', 'B-2', undefined, undefined]);
  });

  it('maps title, attributes and fields, leaving out what the payload lacks', () => {
    expect(ticketDataOf({ title: 'order.no', amountFen: 'amount', externalRef: 'missing', fields: { sku: 'order.items.0.sku', note: 'note' } }, payload)).toEqual({
      title: 'JD1', amountFen: 19900, fields: { sku: 'A-1' },
    });
    expect(ticketDataOf(null, payload)).toEqual({ fields: {} });
  });

  it('reports bad paths and unknown settings with their paths', () => {
    expect(mappingErrors({ title: 'a b', fields: { x: '' }, colour: 'c' }, '')).toEqual([
      { path: ['eventIdPath'], message: expect.any(String) },
      { path: ['mapping', 'title'], message: expect.any(String) },
      { path: ['mapping', 'fields', 'x'], message: expect.any(String) },
      { path: ['mapping', 'colour'], message: expect.any(String) },
    ]);
    expect(mappingErrors({ fields: { a: 'b.0.c' } }, 'id')).toEqual([]);
  });
});
