import { adminWithRole, bearer, createTemplate, http, unique } from '../helpers/fixtures';
import { strapi } from '../helpers/strapi';

const TICKET_UID = 'plugin::scrm-tickets.ticket';
const REGION_UID = 'plugin::scrm-tickets.region';
const MIN = 60_000;

describe('admin ticket list (GET /scrm-tickets/tickets): views, filters, search, keyset pages', () => {
  let template: any;
  let me: { jwt: string; id: number };
  let other: { id: number };
  let sh: any;
  let hz: any;
  const t: Record<string, any> = {};
  const list = async (query: Record<string, unknown>, jwt = me.jwt) => {
    const res = await http().get('/scrm-tickets/tickets').query({ template: template.key, ...query }).set(bearer(jwt));
    return res;
  };
  const titles = async (query: Record<string, unknown>, jwt = me.jwt) => {
    const res = await list(query, jwt);
    expect(res.status).toBe(200);
    return res.body.data.map((r: any) => r.title);
  };

  beforeAll(async () => {
    const regions = strapi().documents(REGION_UID as any);
    sh = await regions.create({ data: { code: unique('LSH'), name: '上海', level: 'city' } as any });
    const store: any = await regions.create({ data: { code: unique('LSHS'), name: '上海静安店', level: 'store', parent: sh.documentId } as any });
    hz = await regions.create({ data: { code: unique('LHZ'), name: '杭州', level: 'city' } as any });
    template = await createTemplate({ fieldDefinitions: [{ key: 'summary', label: { 'zh-Hans': '概述' }, type: 'text' }] });
    me = await adminWithRole('管理员');
    other = await adminWithRole('客服坐席');
    const customer: any = await strapi().documents('api::customer.customer' as any).create({ data: { name: '王女士', mobile: '13900000001' } as any });
    const now = Date.now();
    const make = async (key: string, data: Record<string, unknown>, raw: Record<string, unknown> = {}) => {
      t[key] = await strapi().documents(TICKET_UID as any).create({ data: { templateKey: template.key, title: key, fields: {}, ...data } as any });
      if (Object.keys(raw).length) await strapi().db.query(TICKET_UID as any).update({ where: { id: t[key].id }, data: raw });
    };
    await make('甲', { region: sh.documentId, priority: 'high', customer: customer.documentId }, { assignee: me.id, resolutionDueAt: new Date(now - 10 * MIN) });
    await make('乙', { region: store.documentId }, { resolutionDueAt: new Date(now + 30 * MIN) });
    await make('丙', { region: hz.documentId, priority: 'urgent' }, { resolutionDueAt: null });
    await make('丁', {}, { assignee: other.id, resolutionDueAt: new Date(now + 300 * MIN) });
    await make('戊', { region: sh.documentId }, { closedAt: new Date(now), resolutionDueAt: new Date(now - 60 * MIN) });
  });

  it('lists newest first with what the list shows, and the capped total', async () => {
    const res = await list({});
    expect(res.status).toBe(200);
    expect(res.body.data.map((r: any) => r.title)).toEqual(['戊', '丁', '丙', '乙', '甲']);
    expect(res.body.meta).toEqual({ nextCursor: null, total: 5, totalCapped: false });
    const first = res.body.data.find((r: any) => r.title === '甲');
    expect(first).toMatchObject({
      number: t['甲'].number, version: 1, state: 'new', stateLabel: { 'zh-Hans': '新建', en: 'New' }, priority: 'high',
      template: { key: template.key, name: template.name }, region: { code: sh.code, name: '上海' },
      assignee: { id: me.id }, customer: { name: '王女士', mobile: '13900000001' }, slaRisk: 'breached',
    });
    expect(res.body.data.find((r: any) => r.title === '乙').slaRisk).toBe('due_soon');
    expect(res.body.data.find((r: any) => r.title === '戊').slaRisk).toBeNull(); // closed: no risk
  });

  it('answers the saved views and the filters', async () => {
    expect(await titles({ view: 'mine' })).toEqual(['甲']);
    expect(await titles({ view: 'due_soon' })).toEqual(['乙', '甲']);
    expect(await titles({ sla: 'breached' })).toEqual(['甲']);
    expect(await titles({ sla: 'due_soon' })).toEqual(['乙']);
    expect(await titles({ region: sh.code })).toEqual(['戊', '乙', '甲']);
    expect(await titles({ priority: 'urgent' })).toEqual(['丙']);
    expect(await titles({ assignee: 'none' })).toEqual(['戊', '丙', '乙']);
    expect(await titles({ assignee: String(other.id) })).toEqual(['丁']);
    expect(await titles({ q: '王女' })).toEqual(['甲']);
    expect(await titles({ q: '13900000001' })).toEqual(['甲']);
    expect(await titles({ q: t['丙'].number.toLowerCase() })).toEqual(['丙']);
    expect(await titles({ state: 'new,in_progress', region: hz.code })).toEqual(['丙']);
  });

  it('pages by cursor in either order, due dates first and undated last, without gaps or repeats', async () => {
    const walk = async (sort: string) => {
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let pages = 0; pages < 10; pages += 1) {
        const res = await list({ sort, pageSize: 2, ...(cursor ? { cursor } : {}) });
        expect(res.status).toBe(200);
        seen.push(...res.body.data.map((r: any) => r.title));
        cursor = res.body.meta.nextCursor ?? undefined;
        if (!cursor) return seen;
      }
      throw new Error('no last page');
    };
    expect(await walk('createdAt:desc')).toEqual(['戊', '丁', '丙', '乙', '甲']);
    expect(await walk('createdAt:asc')).toEqual(['甲', '乙', '丙', '丁', '戊']);
    expect(await walk('resolutionDueAt:asc')).toEqual(['戊', '甲', '乙', '丁', '丙']);
  });

  it('names every bad parameter in one 400', async () => {
    const res = await list({ view: 'everything', priority: 'asap', sort: 'title:asc', pageSize: 0, cursor: 'not-a-cursor', region: 'NOWHERE', sla: 'late', assignee: 'boss' });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors.map((e: any) => e.path[0]).sort()).toEqual(['assignee', 'cursor', 'pageSize', 'priority', 'region', 'sla', 'sort', 'view'].sort());
    // Found by the fuzz on Postgres: an id longer than an integer column holds.
    const huge = await list({ assignee: '9'.repeat(40) });
    expect([huge.status, huge.body.error.details.errors[0].path]).toEqual([400, ['assignee']]);
  });

  it('shows 待我审批 to the role of the current approval level only', async () => {
    const approval = { from: 'new', to: 'in_progress', current: 0, decisions: [], levels: [{ key: 'store', label: { 'zh-Hans': '店长审批' }, roles: ['店长'] }] };
    await strapi().db.query(TICKET_UID as any).update({ where: { id: t['丁'].id }, data: { state: 'awaiting_approval', approvalState: 'pending', approval } });
    const manager = await adminWithRole('店长');
    const agent = await adminWithRole('客服坐席');
    expect(await titles({ view: 'my_approvals' }, manager.jwt)).toEqual(['丁']);
    expect(await titles({ view: 'my_approvals' }, agent.jwt)).toEqual([]);
  });

  it('keeps a confined agent to their regions, and offers the filters’ options', async () => {
    const team = unique('list-team').toLowerCase();
    await strapi().documents('plugin::scrm-tickets.team' as any).create({ data: { key: team, name: team, autoAssign: false } as any });
    const hzAgent = await adminWithRole('客服坐席');
    await strapi().documents('plugin::scrm-tickets.agent-profile' as any).create({ data: { name: unique('杭州坐席'), team, user: hzAgent.id, regions: [hz.code], capacity: 5 } as any });
    expect(await titles({}, hzAgent.jwt)).toEqual(['丁', '丙']);
    const facets = await http().get('/scrm-tickets/tickets/facets').set(bearer(me.jwt));
    expect(facets.status).toBe(200);
    expect(facets.body.data.templates).toContainEqual({ key: template.key, name: template.name });
    expect(facets.body.data.regions.map((r: any) => r.code)).toEqual(expect.arrayContaining([sh.code, hz.code]));
    expect(facets.body.data.states).toContainEqual({ key: 'new', label: { 'zh-Hans': '新建', en: 'New' } });
    expect(facets.body.data.sources).toContain('wecom_kf');
  });

  it('gives the board a template’s workflow: its states in order and its transitions', async () => {
    const res = await http().get(`/scrm-tickets/templates/${template.key}/workflow`).set(bearer(me.jwt));
    expect(res.status).toBe(200);
    expect(res.body.data.states.map((s: any) => s.key)).toEqual(['new', 'assigned', 'in_progress', 'pending_customer', 'resolved', 'closed', 'cancelled']);
    expect(res.body.data.transitions).toContainEqual({ from: ['resolved'], to: 'closed', roles: ['customer', '*'], approval: null });
    expect((await http().get('/scrm-tickets/templates/no_such_template/workflow').set(bearer(me.jwt))).status).toBe(404);
  });
});
