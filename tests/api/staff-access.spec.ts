import { adminWithRole, bearer, createTemplate, http, unique } from '../helpers/fixtures';
import { strapi } from '../helpers/strapi';
import adminRoutes from '../../src/plugins/scrm-tickets/server/src/routes/admin';
import { STAFF_ROLES } from '../../src/plugins/scrm-tickets/server/src/services/staff-roles';

const TICKET_UID = 'plugin::scrm-tickets.ticket';
const REGION_UID = 'plugin::scrm-tickets.region';
const CM = `/content-manager/collection-types/${TICKET_UID}`;

describe('staff access: seeded roles, permissions on every admin route, region scope', () => {
  it('seeds the service team’s roles with their rights, once', async () => {
    const roles = await strapi().db.query('admin::role').findMany({ where: { code: { $startsWith: 'scrm-' } }, populate: { permissions: true } });
    const byName = new Map(roles.map((r: any) => [r.name, r.permissions.map((p: any) => p.action)]));
    expect([...byName.keys()].sort()).toEqual(['区域经理', '客服坐席', '店长', '管理员', '财务'].sort());
    const has = (role: string, action: string) => byName.get(role)!.includes(action);
    // Other specs add actions to 客服坐席 and 店长 for their own checks; none touches 财务 or 管理员.
    for (const role of STAFF_ROLES) for (const action of role.actions) expect([role.name, action, has(role.name, `plugin::scrm-tickets.${action}`)]).toEqual([role.name, action, true]);
    expect(has('财务', 'plugin::scrm-tickets.ticket.transition')).toBe(false);
    expect(has('财务', 'plugin::scrm-tickets.library.manage')).toBe(false);
    expect(has('管理员', 'plugin::scrm-tickets.library.manage')).toBe(true);
    expect(has('客服坐席', 'plugin::content-manager.explorer.read')).toBe(true);
    // Replies carry photos: the roles that reply may upload; finance does not.
    expect(['客服坐席', '店长', '区域经理', '管理员', '财务'].map((r) => has(r, 'plugin::upload.assets.create'))).toEqual([true, true, true, true, false]);
    const again = await strapi().plugin('scrm-tickets').service('staff-roles').ensure();
    expect(again.created).toEqual([]);
  });

  describe('every admin route asks for its action', () => {
    const routes = adminRoutes.routes.map((r: any) => ({
      method: r.method.toLowerCase() as 'get' | 'post',
      path: `/scrm-tickets${r.path.replace(/:\w+/g, 'nope')}`,
      actions: r.config.policies.find((p: any) => p.name === 'admin::hasPermissions').config.actions as string[],
    })).map((r: any) => ({ ...r, action: r.actions.join(' + ') }));
    let none: { jwt: string };
    beforeAll(async () => {
      none = await adminWithRole(unique('无权限'));
    });

    it.each(routes)('$method $path needs $action', async ({ method, path, action, actions }) => {
      expect((await http()[method](path).send({})).status).toBe(401);
      expect((await http()[method](path).set(bearer(none.jwt)).send({})).status).toBe(403);
      // A route that asks for two actions (a report's export: report.read + ticket.export) refuses either alone.
      if (actions.length > 1) {
        for (const one of actions) expect((await http()[method](path).set(bearer((await adminWithRole(`仅 ${one}`, [one])).jwt)).send({})).status).toBe(403);
      }
      const holder = await adminWithRole(`仅 ${action}`, actions);
      const allowed = await http()[method](path).set(bearer(holder.jwt)).send({});
      expect([401, 403]).not.toContain(allowed.status);
      expect(allowed.status).toBeLessThan(500);
    });

    // The matrix: every seeded role against every admin route — refused exactly where the role
    // lacks the route's actions (as they stand: other specs may have given a role more).
    it('lets each seeded role through exactly the routes its actions open', async () => {
      for (const name of ['客服坐席', '店长', '区域经理', '管理员', '财务']) {
        const { jwt, role } = await adminWithRole(name);
        const held = new Set((await strapi().db.query('admin::permission').findMany({ where: { role: role.id } })).map((p: any) => p.action));
        for (const { method, path, actions } of routes) {
          const status = (await http()[method](path).set(bearer(jwt)).send({})).status;
          expect([name, method, path, status === 403, status < 500]).toEqual([name, method, path, !actions.every((a: string) => held.has(a)), true]);
        }
      }
    });
  });

  describe('an agent of 上海 does not see 杭州', () => {
    let template: any;
    const tickets: Record<string, any> = {};
    let agent: { jwt: string; id: number };
    let manager: { jwt: string; id: number };

    beforeAll(async () => {
      const regions = strapi().documents(REGION_UID as any);
      const east: any = await regions.create({ data: { code: unique('EAST'), name: '华东', level: 'area' } as any });
      const sh: any = await regions.create({ data: { code: unique('SH'), name: '上海', level: 'city', parent: east.documentId } as any });
      const xuhui: any = await regions.create({ data: { code: unique('SHXH'), name: '上海徐汇店', level: 'store', parent: sh.documentId } as any });
      const hz: any = await regions.create({ data: { code: unique('HZ'), name: '杭州', level: 'city', parent: east.documentId } as any });
      template = await createTemplate({ fieldDefinitions: [{ key: 'summary', label: { 'zh-Hans': '概述' }, type: 'text' }] });
      for (const [name, region] of [['上海', sh], ['徐汇', xuhui], ['杭州', hz], ['未分区', null]] as const) {
        tickets[name] = await strapi().documents(TICKET_UID as any).create({ data: { templateKey: template.key, title: `${name}的单`, fields: {}, ...(region ? { region: region.documentId } : {}) } as any });
      }
      const team = unique('scope-team').toLowerCase();
      await strapi().documents('plugin::scrm-tickets.team' as any).create({ data: { key: team, name: team, autoAssign: false } as any });
      const profile = (user: number, codes: string[]) =>
        strapi().documents('plugin::scrm-tickets.agent-profile' as any).create({ data: { name: unique('坐席'), team, user, regions: codes, capacity: 5 } as any });
      agent = await adminWithRole('客服坐席');
      await profile(agent.id, [sh.code]);
      manager = await adminWithRole('区域经理');
      await profile(manager.id, [east.code]);
      (tickets as any).hzRegion = hz;
    });

    const titlesFor = async (jwt: string) => {
      const res = await http().get(CM).query({ pageSize: 100, filters: { template: { key: template.key } }, sort: 'title:asc' }).set(bearer(jwt));
      expect(res.status).toBe(200);
      return { titles: res.body.results.map((t: any) => t.title).sort(), total: res.body.pagination.total };
    };

    it('lists, counts and opens only their regions’ tickets (and unplaced ones) in the Content Manager', async () => {
      expect(await titlesFor(agent.jwt)).toEqual({ titles: ['上海的单', '徐汇的单', '未分区的单'].sort(), total: 3 });
      expect(await titlesFor(manager.jwt)).toEqual({ titles: ['上海的单', '徐汇的单', '未分区的单', '杭州的单'].sort(), total: 4 });
      expect((await http().get(`${CM}/${tickets['杭州'].documentId}`).set(bearer(agent.jwt))).status).toBe(404);
      expect((await http().get(`${CM}/${tickets['徐汇'].documentId}`).set(bearer(agent.jwt))).status).toBe(200);
    });

    it('cannot act on another region’s ticket through the plugin’s routes, nor file one into it', async () => {
      const moves = await http().get(`/scrm-tickets/tickets/${tickets['杭州'].documentId}/transitions`).set(bearer(agent.jwt));
      expect(moves.status).toBe(404);
      expect((await http().get(`/scrm-tickets/tickets/${tickets['上海'].documentId}/transitions`).set(bearer(agent.jwt))).status).toBe(200);
      const update = await http().put(`${CM}/${tickets['杭州'].documentId}`).set(bearer(agent.jwt)).send({ title: '改别人的单', version: 1 });
      expect(update.status).toBe(404);
      const filed = await http()
        .post(CM)
        .set(bearer(agent.jwt))
        .send({ title: '越区', template: { connect: [{ documentId: template.documentId }] }, fields: {}, region: { connect: [{ documentId: (tickets as any).hzRegion.documentId }] } });
      expect(filed.status).toBe(403);
      expect((await strapi().documents(TICKET_UID as any).findOne({ documentId: tickets['杭州'].documentId } as any) as any).title).toBe('杭州的单');
    });
  });
});
