import {
  TEMPLATE_UID,
  adminToken,
  adminWithRole,
  apiToken,
  bearer,
  createCustomerLogin,
  createTemplate,
  eventsOf,
  grantCustomerRole,
  http,
  postTicket,
} from '../helpers/fixtures';
import { strapi } from '../helpers/strapi';

const label = (zh: string) => ({ 'zh-Hans': zh });
/** On-site repair: photo and signature before leaving the site; only a 店长 closes. */
const REPAIR_WORKFLOW = {
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
  ],
};
const SIMPLE_FIELDS = [{ key: 'summary', label: label('概述'), type: 'text' }];

const transitionsPath = (id: string) => `/api/scrm-tickets/tickets/${id}/transitions`;
const move = async (id: string, body: Record<string, unknown>, token?: string) =>
  http().post(transitionsPath(id)).set(bearer(token ?? (await apiToken()))).send(body);
const adminMove = (id: string, body: Record<string, unknown>, jwt: string) =>
  http().post(`/scrm-tickets/tickets/${id}/transitions`).set(bearer(jwt)).send(body);
const read = (id: string) => strapi().documents('plugin::scrm-tickets.ticket' as any).findOne({ documentId: id } as any) as Promise<any>;

async function newTicket(templateKey: string, extra: Record<string, unknown> = {}) {
  const res = await postTicket({ templateKey, title: '热水器漏水', fields: { summary: '漏水' }, ...extra });
  expect(res.status).toBe(201);
  return res.body.data;
}

