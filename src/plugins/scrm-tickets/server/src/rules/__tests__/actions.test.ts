import { applyActions, validateActions } from '../actions';

const start = { priority: 'normal' as const, tags: ['a'], team: null, assignee: null, requiredApproval: null };

describe('applyActions', () => {
  it('applies in order: later settings win, tags accumulate once, escalations add up and stop at urgent', () => {
    const { ticket, notify } = applyActions(start, [
      { type: 'setPriority', priority: 'low' },
      { type: 'escalate' },
      { type: 'escalate' },
      { type: 'addTags', tags: ['a', 'b'] },
      { type: 'setTeam', team: 'x' },
      { type: 'setTeam', team: 'vip' },
      { type: 'assign', agent: 7 },
      { type: 'notify', to: 'team_lead', message: '注意' },
      { type: 'requireApproval', policy: 'refund' },
    ]);
    expect(ticket).toEqual({ priority: 'high', tags: ['a', 'b'], team: 'vip', assignee: 7, requiredApproval: 'refund' });
    expect(notify).toEqual([{ to: 'team_lead', message: '注意' }]);
    expect(applyActions({ ...start, priority: 'urgent' }, [{ type: 'escalate' }]).ticket.priority).toBe('urgent');
    expect(start.tags).toEqual(['a']);
  });
});

describe('validateActions', () => {
  it('accepts every action type with its parameters', () => {
    expect(
      validateActions([
        { type: 'setPriority', priority: 'urgent' },
        { type: 'addTags', tags: ['vip'] },
        { type: 'setTeam', team: 'east' },
        { type: 'assign', agent: 1 },
        { type: 'escalate' },
        { type: 'notify', to: 'assignee' },
        { type: 'requireApproval', policy: 'refund_over_500' },
      ])
    ).toEqual([]);
  });

  it('names unknown types, stray and bad parameters by path', () => {
    const errors = validateActions([
      { type: 'launch' },
      { type: 'setPriority', priority: 'panic' },
      { type: 'addTags', tags: [] },
      { type: 'assign', agent: '7' },
      { type: 'escalate', by: 2 },
      { type: 'notify', to: 'everyone' },
      'setTeam',
      { type: 'requireApproval', policy: 'Refund!' },
    ]);
    expect(errors.map((e) => e.path.join('.'))).toEqual([
      'actions.0.type',
      'actions.1.priority',
      'actions.2.tags',
      'actions.3.agent',
      'actions.4.by',
      'actions.5.to',
      'actions.6',
      'actions.7.policy',
    ]);
    expect(validateActions([])).toEqual([{ path: ['actions'], message: 'must list 1 to 20 actions' }]);
  });
});
