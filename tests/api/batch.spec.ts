import { adminWithRole, apiToken, bearer, createCustomerLogin, createTemplate, eventsOf, http, oneMinuteSla, postTicket, TICKET_UID, unique } from '../helpers/fixtures';
import { strapi } from '../helpers/strapi';
import { startSmtpFake } from '../helpers/fakes/smtp';

const RULE_UID = 'plugin::scrm-tickets.routing-rule';
const NOTIFY_CONFIG = 'plugin::scrm-tickets.notifications';
const TIMERS = 'scrm_sla_timers';
const label = (zh: string) => ({ 'zh-Hans': zh });

const postBatch = async (data: unknown, headers: Record<string, string> = {}) =>
  http()
    .post('/api/scrm-tickets/tickets/batch')
    .set(bearer(await apiToken()))
    .set(headers)
    .send({ data });
const tickets = () => strapi().documents(TICKET_UID as any);
const countWhere = (filters: Record<string, unknown>) => tickets().count({ filters } as any);
const timersOf = (ticketId: number) => strapi().db.connection(TIMERS).where({ ticket_id: ticketId }).orderBy('level').select('level', 'due_at');
const stored = (documentId: string) => tickets().findOne({ documentId, populate: { customer: true, template: true, region: true } } as any) as Promise<any>;

