'use strict';

// The admin ticket list on Postgres at BENCH_TICKETS (default 1,000,000) tickets: each case of the
// list API (services/ticket-list.ts: first page, a page far down by cursor, filters, region
// subtree, number and customer search, the due-soon view) beside the same page read by
// hand-written SQL (keyset query with the same joins + the same capped count), in one run.
// Usage: npm run bench:list  (BENCH_TICKETS, BENCH_ROUNDS)
const os = require('node:os');
const { loadApp, seedDimensions, time: timeRounds } = require('./lib');

const TICKETS = Number(process.env.BENCH_TICKETS || 1_000_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS || 30);
const CUSTOMERS = 100_000;
const AGENTS = 200;
const PAGE = 50;
const COUNT_CAP = 10_000;
const time = (fn) => timeRounds(fn, ROUNDS);
const STATES = ['new', 'assigned', 'in_progress', 'pending_customer', 'resolved', 'closed'];

async function seed(strapi) {
  const knex = strapi.db.connection;
  const { templates, stores, agents } = await seedDimensions(strapi, AGENTS);
  await knex.raw(
    `INSERT INTO customers (document_id, name, mobile, created_at, updated_at, published_at)
     SELECT 'bench-c-' || g, '客户' || g, '139' || lpad(g::text, 8, '0'), now(), now(), now() FROM generate_series(1, ?) g`,
    [CUSTOMERS]
  );
  // Created over the last 200 days; open ones (new … pending_customer) carry a resolution due time
  // around now, so the due-soon view and SLA filters find some.
  await knex.raw(
    `INSERT INTO scrm_tickets (document_id, number, title, state, priority, source, version, approval_state, fields, resolution_due_at, resolved_at, closed_at, created_at, updated_at, published_at)
     SELECT 'bench-' || g, 'GD' || to_char(c AT TIME ZONE 'Asia/Shanghai', 'YYYYMMDD') || '-' || lpad(g::text, 7, '0'),
       (ARRAY['空调不制冷','洗衣机漏水','冰箱异响','热水器打不着火','安装预约','投诉配送慢'])[1 + g % 6] || ' #' || g,
       s, (ARRAY['low','normal','normal','high','urgent'])[1 + g % 5], (ARRAY['h5','wecom','api','wecom_kf','admin'])[1 + g % 5], 1, 'none', '{}'::jsonb,
       CASE WHEN s IN ('resolved','closed') THEN NULL ELSE now() + ((g % 97) - 30) * interval '1 hour' END,
       CASE WHEN s IN ('resolved','closed') THEN c + interval '1 day' END, CASE WHEN s = 'closed' THEN c + interval '2 days' END,
       c, c, c
     FROM (SELECT g, now() - (? - g) * (interval '200 days' / ?) AS c, (ARRAY[${STATES.map((s) => `'${s}'`).join(',')}])[1 + (g * 7) % 6] AS s FROM generate_series(1, ?) g) x`,
    [TICKETS, TICKETS, TICKETS]
  );
  await knex.raw(`INSERT INTO scrm_tickets_template_lnk (ticket_id, ticket_template_id) SELECT id, (ARRAY[${templates.join(',')}])[1 + id % 3] FROM scrm_tickets`);
  await knex.raw(`INSERT INTO scrm_tickets_region_lnk (ticket_id, region_id) SELECT id, (ARRAY[${stores.join(',')}])[1 + id % ${stores.length}] FROM scrm_tickets WHERE id % 50 <> 0`);
  await knex.raw(`INSERT INTO scrm_tickets_assignee_lnk (ticket_id, user_id) SELECT id, (ARRAY[${agents.join(',')}])[1 + id % ${AGENTS}] FROM scrm_tickets WHERE id % 10 <> 0`);
  await knex.raw(`INSERT INTO scrm_tickets_customer_lnk (ticket_id, customer_id) SELECT t.id, c.id FROM scrm_tickets t JOIN customers c ON c.document_id = 'bench-c-' || (1 + t.id % ${CUSTOMERS})`);
  await knex.raw('ANALYZE');
  return { stores };
}

/**
 * The hand-written page: the same keyset order, the columns the list shows with its four joins,
 * and the same capped count. `where` is SQL over `t` (and `cu` for the customer).
 */
