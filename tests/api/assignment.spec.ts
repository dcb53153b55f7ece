import { adminWithRole, apiToken, bearer, createTemplate, eventsOf, http, postTicket, unique } from '../helpers/fixtures';
import { strapi } from '../helpers/strapi';

const TEAM_UID = 'plugin::scrm-tickets.team';
const AGENT_UID = 'plugin::scrm-tickets.agent-profile';
const label = (zh: string) => ({ 'zh-Hans': zh });
const FIELDS = [
  { key: 'summary', label: label('概述'), type: 'text' },
  { key: 'site', label: label('上门地点'), type: 'location' },
];

async function team(strategy: string, extra: Record<string, unknown> = {}) {
  const key = unique('team').toLowerCase();
  await strapi().documents(TEAM_UID as any).create({ data: { key, name: key, strategy, ...extra } as any });
  return key;
}

async function agent(teamKey: string, extra: Record<string, unknown> = {}) {
  const staff = await adminWithRole('工程师');
  const profile: any = await strapi()
    .documents(AGENT_UID as any)
    .create({ data: { name: `师傅${staff.id}`, team: teamKey, user: staff.id, capacity: 5, ...extra } as any });
  return { userId: staff.id, profileId: profile.documentId as string };
}

const assigneeOf = async (documentId: string) => {
  const t: any = await strapi().documents('plugin::scrm-tickets.ticket' as any).findOne({ documentId, populate: { assignee: true } } as any);
  return t.assignee?.id ?? null;
};
const loadOf = async (profileId: string) => ((await strapi().documents(AGENT_UID as any).findOne({ documentId: profileId } as any)) as any).openCount;

describe('assignment', () => {
  let template: any;
  const post = async (data: Record<string, unknown>) => {
    const res = await postTicket({ templateKey: template.key, title: '报修', fields: { summary: 'x' }, ...data });
    expect(res.status).toBe(201);
    return res.body.data;
  };
  beforeAll(async () => {
    template = await createTemplate({ fieldDefinitions: FIELDS });
  });

  it('deals tickets round robin and records each assignment', async () => {
    const key = await team('round_robin');
    const agents = [await agent(key), await agent(key), await agent(key)];
    const got = [];
    for (let i = 0; i < 4; i += 1) got.push(await assigneeOf((await post({ team: key })).documentId));
    expect(got).toEqual([agents[0].userId, agents[1].userId, agents[2].userId, agents[0].userId]);
    const ticket = await post({ team: key });
    const events = await eventsOf(ticket.documentId);
    expect(events.map((e) => e.type)).toEqual(['created', 'assignment']);
    expect(events[1].changes).toMatchObject({ assignee: { before: null, after: agents[1].userId }, strategy: 'round_robin', team: key });
  });

  it('never exceeds capacity under 20 concurrent creates, and queues the rest for the team lead', async () => {
    const key = await team('least_loaded');
    const a = await agent(key, { capacity: 3 });
    const b = await agent(key, { capacity: 3 });
    const token = await apiToken();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        http()
          .post('/api/scrm-tickets/tickets')
          .set(bearer(token))
          .send({ data: { templateKey: template.key, title: `并发 ${i}`, fields: { summary: 'x' }, team: key } })
      )
    );
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
    const assignees = await Promise.all(results.map((r) => assigneeOf(r.body.data.documentId)));
    expect(assignees.filter((x) => x === a.userId)).toHaveLength(3);
    expect(assignees.filter((x) => x === b.userId)).toHaveLength(3);
    expect(assignees.filter((x) => x === null)).toHaveLength(14);
    expect([await loadOf(a.profileId), await loadOf(b.profileId)]).toEqual([3, 3]);
    const queued = results[assignees.indexOf(null)].body.data.documentId;
    const note = (await eventsOf(queued)).find((e) => e.type === 'notification');
    expect(note.changes).toEqual({ requested: { to: 'team_lead', team: key, reason: 'no_eligible_agent' } });
  });

  it('frees a slot when the ticket is resolved, takes it again on a reopen, and moves it on reassignment', async () => {
    const key = await team('least_loaded');
    const a = await agent(key);
    const b = await agent(key, { onDuty: false });
    const ticket = await post({ team: key });
    expect(await assigneeOf(ticket.documentId)).toBe(a.userId);
    expect(await loadOf(a.profileId)).toBe(1);
    const move = async (to: string, version: number) =>
      http().post(`/api/scrm-tickets/tickets/${ticket.documentId}/transitions`).set(bearer(await apiToken())).send({ to, version });
    await move('in_progress', 1);
    await move('resolved', 2);
    expect(await loadOf(a.profileId)).toBe(0);
    await move('in_progress', 3);
    expect(await loadOf(a.profileId)).toBe(1);
    const reassign = await http()
      .put(`/api/scrm-tickets/tickets/${ticket.documentId}`)
      .set(bearer(await apiToken()))
      .send({ data: { version: 4, assignee: b.userId } });
    expect(reassign.status).toBe(200);
    expect([await loadOf(a.profileId), await loadOf(b.profileId)]).toEqual([0, 1]);
  });

  it('sends the nearest on-duty engineer (就近派单)', async () => {
    const key = await team('nearest');
    await agent(key, { location: { lat: 31.2397, lng: 121.4998 } }); // 陆家嘴
    const near = await agent(key, { location: { lat: 31.195, lng: 121.445 } }); // 徐汇
    await agent(key, { location: { lat: 31.1951, lng: 121.4451 }, onDuty: false });
    const ticket = await post({ team: key, fields: { summary: 'x', site: { lat: 31.188, lng: 121.437 } } });
    expect(await assigneeOf(ticket.documentId)).toBe(near.userId);
  });

  it('assigns by a rule\'s strategy on a team that does not assign by itself', async () => {
    const key = await team('least_loaded', { autoAssign: false });
    await agent(key);
    const senior = await agent(key, { senior: true, openCount: 2 });
    const vip: any = await strapi().documents('api::customer.customer' as any).create({ data: { name: '钻石会员', vipLevel: 7 } as any });
    expect(await assigneeOf((await post({ team: key })).documentId)).toBeNull();
    await strapi()
      .documents('plugin::scrm-tickets.routing-rule' as any)
      .create({
        data: {
          name: `VIP 资深 ${key}`,
          conditions: { all: [{ fact: 'template', operator: 'equal', value: template.key }, { fact: 'customerVipLevel', operator: 'greaterThanInclusive', value: 3 }] },
          actions: [{ type: 'setTeam', team: key }, { type: 'assign', strategy: 'vip_senior' }],
        } as any,
      });
    expect(await assigneeOf((await post({ customer: vip.documentId })).documentId)).toBe(senior.userId);
  });
});
