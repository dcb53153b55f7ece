import { apiToken, bearer, createTemplate, eventsOf, http, postTicket } from '../helpers/fixtures';
import { strapi } from '../helpers/strapi';

const put = async (documentId: string, data: unknown) =>
  http().put(`/api/scrm-tickets/tickets/${documentId}`).set(bearer(await apiToken())).send({ data });

describe('PUT /api/scrm-tickets/tickets/:documentId', () => {
  let template: any;
  let ticket: any;
  beforeEach(async () => {
    template ??= await createTemplate();
    const res = await postTicket({
      templateKey: template.key,
      title: '空调不制冷',
      fields: { summary: '不制冷', symptoms: ['noise'], claimFen: 1000 },
    });
    ticket = res.body.data;
  });

  it('merges field changes, bumps the version and records before → after', async () => {
    const res = await put(ticket.documentId, { version: 1, fields: { claimFen: 2500 }, priority: 'high' });
    expect(res.status).toBe(200);
    expect(res.body.data.version).toBe(2);
    expect(res.body.data.fields).toMatchObject({ summary: '不制冷', claimFen: 2500 });
    const events = await eventsOf(ticket.documentId);
    const change = events.find((e) => e.type === 'field_changed');
    expect(change.changes).toEqual({
      priority: { before: 'normal', after: 'high' },
      'fields.claimFen': { before: 1000, after: 2500 },
    });
  });

  it('records a state change as its own event', async () => {
    const res = await put(ticket.documentId, { version: 1, state: 'in_progress' });
    expect(res.status).toBe(200);
    const events = await eventsOf(ticket.documentId);
    expect(events.map((e) => e.type)).toEqual(['created', 'state_changed']);
    expect(events[1].changes).toEqual({ state: { before: 'new', after: 'in_progress' } });
  });

  it('answers 409 and changes nothing when the version is stale', async () => {
    expect((await put(ticket.documentId, { version: 1, title: '第一次' })).status).toBe(200);
    const stale = await put(ticket.documentId, { version: 1, title: '第二次' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.name).toBe('ConflictError');
    const current = await http().get(`/api/scrm-tickets/tickets/${ticket.documentId}`).set(bearer(await apiToken()));
    expect(current.body.data.title).toBe('第一次');
    expect(current.body.data.version).toBe(2);
  });

  it('lets exactly one of two racing writers with the same version win', async () => {
    const results = await Promise.all([
      put(ticket.documentId, { version: 1, title: 'A' }),
      put(ticket.documentId, { version: 1, title: 'B' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
  });

  it('requires the version on the content API', async () => {
    const res = await put(ticket.documentId, { title: '无版本' });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors[0].path).toEqual(['version']);
  });

  it('validates fields on update with the field path and keeps the ticket as it was', async () => {
    const res = await put(ticket.documentId, { version: 1, fields: { claimFen: -5 } });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors[0].path).toEqual(['fields', 'claimFen']);
    const events = await eventsOf(ticket.documentId);
    expect(events).toHaveLength(1);
  });

  it('drops a field that becomes hidden and records its removal', async () => {
    const withLeak = await put(ticket.documentId, { version: 1, fields: { symptoms: ['leak'], leakVolume: 'flow' } });
    expect(withLeak.status).toBe(200);
    const noLeak = await put(ticket.documentId, { version: 2, fields: { symptoms: ['noise'] } });
    expect(noLeak.status).toBe(200);
    expect(noLeak.body.data.fields.leakVolume).toBeUndefined();
    const events = await eventsOf(ticket.documentId);
    expect(events.at(-1).changes['fields.leakVolume']).toEqual({ before: 'flow', after: null });
  });

  it('records a relation change by documentId', async () => {
    const customer: any = await strapi()
      .documents('api::customer.customer' as any)
      .create({ data: { name: '吴先生', mobile: '13700001111' } as any });
    const res = await put(ticket.documentId, { version: 1, customer: customer.documentId });
    expect(res.status).toBe(200);
    const events = await eventsOf(ticket.documentId);
    expect(events.at(-1).changes).toEqual({ customer: { before: null, after: customer.documentId } });
  });

  it('answers 404 for an unknown ticket', async () => {
    const res = await put('doesnotexist000000000000', { version: 1, title: 'x' });
    expect(res.status).toBe(404);
  });

  it('refuses to move a ticket to another template', async () => {
    const other = await createTemplate();
    const res = await put(ticket.documentId, { version: 1, template: other.documentId });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors[0].path).toEqual(['template']);
  });
});
