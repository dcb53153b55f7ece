import { EVENT_UID, TICKET_UID, adminToken, bearer, createTemplate, eventsOf, http } from '../helpers/fixtures';

const cm = (uid: string) => `/content-manager/collection-types/${uid}`;

describe('admin Content Manager', () => {
  let template: any;
  let jwt: string;
  beforeAll(async () => {
    template = await createTemplate();
    jwt = await adminToken();
  });

  it('numbers, validates and audits a ticket created in the Content Manager', async () => {
    const res = await http()
      .post(cm(TICKET_UID))
      .set(bearer(jwt))
      .send({ title: '后台录入', template: { connect: [{ documentId: template.documentId }] }, fields: { summary: '电话报修' } });
    expect(res.status).toBe(201);
    const ticket = res.body.data;
    expect(ticket.number).toMatch(/^GD\d{8}-\d{6}$/);
    const events = await eventsOf(ticket.documentId);
    expect(events.map((e) => e.type)).toEqual(['created']);
    expect(events[0].actor.kind).toBe('admin');

    const update = await http().put(`${cm(TICKET_UID)}/${ticket.documentId}`).set(bearer(jwt)).send({ state: 'in_progress' });
    expect(update.status).toBe(200);
    expect((await eventsOf(ticket.documentId)).map((e) => e.type)).toEqual(['created', 'state_changed']);
  });

  it('rejects bad fields from the Content Manager with the field path', async () => {
    const res = await http()
      .post(cm(TICKET_UID))
      .set(bearer(jwt))
      .send({ title: '坏', template: { connect: [{ documentId: template.documentId }] }, fields: { summary: 'x', quantity: 0 } });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors[0].path).toEqual(['fields', 'quantity']);
  });

  it('cannot edit or delete events', async () => {
    const created = await http()
      .post(cm(TICKET_UID))
      .set(bearer(jwt))
      .send({ title: '事件', template: { connect: [{ documentId: template.documentId }] }, fields: { summary: 'x' } });
    const [event] = await eventsOf(created.body.data.documentId);
    const edit = await http().put(`${cm(EVENT_UID)}/${event.documentId}`).set(bearer(jwt)).send({ body: 'forged' });
    const del = await http().delete(`${cm(EVENT_UID)}/${event.documentId}`).set(bearer(jwt));
    expect(edit.status).toBe(403);
    expect(del.status).toBe(403);
    expect(await eventsOf(created.body.data.documentId)).toEqual([event]);
  });
});
