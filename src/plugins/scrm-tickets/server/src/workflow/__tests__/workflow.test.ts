import {
  availableTransitions,
  checkChecklist,
  DEFAULT_WORKFLOW,
  planTransition,
  stampsFor,
  validateWorkflow,
  type WorkflowActor,
  type WorkflowDefinition,
} from '..';

const staff: WorkflowActor = { kind: 'admin', roles: [{ code: 'strapi-editor', name: 'Editor' }] };
const manager: WorkflowActor = { kind: 'admin', roles: [{ code: 'store-manager-x1', name: '店长' }] };
const superAdmin: WorkflowActor = { kind: 'admin', roles: [{ code: 'strapi-super-admin', name: 'Super Admin' }] };
const customer: WorkflowActor = { kind: 'user', isTicketCustomer: true };
const integration: WorkflowActor = { kind: 'api-token' };
const system: WorkflowActor = { kind: 'system' };

const label = (zh: string) => ({ 'zh-Hans': zh });
/** Repair: the engineer must photograph and get a signature before resolving; only 店长 closes. */
const repair: WorkflowDefinition = {
  initial: 'open',
  final: ['done'],
  states: [
    { key: 'open', label: label('待处理') },
    { key: 'onsite', label: label('上门'), checklist: [{ key: 'photo', label: label('拍照') }, { key: 'sign', label: label('签字') }] },
    { key: 'fixed', label: label('已修复'), resolves: true },
    { key: 'done', label: label('完成') },
  ],
  transitions: [
    { from: 'open', to: 'onsite' },
    { from: 'onsite', to: 'fixed' },
    { from: 'fixed', to: 'done', roles: ['店长'] },
    { from: 'fixed', to: 'onsite', roles: ['customer', '*'] },
  ],
};

describe('validateWorkflow', () => {
  it('accepts the default workflow, a custom one, and no workflow at all', () => {
    expect(validateWorkflow(DEFAULT_WORKFLOW)).toEqual([]);
    expect(validateWorkflow(repair)).toEqual([]);
    expect(validateWorkflow(null)).toEqual([]);
  });

  it('names every broken reference, final exit, unreachable and dead-end state by path', () => {
    const broken = {
      initial: 'nowhere',
      final: ['done'],
      states: [
        { key: 'open', label: label('a') },
        { key: 'open', label: label('b') },
        { key: 'done', label: label('c') },
      ],
      transitions: [{ from: 'done', to: 'open' }, { from: 'open', to: 'ghost' }],
    };
    const paths = validateWorkflow(broken).map((e) => e.path.join('.'));
    expect(paths).toEqual(
      expect.arrayContaining(['workflow.states.1.key', 'workflow.transitions.1.to', 'workflow.initial', 'workflow.final.0'])
    );
  });

  it('refuses unreachable states and non-final states without exits', () => {
    const wf = {
      ...repair,
      states: [...repair.states, { key: 'limbo', label: label('孤立') }],
      transitions: [...repair.transitions, { from: 'limbo', to: 'done' }],
    };
    expect(validateWorkflow(wf)).toEqual([{ path: ['workflow', 'states', 4, 'key'], message: 'cannot be reached from open' }]);
    const deadEnd = { ...repair, transitions: repair.transitions.filter((t) => t.from !== 'onsite') };
    const messages = validateWorkflow(deadEnd).map((e) => `${e.path.join('.')} ${e.message}`);
    expect(messages).toContain('workflow.states.1.key is not final but has no transition out of it');
  });

  it('rejects the reserved approval state, unknown properties, bad roles and bad checklist items', () => {
    const wf = {
      ...repair,
      colour: 'red',
      states: [
        { key: 'open', label: label('a'), checklist: [{ key: 'x', label: label('x') }, { key: 'x', label: label('y') }] },
        { key: 'awaiting_approval', label: label('b') },
        ...repair.states.slice(1),
      ],
      transitions: [...repair.transitions, { from: 'open', to: 'done', roles: [] }],
    };
    const paths = validateWorkflow(wf).map((e) => e.path.join('.'));
    expect(paths).toEqual(
      expect.arrayContaining([
        'workflow.colour',
        'workflow.states.0.checklist.1.key',
        'workflow.states.1.key',
        'workflow.transitions.4.roles',
      ])
    );
  });

  it('rejects shapes that are not a workflow', () => {
    expect(validateWorkflow('new → closed')).toEqual([{ path: ['workflow'], message: 'must be { initial, final, states, transitions }' }]);
    expect(validateWorkflow({ initial: 'a', final: [], states: [], transitions: 'x' }).length).toBeGreaterThanOrEqual(3);
  });
});

