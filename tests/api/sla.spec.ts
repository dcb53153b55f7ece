import { apiToken, bearer, createCustomerLogin, createTemplate, eventsOf, grantCustomerRole, http, postTicket, unique } from '../helpers/fixtures';
import { createSlaRecomputeQueue } from '../../src/plugins/scrm-tickets/server/src/queues/sla-recompute-queue';
import { strapi } from '../helpers/strapi';

const POLICY_UID = 'plugin::scrm-tickets.sla-policy';
const label = (zh: string) => ({ 'zh-Hans': zh });
const LUNCH = { calendar: 'cn', hours: [{ start: '09:00', end: '12:00' }, { start: '13:30', end: '18:00' }] };
const FIELDS = [{ key: 'summary', label: label('概述'), type: 'text' }];
const policies = () => strapi().documents(POLICY_UID as any);
const read = (id: string) => strapi().documents('plugin::scrm-tickets.ticket' as any).findOne({ documentId: id } as any) as Promise<any>;
const iso = (v: unknown) => new Date(v as string).toISOString();
const put = async (id: string, data: Record<string, unknown>) =>
  http().put(`/api/scrm-tickets/tickets/${id}`).set(bearer(await apiToken())).send({ data });
const move = async (id: string, to: string, version: number) =>
  http().post(`/api/scrm-tickets/tickets/${id}/transitions`).set(bearer(await apiToken())).send({ to, version });
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('SLA due times', () => {
  let template: any;
  const onTemplate = (t = template) => ({ fact: 'template', operator: 'equal', value: t.key });

  beforeAll(async () => {
    template = await createTemplate({ fieldDefinitions: FIELDS });
    // The seeds' defaults: VIP customers 30 minutes to first response, everyone else 2 hours.
    await policies().create({
      data: {
        key: `vip_${template.key}`, name: 'VIP', position: 1, schedule: LUNCH, firstResponseMinutes: 30, resolutionMinutes: 480,
        conditions: { all: [onTemplate(), { fact: 'customerVipLevel', operator: 'greaterThanInclusive', value: 3 }] },
      } as any,
    });
    await policies().create({
      data: { key: `std_${template.key}`, name: '标准', position: 2, schedule: LUNCH, firstResponseMinutes: 120, resolutionMinutes: 960, conditions: { all: [onTemplate()] } } as any,
    });
  });

  it('counts business hours from reportedAt across a weekend, VIP first', async () => {
    const vip: any = await strapi().documents('api::customer.customer' as any).create({ data: { name: '金卡', vipLevel: 5 } as any });
    const friday = '2026-11-20T17:00:00+08:00';
    const normal = (await postTicket({ templateKey: template.key, title: '普通', fields: {}, reportedAt: friday })).body.data;
    expect(normal.slaPolicyKey).toBe(`std_${template.key}`);
    expect(iso(normal.firstResponseDueAt)).toBe('2026-11-23T02:00:00.000Z'); // Monday 10:00 Shanghai
    expect(iso(normal.resolutionDueAt)).toBe('2026-11-24T10:00:00.000Z'); // 16 business hours: Tuesday 18:00
    const priority = (await postTicket({ templateKey: template.key, title: 'VIP', fields: {}, reportedAt: friday, customer: vip.documentId })).body.data;
    expect(priority.slaPolicyKey).toBe(`vip_${template.key}`);
    expect(iso(priority.firstResponseDueAt)).toBe('2026-11-20T09:30:00.000Z'); // Friday 17:30
    const stored = await read(normal.documentId);
    expect(iso(stored.firstResponseDueAt)).toBe('2026-11-23T02:00:00.000Z');
  });

  it('skips the National Day holiday', async () => {
    const t = (await postTicket({ templateKey: template.key, title: '节前', fields: {}, reportedAt: '2026-09-30T17:00:00+08:00' })).body.data;
    expect(iso(t.firstResponseDueAt)).toBe('2026-10-08T02:00:00.000Z'); // Thursday 10-08 10:00
  });

  it('stops the clock while waiting for the customer and moves the due time by the pause', async () => {
    const always = await createTemplate({ fieldDefinitions: FIELDS });
    await policies().create({
      data: { key: `always_${always.key}`, name: '24x7', schedule: { hours: 'always' }, resolutionMinutes: 240, conditions: { all: [onTemplate(always)] } } as any,
    });
    const t = (await postTicket({ templateKey: always.key, title: '暂停', fields: {} })).body.data;
    const due = new Date(t.resolutionDueAt).getTime();
    expect(due - new Date(t.reportedAt).getTime()).toBe(240 * 60_000);

    expect((await move(t.documentId, 'in_progress', 1)).status).toBe(200);
    const paused = await move(t.documentId, 'pending_customer', 2);
    expect(paused.body.data).toMatchObject({ resolutionDueAt: null });
    expect(paused.body.data.slaPausedAt).not.toBeNull();
    await pause(60);
    const resumed = await move(t.documentId, 'in_progress', 3);
    expect(resumed.body.data.slaPausedAt).toBeNull();

    const changes = (await eventsOf(t.documentId)).filter((e) => e.type === 'state_changed');
    const pausedFor = new Date(changes[2].occurredAt).getTime() - new Date(changes[1].occurredAt).getTime();
    expect(pausedFor).toBeGreaterThan(0);
    expect(new Date(resumed.body.data.resolutionDueAt).getTime()).toBe(due + pausedFor);
  });

  it('stamps the first response on a public reply, starts the next-reply clock on a customer message, and judges the SLA on resolution', async () => {
    await grantCustomerRole();
    const login = await createCustomerLogin('李先生');
    const late = (await postTicket({ templateKey: template.key, title: '逾期', fields: {}, reportedAt: '2026-11-02T09:00:00+08:00', customer: login.customerId })).body.data;
    expect(late.firstRespondedAt).toBeNull();
    const comment = (body: string, token: string, visibility = 'public') =>
      http().post(`/api/scrm-tickets/tickets/${late.documentId}/comments`).set(bearer(token)).send({ data: { body, visibility } });

    expect((await comment('内部备注', await apiToken(), 'internal')).status).toBe(201);
    expect((await read(late.documentId)).firstRespondedAt).toBeNull();
    expect((await comment('您好，已收到', await apiToken())).status).toBe(201);
    const answered = await read(late.documentId);
    expect(answered.firstRespondedAt).not.toBeNull();

    // A policy with a next-reply target: the customer's message starts it, a staff reply clears it.
    await policies().update({
      documentId: (await policies().findFirst({ filters: { key: `std_${template.key}` } } as any))!.documentId,
      data: { nextReplyMinutes: 60 },
    } as any);
    expect((await comment('什么时候上门？', login.jwt)).status).toBe(201);
    expect((await read(late.documentId)).nextReplyDueAt).not.toBeNull();
    expect((await comment('明天上午', await apiToken())).status).toBe(201);
    expect((await read(late.documentId)).nextReplyDueAt).toBeNull();

    await move(late.documentId, 'in_progress', 1);
    const resolved = await move(late.documentId, 'resolved', 2);
    expect(resolved.body.data.slaMet).toBe(false);
  });

  it('follows a priority change to another policy, and a template may have none or pin one', async () => {
    const urgent = await policies().create({
      data: {
        key: `urgent_${template.key}`, name: '加急', position: 0, schedule: { hours: 'always' }, firstResponseMinutes: 15,
        conditions: { all: [onTemplate(), { fact: 'priority', operator: 'equal', value: 'urgent' }] },
      } as any,
    });
    const t = (await postTicket({ templateKey: template.key, title: '升级', fields: {} })).body.data;
    expect(t.slaPolicyKey).toBe(`std_${template.key}`);
    const raised = await put(t.documentId, { version: 1, priority: 'urgent' });
    expect(raised.body.data.slaPolicyKey).toBe((urgent as any).key);
    expect(new Date(raised.body.data.firstResponseDueAt).getTime() - new Date(t.reportedAt).getTime()).toBe(15 * 60_000);

    const none = await createTemplate({ fieldDefinitions: FIELDS, slaPolicy: { none: true } });
    const free = (await postTicket({ templateKey: none.key, title: '无时效', fields: {} })).body.data;
    expect(free).toMatchObject({ slaPolicyKey: null, firstResponseDueAt: null, resolutionDueAt: null });
    const pinned = await createTemplate({ fieldDefinitions: FIELDS, slaPolicy: { key: `vip_${template.key}` } });
    expect((await postTicket({ templateKey: pinned.key, title: '指定', fields: {} })).body.data.slaPolicyKey).toBe(`vip_${template.key}`);
  });

  it('recomputes tickets not yet closed when their policy changes, after the change commits', async () => {
    const always = await createTemplate({ fieldDefinitions: FIELDS });
    const policy: any = await policies().create({
      data: { key: `re_${always.key}`, name: '重算', schedule: { hours: 'always' }, resolutionMinutes: 60, conditions: { all: [onTemplate(always)] } } as any,
    });
    const open = (await postTicket({ templateKey: always.key, title: '未结', fields: {} })).body.data;
    const closed = (await postTicket({ templateKey: always.key, title: '已结', fields: {} })).body.data;
    for (const [to, version] of [['in_progress', 1], ['resolved', 2], ['closed', 3]] as const) await move(closed.documentId, to, version);
    const dueOf = async (t: any) => new Date((await read(t.documentId)).resolutionDueAt).getTime() - new Date(t.reportedAt).getTime();

    const sla = strapi().plugin('scrm-tickets').service('sla');
    sla.autoRecompute = true;
    try {
      await policies().update({ documentId: policy.documentId, data: { resolutionMinutes: 120 } } as any);
      for (let waited = 0; (await dueOf(open)) !== 120 * 60_000 && waited < 15_000; waited += 100) await pause(100);
      await sla.whenIdle();
    } finally {
      sla.autoRecompute = false;
    }
    expect(await dueOf(open)).toBe(120 * 60_000);
    expect(await dueOf(closed)).toBe(60 * 60_000);
  });

  it('with Redis, runs the recomputation as a queued job', async () => {
    const always = await createTemplate({ fieldDefinitions: FIELDS });
    const policy: any = await policies().create({
      data: { key: `rq_${always.key}`, name: '排队重算', schedule: { hours: 'always' }, resolutionMinutes: 30, conditions: { all: [onTemplate(always)] } } as any,
    });
    const open = (await postTicket({ templateKey: always.key, title: '未结', fields: {} })).body.data;
    const dueOf = async (t: any) => new Date((await read(t.documentId)).resolutionDueAt).getTime() - new Date(t.reportedAt).getTime();
    const sla = strapi().plugin('scrm-tickets').service('sla');
    const queue = createSlaRecomputeQueue(strapi(), 'redis://127.0.0.1:6379', () => sla.recomputeOpen(), { name: unique('scrm-recompute-test') });
    let worked = 0;
    queue.queue.on('completed', () => (worked += 1));
    queue.work();
    sla.useRecomputeQueue(queue);
    sla.autoRecompute = true;
    try {
      await policies().update({ documentId: policy.documentId, data: { resolutionMinutes: 45 } } as any);
      for (let waited = 0; (await dueOf(open)) !== 45 * 60_000 && waited < 15_000; waited += 100) await pause(100);
      for (let waited = 0; worked === 0 && waited < 5000; waited += 100) await pause(100);
      await sla.whenIdle();
    } finally {
      sla.autoRecompute = false;
      sla.useRecomputeQueue(null);
      await queue.queue.obliterate({ force: true }).catch(() => undefined);
      await queue.close();
    }
    expect(await dueOf(open)).toBe(45 * 60_000);
    expect(worked).toBe(1);
  });

  it('refuses invalid policies and template pins with paths, and ignores clients writing the clocks', async () => {
    const bad = policies().create({
      data: { key: 'bad_policy', name: '坏', resolutionMinutes: 60, schedule: { hours: [{ start: '13:00', end: '12:00' }], calendar: 'moon' }, pauseStates: 'pending' } as any,
    });
    await expect(bad).rejects.toMatchObject({
      details: { errors: [{ path: ['schedule', 'calendar'] }, { path: ['schedule', 'hours', '0', 'end'] }, { path: ['pauseStates'] }] },
    });
    await expect(createTemplate({ fieldDefinitions: FIELDS, slaPolicy: 'fast' })).rejects.toMatchObject({ details: { errors: [{ path: ['slaPolicy'] }] } });
    // The targets are the editors' custom field (hours and minutes in the admin), still integers of at least a minute.
    const zero = policies().create({ data: { key: 'zero_policy', name: '零', resolutionMinutes: 0, schedule: { hours: 'always' } } as any });
    await expect(zero).rejects.toMatchObject({ details: { errors: [{ path: ['resolutionMinutes'] }] } });
    const fraction = policies().create({ data: { key: 'fraction_policy', name: '半', resolutionMinutes: 1.5, schedule: { hours: 'always' } } as any });
    await expect(fraction).rejects.toMatchObject({ details: { errors: [{ path: ['resolutionMinutes'] }] } });
    const t = (await postTicket({ templateKey: template.key, title: '伪造', fields: {}, resolutionDueAt: '2030-01-01T00:00:00Z', slaMet: true })).body.data;
    expect(new Date(t.resolutionDueAt).getFullYear()).toBeLessThan(2030);
    expect(t.slaMet).toBeNull();
  });
});
