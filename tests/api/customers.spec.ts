import { TICKET_UID, bearer, createCustomerLogin, createTemplate, grantCustomerRole, http, postTicket } from '../helpers/fixtures';
import { strapi } from '../helpers/strapi';

describe('customer isolation (users-permissions users)', () => {
  let template: any;
  let alice: Awaited<ReturnType<typeof createCustomerLogin>>;
  let bob: Awaited<ReturnType<typeof createCustomerLogin>>;
  let alicesTicket: any;

  beforeAll(async () => {
    await grantCustomerRole();
    template = await createTemplate();
    alice = await createCustomerLogin('王小姐');
    bob = await createCustomerLogin('李先生');
    const res = await http()
      .post('/api/scrm-tickets/tickets')
      .set(bearer(alice.jwt))
      .send({ data: { templateKey: template.key, title: '我的冰箱坏了', fields: { summary: '不制冷' } } });
    expect(res.status).toBe(201);
    alicesTicket = res.body.data;
  });

  it('links a customer-created ticket to their own customer', async () => {
    const stored = await strapi()
      .db.query(TICKET_UID as any)
      .findOne({ where: { documentId: alicesTicket.documentId }, populate: ['customer'] });
    expect(stored.customer.documentId).toBe(alice.customerId);
  });

  it('refuses a customer naming another customer on a ticket, and creates nothing', async () => {
    const title = `冒名 ${Date.now()}`;
    const res = await http()
      .post('/api/scrm-tickets/tickets')
      .set(bearer(bob.jwt))
      .send({ data: { templateKey: template.key, title, fields: { summary: 'x' }, customer: alice.customerId } });
    expect(res.status).toBe(400);
    expect(res.body.error.details.path).toBe('customer');
    expect(await strapi().documents(TICKET_UID as any).count({ filters: { title } } as any)).toBe(0);
  });

  it('lists only their own tickets', async () => {
    await postTicket({ templateKey: template.key, title: '别人的', fields: { summary: 'x' }, customer: bob.customerId });
    const res = await http().get('/api/scrm-tickets/tickets').set(bearer(alice.jwt)).query({ pagination: { pageSize: 100 } });
    expect(res.status).toBe(200);
    expect(res.body.data.map((t: any) => t.documentId)).toEqual([alicesTicket.documentId]);
  });

  it("answers 404 for another customer's ticket and its events, never its data", async () => {
    const one = await http().get(`/api/scrm-tickets/tickets/${alicesTicket.documentId}`).set(bearer(bob.jwt));
    expect(one.status).toBe(404);
    expect(JSON.stringify(one.body)).not.toContain('冰箱');
    const events = await http().get(`/api/scrm-tickets/tickets/${alicesTicket.documentId}/events`).set(bearer(bob.jwt));
    expect(events.status).toBe(404);
  });

  it('cannot update tickets, not even their own', async () => {
    const res = await http()
      .put(`/api/scrm-tickets/tickets/${alicesTicket.documentId}`)
      .set(bearer(alice.jwt))
      .send({ data: { version: 1, title: '改' } });
    expect(res.status).toBe(403);
  });
});
