import { createHash } from 'node:crypto';
import { adminWithRole, createTemplate, eventsOf, http, unique } from '../helpers/fixtures';
import { strapi } from '../helpers/strapi';
import { startWecomFake } from '../helpers/fakes/wecom';

const KEY = 'plugin::scrm-tickets';
const TICKET_UID = 'plugin::scrm-tickets.ticket';
const CUSTOMER_UID = 'api::customer.customer';
const FIELDS = [{ key: 'summary', label: { 'zh-Hans': '问题描述' }, type: 'textarea', required: true }];
const BASE = '/api/scrm-tickets/workbench';

describe('WeCom member pages: workbench sign-in, my tickets, menu/sidebar tickets and JS-SDK signatures', () => {
  let wecom: Awaited<ReturnType<typeof startWecomFake>>;
  let saved: any;
  let template: any;
  let staff: { id: number };
  let member: string;
  let agentName: string;
  let token: string;
  const asMember = (t = token) => ({ Authorization: `Member ${t}` });

  beforeAll(async () => {
    wecom = await startWecomFake();
    saved = strapi().config.get(KEY);
    strapi().config.set(KEY, {
      ...saved,
      notifications: {
        ...saved.notifications,
        publicUrl: 'https://tickets.example.test',
        wecom: { baseUrl: wecom.url, corpId: 'ww-bench-corp', secret: 'bench-secret', agentId: 1000009, timeoutMs: 1000 },
        sms: null,
        email: null,
      },
    });
    template = await createTemplate({ fieldDefinitions: FIELDS, name: '门店报修' });
    staff = await adminWithRole('客服坐席');
    member = unique('zhangwei');
    const team = unique('bench-team').toLowerCase();
    await strapi().documents('plugin::scrm-tickets.team' as any).create({ data: { key: team, name: team, autoAssign: false } as any });
    // A name of its own: the demo seed, later in the suite, finds its agents by name.
    agentName = unique('张伟');
    await strapi().documents('plugin::scrm-tickets.agent-profile' as any).create({ data: { name: agentName, team, user: staff.id, wecomUserId: member, capacity: 5 } as any });
  });
  afterAll(async () => {
    strapi().config.set(KEY, saved);
    await wecom.close();
  });

  it('signs a member in with the web-authorization code; a bad code is 401, someone without an agent profile 403', async () => {
    wecom.oauthCodes.set('code-1', member);
    const res = await http().get(`${BASE}/session`).query({ code: 'code-1' });
    expect(res.status).toBe(200);
    expect(res.body.data.member).toEqual({ name: agentName, wecomUserId: member });
    token = res.body.data.token;
    expect((await http().get(`${BASE}/session`).query({ code: 'code-1' })).status).toBe(401); // used
    wecom.oauthCodes.set('code-2', unique('stranger'));
    expect((await http().get(`${BASE}/session`).query({ code: 'code-2' })).status).toBe(403);
    expect((await http().get(`${BASE}/session`)).status).toBe(400);
  });

  it('lists the member’s tickets only with a valid session', async () => {
    const mine: any = await strapi().documents(TICKET_UID as any).create({ data: { templateKey: template.key, title: '我的单', fields: { summary: 'x' } } as any });
    await strapi().db.query(TICKET_UID as any).update({ where: { id: mine.id }, data: { assignee: staff.id } });
    await strapi().documents(TICKET_UID as any).create({ data: { templateKey: template.key, title: '别人的单', fields: { summary: 'y' } } as any });
    const res = await http().get(`${BASE}/tickets`).set(asMember());
    expect(res.status).toBe(200);
    expect(res.body.data.map((t: any) => [t.number, t.stateLabel['zh-Hans']])).toEqual([[mine.number, '新建']]);
    expect((await http().get(`${BASE}/tickets`)).status).toBe(401);
    const [body] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body, 'base64url').toString()), adminId: staff.id + 1 })).toString('base64url');
    expect((await http().get(`${BASE}/tickets`).set(asMember(`${forged}.${token.split('.')[1]}`))).status).toBe(401);
  });

  it('files the menu card’s ticket as the member (source wecom_menu), through the same validation', async () => {
    const templates = await http().get(`${BASE}/templates`).set(asMember());
    expect(templates.body.data.find((t: any) => t.key === template.key).fieldDefinitions).toEqual(FIELDS);
    const post = (data: Record<string, unknown>) => http().post(`${BASE}/tickets`).set(asMember()).send({ data });
    const missing = await post({ templateKey: template.key, title: '冷柜不制冷', fields: {}, source: 'wecom_menu' });
    expect([missing.status, missing.body.error.details.errors[0].path]).toEqual([400, ['fields', 'summary']]);
    expect((await post({ templateKey: template.key, title: 'x', fields: { summary: 'x' }, source: 'h5' })).status).toBe(400);
    const ok = await post({ templateKey: template.key, title: '冷柜不制冷', fields: { summary: '3 号冷柜 12 度' }, source: 'wecom_menu' });
    expect(ok.status).toBe(201);
    expect([ok.body.data.source, ok.body.data.stateLabel['zh-Hans']]).toEqual(['wecom_menu', '新建']);
    const [created] = await eventsOf(ok.body.data.documentId);
    expect([created.type, created.actor]).toEqual(['created', expect.objectContaining({ kind: 'admin', id: staff.id })]);
  });

  it('signs JS-SDK configs with the corp and agent tickets, as the spec’s algorithm says, fetching each ticket once', async () => {
    const page = 'https://tickets.example.test/h5/sidebar.html?entry=single_chat_tools#/contact';
    const sha1 = (s: string) => createHash('sha1').update(s).digest('hex');
    const res = await http().get(`${BASE}/jsapi`).query({ url: page }).set(asMember());
    expect(res.status).toBe(200);
    const { corpId, agentId, config, agentConfig } = res.body.data;
    expect([corpId, agentId]).toEqual(['ww-bench-corp', 1000009]);
    const url = 'https://tickets.example.test/h5/sidebar.html?entry=single_chat_tools';
    expect(config.signature).toBe(sha1(`jsapi_ticket=corp-ticket-1&noncestr=${config.nonceStr}&timestamp=${config.timestamp}&url=${url}`));
    expect(agentConfig.signature).toBe(sha1(`jsapi_ticket=agent-ticket-1&noncestr=${agentConfig.nonceStr}&timestamp=${agentConfig.timestamp}&url=${url}`));
    expect(Math.abs(config.timestamp - Date.now() / 1000)).toBeLessThan(5);
    await http().get(`${BASE}/jsapi`).query({ url: page }).set(asMember());
    expect([wecom.calls.jsapiTicket, wecom.calls.agentTicket]).toEqual([1, 1]);
    const elsewhere = await http().get(`${BASE}/jsapi`).query({ url: 'https://evil.example/h5/sidebar.html' }).set(asMember());
    expect([elsewhere.status, elsewhere.body.error.details.errors[0].path]).toEqual([400, ['url']]);
  });

  it('matches the sidebar’s external contact to a customer (made from externalcontact/get), shows their tickets and orders, files a ticket for them', async () => {
    const external = unique('wmSide');
    const mobile = `137${String(Date.now()).slice(-8)}`;
    wecom.contacts.set(external, {
      external_contact: { external_userid: external, name: '赵先生', type: 1, gender: 1 },
      follow_user: [{ userid: member, remark: '赵总', remark_mobiles: [mobile], createtime: 1700000000 }],
    });
    const first = await http().get(`${BASE}/contacts/${external}`).set(asMember());
    expect(first.status).toBe(200);
    expect(first.body.data.customer).toMatchObject({ name: '赵先生', mobile });
    expect([first.body.data.tickets, first.body.data.orders]).toEqual([[], []]);
    const filed = await http()
      .post(`${BASE}/contacts/${external}/tickets`)
      .set(asMember())
      .send({ data: { templateKey: template.key, title: '赵总门店空调漏水', fields: { summary: '二楼包间' }, source: 'h5' } });
    expect([filed.status, filed.body.data.source]).toEqual([201, 'wecom_sidebar']);
    const again = await http().get(`${BASE}/contacts/${external}`).set(asMember());
    expect(again.body.data.tickets.map((t: any) => t.title)).toEqual(['赵总门店空调漏水']);
    expect(wecom.calls.contactGet).toBe(1);
    expect(await strapi().db.query(CUSTOMER_UID as any).count({ where: { wecomExternalUserId: external } })).toBe(1);
    expect((await http().get(`${BASE}/contacts/${unique('wmNobody')}`).set(asMember())).status).toBe(404);
    expect((await http().get(`${BASE}/contacts/${encodeURIComponent('bad id!')}`).set(asMember())).status).toBe(400);
  });
});
