import { EVENT_UID, apiToken, bearer, createTemplate, eventsOf, http, postTicket } from '../helpers/fixtures';
import { strapi } from '../helpers/strapi';

describe('audit trail', () => {
  let ticket: any;
  beforeAll(async () => {
    const template = await createTemplate();
    ticket = (await postTicket({ templateKey: template.key, title: '审计', fields: { summary: 'x' } })).body.data;
  });

  it('serves the timeline at /tickets/:documentId/events', async () => {
    const res = await http()
      .get(`/api/scrm-tickets/tickets/${ticket.documentId}/events`)
      .set(bearer(await apiToken()));
    expect(res.status).toBe(200);
    expect(res.body.data.map((e: any) => e.type)).toEqual(['created']);
  });

  it('refuses to edit an event from a script', async () => {
    const [event] = await eventsOf(ticket.documentId);
    const error: any = await strapi()
      .documents(EVENT_UID as any)
      .update({ documentId: event.documentId, data: { body: 'rewritten' } as any })
      .catch((e) => e);
    expect(error.name).toBe('ForbiddenError');
    const [again] = await eventsOf(ticket.documentId);
    expect(again.body).toBe(event.body);
  });

  it('refuses to delete an event or forge one', async () => {
    const [event] = await eventsOf(ticket.documentId);
    const del: any = await strapi().documents(EVENT_UID as any).delete({ documentId: event.documentId }).catch((e) => e);
    expect(del.name).toBe('ForbiddenError');
    const forged: any = await strapi()
      .documents(EVENT_UID as any)
      .create({ data: { type: 'comment', occurredAt: new Date(), ticket: ticket.documentId } as any })
      .catch((e) => e);
    expect(forged.name).toBe('ForbiddenError');
    expect(await eventsOf(ticket.documentId)).toHaveLength(1);
  });

  it('exposes no REST route that writes events', async () => {
    const token = bearer(await apiToken());
    const [event] = await eventsOf(ticket.documentId);
    const put = await http().put(`/api/scrm-tickets/ticket-events/${event.documentId}`).set(token).send({ data: {} });
    const del = await http().delete(`/api/scrm-tickets/ticket-events/${event.documentId}`).set(token);
    // No route: Strapi's router answers 404 or 405, never a write.
    expect([404, 405]).toContain(put.status);
    expect([404, 405]).toContain(del.status);
  });

  it('writes the created event on a script create through the document service', async () => {
    const template = await createTemplate();
    const created: any = await strapi()
      .documents('plugin::scrm-tickets.ticket' as any)
      .create({ data: { templateKey: template.key, title: '脚本', fields: { summary: 'x' } } as any });
    expect(created.number).toMatch(/^GD\d{8}-\d{6}$/);
    const events = await eventsOf(created.documentId);
    expect(events.map((e) => e.type)).toEqual(['created']);
    expect(events[0].actor.kind).toBe('system');
  });

  it('refuses to delete a ticket', async () => {
    const error: any = await strapi()
      .documents('plugin::scrm-tickets.ticket' as any)
      .delete({ documentId: ticket.documentId })
      .catch((e) => e);
    expect(error.name).toBe('ForbiddenError');
  });
});
