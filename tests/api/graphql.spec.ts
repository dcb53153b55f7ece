import { apiToken, bearer, createCustomerLogin, createTemplate, eventsOf, grantCustomerRole, http, postTicket, TICKET_UID } from '../helpers/fixtures';
import { strapi } from '../helpers/strapi';

const gql = async (query: string, variables: Record<string, unknown>, token?: string) =>
  http()
    .post('/graphql')
    .set(bearer(token ?? (await apiToken())))
    .send({ query, variables });

const CREATE = `mutation Create($data: ScrmTicketsTicketInput!) {
  createScrmTicketsTicket(data: $data) { documentId number version fields }
}`;

describe('GraphQL', () => {
  let template: any;
  beforeAll(async () => {
    template = await createTemplate();
  });

  it('creates a ticket through the same path: numbered, validated, audited', async () => {
    const res = await gql(CREATE, { data: { title: 'GraphQL 报修', template: template.documentId, fields: { summary: 'x' } } });
    expect(res.body.errors).toBeUndefined();
    const ticket = res.body.data.createScrmTicketsTicket;
    expect(ticket.number).toMatch(/^GD\d{8}-\d{6}$/);
    expect(ticket.fields.channel).toBe('store');
    expect((await eventsOf(ticket.documentId)).map((e) => e.type)).toEqual(['created']);
  });

  it('answers a bad field with a GraphQL error carrying the path, and saves nothing', async () => {
    const title = `GraphQL 坏字段 ${Date.now()}`;
    const res = await gql(CREATE, { data: { title, template: template.documentId, fields: { summary: 'x', contactMobile: '110' } } });
    expect(res.body.data?.createScrmTicketsTicket ?? null).toBeNull();
    const error = res.body.errors[0].extensions.error;
    expect(error.name).toBe('ValidationError');
    expect(error.details.errors[0].path).toEqual(['fields', 'contactMobile']);
    expect(await strapi().documents(TICKET_UID as any).count({ filters: { title } } as any)).toBe(0);
  });

  it('audits an update and rejects a stale version', async () => {
    const created = (await gql(CREATE, { data: { title: '改前', template: template.documentId, fields: { summary: 'x' } } })).body
      .data.createScrmTicketsTicket;
    const UPDATE = `mutation U($id: ID!, $data: ScrmTicketsTicketInput!) {
      updateScrmTicketsTicket(documentId: $id, data: $data) { version title }
    }`;
    const ok = await gql(UPDATE, { id: created.documentId, data: { version: 1, title: '改后' } });
    expect(ok.body.data.updateScrmTicketsTicket).toEqual({ version: 2, title: '改后' });
    const stale = await gql(UPDATE, { id: created.documentId, data: { version: 1, title: '再改' } });
    expect(stale.body.errors[0].message).toMatch(/changed by someone else/);
    const types = (await eventsOf(created.documentId)).map((e) => e.type);
    expect(types).toEqual(['created', 'field_changed']);
  });

  it('offers no mutation that edits or deletes events', async () => {
    const res = await gql(`mutation { deleteScrmTicketsTicketEvent(documentId: "x") { documentId } }`, {});
    expect(res.status).toBe(400);
    expect(res.body.errors[0].message).toMatch(/Cannot query field/);
  });

  it("scopes customers to their own tickets: another customer's ticket is null", async () => {
    await grantCustomerRole();
    const carol = await createCustomerLogin('赵女士');
    const dave = await createCustomerLogin('钱先生');
    const mine = (
      await postTicket({ templateKey: template.key, title: '赵的工单', fields: { summary: 'x' }, customer: carol.customerId })
    ).body.data;
    const list = await gql(`{ scrmTicketsTickets { documentId } }`, {}, dave.jwt);
    expect(list.body.data.scrmTicketsTickets).toEqual([]);
    const one = await gql(`query($id: ID!) { scrmTicketsTicket(documentId: $id) { title } }`, { id: mine.documentId }, dave.jwt);
    expect(one.body.data.scrmTicketsTicket).toBeNull();
    const own = await gql(`{ scrmTicketsTickets { documentId } }`, {}, carol.jwt);
    expect(own.body.data.scrmTicketsTickets).toEqual([{ documentId: mine.documentId }]);
  });
});