describe('workflow transitions', () => {
  let defaultTemplate: any;
  let repairTemplate: any;
  beforeAll(async () => {
    defaultTemplate = await createTemplate({ fieldDefinitions: SIMPLE_FIELDS });
    repairTemplate = await createTemplate({ fieldDefinitions: SIMPLE_FIELDS, workflow: REPAIR_WORKFLOW });
  });

  it('walks the default workflow, stamping resolvedAt, clearing it on a reopen, stamping closedAt', async () => {
    const ticket = await newTicket(defaultTemplate.key);
    let version = ticket.version;
    const path = ['assigned', 'in_progress', 'pending_customer', 'in_progress', 'resolved', 'in_progress', 'resolved', 'closed'];
    for (const to of path) {
      const res = await move(ticket.documentId, { to, version });
      expect([to, res.status]).toEqual([to, 200]);
      expect(res.body.data.state).toBe(to);
      version = res.body.data.version;
      const stored = await read(ticket.documentId);
      if (to === 'resolved') expect(stored.resolvedAt).not.toBeNull();
      if (to === 'in_progress' && path.indexOf(to) > 0) expect(stored.resolvedAt).toBeNull();
    }
    const stored = await read(ticket.documentId);
    expect(stored.closedAt).not.toBeNull();
    expect(stored.version).toBe(ticket.version + path.length);
    // resolved → in_progress once: the reports' reopen rate counts it.
    expect(stored.reopenCount).toBe(1);
    const events = await eventsOf(ticket.documentId);
    const moves = events.filter((e) => e.type === 'state_changed').map((e) => e.changes.state.after);
    expect(moves).toEqual(path);
  });

  it('answers 400 naming why for an illegal move, and changes nothing', async () => {
    const ticket = await newTicket(defaultTemplate.key);
    const res = await move(ticket.documentId, { to: 'closed', version: 1 });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors).toEqual([{ path: ['to'], message: 'cannot be reached from new', name: 'ValidationError' }]);
    const unknown = await move(ticket.documentId, { to: 'teleported', version: 1 });
    expect(unknown.status).toBe(400);
    const stored = await read(ticket.documentId);
    expect([stored.state, stored.version]).toEqual(['new', 1]);
    expect((await eventsOf(ticket.documentId)).map((e) => e.type)).toEqual(['created']);
  });

  it('answers 409 to a stale version and 400 to a missing one, changing nothing', async () => {
    const ticket = await newTicket(defaultTemplate.key);
    expect((await move(ticket.documentId, { to: 'assigned', version: 1 })).status).toBe(200);
    const stale = await move(ticket.documentId, { to: 'in_progress', version: 1 });
    expect(stale.status).toBe(409);
    const missing = await move(ticket.documentId, { to: 'in_progress' });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details.errors[0].path).toEqual(['version']);
    const stored = await read(ticket.documentId);
    expect([stored.state, stored.version]).toEqual(['assigned', 2]);
  });

  it('writes the comment with the move, and a bad comment stops the move', async () => {
    const ticket = await newTicket(defaultTemplate.key);
    const bad = await move(ticket.documentId, { to: 'assigned', version: 1, comment: 'x'.repeat(5001) });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors[0].path).toEqual(['comment']);
    expect((await read(ticket.documentId)).state).toBe('new');
    const ok = await move(ticket.documentId, { to: 'assigned', version: 1, comment: '已派给张师傅' });
    expect(ok.status).toBe(200);
    const events = await eventsOf(ticket.documentId);
    expect(events.map((e) => e.type)).toEqual(['created', 'state_changed', 'comment']);
    expect(events[2].body).toBe('已派给张师傅');
  });

  it('answers 404 for an unknown ticket and 400 for a body without a target', async () => {
    expect((await move('nosuchticketdocumentid00', { to: 'assigned', version: 1 })).status).toBe(404);
    const ticket = await newTicket(defaultTemplate.key);
    const res = await http().post(transitionsPath(ticket.documentId)).set(bearer(await apiToken())).send([1, 2]);
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors[0].path).toEqual(['to']);
  });

  it('keeps a ticket in a state until its checklist is ticked, through the same update path', async () => {
    const ticket = await newTicket(repairTemplate.key);
    expect(ticket.state).toBe('open');
    let res = await move(ticket.documentId, { to: 'onsite', version: 1 });
    expect(res.status).toBe(200);
    res = await move(ticket.documentId, { to: 'fixed', version: 2 });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors[0].path).toEqual(['checklist', 'onsite', 'photo']);

    const put = async (data: unknown) =>
      http().put(`/api/scrm-tickets/tickets/${ticket.documentId}`).set(bearer(await apiToken())).send({ data });
    const badTick = await put({ version: 2, checklist: { onsite: ['photo', 'wash'] } });
    expect(badTick.status).toBe(400);
    expect(badTick.body.error.details.errors[0].path).toEqual(['checklist', 'onsite', '1']);
    expect((await put({ version: 2, checklist: { onsite: ['photo', 'sign'] } })).status).toBe(200);
    res = await move(ticket.documentId, { to: 'fixed', version: 3 });
    expect(res.status).toBe(200);
    const changes = (await eventsOf(ticket.documentId)).find((e) => e.type === 'field_changed').changes;
    expect(changes.checklist).toEqual({ before: null, after: { onsite: ['photo', 'sign'] } });
  });

  it('answers 403 to a role the transition does not list, on the admin route and in the Content Manager', async () => {
    const ticket = await newTicket(repairTemplate.key);
    await strapi()
      .documents('plugin::scrm-tickets.ticket' as any)
      .update({ documentId: ticket.documentId, data: { state: 'onsite', checklist: { onsite: ['photo', 'sign'] } } } as any);
    await strapi().documents('plugin::scrm-tickets.ticket' as any).update({ documentId: ticket.documentId, data: { state: 'fixed' } } as any);

    const actions = ['plugin::scrm-tickets.ticket.read', 'plugin::scrm-tickets.ticket.transition'];
    const agent = await adminWithRole('客服坐席', actions);
    const manager = await adminWithRole('店长', actions);
    const denied = await adminMove(ticket.documentId, { to: 'done', version: 3 }, agent.jwt);
    expect(denied.status).toBe(403);
    expect(denied.body.error).toMatchObject({ name: 'ForbiddenError', message: 'your role may not move a ticket from fixed to done' });
    // An API token is not a 店长 either.
    expect((await move(ticket.documentId, { to: 'done', version: 3 })).status).toBe(403);
    expect((await read(ticket.documentId)).state).toBe('fixed');

    const allowed = await adminMove(ticket.documentId, { to: 'done', version: 3 }, manager.jwt);
    expect(allowed.status).toBe(200);
    expect(allowed.body.data.state).toBe('done');
    const last = (await eventsOf(ticket.documentId)).pop();
    expect(last.actor).toMatchObject({ kind: 'admin', id: manager.id });
  });

  it('refuses the admin route to an admin without the transition permission', async () => {
    const ticket = await newTicket(defaultTemplate.key);
    const reader = await adminWithRole('只读', ['plugin::scrm-tickets.ticket.read']);
    const res = await adminMove(ticket.documentId, { to: 'assigned', version: 1 }, reader.jwt);
    expect(res.status).toBe(403);
    const list = await http().get(`/scrm-tickets/tickets/${ticket.documentId}/transitions`).set(bearer(reader.jwt));
    expect(list.status).toBe(200);
    expect(list.body.data.map((t: any) => t.to)).toEqual(['assigned', 'in_progress', 'cancelled']);
  });

  it('checks a state edited in the Content Manager like any transition', async () => {
    const ticket = await newTicket(defaultTemplate.key);
    const jwt = await adminToken();
    const cm = `/content-manager/collection-types/plugin::scrm-tickets.ticket/${ticket.documentId}`;
    const res = await http().put(cm).set(bearer(jwt)).send({ state: 'closed' });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors[0]).toMatchObject({ path: ['to'], message: 'cannot be reached from new' });
    expect((await read(ticket.documentId)).state).toBe('new');
  });

  it('lets a customer cancel their own new ticket but not assign it, and hides other tickets', async () => {
    await grantCustomerRole();
    const alice = await createCustomerLogin('Alice');
    const bob = await createCustomerLogin('Bob');
    const create = await http()
      .post('/api/scrm-tickets/tickets')
      .set(bearer(alice.jwt))
      .send({ data: { templateKey: defaultTemplate.key, title: '预约取消', fields: { summary: 'x' } } });
    expect(create.status).toBe(201);
    const id = create.body.data.documentId;

    const options = await http().get(transitionsPath(id)).set(bearer(alice.jwt));
    expect(options.body.data.map((t: any) => t.to)).toEqual(['cancelled']);
    expect((await move(id, { to: 'assigned', version: 1 }, alice.jwt)).status).toBe(403);
    expect((await move(id, { to: 'cancelled', version: 1 }, bob.jwt)).status).toBe(404);
    const cancelled = await move(id, { to: 'cancelled', version: 1, comment: '不需要了' }, alice.jwt);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.data.state).toBe('cancelled');
  });
});