describe('batch intake (POST /tickets/batch)', () => {
  let template: any;
  beforeAll(async () => {
    template = await createTemplate({
      fieldDefinitions: [
        { key: 'summary', label: label('概述'), type: 'text', required: true },
        { key: 'units', label: label('台数'), type: 'number', min: 1 },
      ],
    });
  });
  const item = (title: string, extra: Record<string, unknown> = {}) => ({ templateKey: template.key, title, fields: { summary: '不制冷' }, ...extra });

  it('creates the valid items, reports each invalid one with its path, and writes nothing for those', async () => {
    const tag = unique('b');
    const res = await postBatch([
      item(`${tag} 一`),
      item(`${tag} 二`, { fields: { units: 0 } }),
      item('x'.repeat(201)),
      'not an object',
      item(`${tag} 三`, { priority: 'sometimes' }),
      item(`${tag} 四`, { customer: 'no-such-customer' }),
      item(`${tag} 五`, { unknownAttribute: 1 }),
      item(`${tag} 六`),
    ]);
    expect(res.status).toBe(200);
    expect(res.body.meta).toEqual({ total: 8, created: 2, existing: 0, invalid: 6 });
    const results = res.body.data;
    expect(results.map((r: any) => [r.index, r.status])).toEqual([
      [0, 'created'],
      [1, 'invalid'],
      [2, 'invalid'],
      [3, 'invalid'],
      [4, 'invalid'],
      [5, 'invalid'],
      [6, 'invalid'],
      [7, 'created'],
    ]);
    const paths = (r: any) => r.error.details.errors?.map((e: any) => e.path.join('.'));
    expect(paths(results[1])).toEqual(expect.arrayContaining(['fields.summary', 'fields.units']));
    expect(results[1].error).toMatchObject({ status: 400, name: 'ValidationError' });
    expect(paths(results[2])).toEqual(['title']);
    expect(results[3].error.status).toBe(400);
    expect(paths(results[4])).toEqual(['priority']);
    expect(paths(results[5])).toEqual(['customer']);
    expect(results[6].error.status).toBe(400);
    expect(results[6].error.message).toMatch(/unknownAttribute/);

    const [one, six] = [results[0].ticket, results[7].ticket];
    expect(one).toMatchObject({ state: 'new', priority: 'normal', number: expect.stringMatching(/-\d{6}$/) });
    // One block of numbers: consecutive within the batch.
    expect(Number(six.number.slice(-6)) - Number(one.number.slice(-6))).toBe(1);
    expect(await countWhere({ title: { $startsWith: tag } })).toBe(2);
    const saved = await stored(one.documentId);
    expect(saved).toMatchObject({ title: `${tag} 一`, fields: { summary: '不制冷' }, version: 1, template: { key: template.key } });
    const events = await eventsOf(one.documentId);
    expect(events.map((e) => e.type)).toEqual(['created']);
    expect(events[0].changes).toMatchObject({ title: { before: null, after: `${tag} 一` }, state: { after: 'new' }, 'fields.summary': { after: '不制冷' } });
    expect(events[0].actor).toMatchObject({ kind: 'api-token' });
  });

  it('answers a repeated batch with the tickets the first made, and one key twice in a batch makes one ticket', async () => {
    const tag = unique('idem');
    const batch = [item(`${tag} a`, { idempotencyKey: `${tag}-a` }), item(`${tag} b`, { idempotencyKey: `${tag}-b` }), item(`${tag} a again`, { idempotencyKey: `${tag}-a` })];
    const first = await postBatch(batch);
    expect(first.body.data.map((r: any) => r.status)).toEqual(['created', 'created', 'existing']);
    expect(first.body.data[2].ticket.documentId).toBe(first.body.data[0].ticket.documentId);
    const again = await postBatch(batch);
    expect(again.body.meta).toMatchObject({ created: 0, existing: 3 });
    expect(again.body.data.map((r: any) => r.ticket.documentId)).toEqual(first.body.data.map((r: any) => r.ticket.documentId));
    expect(await countWhere({ title: { $startsWith: tag } })).toBe(2);
    // The single create knows the batch's keys, and the other way round.
    const single = await postTicket(item(`${tag} single`), { 'Idempotency-Key': `${tag}-b` });
    expect(single.body.data.documentId).toBe(first.body.data[1].ticket.documentId);
  });

  it('numbers a batch and single creates racing it without a duplicate or a gap in the batch', async () => {
    const tag = unique('race');
    const batch = Array.from({ length: 300 }, (_, i) => item(`${tag} ${i}`));
    const [res, ...singles] = await Promise.all([postBatch(batch), ...Array.from({ length: 8 }, (_, i) => postTicket(item(`${tag} single ${i}`)))]);
    expect(res.body.meta.created).toBe(300);
    const numbers = [...res.body.data.map((r: any) => r.ticket.number), ...singles.map((s) => s.body.data.number)];
    expect(new Set(numbers).size).toBe(308);
    const counters = res.body.data.map((r: any) => Number(r.ticket.number.slice(-6)));
    expect(counters[299] - counters[0]).toBe(299);
    const rows = await strapi().db.connection('scrm_tickets').where('title', 'like', `${tag}%`).count({ n: '*' });
    expect(Number(rows[0].n)).toBe(308);
  });

  it('routes, links, clocks and times a batch ticket exactly as the single create does the same input', async () => {
    const tag = unique('same');
    // A template of its own: a policy on the shared one would give the race test's 300 tickets
    // timers whenever another spec recomputes the open tickets.
    const template = await createTemplate({ fieldDefinitions: [{ key: 'summary', label: label('概述'), type: 'text', required: true }] });
    const item = (title: string, extra: Record<string, unknown> = {}) => ({ templateKey: template.key, title, fields: { summary: '不制冷' }, ...extra });
    const { customerId } = await createCustomerLogin(`批量客户 ${tag}`);
    await strapi()
      .documents('api::customer.customer' as any)
      .update({ documentId: customerId, data: { vipLevel: 5, email: `${tag}@example.test`, notifyChannels: ['email'] } } as any);
    await strapi()
      .documents(RULE_UID as any)
      .create({
        data: {
          name: `VIP 批量 ${tag}`,
          position: 1,
          conditions: {
            all: [
              { fact: 'template', operator: 'equal', value: template.key },
              { fact: 'customerVipLevel', operator: 'greaterThanInclusive', value: 3 },
            ],
          },
          actions: [
            { type: 'setPriority', priority: 'high' },
            { type: 'addTags', tags: ['vip'] },
            { type: 'notify', to: 'team_lead' },
          ],
        } as any,
      });
    await oneMinuteSla(template, 'batch', `批量时效 ${tag}`);
    // Customers told by email (an SMTP fake): the batch must ask for the same messages.
    const smtp = await startSmtpFake();
    const saved = strapi().config.get(NOTIFY_CONFIG);
    strapi().config.set(NOTIFY_CONFIG, {
      ...(saved as object),
      quietHours: null,
      email: { providerOptions: { host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true }, settings: { defaultFrom: 'tickets@scrm.local' } },
    });
    try {
      const input = item(`${tag} 同一输入`, { customer: customerId, reportedAt: new Date(Date.now() - 10_000).toISOString() });
      const single = (await postTicket(input)).body.data;
      const batched = (await postBatch([input])).body.data[0].ticket;

      const [a, b] = [await stored(single.documentId), await stored(batched.documentId)];
      const same = ['state', 'priority', 'tags', 'team', 'slaPolicyKey', 'firstResponseDueAt', 'resolutionDueAt', 'reportedAt', 'fields', 'version', 'source'];
      for (const k of same) expect([k, b[k]]).toEqual([k, a[k]]);
      expect(b).toMatchObject({ priority: 'high', tags: ['vip'], customer: { documentId: customerId }, template: { key: template.key } });
      expect(b.firstResponseDueAt).toBeTruthy();
      const shape = (events: any[]) => events.map((e) => [e.type, e.visibility, e.actor.kind, e.actor.name === 'rules' ? 'rules' : '-']);
      const [ea, eb] = [await eventsOf(single.documentId), await eventsOf(batched.documentId)];
      expect(shape(eb)).toEqual(shape(ea));
      expect(eb[1].changes.rules[0].changes).toEqual(ea[1].changes.rules[0].changes);
      // The same messages asked for (the suite's channels are its fakes): none lost, none doubled.
      const notes = async (documentId: string) =>
        (
          await strapi()
            .db.connection('scrm_notifications')
            .where({ ticket_id: (await stored(documentId)).id })
            .select('text_key', 'audience')
        )
          .map((n: any) => `${n.text_key}:${n.audience}`)
          .sort();
      expect(await notes(batched.documentId)).toEqual(await notes(single.documentId));
      expect(await notes(batched.documentId)).toContain('created:customer');
      const timers = async (documentId: string) => (await timersOf((await stored(documentId)).id)).map((t: any) => t.level);
      expect(await timers(batched.documentId)).toEqual(await timers(single.documentId));
      expect((await timers(batched.documentId)).length).toBeGreaterThan(0);
    } finally {
      strapi().config.set(NOTIFY_CONFIG, saved);
      await smtp.close();
    }
  });

  it('assigns a team’s tickets as one by one: least loaded first, capacity kept, the rest queued with the lead asked for', async () => {
    const tag = unique('assign');
    const teamKey = tag.toLowerCase();
    await strapi()
      .documents('plugin::scrm-tickets.team' as any)
      .create({ data: { key: teamKey, name: teamKey, strategy: 'least_loaded' } as any });
    const agents = [];
    for (const name of ['甲', '乙']) {
      const staff = await adminWithRole('工程师');
      const profile = await strapi()
        .documents('plugin::scrm-tickets.agent-profile' as any)
        .create({ data: { name: `${name} ${tag}`, team: teamKey, user: staff.id, capacity: 2 } as any });
      agents.push({ staff, profile });
    }
    const res = await postBatch(Array.from({ length: 5 }, (_, i) => item(`${tag} ${i}`, { team: teamKey })));
    expect(res.body.meta).toMatchObject({ created: 5, invalid: 0 });
    const saved = await Promise.all(res.body.data.map((r: any) => tickets().findOne({ documentId: r.ticket.documentId, populate: { assignee: { fields: ['id'] } } } as any)));
    const assignees = saved.map((t: any) => t.assignee?.id ?? null);
    // Four slots in all: each agent takes two, the fifth ticket waits in the team's queue.
    expect(assignees.filter((id) => id === agents[0].staff.id)).toHaveLength(2);
    expect(assignees.filter((id) => id === agents[1].staff.id)).toHaveLength(2);
    expect(assignees.filter((id) => id === null)).toHaveLength(1);
    for (const { profile } of agents) {
      expect(
        await strapi()
          .db.query('plugin::scrm-tickets.agent-profile' as any)
          .findOne({ where: { id: profile.id } }),
      ).toMatchObject({ openCount: 2 });
    }
    for (const [i, t] of saved.entries()) {
      const types = (await eventsOf(t.documentId)).map((e) => e.type);
      expect([i, types]).toEqual([i, assignees[i] === null ? ['created', 'notification'] : ['created', 'assignment']]);
    }
    const queued = saved[assignees.indexOf(null)];
    expect((await eventsOf(queued.documentId))[1].changes).toEqual({ requested: { to: 'team_lead', team: teamKey, reason: 'no_eligible_agent' } });
  });

  it('refuses a batch that is not 1-1,000 tickets, writing nothing', async () => {
    const tag = unique('env');
    for (const data of [[], 'x', { title: tag }, Array.from({ length: 1001 }, () => item(tag))]) {
      const res = await postBatch(data);
      expect(res.status).toBe(400);
      expect(res.body.error.details.errors[0].path).toEqual(['data']);
    }
    expect(await countWhere({ title: tag })).toBe(0);
  });

  it('is not open to customers', async () => {
    const { jwt } = await createCustomerLogin(`批量拒绝 ${unique('c')}`);
    const res = await http()
      .post('/api/scrm-tickets/tickets/batch')
      .set(bearer(jwt))
      .send({ data: [item('客户批量')] });
    expect(res.status).toBe(403);
    expect(await countWhere({ title: '客户批量' })).toBe(0);
  });
});
