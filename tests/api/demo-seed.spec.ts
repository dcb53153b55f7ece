import { strapi } from '../helpers/strapi';
import { http } from '../helpers/fixtures';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { seed, ADMIN } = require('../../scripts/seed');
// eslint-disable-next-line @typescript-eslint/no-var-requires
const staff = require('../../scripts/seed/staff');

describe('demo seed (npm run demo)', () => {
  it('loads the demo through the one write path, and a second run seeds nothing', async () => {
    const s = strapi();
    const before = await s.documents('plugin::scrm-tickets.ticket' as any).count({});
    expect(await seed(s, () => {})).toBe(true);

    const tickets = (await s.documents('plugin::scrm-tickets.ticket' as any).count({})) - before;
    expect(tickets).toBe(200);
    const keys = (await s.documents('plugin::scrm-tickets.ticket-template' as any).findMany({
      filters: { key: { $in: ['device_repair', 'complaint', 'return_exchange', 'install_booking'] } },
    } as any)).map((t: any) => t.key);
    expect(keys.sort()).toEqual(['complaint', 'device_repair', 'install_booking', 'return_exchange']);
    const states = await s.db.connection('scrm_tickets').distinct('state');
    expect(states.length).toBeGreaterThanOrEqual(6);
    // Every seeded ticket has its created event: they went through the middleware.
    const created = await s.db.connection('scrm_ticket_events').where({ type: 'created' }).count({ n: '*' });
    expect(Number(created[0].n)).toBeGreaterThanOrEqual(200);

    // The seeded keyword rule routed the demo's returns: high priority and tagged.
    const complaints = await s.documents('plugin::scrm-tickets.ticket' as any).findMany({
      filters: { title: { $contains: '退货' } },
      fields: ['priority', 'tags'],
      limit: 5,
    } as any);
    expect(complaints.length).toBeGreaterThan(0);
    for (const t of complaints as any[]) {
      expect(['high', 'urgent']).toContain(t.priority);
      expect(t.tags).toContain('complaint');
    }

    // Every seeded ticket runs on an SLA policy; the closed ones were judged.
    const clocked = await s.documents('plugin::scrm-tickets.ticket' as any).count({ filters: { slaPolicyKey: { $in: ['vip', 'standard'] } } } as any);
    expect(clocked).toBe(200);
    const judged = await s.documents('plugin::scrm-tickets.ticket' as any).count({ filters: { state: 'closed', slaMet: { $notNull: true } } } as any);
    expect(judged).toBeGreaterThan(0);

    // The VIP rule sent VIP customers to the VIP desk, which assigned them.
    const agents = await s.documents('plugin::scrm-tickets.agent-profile' as any).count({ filters: { team: { $in: ['service', 'vip'] } } } as any);
    expect(agents).toBe(4);
    // One person in each role the plugin makes, logging in with the demo password.
    const emails = [...staff.agents, ...staff.office].map((p: any) => p.email);
    const staffRoles = await s.db.query('admin::user').findMany({ where: { email: { $in: emails } }, populate: { roles: true } });
    expect([...new Set(staffRoles.flatMap((u: any) => u.roles.map((r: any) => r.name)))].sort()).toEqual(['区域经理', '客服坐席', '店长', '管理员', '财务'].sort());
    const finance = await http().post('/admin/login').send({ email: 'qian.hui@scrm.local', password: ADMIN.password });
    expect(finance.status).toBe(200);
    const assigned = await s.db.connection('scrm_ticket_events').where({ type: 'assignment' }).count({ n: '*' });
    expect(Number(assigned[0].n)).toBeGreaterThan(0);

    // Finance can settle the month the demo closed its tickets in: repairs and installations
    // have tiers, and the price list quotes.
    const period = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
    const drafted = await s.plugin('scrm-tickets').service('statements').draft(period);
    expect(drafted.tickets).toBeGreaterThan(0);
    expect(await s.db.query('plugin::scrm-tickets.settlement-statement' as any).count({ where: { period, party: 'platform' } })).toBe(1);
    const quote = await s.plugin('scrm-tickets').service('pricing').quote({ region: 'SH-XH', items: [{ item: 'ac_clean', quantity: 1 }], at: '2026-06-10T10:00:00+08:00' });
    // 9900 × 1.2 (徐汇店's own coefficient) = 11880 × 1.05 (梅雨季) = 12474.
    expect(quote.totalFen).toBe(12474);

    // The 家电售后 preset came in through the library import.
    const preset = await s.documents('plugin::scrm-tickets.ticket-template' as any).count({ filters: { key: { $in: ['ha_install', 'ha_repair', 'ha_return'] } } } as any);
    expect(preset).toBe(3);

    expect(await seed(s, () => {})).toBe(false);
    expect((await s.documents('plugin::scrm-tickets.ticket' as any).count({})) - before).toBe(200);
  }, 120_000);

  it('creates the documented admin login', async () => {
    const res = await http().post('/admin/login').send({ email: ADMIN.email, password: ADMIN.password });
    expect(res.status).toBe(200);
  });
});