describe('template workflows', () => {
  const createVia = (data: Record<string, unknown>) =>
    strapi()
      .documents(TEMPLATE_UID as any)
      .create({ data: { key: `wf_${Date.now().toString(36)}`, name: '流程', fieldDefinitions: SIMPLE_FIELDS, ...data } } as any);

  it('rejects an invalid workflow on save with the path of each error', async () => {
    const broken = { ...REPAIR_WORKFLOW, transitions: [...REPAIR_WORKFLOW.transitions, { from: 'done', to: 'open' }] };
    await expect(createVia({ workflow: broken })).rejects.toMatchObject({
      name: 'ValidationError',
      details: { errors: [{ path: ['workflow', 'final', '0'], message: 'is final and cannot have transitions out of it' }] },
    });
  });

  it('refuses to drop a state that tickets are still in', async () => {
    const template: any = await createVia({ workflow: REPAIR_WORKFLOW });
    const ticket = await newTicket(template.key);
    const withoutOpen = {
      ...REPAIR_WORKFLOW,
      initial: 'onsite',
      states: REPAIR_WORKFLOW.states.slice(1),
      transitions: REPAIR_WORKFLOW.transitions.slice(1),
    };
    const update = strapi().documents(TEMPLATE_UID as any).update({ documentId: template.documentId, data: { workflow: withoutOpen } } as any);
    await expect(update).rejects.toMatchObject({ details: { errors: [{ path: ['workflow', 'states'] }] } });
    expect(ticket.state).toBe('open');
  });
});