async function rawPage(knex, { where = 'TRUE', bindings = [], order = 't.created_at DESC, t.id DESC' }) {
  const joins = `
    LEFT JOIN scrm_tickets_template_lnk tl ON tl.ticket_id = t.id LEFT JOIN scrm_ticket_templates tp ON tp.id = tl.ticket_template_id
    LEFT JOIN scrm_tickets_region_lnk rl ON rl.ticket_id = t.id LEFT JOIN scrm_regions r ON r.id = rl.region_id
    LEFT JOIN scrm_tickets_assignee_lnk al ON al.ticket_id = t.id LEFT JOIN admin_users u ON u.id = al.user_id
    LEFT JOIN scrm_tickets_customer_lnk cl ON cl.ticket_id = t.id LEFT JOIN customers cu ON cu.id = cl.customer_id`;
  const [rows, count] = await Promise.all([
    knex.raw(`SELECT t.id, t.document_id, t.number, t.title, t.state, t.priority, t.created_at, tp.key, r.name AS region, u.firstname, cu.name AS customer
      FROM scrm_tickets t ${joins} WHERE ${where} ORDER BY ${order} LIMIT ${PAGE + 1}`, bindings),
    knex.raw(`SELECT count(*) FROM (SELECT t.id FROM scrm_tickets t ${joins} WHERE ${where} LIMIT ${COUNT_CAP + 1}) c`, bindings),
  ]);
  return { rows: rows.rows.length, total: Number(count.rows[0].count) };
}

(async () => {
  const { strapi, close } = await loadApp('scrm_bench_list');
  try {
    const seeding = Date.now();
    await seed(strapi);
    console.log(`seeded ${TICKETS} tickets, ${CUSTOMERS} customers, 550 regions, ${AGENTS} agents in ${((Date.now() - seeding) / 1000).toFixed(1)} s`);
    const knex = strapi.db.connection;
    const list = strapi.plugin('scrm-tickets').service('ticket-list');
    const userId = (await knex('admin_users').where({ email: 'agent7@bench.local' }).first('id')).id;
    // A cursor 200 pages (10,000 tickets) down, as 加载更多 would reach it.
    const deep = (await knex.raw('SELECT id, created_at FROM scrm_tickets ORDER BY created_at DESC, id DESC OFFSET 10000 LIMIT 1')).rows[0];
    const cursor = Buffer.from(JSON.stringify({ v: new Date(deep.created_at).toISOString(), id: deep.id })).toString('base64url');
    const city = await knex('scrm_regions').where({ code: 'city0_0' }).first('id');
    const cityStores = (await knex('scrm_regions_parent_lnk').where({ inv_region_id: city.id }).select('region_id')).map((r) => r.region_id);
    const subtree = [city.id, ...cityStores];
    const sample = (await knex('scrm_tickets').where({ id: 123457 }).first('number')).number;
    const numberPrefix = sample.slice(0, 13);
    const dueBy = new Date(Date.now() + 3_600_000);

    const cases = [
      ['first page (newest first)', {}, {}],
      ['page 201 by cursor', { cursor }, { where: '(t.created_at < ? OR (t.created_at = ? AND t.id < ?))', bindings: [deep.created_at, deep.created_at, deep.id] }],
      ['state=new & priority=urgent', { state: 'new', priority: 'urgent' }, { where: "t.state IN ('new') AND t.priority = 'urgent'" }],
      ['region subtree (a city, 11 regions)', { region: 'city0_0' }, { where: `r.id IN (${subtree.join(',')})` }],
      ['assignee=me, open (我的待办)', { view: 'mine' }, { where: 'u.id = ? AND t.closed_at IS NULL', bindings: [userId] }],
      ['due within 1 h (即将超时), by due time', { view: 'due_soon', sort: 'resolutionDueAt:asc' }, { where: 't.closed_at IS NULL AND t.resolved_at IS NULL AND t.resolution_due_at < ? AND t.resolution_due_at IS NOT NULL', bindings: [dueBy], order: 't.resolution_due_at ASC, t.id ASC' }],
      [`search number prefix "${numberPrefix}"`, { q: numberPrefix }, { where: "(t.number LIKE ? OR t.title ILIKE ? OR cu.name ILIKE ?)", bindings: [`${numberPrefix}%`, `%${numberPrefix}%`, `%${numberPrefix}%`] }],
      ['search customer "客户4242"', { q: '客户4242' }, { where: "(t.number LIKE ? OR t.title ILIKE ? OR cu.name ILIKE ?)", bindings: ['客户4242%', '%客户4242%', '%客户4242%'] }],
    ];
    const table = [];
    for (const [name, query, raw] of cases) {
      const api = await time(() => list.list(query, userId));
      const sql = await time(() => rawPage(knex, raw));
      table.push({ case: name, 'list p50 ms': api.p50, 'list p95 ms': api.p95, 'raw SQL p50 ms': sql.p50, 'raw SQL p95 ms': sql.p95, rows: api.last.data.length, total: `${api.last.meta.total}${api.last.meta.totalCapped ? '+' : ''}`, 'raw total': sql.last.total > COUNT_CAP ? `${COUNT_CAP}+` : sql.last.total });
    }
    console.log(`\nadmin ticket list on Postgres, ${TICKETS} tickets, ${ROUNDS} rounds per case, ${os.cpus().length} cores, Node ${process.version}, ${new Date().toISOString()}`);
    console.table(table);
  } finally {
    await close();
  }
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
