import Redis from 'ioredis';
import { createTemplate, http, unique } from '../helpers/fixtures';
import { strapi } from '../helpers/strapi';
import { startWecomFake } from '../helpers/fakes/wecom';
import { envelope, eventXml, signed, WECOM } from '../helpers/wecom-envelope';
import createWecomKfService from '../../src/plugins/scrm-tickets/server/src/services/wecom-kf';
import { createWecomClient } from '../../src/plugins/scrm-tickets/server/src/channels/wecom/api-client';
import { redisTokenCache } from '../../src/plugins/scrm-tickets/server/src/channels/wecom/token-cache';

const TICKET_UID = 'plugin::scrm-tickets.ticket';
const EVENT_UID = 'plugin::scrm-tickets.ticket-event';
const CUSTOMER_UID = 'api::customer.customer';
const KEY = 'plugin::scrm-tickets';
const URL = '/api/scrm-tickets/wecom/callback';
const FIELDS = [{ key: 'summary', label: { 'zh-Hans': '问题描述' }, type: 'textarea', required: true }];

describe('WeCom: 微信客服 sync, menus and access tokens (fake WeCom API)', () => {
  let wecom: Awaited<ReturnType<typeof startWecomFake>>;
  let template: any;
  let saved: any;
  const app = () => ({ baseUrl: wecom.url, corpId: WECOM.corpId, secret: 'kf-app-secret', agentId: 1000002, timeoutMs: 1000 });
  const callback = () => strapi().plugin('scrm-tickets').service('wecom-callback');
  const post = (xml: string) => {
    const s = signed(xml);
    return http().post(URL).query(s.query).set('content-type', 'text/xml').send(envelope(s.encrypted));
  };
  const deliver = () => strapi().plugin('scrm-tickets').service('notify-dispatcher').tick(Date.now());
  const kfEvent = (openKfId: string, token: string) => eventXml('kf_msg_or_event', { Token: token, OpenKfId: openKfId });
  const text = (openKfId: string, externalUserId: string, msgid: string, content: string) => ({
    msgid, open_kfid: openKfId, external_userid: externalUserId, send_time: Math.floor(Date.now() / 1000), origin: 3, msgtype: 'text', text: { content },
  });
  const ticketsOf = async (externalUserId: string) =>
    strapi().db.query(TICKET_UID as any).findMany({ where: { customer: { wecomExternalUserId: externalUserId } }, orderBy: { id: 'asc' } });
  const commentsOn = async (ticketId: number) =>
    (await strapi().db.query(EVENT_UID as any).findMany({ where: { ticket: { id: ticketId }, type: 'comment' } })).map((e: any) => e.body);

  beforeAll(async () => {
    wecom = await startWecomFake();
    template = await createTemplate({ fieldDefinitions: FIELDS, name: '空调维修' });
    saved = strapi().config.get(KEY);
    strapi().config.set(KEY, {
      ...saved,
      intake: { wecom: { ...WECOM, templateKey: template.key, kfTemplateKey: template.key } },
      notifications: { ...saved.notifications, publicUrl: 'https://tickets.example.test', quietHours: null, wecom: app(), sms: null, email: null },
    });
  });
  afterAll(async () => {
    strapi().config.set(KEY, saved);
    await wecom.close();
  });

  it('pulls two pages from the saved cursor, across a failure and a restart, without losing or repeating a message', async () => {
    const kfId = unique('wk');
    const [a, b] = [unique('wmA'), unique('wmB')];
    wecom.nicknames.set(a, '李女士');
    wecom.setKfPageSize(2);
    wecom.kfInbox.length = 0;
    wecom.syncCalls.length = 0;
    wecom.kfInbox.push(
      text(kfId, a, unique('m1'), '空调不制冷，显示 E1'),
      text(kfId, a, unique('m2'), '型号 KFR-35GW'),
      { msgid: unique('m3'), msgtype: 'event', origin: 4, event: { event_type: 'enter_session', open_kfid: kfId, external_userid: b, scene: 'h5' } },
      text(kfId, b, unique('m4'), '冰箱漏水')
    );
    // The second page fails (WeCom 502): the first page is stored, worked and its cursor saved.
    wecom.failSyncAt('2');
    expect((await post(kfEvent(kfId, 'sync-token-1'))).status).toBe(200);
    await callback().whenIdle();
    const cursor = async () => (await strapi().db.connection('scrm_wecom_kf_cursors').where({ open_kfid: kfId }).first())?.cursor;
    expect(await cursor()).toBe('2');
    const [ticketA] = await ticketsOf(a);
    expect([ticketA.title, ticketA.fields, ticketA.source]).toEqual(['空调不制冷，显示 E1', { summary: '空调不制冷，显示 E1' }, 'wecom_kf']);
    expect(await commentsOn(ticketA.id)).toEqual(['型号 KFR-35GW']);
    const customerA: any = await strapi().db.query(CUSTOMER_UID as any).findOne({ where: { wecomExternalUserId: a } });
    expect([customerA.name, customerA.wecomOpenKfId]).toEqual(['李女士', kfId]);
    expect(await ticketsOf(b)).toEqual([]);

    // A restarted process holds nothing in memory: a new instance of the service starts from the
    // database's cursor (the failed event is not replayed; WeCom's next event brings its token).
    await createWecomKfService({ strapi: strapi() }).sync(kfId, 'sync-token-2');
    expect(wecom.syncCalls.map((c) => [c.cursor, c.token, c.open_kfid])).toEqual([
      ['', 'sync-token-1', kfId], ['2', 'sync-token-1', kfId], ['2', 'sync-token-2', kfId],
    ]);
    expect(await cursor()).toBe('4');
    expect((await ticketsOf(b)).map((t: any) => t.title)).toEqual(['冰箱漏水']);
    // Nothing twice: a second sync finds nothing new; A still has one ticket with one comment.
    await createWecomKfService({ strapi: strapi() }).sync(kfId, 'sync-token-3');
    expect((await ticketsOf(a)).length).toBe(1);
    expect(await commentsOn(ticketA.id)).toEqual(['型号 KFR-35GW']);
    const stored = await strapi().db.connection('scrm_wecom_inbound').where('dedupe_key', 'like', 'kf:%').whereIn('dedupe_key', wecom.kfInbox.map((m) => `kf:${m.msgid}`));
    expect(stored.map((r: any) => r.status).sort()).toEqual(['done', 'done', 'done', 'ignored']);
  });

  it('answers the customer by kf/send_msg with the ticket number and H5 link, once', async () => {
    const kfId = unique('wk');
    const c = unique('wmC');
    wecom.kfInbox.length = 0;
    wecom.kfInbox.push(text(kfId, c, unique('m'), '洗衣机噪音大'));
    await post(kfEvent(kfId, 'sync-token-c'));
    await callback().whenIdle();
    const [ticket] = await ticketsOf(c);
    await deliver();
    await deliver();
    const answers = wecom.kfMessages.filter((m) => m.touser === c);
    expect(answers.length).toBe(1);
    expect(answers[0].open_kfid).toBe(kfId);
    expect(answers[0].text.content).toContain(ticket.number);
    expect(answers[0].text.content).toContain(`https://tickets.example.test/h5/#/tickets/${ticket.documentId}`);
  });

  it('works messages a dead process stored but never worked, at the next start', async () => {
    const kfId = unique('wk');
    const d = unique('wmD');
    const kf = createWecomKfService({ strapi: strapi() });
    await kf.store(kfId, [text(kfId, d, unique('m'), '热水器打不着火')], '1');
    expect(await ticketsOf(d)).toEqual([]);
    await callback().resume();
    await callback().whenIdle();
    expect((await ticketsOf(d)).map((t: any) => t.title)).toEqual(['热水器打不着火']);
  });

  it('fetches a new access token once when WeCom answers 42001, and carries on', async () => {
    const kfId = unique('wk');
    const e = unique('wmE');
    wecom.kfInbox.length = 0;
    wecom.kfInbox.push(text(kfId, e, unique('m'), '燃气灶点不着'));
    await deliver(); // the app has a token by now
    const before = wecom.tokenCalls();
    wecom.script('/cgi-bin/kf/sync_msg', { body: { errcode: 42001, errmsg: 'access_token expired' } });
    await post(kfEvent(kfId, 'sync-token-e'));
    await callback().whenIdle();
    expect(wecom.tokenCalls()).toBe(before + 1);
    expect((await ticketsOf(e)).length).toBe(1);
  });

  it('answers a menu click naming a template with a card that opens its form; other keys are ignored', async () => {
    const member = unique('lisi');
    const click = (key: string) => eventXml('click', { EventKey: key }, member);
    expect((await post(click(template.key))).status).toBe(200);
    expect((await post(click('not-a-template'))).status).toBe(200);
    await callback().whenIdle();
    const cards = wecom.appMessages.filter((m) => m.touser === member);
    expect(cards.length).toBe(1);
    expect([cards[0].msgtype, cards[0].agentid, cards[0].textcard.title]).toEqual(['textcard', 1000002, '新建空调维修']);
    const link = new globalThis.URL(cards[0].textcard.url);
    expect([link.host, link.searchParams.get('appid'), link.searchParams.get('scope'), link.searchParams.get('agentid')]).toEqual([
      'open.weixin.qq.com', WECOM.corpId, 'snsapi_base', '1000002',
    ]);
    expect(link.searchParams.get('redirect_uri')).toBe(`https://tickets.example.test/h5/workbench.html?template=${template.key}&source=wecom_menu`);
  });

  it('shares one token among instances through Redis: one gettoken for many callers, one refresh after 40014', async () => {
    const prefix = unique('scrm-tokens');
    const [r1, r2] = [new Redis('redis://127.0.0.1:6379'), new Redis('redis://127.0.0.1:6379')];
    try {
      const config = { ...app(), secret: unique('secret') };
      const one = createWecomClient(config, redisTokenCache(r1, prefix));
      const two = createWecomClient(config, redisTokenCache(r2, prefix));
      const send = (client: typeof one, i: number) => client.post('/cgi-bin/message/send', { touser: `u${i}`, msgtype: 'text', agentid: 1, text: { content: `${prefix} ${i}` } });
      const before = wecom.tokenCalls();
      await Promise.all([...Array(10)].map((_, i) => send(i % 2 ? one : two, i)));
      expect(wecom.tokenCalls()).toBe(before + 1);
      wecom.expireToken();
      await Promise.all([...Array(10)].map((_, i) => send(i % 2 ? one : two, i + 10)));
      expect(wecom.tokenCalls()).toBe(before + 2);
      expect(await r1.pttl(`${prefix}:wecom-token:${WECOM.corpId}:${require('node:crypto').createHash('sha256').update(config.secret).digest('hex').slice(0, 16)}`)).toBeGreaterThan(6000_000);
    } finally {
      r1.disconnect();
      r2.disconnect();
    }
  });
});
