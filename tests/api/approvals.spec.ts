import { adminWithRole, apiToken, bearer, createTemplate, eventsOf, http, postTicket, unique } from '../helpers/fixtures';
import { strapi } from '../helpers/strapi';

const label = (zh: string) => ({ 'zh-Hans': zh });
const YUAN = 100;
const overFiveThousand = { fact: 'compensationFen', operator: 'greaterThan', value: 5000 * YUAN };
/** The seeds' example: the store manager for ordinary claims, the regional manager across regions, both above ¥5,000. */
const COMPENSATION_LEVELS = [
  { key: 'store', label: label('店长审批'), roles: ['店长'], when: { any: [{ fact: 'crossRegion', operator: 'equal', value: false }, overFiveThousand] } },
  { key: 'regional', label: label('区域经理审批'), roles: ['区域经理'], when: { any: [{ fact: 'crossRegion', operator: 'equal', value: true }, overFiveThousand] } },
];
const COMPENSATION_WORKFLOW = {
  initial: 'open',
  final: ['done'],
  states: [
    { key: 'open', label: label('待处理') },
    { key: 'compensated', label: label('已赔付'), resolves: true },
    { key: 'done', label: label('完成') },
  ],
  transitions: [
    { from: 'open', to: 'compensated', approval: 'compensation' },
    { from: 'compensated', to: 'done' },
  ],
};
const ACTIONS = ['plugin::scrm-tickets.ticket.read', 'plugin::scrm-tickets.ticket.transition', 'plugin::scrm-tickets.ticket.approve'];

const decide = (id: string, body: Record<string, unknown>, jwt: string) =>
  http().post(`/scrm-tickets/tickets/${id}/approvals`).set(bearer(jwt)).send(body);
const move = async (id: string, body: Record<string, unknown>) =>
  http().post(`/api/scrm-tickets/tickets/${id}/transitions`).set(bearer(await apiToken())).send(body);
const read = (id: string) => strapi().documents('plugin::scrm-tickets.ticket' as any).findOne({ documentId: id } as any) as Promise<any>;

