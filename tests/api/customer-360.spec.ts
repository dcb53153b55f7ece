import { adminWithRole, bearer, createTemplate, http, unique } from '../helpers/fixtures';
import { strapi } from '../helpers/strapi';
import { startWecomFake } from '../helpers/fakes/wecom';

const KEY = 'plugin::scrm-tickets';
const TICKET_UID = 'plugin::scrm-tickets.ticket';
const REGION_UID = 'plugin::scrm-tickets.region';

describe('customer 360 (GET /scrm-tickets/tickets/:id/customer) and an opportunity from a ticket', () => {
  let wecom: Awaited<ReturnType<typeof startWecomFake>>;
  let saved: any;
  let template: any;
  let customer: any;
  let shTicket: any;
  let hzTicket: any;
  let bare: any;
  let agent: { jwt: string; id: number };
  let manager: { jwt: string; id: number };
  let external: string;
  const panel = (jwt: string, ticket = shTicket) => http().get(`/scrm-tickets/tickets/${ticket.documentId}/customer`).set(bearer(jwt));
  const sell = (jwt: string, body: Record<string, unknown>, ticket = shTicket) =>
    http().post(`/scrm-tickets/tickets/${ticket.documentId}/opportunity`).set(bearer(jwt)).send(body);

  beforeAll(async () => {
    wecom = await startWecomFake();
    saved = strapi().config.get(KEY);
    strapi().config.set(KEY, {
      ...saved,
      notifications: { ...saved.notifications, wecom: { baseUrl: wecom.url, corpId: 'ww-360-corp', secret: 'secret-360', agentId: 1000011, timeoutMs: 1000 }, sms: null, email: null },
    });
    template = await createTemplate({ fieldDefinitions: [] });
    const regions = strapi().documents(REGION_UID as any);
    const sh: any = await regions.create({ data: { code: unique('SH360'), name: '上海', level: 'city' } as any });
    const hz: any = await regions.create({ data: { code: unique('HZ360'), name: '杭州', level: 'city' } as any });
    external = unique('wm360');
    customer = await strapi().documents('api::customer.customer' as any).create({
      data: { name: '周慧', mobile: '13911112222', vipLevel: 2, wecomExternalUserId: external, region: sh.documentId } as any,
    });
    wecom.contacts.set(external, {
      external_contact: { external_userid: external, name: '周慧', type: 1 },
      follow_user: [{ userid: 'zhangwei', remark: '周慧-徐汇', createtime: 1_700_000_000, tags: [{ tag_name: '老客户' }] }],
    });
    const order = await strapi().documents('api::order.order' as any).create({ data: { number: unique('DD'), amountFen: 459900, state: 'completed', customer: customer.documentId } as any });
    const ticket = (title: string, region: any, extra: Record<string, unknown> = {}) =>
      strapi().documents(TICKET_UID as any).create({ data: { templateKey: template.key, title, fields: {}, customer: customer.documentId, region: region.documentId, ...extra } as any });
    shTicket = await ticket('空调不制冷', sh, { order: order.documentId });
    await ticket('上次的安装', sh);
    hzTicket = await ticket('杭州的报修', hz);
    bare = await strapi().documents(TICKET_UID as any).create({ data: { templateKey: template.key, title: '无客户', fields: {} } as any });

    const team = unique('t360').toLowerCase();
    await strapi().documents('plugin::scrm-tickets.team' as any).create({ data: { key: team, name: team, autoAssign: false } as any });
    agent = await adminWithRole('客服坐席');
    manager = await adminWithRole('店长');
    for (const user of [agent, manager]) {
      await strapi().documents('plugin::scrm-tickets.agent-profile' as any).create({ data: { name: unique('坐席'), team, user: user.id, regions: [sh.code], capacity: 5 } as any });
    }
  });
  afterAll(async () => {
    strapi().config.set(KEY, saved);
    await wecom.close();
  });

  it('shows the customer, their other tickets within the reader’s regions, orders, opportunities and WeCom contact', async () => {
    const res = await panel(agent.jwt);
    expect(res.status).toBe(200);
    const p = res.body.data;
    expect(p.customer).toMatchObject({ name: '周慧', mobile: '13911112222', vipLevel: 2, region: { name: '上海' } });
    // The 杭州 ticket is outside the 上海 agent's regions: neither listed nor counted.
    expect([p.tickets.total, p.tickets.recent.map((t: any) => t.title)]).toEqual([1, ['上次的安装']]);
    expect(p.tickets.recent[0].stateLabel['zh-Hans']).toBe('新建');
    expect([p.orders.total, p.orders.recent[0].amountFen, p.order.amountFen]).toEqual([1, 459900, 459900]);
    expect([p.opportunities.total, p.opportunity]).toEqual([0, null]);
    expect(p.wecom).toMatchObject({
      externalUserId: external,
      profile: { available: true, name: '周慧', followers: [{ userId: 'zhangwei', remark: '周慧-徐汇', tags: ['老客户'], addedAt: '2023-11-14T22:13:20.000Z' }] },
    });
    // The 杭州 ticket itself is a 404 for them.
    expect((await panel(agent.jwt, hzTicket)).status).toBe(404);
    // A ticket without a customer has an empty panel, not an error.
    expect((await panel(agent.jwt, bare)).body.data).toMatchObject({ customer: null, tickets: null });
  });

  it('still shows what is stored when WeCom refuses the contact', async () => {
    wecom.contacts.delete(external);
    const p = (await panel(agent.jwt)).body.data;
    expect(p.wecom).toMatchObject({ externalUserId: external, profile: { available: false } });
    expect(p.customer.name).toBe('周慧');
  });

  it('makes an opportunity from the ticket and links it, checked and versioned; bad input changes nothing', async () => {
    const opportunities = () => strapi().documents('api::opportunity.opportunity' as any).count({ filters: { customer: { documentId: customer.documentId } } } as any);
    const bad = await sell(agent.jwt, { title: '', expectedAmountFen: 12.5, stage: 'maybe' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors.map((e: any) => e.path.join('.'))).toEqual(['title', 'expectedAmountFen', 'stage', 'version']);
    expect((await sell(agent.jwt, { title: '以旧换新', version: 1 }, bare)).body.error.details.errors[0].path).toEqual(['customer']);
    expect((await sell(agent.jwt, { title: '越区', version: 1 }, hzTicket)).status).toBe(404);
    // A stale version: refused, and no opportunity is left behind.
    expect((await sell(agent.jwt, { title: '以旧换新', version: 7 })).status).toBe(409);
    expect(await opportunities()).toBe(0);

    const made = await sell(manager.jwt, { title: '以旧换新：一级能效空调', expectedAmountFen: 699900, version: 1 });
    expect(made.status).toBe(201);
    expect(made.body.data.ticket.version).toBe(2);
    const p = (await panel(agent.jwt)).body.data;
    expect(p.opportunity).toMatchObject({ title: '以旧换新：一级能效空调', stage: 'lead', expectedAmountFen: 699900 });
    expect([p.opportunities.total, p.opportunities.recent[0].title]).toEqual([1, '以旧换新：一级能效空调']);
    const owner: any = await strapi().db.query('api::opportunity.opportunity' as any).findOne({ where: { documentId: made.body.data.opportunity.documentId }, populate: ['owner'] });
    expect(owner.owner.id).toBe(manager.id);
    // The link is on the ticket's timeline, as any edit.
    const events = await strapi().db.query('plugin::scrm-tickets.ticket-event' as any).findMany({ where: { ticket: { documentId: shTicket.documentId }, type: 'field_changed' } });
    expect(events.some((e: any) => e.changes?.opportunity)).toBe(true);
    // Once linked, a second one is a conflict.
    expect((await sell(manager.jwt, { title: '再来一个', version: 2 })).status).toBe(409);
    expect(await opportunities()).toBe(1);
  });
});