describe('planTransition on the default workflow', () => {
  const at = (state: string) => ({ state, checklist: null });
  const legal: [string, string][] = [
    ['new', 'assigned'],
    ['new', 'in_progress'],
    ['assigned', 'in_progress'],
    ['in_progress', 'pending_customer'],
    ['pending_customer', 'in_progress'],
    ['in_progress', 'resolved'],
    ['pending_customer', 'resolved'],
    ['resolved', 'closed'],
    ['resolved', 'in_progress'],
    ['new', 'cancelled'],
    ['assigned', 'cancelled'],
    ['in_progress', 'cancelled'],
    ['pending_customer', 'cancelled'],
    ['resolved', 'cancelled'],
  ];

  it.each(legal)('lets staff move %s → %s', (from, to) => {
    expect(planTransition(DEFAULT_WORKFLOW, at(from), to, staff).ok).toBe(true);
    expect(planTransition(DEFAULT_WORKFLOW, at(from), to, integration).ok).toBe(true);
  });

  it('refuses every other pair with a 400 naming the states', () => {
    const keys = DEFAULT_WORKFLOW.states.map((s) => s.key);
    const legalSet = new Set(legal.map(([a, b]) => `${a}>${b}`));
    for (const from of keys) {
      for (const to of keys) {
        if (from === to || legalSet.has(`${from}>${to}`)) continue;
        const plan = planTransition(DEFAULT_WORKFLOW, at(from), to, superAdmin);
        expect(plan).toEqual({ ok: false, error: { status: 400, path: ['to'], message: `cannot be reached from ${from}` } });
      }
    }
  });

  it('refuses unknown states, the current state and moves while awaiting approval', () => {
    expect(planTransition(DEFAULT_WORKFLOW, at('new'), 'done', staff)).toMatchObject({ ok: false, error: { status: 400 } });
    expect(planTransition(DEFAULT_WORKFLOW, at('new'), 'new', staff)).toMatchObject({ ok: false, error: { status: 400 } });
    expect(planTransition(DEFAULT_WORKFLOW, at('awaiting_approval'), 'closed', system)).toMatchObject({
      ok: false,
      error: { status: 400, path: ['state'] },
    });
  });

  it('lets customers cancel a new ticket, close or reopen a resolved one, and nothing else', () => {
    expect(planTransition(DEFAULT_WORKFLOW, at('new'), 'cancelled', customer).ok).toBe(true);
    expect(planTransition(DEFAULT_WORKFLOW, at('resolved'), 'closed', customer).ok).toBe(true);
    expect(planTransition(DEFAULT_WORKFLOW, at('resolved'), 'in_progress', customer).ok).toBe(true);
    expect(planTransition(DEFAULT_WORKFLOW, at('in_progress'), 'cancelled', customer)).toMatchObject({ ok: false, error: { status: 403 } });
    expect(planTransition(DEFAULT_WORKFLOW, at('new'), 'assigned', customer)).toMatchObject({ ok: false, error: { status: 403 } });
    // Another customer's user is never the ticket's customer.
    expect(planTransition(DEFAULT_WORKFLOW, at('new'), 'cancelled', { kind: 'user' })).toMatchObject({ ok: false, error: { status: 403 } });
  });
});