describe('approvals', () => {
  let template: any;
  let shanghai: any;
  let beijing: any;
  let customer: any;
  let storeManager: { jwt: string };
  let regionalManager: { jwt: string };
  let agent: { jwt: string };

  beforeAll(async () => {
    const s = strapi();
    await s.documents('plugin::scrm-tickets.approval-policy' as any).create({
      data: { key: 'compensation', name: '赔付审批', levels: COMPENSATION_LEVELS } as any,
    });
    template = await createTemplate({ fieldDefinitions: [{ key: 'summary', label: label('概述'), type: 'text' }], workflow: COMPENSATION_WORKFLOW });
    shanghai = await s.documents('plugin::scrm-tickets.region' as any).create({ data: { code: unique('sh'), name: '上海' } as any });
    beijing = await s.documents('plugin::scrm-tickets.region' as any).create({ data: { code: unique('bj'), name: '北京' } as any });
    customer = await s.documents('api::customer.customer' as any).create({ data: { name: '王女士', region: shanghai.documentId } as any });
    storeManager = await adminWithRole('店长', ACTIONS);
    regionalManager = await adminWithRole('区域经理', ACTIONS);
    agent = await adminWithRole('客服坐席', ACTIONS);
  });

  /** A ticket asking for `yuan` compensation, in `region`, moved towards `compensated`. */
  async function requestCompensation(yuan: number, region: any) {
    const created = await postTicket({
      templateKey: template.key,
      title: '冰箱运输损坏',
      fields: { summary: '外壳凹陷' },
      customer: customer.documentId,
      region: region.documentId,
      compensationFen: yuan * YUAN,
    });
    expect(created.status).toBe(201);
    const id = created.body.data.documentId;
    const res = await move(id, { to: 'compensated', version: 1, comment: `申请赔付 ${yuan} 元` });
    expect(res.status).toBe(200);
    return { id, res };
  }

  it('parks the ticket for the store manager alone when a small claim stays in its region', async () => {
    const created = await postTicket({ templateKey: template.key, title: '小额赔付', fields: { summary: 'x' }, customer: customer.documentId, region: shanghai.documentId });
    const id = created.body.data.documentId;
    // The amount set in the same write as the move decides the levels.
    const put = await http()
      .put(`/api/scrm-tickets/tickets/${id}`)
      .set(bearer(await apiToken()))
      .send({ data: { version: 1, compensationFen: 300 * YUAN, state: 'compensated' } });
    expect(put.status).toBe(200);
    expect(put.body.data).toMatchObject({ state: 'awaiting_approval', approvalState: 'pending' });
    expect(put.body.data.approval.levels.map((l: any) => l.key)).toEqual(['store']);

    expect((await decide(id, { decision: 'approve', version: 2 }, agent.jwt)).status).toBe(403);
    const approved = await decide(id, { decision: 'approve', version: 2 }, storeManager.jwt);
    expect(approved.status).toBe(200);
    expect(approved.body.data).toMatchObject({ state: 'compensated', approvalState: 'approved', version: 3 });
    expect(approved.body.data.resolvedAt).not.toBeNull();

    const events = await eventsOf(id);
    expect(events.map((e) => e.type)).toEqual(['created', 'state_changed', 'approval', 'field_changed', 'approval', 'state_changed']);
    expect(events[2].changes).toEqual({ requested: { policy: 'compensation', to: 'compensated', levels: ['store'] } });
    expect(events[4].changes).toEqual({ decision: { level: 'store', decision: 'approve', final: true } });
  });

  it('asks the regional manager, not the store manager, when the claim crosses regions', async () => {
    await strapi()
      .documents('api::customer.customer' as any)
      .update({ documentId: customer.documentId, data: { region: shanghai.documentId } } as any);
    const { id, res } = await requestCompensation(300, beijing);
    expect(res.body.data.approval.levels.map((l: any) => l.key)).toEqual(['regional']);
    expect((await decide(id, { decision: 'approve', version: 2 }, storeManager.jwt)).status).toBe(403);
    const approved = await decide(id, { decision: 'approve', version: 2 }, regionalManager.jwt);
    expect(approved.body.data.state).toBe('compensated');
  });

  it('needs both, store manager first, above ¥5,000', async () => {
    const { id, res } = await requestCompensation(6000, shanghai);
    expect(res.body.data.approval.levels.map((l: any) => l.key)).toEqual(['store', 'regional']);
    expect((await decide(id, { decision: 'approve', version: 2 }, regionalManager.jwt)).status).toBe(403);
    const first = await decide(id, { decision: 'approve', version: 2 }, storeManager.jwt);
    expect(first.body.data).toMatchObject({ state: 'awaiting_approval', approvalState: 'pending' });
    expect(first.body.data.approval.current).toBe(1);
    const second = await decide(id, { decision: 'approve', version: 3 }, regionalManager.jwt);
    expect(second.body.data).toMatchObject({ state: 'compensated', approvalState: 'approved' });
    expect(second.body.data.approval.decisions.map((d: any) => [d.level, d.decision])).toEqual([
      ['store', 'approve'],
      ['regional', 'approve'],
    ]);
  });

  it('sends a rejected ticket back where it was, and a rejection needs a reason', async () => {
    const { id } = await requestCompensation(300, shanghai);
    const noReason = await decide(id, { decision: 'reject', version: 2 }, storeManager.jwt);
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details.errors[0].path).toEqual(['reason']);
    const rejected = await decide(id, { decision: 'reject', reason: '照片不清晰，请补充', version: 2 }, storeManager.jwt);
    expect(rejected.body.data).toMatchObject({ state: 'open', approvalState: 'rejected' });
    const decision = (await eventsOf(id)).filter((e) => e.type === 'approval').pop();
    expect(decision.body).toBe('照片不清晰，请补充');
  });

  it('refuses moves while waiting, decisions on tickets not waiting, stale versions and bad input', async () => {
    const { id } = await requestCompensation(300, shanghai);
    const moveOut = await move(id, { to: 'done', version: 2 });
    expect(moveOut.status).toBe(400);
    expect(moveOut.body.error.details.errors[0].path).toEqual(['state']);
    expect((await decide(id, { decision: 'approve', version: 1 }, storeManager.jwt)).status).toBe(409);
    const bad = await decide(id, { decision: 'maybe', reason: 7, version: 2 }, storeManager.jwt);
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors.map((e: any) => e.path)).toEqual([['decision'], ['reason']]);
    expect((await read(id)).state).toBe('awaiting_approval');
    // A client cannot approve by writing the attributes itself.
    const forged = await http()
      .put(`/api/scrm-tickets/tickets/${id}`)
      .set(bearer(await apiToken()))
      .send({ data: { version: 2, approvalState: 'approved', title: '改标题' } });
    expect(forged.status).toBe(200);
    expect(forged.body.data.approvalState).toBe('pending');

    await decide(id, { decision: 'approve', version: 3 }, storeManager.jwt);
    const again = await decide(id, { decision: 'approve', version: 4 }, storeManager.jwt);
    expect(again.status).toBe(400);
    expect(again.body.error.details.errors[0].path).toEqual(['decision']);
  });

  it('refuses a policy with a condition on an unknown fact, and a move needing a missing policy', async () => {
    const save = strapi()
      .documents('plugin::scrm-tickets.approval-policy' as any)
      .create({ data: { key: 'broken', name: '坏', levels: [{ ...COMPENSATION_LEVELS[0], when: { all: [{ fact: 'mood', operator: 'equal', value: 1 }] } }] } as any });
    await expect(save).rejects.toMatchObject({ details: { errors: [{ path: ['levels', '0', 'when', 'all', '0', 'fact'] }] } });

    const missing = await createTemplate({
      fieldDefinitions: [{ key: 'summary', label: label('概述'), type: 'text' }],
      workflow: { ...COMPENSATION_WORKFLOW, transitions: [{ from: 'open', to: 'compensated', approval: 'nonexistent' }, COMPENSATION_WORKFLOW.transitions[1]] },
    });
    const created = await postTicket({ templateKey: missing.key, title: 'x', fields: { summary: 'x' } });
    const res = await move(created.body.data.documentId, { to: 'compensated', version: 1 });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors[0].message).toMatch(/approval policy nonexistent/);
  });
});
