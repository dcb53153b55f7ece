import { adminWithRole, apiToken, createTemplate, eventsOf, http, postTicket, unique } from '../helpers/fixtures';
import { strapi } from '../helpers/strapi';
import { startWecomFake } from '../helpers/fakes/wecom';
import { startSmsFake } from '../helpers/fakes/tencent-sms';
import { startSmtpFake } from '../helpers/fakes/smtp';
import { DateTime } from 'luxon';

const NOTIFICATION_UID = 'plugin::scrm-tickets.notification';
const CONFIG = 'plugin::scrm-tickets.notifications';
const label = (zh: string) => ({ 'zh-Hans': zh });
const dispatcher = () => strapi().plugin('scrm-tickets').service('notify-dispatcher');
/** Delivers what is due, as the worker would, at a moment far enough ahead for any backoff. */
const deliver = (aheadMs = 0) => dispatcher().tick(Date.now() + aheadMs);
const decodeWords = (s: string | null) =>
  (s ?? '').replace(/=\?UTF-8\?B\?([^?]+)\?=/gi, (_m, b64) => Buffer.from(b64, 'base64').toString('utf8')).replace(/\s+/g, '');

describe('notifications: outbox and channels', () => {
  let wecom: Awaited<ReturnType<typeof startWecomFake>>;
  let sms: Awaited<ReturnType<typeof startSmsFake>>;
  let smtp: Awaited<ReturnType<typeof startSmtpFake>>;
  let saved: unknown;
  let template: any;

  beforeAll(async () => {
    [wecom, sms, smtp] = await Promise.all([startWecomFake(), startSmsFake(), startSmtpFake()]);
    saved = strapi().config.get(CONFIG);
    strapi().config.set(CONFIG, {
      ...(saved as object),
      publicUrl: 'https://tickets.example.test',
      quietHours: null,
      retry: { attemptsPerChannel: 3, baseMs: 10, maxMs: 40 },
      wecom: { baseUrl: wecom.url, corpId: 'ww-test-corp', secret: 'app-secret', agentId: 1000002, timeoutMs: 500 },
      sms: {
        provider: 'tencent', secretId: 'AKID-test', secretKey: 'sk-test', endpoint: `127.0.0.1:${sms.port}`, protocol: 'http://',
        sdkAppId: '1400000000', signName: '测试门店', defaultTemplate: { templateId: '100001', params: ['ticket.number', 'ticket.statusLabel'] },
      },
      email: { providerOptions: { host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true }, settings: { defaultFrom: 'tickets@scrm.local' } },
    });
    template = await createTemplate({ fieldDefinitions: [{ key: 'summary', label: label('概述'), type: 'text' }] });
  });

  afterAll(async () => {
    strapi().config.set(CONFIG, saved);
    await Promise.all([wecom.close(), sms.close(), smtp.close()]);
  });

  const customer = async (data: Record<string, unknown>) =>
    (await strapi().documents('api::customer.customer' as any).create({ data: { name: '王女士', ...data } as any })) as any;
  const ticketFor = async (customerDoc: any, extra: Record<string, unknown> = {}) => {
    const res = await postTicket({ templateKey: template.key, title: '空调不制冷', fields: { summary: 'x' }, customer: customerDoc.documentId, ...extra });
    expect(res.status).toBe(201);
    return res.body.data;
  };
  /** A round-robin team with one agent reachable on WeCom: its tickets are assigned to them. */
  const agentOnNewTeam = async (name: string, wecomUserId: string) => {
    const teamKey = unique('team').toLowerCase();
    await strapi().documents('plugin::scrm-tickets.team' as any).create({ data: { key: teamKey, name: teamKey, strategy: 'round_robin' } as any });
    const staff = await adminWithRole('工程师');
    await strapi()
      .documents('plugin::scrm-tickets.agent-profile' as any)
      .create({ data: { name, team: teamKey, user: staff.id, capacity: 5, wecomUserId } as any });
    return { teamKey, staff };
  };
  const rowsOf = async (ticketId: number) =>
    (await strapi().db.query(NOTIFICATION_UID as any).findMany({ where: { ticketId }, orderBy: { id: 'asc' } })) as any[];

  it('writes the message with the change and sends nothing from the request; 微信客服 delivers it inside the window', async () => {
    const c = await customer({ wecomExternalUserId: 'wmCust001', wecomOpenKfId: 'wkShop01', wecomKfLastMessageAt: new Date() });
    const kfBefore = wecom.kfMessages.length;
    const t = await ticketFor(c);
    const [row] = await rowsOf(t.id);
    expect(row).toMatchObject({ textKey: 'created', audience: 'customer', channel: 'wecom', channels: ['wecom'], status: 'pending', title: '工单已受理' });
    expect(row.body).toContain(t.number);
    // Times in the message's variables are Shanghai's wall clock, to the minute.
    const shanghai = new Date(new Date(t.createdAt).getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
    expect(row.vars['ticket.createdAt']).toBe(shanghai);
    expect(row.documentId).toMatch(/^[a-z][a-z0-9]{23}$/);
    expect(wecom.kfMessages.length).toBe(kfBefore); // the request handler sent nothing

    await deliver();
    const sent = wecom.kfMessages.slice(kfBefore);
    expect(sent).toEqual([expect.objectContaining({ touser: 'wmCust001', open_kfid: 'wkShop01', msgid: `scrm-n${row.id}`, msgtype: 'text' })]);
    expect(sent[0].text.content).toContain(`王女士您好，您的工单 ${t.number}`);
    expect((await rowsOf(t.id))[0]).toMatchObject({ status: 'sent', attempts: 1, providerMessageId: `scrm-n${row.id}` });
  });

  it('a rejected write leaves no message behind', async () => {
    const c = await customer({ mobile: '13900000001' });
    const t = await ticketFor(c);
    const before = (await rowsOf(t.id)).length;
    const res = await http()
      .post(`/api/scrm-tickets/tickets/${t.documentId}/transitions`)
      .set({ Authorization: `Bearer ${await apiToken()}` })
      .send({ to: 'in_progress', version: 999 });
    expect(res.status).toBe(409);
    expect((await rowsOf(t.id)).length).toBe(before);
  });

  it('texts a customer who only has a mobile, through a Tencent Cloud SMS template', async () => {
    const c = await customer({ mobile: '13900000002' });
    const t = await ticketFor(c);
    const before = sms.sent.length;
    await deliver();
    const request = sms.sent.slice(before).find((r) => r.PhoneNumberSet[0] === '+8613900000002');
    expect(request).toMatchObject({ SmsSdkAppId: '1400000000', SignName: '测试门店', TemplateId: '100001' });
    expect(request.TemplateParamSet).toEqual([t.number, '新建']);
    const [row] = await rowsOf(t.id);
    expect(request.SessionContext).toBe(`scrm-n${row.id}`);
    expect(row).toMatchObject({ status: 'sent', channel: 'sms', providerMessageId: expect.stringMatching(/^serial-/) });
  });

  it('emails a customer who chose email, with one Message-ID per message', async () => {
    const c = await customer({ email: 'wang@example.test', mobile: '13900000003', notifyChannels: ['email', 'sms'] });
    const t = await ticketFor(c);
    const [row] = await rowsOf(t.id);
    expect(row.channels).toEqual(['email', 'sms']);
    await deliver();
    const mail = smtp.mails.find((m) => m.messageId === `<scrm-n${row.id}@scrm-tickets>`);
    expect(mail?.to).toEqual(['wang@example.test']);
    expect(decodeWords(mail!.subject)).toBe('工单已受理');
  });

  it('falls back from WeCom to SMS on a permanent error', async () => {
    const c = await customer({ wecomExternalUserId: 'wmGone', wecomOpenKfId: 'wkShop01', wecomKfLastMessageAt: new Date(), mobile: '13900000004' });
    const t = await ticketFor(c);
    wecom.script('/cgi-bin/kf/send_msg', { body: { errcode: 95016, errmsg: 'session state does not allow sending' } });
    const before = sms.sent.length;
    await deliver(); // WeCom refuses for good: the row moves to SMS at once
    await deliver(); // and SMS delivers
    const [row] = await rowsOf(t.id);
    expect(row).toMatchObject({ status: 'sent', channel: 'sms', channelIndex: 1, attempts: 2 });
    expect(row.log.map((e: any) => [e.channel, e.result, e.kind])).toEqual([['wecom', 'fallback', 'permanent']]); // failures are logged
    expect(sms.sent.slice(before).map((s) => s.PhoneNumberSet[0])).toEqual(['+8613900000004']);
  });

  it('backs off on 5xx and timeouts, then delivers once', async () => {
    const c = await customer({ wecomExternalUserId: 'wmSlow', wecomOpenKfId: 'wkShop01', wecomKfLastMessageAt: new Date() });
    const t = await ticketFor(c);
    wecom.script('/cgi-bin/kf/send_msg', { status: 502, body: {} }, { hang: true });
    const before = wecom.kfMessages.length;
    await deliver();
    let [row] = await rowsOf(t.id);
    expect(row).toMatchObject({ status: 'pending', channel: 'wecom', channelAttempts: 1 });
    expect(Number(row.dueAt)).toBeGreaterThan(Date.now() - 1000); // waits before the next try
    expect(row.lastError).toMatch(/HTTP 502/);
    await deliver(1000); // the timeout (500 ms)
    [row] = await rowsOf(t.id);
    expect(row).toMatchObject({ status: 'pending', channelAttempts: 2 });
    expect(row.lastError).toMatch(/timed out after 500 ms/);
    await deliver(2000);
    [row] = await rowsOf(t.id);
    expect(row).toMatchObject({ status: 'sent', channel: 'wecom', attempts: 3 });
    expect(wecom.kfMessages.slice(before).filter((m) => m.touser === 'wmSlow')).toHaveLength(1);
    expect(row.lastError).not.toMatch(/app-secret|access_token=token/); // no secrets in errors
  });

  it('marks a message dead after its last channel, puts it on the timeline, and sends it again from the admin', async () => {
    const address = `${unique('gone')}@example.test`.toLowerCase();
    smtp.refuse(address);
    const c = await customer({ email: address, notifyChannels: ['email'] });
    const t = await ticketFor(c);
    await deliver();
    const [dead] = await rowsOf(t.id);
    expect(dead).toMatchObject({ status: 'dead', channel: 'email', attempts: 1 });
    expect(dead.lastError).toMatch(/^email: SMTP: .*550/);
    const failed = (await eventsOf(t.documentId)).find((e) => e.type === 'notification' && e.changes?.failed);
    expect(failed).toMatchObject({ visibility: 'internal', changes: { failed: { notification: dead.id, text: 'created', channels: ['email'] } } });

    const clerk = await adminWithRole('客服坐席');
    const denied = await http().post(`/scrm-tickets/notifications/${dead.documentId}/retry`).set({ Authorization: `Bearer ${clerk.jwt}` });
    expect(denied.status).toBe(403);
    const ops = await adminWithRole('运维', ['plugin::scrm-tickets.notification.retry']);
    const missing = await http().post('/scrm-tickets/notifications/nope/retry').set({ Authorization: `Bearer ${ops.jwt}` });
    expect(missing.status).toBe(404);

    smtp.accept(address);
    const retried = await http().post(`/scrm-tickets/notifications/${dead.documentId}/retry`).set({ Authorization: `Bearer ${ops.jwt}` });
    expect(retried.status).toBe(200);
    expect(retried.body.data).toMatchObject({ status: 'pending', channelIndex: 0, channel: 'email' });
    await deliver();
    const [row] = await rowsOf(t.id);
    expect(row).toMatchObject({ status: 'sent', attempts: 2 });
    expect(smtp.mails.filter((m) => m.to.includes(address))).toHaveLength(1);
    const again = await http().post(`/scrm-tickets/notifications/${dead.documentId}/retry`).set({ Authorization: `Bearer ${ops.jwt}` });
    expect(again.status).toBe(409);
  });

  it('is read-only by hand: outbox rows cannot be created or edited through the document service', async () => {
    await expect(strapi().documents(NOTIFICATION_UID as any).create({ data: { title: 'x' } } as any)).rejects.toMatchObject({ status: 403 });
  });

  it('tells staff through the WeCom app with a textcard that opens the ticket, refreshing an expired token once', async () => {
    const { teamKey } = await agentOnNewTeam('李师傅', 'LiShiFu');
    wecom.expireToken();
    const tokensBefore = wecom.tokenCalls();
    const t = (await postTicket({ templateKey: template.key, title: '上门维修', fields: { summary: 'x' }, team: teamKey })).body.data;
    const [row] = await rowsOf(t.id);
    expect(row).toMatchObject({ textKey: 'assigned', audience: 'staff', channels: ['wecom', 'email'] }); // email is the fallback
    await deliver();
    const card = wecom.appMessages.find((m) => m.touser === 'LiShiFu');
    expect(card).toMatchObject({ msgtype: 'textcard', agentid: 1000002, enable_duplicate_check: 1 });
    expect(card.textcard.title).toBe('新工单待处理');
    expect(card.textcard.url).toBe(`https://tickets.example.test/admin/content-manager/collection-types/plugin::scrm-tickets.ticket/${t.documentId}`);
    expect(card.textcard.description).toContain(t.number);
    expect(wecom.tokenCalls()).toBe(tokensBefore + 1);
    expect((await rowsOf(t.id))[0].status).toBe('sent');
  });

  it('reaches a WeChat customer outside the 微信客服 window through a 客户联系 message from their assignee', async () => {
    const { teamKey } = await agentOnNewTeam('张师傅', 'ZhangShiFu');
    const c = await customer({ wecomExternalUserId: 'wmContact01', wecomOpenKfId: 'wkShop01', wecomKfLastMessageAt: new Date(Date.now() - 49 * 3600_000) });
    const t = await ticketFor(c, { team: teamKey });
    // At creation nobody was assigned yet: no member could send, so no WeCom row was written.
    expect((await rowsOf(t.id)).filter((r) => r.audience === 'customer')).toEqual([]);
    const fresh: any = await strapi().documents('plugin::scrm-tickets.ticket' as any).findOne({ documentId: t.documentId } as any);
    const moved = await http()
      .post(`/api/scrm-tickets/tickets/${t.documentId}/transitions`)
      .set({ Authorization: `Bearer ${await apiToken()}` })
      .send({ to: 'in_progress', version: fresh.version });
    expect(moved.status).toBe(200);
    await deliver();
    const task = wecom.msgTemplates.find((m) => m.external_userid[0] === 'wmContact01');
    expect(task).toMatchObject({ chat_type: 'single', sender: 'ZhangShiFu', allow_select: false });
    expect(task.text.content).toContain(t.number);
    expect(wecom.kfMessages.find((m) => m.touser === 'wmContact01')).toBeUndefined();
  });

  it('two dispatchers at once send every message exactly once', async () => {
    const tickets = [];
    for (let i = 0; i < 6; i += 1) tickets.push(await ticketFor(await customer({ wecomExternalUserId: `wmTwin${i}`, wecomOpenKfId: 'wkShop01', wecomKfLastMessageAt: new Date() })));
    const before = wecom.kfMessages.length;
    await Promise.all([deliver(), deliver(), deliver()]);
    const sent = wecom.kfMessages.slice(before).map((m) => m.touser).sort();
    expect(sent).toEqual(tickets.map((_, i) => `wmTwin${i}`).sort());
    expect(wecom.duplicates.kf).toBe(0);
  });

  it('takes back a row whose sender died mid-send after its lease, logging that attempt as interrupted, and sends it once more', async () => {
    const c = await customer({ email: 'lease@example.test', notifyChannels: ['email'] });
    const t = await ticketFor(c);
    const [row] = await rowsOf(t.id);
    const { leaseMs } = strapi().config.get(CONFIG) as any;
    const claimedAt = Date.now();
    expect(await dispatcher().claim(row.id, claimedAt)).not.toBeNull(); // a worker claims it, and dies
    await dispatcher().sweep(claimedAt + leaseMs - 1);
    expect((await rowsOf(t.id))[0]).toMatchObject({ status: 'sending', attempts: 0 });
    await dispatcher().sweep(claimedAt + leaseMs + 1);
    const [swept] = await rowsOf(t.id);
    expect(swept).toMatchObject({ status: 'pending', attempts: 1 });
    expect(swept.log.map((e: any) => [e.channel, e.result])).toEqual([['email', 'interrupted']]);
    await deliver(leaseMs + 1000);
    expect((await rowsOf(t.id))[0]).toMatchObject({ status: 'sent', attempts: 2 });
    expect(smtp.mails.filter((m) => m.messageId === `<scrm-n${row.id}@scrm-tickets>`)).toHaveLength(1);
  });

  it('keeps a provider’s per-recipient limit: the message over it waits for the window, spending no attempt', async () => {
    const config: any = strapi().config.get(CONFIG);
    strapi().config.set(CONFIG, { ...config, rateLimits: { wecom: { perRecipient: { points: 2, duration: 60 } } } });
    try {
      const c = await customer({ wecomExternalUserId: 'wmBusy', wecomOpenKfId: 'wkShop01', wecomKfLastMessageAt: new Date() });
      const tickets = [await ticketFor(c), await ticketFor(c), await ticketFor(c)];
      await deliver();
      const rows = (await Promise.all(tickets.map((t) => rowsOf(t.id)))).map(([r]) => r);
      expect(rows.map((r) => r.status).sort()).toEqual(['pending', 'sent', 'sent']);
      const waiting = rows.find((r) => r.status === 'pending');
      expect(waiting).toMatchObject({ attempts: 0, channelAttempts: 0, channel: 'wecom' });
      expect(Number(waiting.dueAt)).toBeGreaterThan(Date.now() + 50_000);
      expect(waiting.log.map((e: any) => e.result)).toEqual(['deferred']);
      expect(wecom.kfMessages.filter((m) => m.touser === 'wmBusy')).toHaveLength(2);
    } finally {
      strapi().config.set(CONFIG, config);
    }
  });

  it('holds an SLA warning for the business hours of the ticket’s policy, while a breach goes at once', async () => {
    // The policy's only window opens two whole hours from now (Asia/Shanghai), every day.
    const opens = DateTime.now().setZone('Asia/Shanghai').startOf('hour').plus({ hours: 2 });
    const hh = (n: number) => `${String(n).padStart(2, '0')}:00`;
    const key = unique('night_sla').toLowerCase();
    await strapi()
      .documents('plugin::scrm-tickets.sla-policy' as any)
      .create({
        data: {
          key, name: '夜间不打扰', firstResponseMinutes: 60,
          schedule: { calendar: 'everyday', hours: [{ start: hh(opens.hour), end: opens.hour === 23 ? '24:00' : hh(opens.hour + 1) }] },
          conditions: { all: [{ fact: 'template', operator: 'equal', value: 'no_such_template' }] },
        } as any,
      });
    const { teamKey } = await agentOnNewTeam('值班', 'ZhiBan');
    const t = (await postTicket({ templateKey: template.key, title: '夜间报修', fields: { summary: 'x' }, team: teamKey })).body.data;
    await strapi().db.query('plugin::scrm-tickets.ticket' as any).update({ where: { id: t.id }, data: { slaPolicyKey: key } });
    const events = strapi().plugin('scrm-tickets').service('events');
    const actor = { kind: 'system', name: 'sla' };
    const dueAt = new Date().toISOString();
    await events.record(t, { type: 'notification', changes: { requested: { to: 'assignee', sla: 'first_response:warn', at: 'warn', dueAt } }, actor, visibility: 'internal' });
    await events.record(t, { type: 'notification', changes: { requested: { to: 'assignee', sla: 'first_response:breach', at: 'breach', dueAt } }, actor, visibility: 'internal' });
    const rows = await rowsOf(t.id);
    const warn = rows.find((r) => r.textKey === 'sla_warning');
    const breach = rows.find((r) => r.textKey === 'sla_breach');
    expect(Number(warn.dueAt)).toBe(opens.toMillis());
    expect(Number(breach.dueAt)).toBeLessThanOrEqual(Date.now());
    expect(breach.urgent).toBe(true);
  });

  it('holds non-urgent messages for the end of the quiet hours', async () => {
    const config: any = strapi().config.get(CONFIG);
    const hm = (ms: number) => new Date(ms).toLocaleTimeString('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hour12: false });
    strapi().config.set(CONFIG, { ...config, quietHours: { start: hm(Date.now() - 3600_000), end: hm(Date.now() + 3600_000) } });
    try {
      const t = await ticketFor(await customer({ mobile: '13900000005' }));
      const [row] = await rowsOf(t.id);
      expect(Number(row.dueAt)).toBeGreaterThan(Date.now() + 3500_000 - 60_000);
      const before = sms.sent.length;
      await deliver();
      expect(sms.sent.length).toBe(before);
      expect((await rowsOf(t.id))[0].status).toBe('pending');
    } finally {
      strapi().config.set(CONFIG, config);
    }
  });

  it('renders a text saved for the moment, and refuses one with an unknown variable at its path', async () => {
    const docs = strapi().documents('plugin::scrm-tickets.message-template' as any);
    await expect(docs.create({ data: { textKey: 'created', locale: 'zh-Hans', title: '受理', body: '{{ ticket.numbr }}' } } as any)).rejects.toMatchObject({
      details: { errors: [expect.objectContaining({ path: ['body'], message: expect.stringMatching(/unknown variable \{\{ ticket\.numbr \}\}/) })] },
    });
    const entry: any = await docs.create({ data: { textKey: 'created', locale: 'zh-Hans', title: '受理', body: 'x' } } as any);
    await docs.update({ documentId: entry.documentId, data: { title: '【{{ ticket.number }}】已收到', body: '{{ customer.name }}，我们已收到您的报修。' } } as any);
    try {
      const t = await ticketFor(await customer({ name: '赵先生', mobile: '13900000006', notifyChannels: ['sms'] }));
      const [row] = await rowsOf(t.id);
      expect([row.title, row.body]).toEqual([`【${t.number}】已收到`, '赵先生，我们已收到您的报修。']);
    } finally {
      await docs.delete({ documentId: entry.documentId } as any);
    }
  });

  it('checks a ticket template’s own notification texts when it is saved', async () => {
    await expect(
      createTemplate({ notificationTexts: { created: { 'zh-Hans': { title: 'ok', body: '{{ ticket.number | shout }}' } } } })
    ).rejects.toMatchObject({
      details: { errors: [expect.objectContaining({ path: ['notificationTexts', 'created', 'zh-Hans', 'body'] })] },
    });
    await expect(createTemplate({ notificationTexts: { greeting: {} } })).rejects.toMatchObject({
      details: { errors: [expect.objectContaining({ path: ['notificationTexts', 'greeting'] })] },
    });
    const own = await createTemplate({
      fieldDefinitions: [{ key: 'summary', label: label('概述'), type: 'text' }],
      notificationTexts: { created: { 'zh-Hans': { title: '预约成功', body: '{{ ticket.title }} 已预约' } } },
    });
    const c = await customer({ mobile: '13900000007' });
    const t = (await postTicket({ templateKey: own.key, title: '空调清洗', fields: { summary: 'x' }, customer: c.documentId })).body.data;
    const [row] = await rowsOf(t.id);
    expect([row.title, row.body]).toEqual(['预约成功', '空调清洗 已预约']);
  });
});
