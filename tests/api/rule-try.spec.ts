import { adminToken, adminWithRole, bearer, createTemplate, eventsOf, http, postTicket, TICKET_UID } from '../helpers/fixtures';
import { strapi } from '../helpers/strapi';

const READ = 'plugin::scrm-tickets.ticket.read';
const VIP_OR_AIRCON = {
  any: [
    { fact: 'customerVipLevel', operator: 'greaterThanInclusive', value: 3 },
    { fact: 'title', operator: 'containsAnyText', value: ['空调'] },
  ],
};
const stored = (documentId: string) =>
  strapi()
    .documents(TICKET_UID as any)
    .findOne({ documentId, populate: { assignee: true } } as any) as Promise<any>;

describe('trying a routing rule on a ticket', () => {
  let template: any;
  let ticket: any;
  const attempt = async (body: Record<string, unknown>, jwt?: string) =>
    http()
      .post('/scrm-tickets/rules/try')
      .set(bearer(jwt ?? (await adminToken())))
      .send(body);

  beforeAll(async () => {
    template = await createTemplate({ fieldDefinitions: [{ key: 'summary', label: { 'zh-Hans': '概述' }, type: 'text' }] });
    const vip: any = await strapi()
      .documents('api::customer.customer' as any)
      .create({ data: { name: '金卡客户', vipLevel: 5 } as any });
    const res = await postTicket({ templateKey: template.key, title: '空调不制冷', fields: { summary: '客厅挂机' }, customer: vip.documentId });
    expect(res.status).toBe(201);
    ticket = res.body.data;
  });

  it('explains each condition of a matching rule and shows what the ticket would become, writing nothing', async () => {
    const before = await stored(ticket.documentId);
    const eventsBefore = await eventsOf(ticket.documentId);
    const res = await attempt({
      conditions: VIP_OR_AIRCON,
      actions: [
        { type: 'setPriority', priority: 'high' },
        { type: 'notify', to: 'team_lead' },
      ],
      ticket: ticket.number,
    });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      ticket: { documentId: ticket.documentId, number: ticket.number, title: '空调不制冷', priority: 'normal', tags: [], team: null },
      matched: true,
      nodes: [
        { path: [], result: true },
        { path: ['any', 0], result: true, factValue: 5 },
        { path: ['any', 1], result: true, factValue: '空调不制冷' },
      ],
      outcome: { priority: 'high', tags: [], team: null, assignee: null, requiredApproval: null, notify: [{ to: 'team_lead' }] },
      facts: { template: template.key, title: '空调不制冷', customerVipLevel: 5, fields: { summary: '客厅挂机' } },
    });

    const after = await stored(ticket.documentId);
    expect([after.priority, after.tags, after.team, after.assignee, after.updatedAt]).toEqual([before.priority, before.tags, before.team, before.assignee, before.updatedAt]);
    expect(after.priority).toBe('normal');
    expect((await eventsOf(ticket.documentId)).map((e) => e.id)).toEqual(eventsBefore.map((e) => e.id));
  });

  it('answers a rule that does not match, by documentId, without an outcome', async () => {
    const conditions = {
      all: [
        { fact: 'customerVipLevel', operator: 'greaterThanInclusive', value: 6 },
        { fact: 'fields', path: '$.summary', operator: 'equal', value: '客厅挂机' },
      ],
    };
    const res = await attempt({ conditions, actions: [{ type: 'setPriority', priority: 'high' }], ticket: ticket.documentId });
    expect(res.status).toBe(200);
    expect(res.body.data.matched).toBe(false);
    expect(res.body.data.nodes).toEqual([
      { path: [], result: false },
      { path: ['all', 0], result: false, factValue: 5 },
      { path: ['all', 1], result: true, factValue: '客厅挂机' },
    ]);
    expect(res.body.data).not.toHaveProperty('outcome');
  });

  it('answers 400 with the path of every problem (operator, action, ticket) at once', async () => {
    const res = await attempt({ conditions: { all: [{ fact: 'title', operator: 'like', value: 'x' }] }, actions: [{ type: 'setPriority', priority: 'asap' }] });
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('ValidationError');
    expect(res.body.error.details.errors.map((e: any) => e.path)).toEqual([['conditions', 'all', '0', 'operator'], ['actions', '0', 'priority'], ['ticket']]);
    const tooLong = await attempt({ conditions: VIP_OR_AIRCON, ticket: 'x'.repeat(65) });
    expect([tooLong.status, tooLong.body.error.details.errors.map((e: any) => e.path)]).toEqual([400, [['ticket']]]);
  });

  it('answers 404 for a ticket number that does not exist', async () => {
    const res = await attempt({ conditions: VIP_OR_AIRCON, ticket: 'GD19990101999999' });
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe('no ticket numbered GD19990101999999');
  });

  it('is for administrators who may configure the plugin', async () => {
    const agent = await adminWithRole('规则试用坐席', [READ]);
    expect((await attempt({ conditions: VIP_OR_AIRCON, ticket: ticket.number }, agent.jwt)).status).toBe(403);
  });
});