describe('planTransition with roles and checklists', () => {
  it('answers 403 to a role the transition does not list, by code or name, unless super admin or system', () => {
    const fixed = { state: 'fixed', checklist: null };
    expect(planTransition(repair, fixed, 'done', staff)).toMatchObject({ ok: false, error: { status: 403 } });
    expect(planTransition(repair, fixed, 'done', integration)).toMatchObject({ ok: false, error: { status: 403 } });
    expect(planTransition(repair, fixed, 'done', manager).ok).toBe(true);
    expect(planTransition(repair, fixed, 'done', { kind: 'admin', roles: [{ code: '店长' }] }).ok).toBe(true);
    expect(planTransition(repair, fixed, 'done', superAdmin).ok).toBe(true);
    expect(planTransition(repair, fixed, 'done', system).ok).toBe(true);
  });

  it('keeps a ticket in a state until every checklist item is ticked, naming the first missing one', () => {
    const plan = planTransition(repair, { state: 'onsite', checklist: { onsite: ['photo'] } }, 'fixed', staff);
    expect(plan).toEqual({
      ok: false,
      error: { status: 400, path: ['checklist', 'onsite', 'sign'], message: 'must be ticked before leaving onsite (unticked: sign)' },
    });
    expect(planTransition(repair, { state: 'onsite', checklist: { onsite: ['sign', 'photo'] } }, 'fixed', staff).ok).toBe(true);
  });

  it('checks the role before the checklist: a 403 does not reveal what is left to do', () => {
    const wf = { ...repair, transitions: repair.transitions.map((t) => (t.to === 'fixed' ? { ...t, roles: ['店长'] } : t)) };
    expect(planTransition(wf, { state: 'onsite', checklist: {} }, 'fixed', staff)).toMatchObject({ ok: false, error: { status: 403 } });
  });
});

describe('availableTransitions', () => {
  it('lists the states the actor may move to, once each, with what still blocks them', () => {
    const list = availableTransitions(repair, { state: 'onsite', checklist: { onsite: ['photo'] } }, staff);
    expect(list).toEqual([{ to: 'fixed', label: label('已修复'), approval: undefined, unticked: ['sign'] }]);
    expect(availableTransitions(DEFAULT_WORKFLOW, { state: 'resolved' }, customer).map((t) => t.to)).toEqual(['closed', 'in_progress']);
    expect(availableTransitions(DEFAULT_WORKFLOW, { state: 'closed' }, superAdmin)).toEqual([]);
  });
});

describe('checkChecklist', () => {
  it('accepts ticks of items the workflow defines and names every other tick', () => {
    expect(checkChecklist(repair, { onsite: ['photo'] })).toEqual([]);
    expect(checkChecklist(repair, null)).toEqual([]);
    expect(checkChecklist(repair, { onsite: ['photo', 'photo', 'wash'], open: ['x'], fixed: 'y' }).map((e) => e.path.join('.'))).toEqual([
      'checklist.onsite.1',
      'checklist.onsite.2',
      'checklist.open',
      'checklist.fixed',
    ]);
    expect(checkChecklist(repair, ['photo'])).toEqual([{ path: ['checklist'], message: 'must map states to lists of ticked item keys' }]);
  });
});

describe('stampsFor', () => {
  const now = new Date('2026-11-24T02:00:00Z');
  it('stamps resolvedAt on resolving, closedAt on a final state, clears resolvedAt on a reopen', () => {
    expect(stampsFor(DEFAULT_WORKFLOW, 'resolved', {}, {}, now)).toEqual({ resolvedAt: now });
    expect(stampsFor(DEFAULT_WORKFLOW, 'closed', { resolvedAt: now }, {}, now)).toEqual({ closedAt: now });
    expect(stampsFor(DEFAULT_WORKFLOW, 'in_progress', { resolvedAt: now }, {}, now)).toEqual({ resolvedAt: null, reopenCount: 1 });
    expect(stampsFor(DEFAULT_WORKFLOW, 'in_progress', { resolvedAt: now, reopenCount: 2 }, {}, now)).toEqual({ resolvedAt: null, reopenCount: 3 });
    expect(stampsFor(DEFAULT_WORKFLOW, 'assigned', {}, {}, now)).toEqual({});
  });

  it('leaves a timestamp the caller gives (imports, the demo seed) alone', () => {
    const given = new Date('2026-01-01T00:00:00Z');
    expect(stampsFor(DEFAULT_WORKFLOW, 'resolved', {}, { resolvedAt: given }, now)).toEqual({});
  });
});
