import { createTemplate, http, unique } from '../helpers/fixtures';
import { strapi } from '../helpers/strapi';
import { envelope, signed, WECOM } from '../helpers/wecom-envelope';
import { createWecomInboundQueue } from '../../src/plugins/scrm-tickets/server/src/queues/wecom-inbound-queue';

const TICKET_UID = 'plugin::scrm-tickets.ticket';
const KEY = 'plugin::scrm-tickets';
const FIELDS = [{ key: 'summary', label: { 'zh-Hans': '故障描述' }, type: 'textarea', required: true }];
const URL = '/api/scrm-tickets/wecom/callback';

const text = (msgId: string, content: string) =>
  `<xml><ToUserName><![CDATA[${WECOM.corpId}]]></ToUserName><FromUserName><![CDATA[zhangsan]]></FromUserName><CreateTime>1348831860</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${content}]]></Content><MsgId>${msgId}</MsgId><AgentID>1000002</AgentID></xml>`;

describe('WeCom app callback (GET/POST /api/scrm-tickets/wecom/callback)', () => {
  let template: any;
  let saved: any;
  const post = (s: ReturnType<typeof signed>) => http().post(URL).query(s.query).set('content-type', 'text/xml').send(envelope(s.encrypted));
  const inbound = () => strapi().db.connection('scrm_wecom_inbound');
  const settle = () => strapi().plugin('scrm-tickets').service('wecom-callback').whenIdle();

  beforeAll(async () => {
    template = await createTemplate({ fieldDefinitions: FIELDS });
    saved = strapi().config.get(KEY);
    strapi().config.set(KEY, { ...saved, intake: { wecom: { ...WECOM, templateKey: template.key } } });
  });
  afterAll(() => strapi().config.set(KEY, saved));

  it('answers URL verification with the decrypted echostr, exactly', async () => {
    const s = signed('1616140317555161061');
    const res = await http().get(URL).query({ ...s.query, echostr: s.encrypted });
    expect([res.status, res.text]).toEqual([200, '1616140317555161061']);
    const forged = await http().get(URL).query({ ...s.query, msg_signature: '0'.repeat(40), echostr: s.encrypted });
    expect(forged.status).toBe(401);
  });

  it('turns an encrypted text message into one ticket, however often WeCom delivers it', async () => {
    const msgId = `${Date.now()}${Math.floor(Math.random() * 1000)}`;
    const s = signed(text(msgId, '门店冰柜不制冷，冷藏区温度 12 度'));
    const deliveries = [await post(s), await post(s), await post(s)];
    expect(deliveries.map((r) => [r.status, r.text])).toEqual([[200, ''], [200, ''], [200, '']]);
    await settle();
    const rows = await inbound().where({ dedupe_key: `msg:${msgId}` });
    expect(rows.map((r: any) => r.status)).toEqual(['done']);
    const ticket: any = await strapi().db.query(TICKET_UID as any).findOne({ where: { id: rows[0].ticket_id }, populate: { template: { select: ['key'] } } });
    expect([ticket.title, ticket.fields, ticket.source, ticket.tags, ticket.template.key]).toEqual([
      '门店冰柜不制冷，冷藏区温度 12 度', { summary: '门店冰柜不制冷，冷藏区温度 12 度' }, 'wecom', ['wecom:user:zhangsan'], template.key,
    ]);
    expect(await strapi().db.query(TICKET_UID as any).count({ where: { idempotencyKey: `wecom:msg:${msgId}` } })).toBe(1);
  });

  it('refuses a bad signature, an expired timestamp and a message for another corp, storing nothing', async () => {
    const before = (await inbound().count({ n: '*' }))[0].n;
    const message = text(unique('9'), '不该保存');
    expect((await post(signed(message, { token: 'wrong-token' }))).status).toBe(401);
    expect((await post(signed(message, { timestamp: Math.floor(Date.now() / 1000) - 3600 }))).status).toBe(401);
    expect((await post(signed(message, { corpId: 'ww-another-corp' }))).status).toBe(403);
    expect((await http().post(URL).query(signed(message).query).set('content-type', 'text/xml').send('<xml><Encrypt>')).status).toBe(400);
    expect((await inbound().count({ n: '*' }))[0].n).toBe(before);
  });

  it('with Redis, answers at once and leaves the message to a queue worker, which makes the ticket', async () => {
    const callback = strapi().plugin('scrm-tickets').service('wecom-callback');
    const queue = createWecomInboundQueue(strapi(), 'redis://127.0.0.1:6379', (id) => callback.process(id), { name: unique('scrm-wecom-test') });
    callback.useQueue(queue);
    try {
      const msgId = `${Date.now()}${Math.floor(Math.random() * 1000)}`;
      const res = await post(signed(text(msgId, '后厨排风扇异响')));
      expect([res.status, res.text]).toEqual([200, '']);
      await settle();
      // Queued, not worked: this instance runs no processor yet.
      expect((await inbound().where({ dedupe_key: `msg:${msgId}` }).first()).status).toBe('received');
      expect(await queue.queue.getJobCounts()).toMatchObject({ waiting: 1 });
      queue.work();
      for (const end = Date.now() + 10_000; (await inbound().where({ dedupe_key: `msg:${msgId}` }).first()).status === 'received'; ) {
        if (Date.now() > end) throw new Error('the worker did not take the message');
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(await strapi().db.query(TICKET_UID as any).count({ where: { idempotencyKey: `wecom:msg:${msgId}` } })).toBe(1);
    } finally {
      callback.useQueue(null);
      await queue.queue.obliterate({ force: true }).catch(() => undefined);
      await queue.close();
    }
  });
});
