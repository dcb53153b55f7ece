import { adminWithRole, apiToken, bearer, createTemplate, eventsOf, http, postTicket, unique } from '../helpers/fixtures';
import { strapi } from '../helpers/strapi';

const RULE_UID = 'plugin::scrm-tickets.routing-rule';
const label = (zh: string) => ({ 'zh-Hans': zh });
const rules = () => strapi().documents(RULE_UID as any);
const read = (id: string) =>
  strapi().documents('plugin::scrm-tickets.ticket' as any).findOne({ documentId: id, populate: { assignee: true } } as any) as Promise<any>;

describe('routing rules', () => {
  let template: any;
  const onTemplate = () => ({ fact: 'template', operator: 'equal', value: template.key });
  const post = async (data: Record<string, unknown>) => {
    const res = await postTicket({ templateKey: template.key, fields: { summary: 'x' }, ...data });
    expect(res.status).toBe(201);
    return res.body.data;
  };

  beforeAll(async () => {
    // Every rule here tests this template's key, so tickets of other specs are never routed.
    template = await createTemplate({ fieldDefinitions: [{ key: 'summary', label: label('概述'), type: 'text' }] });
  });

  it('raises the priority of a complaint, tags it and asks for the team lead, on the timeline', async () => {
    await rules().create({
      data: {
        name: '投诉关键词',
        position: 10,
        conditions: { all: [onTemplate(), { fact: 'text', operator: 'containsAnyText', value: ['投诉', '退货'] }] },
        actions: [{ type: 'setPriority', priority: 'high' }, { type: 'addTags', tags: ['complaint'] }, { type: 'notify', to: 'team_lead' }],
      } as any,
    });
    const complaint = await post({ title: '我要投诉你们的安装师傅' });
    expect(complaint).toMatchObject({ priority: 'high', tags: ['complaint'] });
    const stored = await read(complaint.documentId);
    expect(stored).toMatchObject({ priority: 'high', tags: ['complaint'] });
    const events = await eventsOf(complaint.documentId);
    expect(events.map((e) => e.type)).toEqual(['created', 'rule_applied', 'notification']);
    expect(events[1]).toMatchObject({ visibility: 'internal', actor: { kind: 'system', name: 'rules' } });
    expect(events[1].changes.rules).toEqual([
      {
        rule: '投诉关键词',
        id: expect.any(Number),
        changes: { priority: { before: 'normal', after: 'high' }, tags: { before: [], after: ['complaint'] } },
      },
    ]);
    expect(events[2].changes).toEqual({ requested: { to: 'team_lead' }, rule: '投诉关键词' });

    const plain = await post({ title: '预约安装' });
    expect(plain.priority).toBe('normal');
    expect((await eventsOf(plain.documentId)).map((e) => e.type)).toEqual(['created']);
  });

  it('applies rules in order, stops after a stopping rule, and sees a disabled rule at once', async () => {
    const vipTeam: any = await rules().create({
      data: {
        name: 'VIP 专席',
        position: 20,
        stopAfterMatch: true,
        conditions: { all: [onTemplate(), { fact: 'customerVipLevel', operator: 'greaterThanInclusive', value: 3 }] },
        actions: [{ type: 'setTeam', team: 'vip' }, { type: 'escalate' }],
      } as any,
    });
    await rules().create({
      data: { name: '默认组', position: 30, conditions: { all: [onTemplate()] }, actions: [{ type: 'setTeam', team: 'general' }] } as any,
    });
    const vip: any = await strapi().documents('api::customer.customer' as any).create({ data: { name: '金卡客户', vipLevel: 5 } as any });
    const routed = await post({ title: '咨询', customer: vip.documentId });
    expect(routed).toMatchObject({ team: 'vip', priority: 'high' });
    const ordinary = await post({ title: '咨询' });
    expect(ordinary).toMatchObject({ team: 'general', priority: 'normal' });

    await rules().update({ documentId: vipTeam.documentId, data: { enabled: false } } as any);
    expect(await post({ title: '咨询', customer: vip.documentId })).toMatchObject({ team: 'general', priority: 'normal' });
  });

  it('assigns an agent and matches a region subtree', async () => {
    const east: any = await strapi().documents('plugin::scrm-tickets.region' as any).create({ data: { code: unique('EAST'), name: '华东', level: 'area' } as any });
    const store: any = await strapi()
      .documents('plugin::scrm-tickets.region' as any)
      .create({ data: { code: unique('SH-XH'), name: '徐汇店', level: 'store', parent: east.documentId } as any });
    const engineer = await adminWithRole('工程师');
    await rules().create({
      data: {
        name: '华东派单',
        position: 5,
        conditions: { all: [onTemplate(), { fact: 'regionCodes', operator: 'contains', value: east.code }] },
        actions: [{ type: 'assign', agent: engineer.id }],
      } as any,
    });
    const ticket = await post({ title: '上门维修', region: store.documentId });
    expect((await read(ticket.documentId)).assignee.id).toBe(engineer.id);
  });

  it('makes resolving a ticket need approval when a rule requires it (a refund), and only then', async () => {
    const key = unique('refund').toLowerCase();
    await strapi()
      .documents('plugin::scrm-tickets.approval-policy' as any)
      .create({ data: { key, name: '退款审批', levels: [{ key: 'store', label: label('店长审批'), roles: ['店长'] }] } as any });
    const own = await createTemplate({
      fieldDefinitions: [{ key: 'summary', label: label('概述'), type: 'text' }],
      workflow: {
        initial: 'open',
        final: ['done'],
        states: [{ key: 'open', label: label('待处理') }, { key: 'fixed', label: label('已处理'), resolves: true }, { key: 'done', label: label('完成') }],
        transitions: [{ from: 'open', to: 'fixed' }, { from: 'fixed', to: 'done' }],
      },
    });
    await rules().create({
      data: {
        name: '退款需审批',
        conditions: { all: [{ fact: 'template', operator: 'equal', value: own.key }, { fact: 'text', operator: 'containsAnyText', value: ['退款'] }] },
        actions: [{ type: 'requireApproval', policy: key }],
      } as any,
    });
    const move = async (id: string) =>
      http().post(`/api/scrm-tickets/tickets/${id}/transitions`).set(bearer(await apiToken())).send({ to: 'fixed', version: 1 });

    const refund = (await postTicket({ templateKey: own.key, title: '申请退款', fields: { summary: 'x' } })).body.data;
    const parked = await move(refund.documentId);
    expect(parked.status).toBe(200);
    expect(parked.body.data).toMatchObject({ state: 'awaiting_approval', approvalState: 'pending', approval: { policy: key, to: 'fixed' } });

    const plain = (await postTicket({ templateKey: own.key, title: '换个零件', fields: { summary: 'x' } })).body.data;
    expect((await move(plain.documentId)).body.data).toMatchObject({ state: 'fixed' });

    const unknown = rules().create({ data: { name: '坏', conditions: { all: [onTemplate()] }, actions: [{ type: 'requireApproval', policy: 'no_such_policy' }] } as any });
    await expect(unknown).rejects.toMatchObject({ details: { errors: [{ path: ['actions', '0', 'policy'], message: 'names no approval policy' }] } });
  });

  it('refuses a rule with a bad condition or action with the path of each error, and saves nothing', async () => {
    const before = await rules().count({} as any);
    const save = rules().create({
      data: {
        name: '坏规则',
        conditions: { all: [onTemplate(), { fact: 'weather', operator: 'equal', value: 'rain' }] },
        actions: [{ type: 'setPriority', priority: 'panic' }, { type: 'assign', agent: 999999 }],
      } as any,
    });
    await expect(save).rejects.toMatchObject({
      name: 'ValidationError',
      details: {
        errors: [
          { path: ['conditions', 'all', '1', 'fact'] },
          { path: ['actions', '0', 'priority'] },
        ],
      },
    });
    const missingAgent = rules().create({ data: { name: '坏', conditions: { all: [onTemplate()] }, actions: [{ type: 'assign', agent: 999999 }] } as any });
    await expect(missingAgent).rejects.toMatchObject({ details: { errors: [{ path: ['actions', '0', 'agent'], message: 'names no admin user' }] } });
    expect(await rules().count({} as any)).toBe(before);
  });
});
