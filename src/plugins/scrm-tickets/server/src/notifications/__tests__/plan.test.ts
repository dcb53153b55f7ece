import { planNotifications } from '../plan';
import { channelOrder } from '../recipients';

const ticket = { hasCustomer: true, assigneeId: 7, state: 'in_progress' };
const texts = (event: any, t: any = ticket) => planNotifications(event, t).map((i) => [i.text, i.target.kind]);

describe('which events notify whom', () => {
  it('tells the customer of a new ticket and of moves made by staff; the assignee of moves made by others', () => {
    expect(texts({ type: 'created' })).toEqual([['created', 'customer']]);
    expect(texts({ type: 'created' }, { ...ticket, hasCustomer: false })).toEqual([]);
    expect(texts({ type: 'state_changed', actor: { kind: 'admin', id: 7 } })).toEqual([['state_changed', 'customer']]);
    expect(texts({ type: 'state_changed', actor: { kind: 'user', id: 3 } })).toEqual([['state_changed_staff', 'assignee']]);
    expect(texts({ type: 'state_changed', actor: { kind: 'admin', id: 9 } })).toEqual([
      ['state_changed', 'customer'],
      ['state_changed_staff', 'assignee'],
    ]);
  });

  it('routes public replies across; internal notes and plain field edits notify nobody', () => {
    expect(texts({ type: 'comment', visibility: 'public', actor: { kind: 'admin', id: 7 }, body: 'hi' })).toEqual([['reply', 'customer']]);
    expect(texts({ type: 'comment', visibility: 'public', actor: { kind: 'user', id: 3 }, body: 'hi' })).toEqual([['customer_reply', 'assignee']]);
    expect(texts({ type: 'comment', visibility: 'internal', actor: { kind: 'admin', id: 7 } })).toEqual([]);
    expect(texts({ type: 'field_changed', changes: { title: { before: 'a', after: 'b' } } })).toEqual([]);
    expect(texts({ type: 'rule_applied', changes: { rules: [] } })).toEqual([]);
  });

  it('tells a new assignee, whether chosen by a strategy (user id) or by hand (documentId)', () => {
    expect(planNotifications({ type: 'assignment', changes: { assignee: { before: null, after: 5 } } }, ticket)[0].target).toEqual({ kind: 'user', id: 5 });
    expect(planNotifications({ type: 'field_changed', changes: { assignee: { before: null, after: 'abc' } } }, ticket)[0].target).toEqual({ kind: 'user', documentId: 'abc' });
  });

  it('asks the approvers of the first level, then of the next, then tells the assignee the outcome', () => {
    const approval = { current: 1, levels: [{ key: 'store', roles: ['店长'] }, { key: 'region', label: { 'zh-Hans': '区域经理' }, roles: ['区域经理'] }] };
    const parked = { ...ticket, state: 'awaiting_approval', approval };
    expect(planNotifications({ type: 'approval', changes: { requested: { levels: ['store', 'region'] } } }, { ...parked, approval: { ...approval, current: 0 } })[0].target).toEqual({ kind: 'roles', roles: ['店长'] });
    const next = planNotifications({ type: 'approval', changes: { decision: { level: 'store', decision: 'approve', final: false } } }, parked)[0];
    expect([next.text, next.target, next.vars]).toEqual(['approval_requested', { kind: 'roles', roles: ['区域经理'] }, { 'approval.level': '区域经理' }]);
    const done = planNotifications({ type: 'approval', changes: { decision: { level: 'region', decision: 'reject', final: true } }, body: '金额过高' }, ticket)[0];
    expect([done.text, done.target.kind, done.vars?.['approval.reason']]).toEqual(['approval_decided', 'assignee', '金额过高']);
  });

  it('turns requests into SLA, queue and rule messages; a breach and a rule alert are urgent, a warning is not', () => {
    const warn = planNotifications({ type: 'notification', changes: { requested: { to: 'assignee', sla: 'resolution:warn', at: 'warn', dueAt: 'x' } } }, ticket)[0];
    expect([warn.text, warn.urgent, warn.vars?.['sla.clock']]).toEqual(['sla_warning', false, 'resolution']);
    const breach = planNotifications({ type: 'notification', changes: { requested: { to: 'regional_manager', sla: 'first_response:late', at: 'breach' } } }, ticket)[0];
    expect([breach.text, breach.urgent, breach.target]).toEqual(['sla_breach', true, { kind: 'regional_manager' }]);
    const queue = planNotifications({ type: 'notification', changes: { requested: { to: 'team_lead', team: 'vip', reason: 'no_eligible_agent' } } }, ticket)[0];
    expect([queue.text, queue.target]).toEqual(['unassigned', { kind: 'team_lead', team: 'vip' }]);
    const rule = planNotifications({ type: 'notification', changes: { requested: { to: 'team_lead', message: '投诉' }, rule: '投诉升级' } }, ticket)[0];
    expect([rule.text, rule.urgent, rule.vars]).toEqual(['rule', true, { 'rule.name': '投诉升级', 'rule.message': '投诉' }]);
    expect(texts({ type: 'notification', changes: { failed: {} } })).toEqual([]);
  });
});

describe('a customer’s channel order', () => {
  const known = ['wecom', 'sms', 'email'];
  it('keeps their valid choices in their order, without repeats', () => {
    expect(channelOrder(['sms', 'fax', 'sms', 'email'], ['wecom'], known)).toEqual(['sms', 'email']);
  });
  it('falls back to the default when they chose nothing usable', () => {
    expect(channelOrder(null, ['wecom', 'sms'], known)).toEqual(['wecom', 'sms']);
    expect(channelOrder(['fax'], ['wecom'], known)).toEqual(['wecom']);
    expect(channelOrder('sms', ['wecom'], known)).toEqual(['wecom']);
  });
});
