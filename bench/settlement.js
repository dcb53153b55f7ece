'use strict';

// A month's settlement on Postgres: BENCH_TICKETS (default 1,000,000) closed tickets on three
// tiers (the worked example's progressive brackets with rush and CSAT; whole-amount brackets on
// the engineer's month volume; fixed amounts before the remainder), 500 engineers and 550
// regions — drafted by the settlement run (INSERT … SELECT of every payee's line, adjustments,
// statements), beside a raw SQL aggregate over the same rows (tickets × template × tier ×
// assignee, grouped by engineer), in one run.
// Usage: npm run bench:settlement  (BENCH_TICKETS)
const os = require('node:os');
const { loadApp } = require('./lib');

const TICKETS = Number(process.env.BENCH_TICKETS || 1_000_000);
const ENGINEERS = 500;
const PERIOD = '2026-10';

const TIERS = [
  {
    key: 'bench_worked', name: '标准档',
    model: {
      baseFees: { default: 8000, install: 12000 },
      commission: { basis: 'ticket_amount', mode: 'progressive', brackets: [{ upToFen: 100000, rate: '0.05' }, { upToFen: null, rate: '0.08' }] },
      rush: { priorities: ['urgent'], rate: '0.10' },
      satisfaction: { '5': '1.05', '4': '1', '3': '0.95', '2': '0.9', '1': '0.8' },
      split: [{ party: 'platform', rate: '0.10' }, { party: 'region', rate: '0.05' }, { party: 'store', rate: '0.20' }, { party: 'engineer' }],
    },
  },
  {
    key: 'bench_volume', name: '量档',
    model: {
      baseFees: { default: 5000 },
      commission: { basis: 'period_volume', mode: 'whole', brackets: [{ upToFen: 5000000, rate: '0.01' }, { upToFen: 20000000, rate: '0.015' }, { upToFen: null, rate: '0.02' }] },
      rush: { withinHours: 4, fixedFen: 1000 },
      split: [{ party: 'platform', rate: '0.15' }, { party: 'engineer' }],
    },
  },
  {
    key: 'bench_fixed', name: '定额档',
    model: {
      baseFees: { default: 3000 },
      split: [{ party: 'platform', fixedFen: 500 }, { party: 'city_partner', fixedFen: 800 }, { party: 'store', rate: '0.3' }, { party: 'engineer' }],
    },
  },
];

async function seed(strapi) {
  const knex = strapi.db.connection;
  const ids = [];
  for (const tier of TIERS) {
    const t = await strapi.documents('plugin::scrm-tickets.settlement-tier').create({ data: tier });
    const template = await strapi.documents('plugin::scrm-tickets.ticket-template').create({ data: { key: `${tier.key}_tpl`, name: tier.name, fieldDefinitions: [], settlementTier: t.documentId } });
    ids.push(template.id);
  }
  // Regions: 5 areas → 50 cities (× 1.2 for the first ten, 一线) → 500 stores, through the query engine.
  const regions = [];
  for (let a = 0; a < 5; a += 1) {
    const area = await strapi.db.query('plugin::scrm-tickets.region').create({ data: { code: `area${a}`, name: `大区${a}`, level: 'area' } });
    for (let c = 0; c < 10; c += 1) {
      const city = await strapi.db.query('plugin::scrm-tickets.region').create({ data: { code: `city${a}_${c}`, name: `城市${a}_${c}`, level: 'city', parent: area.id, priceCoefficient: c < 2 ? '1.2' : '1' } });
      const stores = Array.from({ length: 10 }, (_, s) => ({ document_id: `bench-store-${a}-${c}-${s}`, code: `store${a}_${c}_${s}`, name: `门店${a}_${c}_${s}`, level: 'store', price_coefficient: s % 3 === 0 ? '1.05' : '1', created_at: new Date(), updated_at: new Date(), published_at: new Date() }));
      const inserted = await knex('scrm_regions').insert(stores).returning('id');
      await knex('scrm_regions_parent_lnk').insert(inserted.map((r) => ({ region_id: r.id, inv_region_id: city.id })));
      regions.push(...inserted.map((r) => r.id));
    }
  }
  const engineers = await knex('admin_users')
    .insert(Array.from({ length: ENGINEERS }, (_, i) => ({ document_id: `bench-engineer-${i}`, firstname: `工程师${i}`, email: `engineer${i}@bench.local`, is_active: true, blocked: false, created_at: new Date(), updated_at: new Date() })))
    .returning('id');

  // The tickets, closed through the month in Asia/Shanghai, in one statement each table.
  await knex.raw(
    `INSERT INTO scrm_tickets (document_id, number, title, state, amount_fen, priority, csat, fields, reported_at, resolved_at, closed_at, created_at, updated_at, published_at)
     SELECT 'bench-' || g, 'GD202610-' || lpad(g::text, 7, '0'), '结算压测', 'closed', (g::bigint * 7919) % 300000,
       (ARRAY['low','normal','high','urgent'])[1 + g % 4], CASE WHEN g % 7 = 0 THEN NULL ELSE 1 + g % 5 END,
       CASE WHEN g % 5 = 0 THEN '{"serviceItem":"install"}'::jsonb ELSE '{}'::jsonb END,
       c - interval '1 hour' * (1 + g % 72), c - interval '30 minutes', c, c, c, c
     FROM (SELECT g, timestamptz '2026-10-01 00:00:00+08' + (g % (31 * 24 * 60)) * interval '1 minute' AS c FROM generate_series(1, ?) g) s`,
    [TICKETS]
  );
  const templateIds = `ARRAY[${ids.join(',')}]`;
  await knex.raw(`INSERT INTO scrm_tickets_template_lnk (ticket_id, ticket_template_id) SELECT id, (${templateIds})[1 + id % 3] FROM scrm_tickets`);
  await knex.raw(`INSERT INTO scrm_tickets_region_lnk (ticket_id, region_id) SELECT id, (ARRAY[${regions.join(',')}])[1 + id % ${regions.length}] FROM scrm_tickets WHERE id % 50 <> 0`);
  await knex.raw(`INSERT INTO scrm_tickets_assignee_lnk (ticket_id, user_id) SELECT id, (ARRAY[${engineers.map((e) => e.id).join(',')}])[1 + id % ${ENGINEERS}] FROM scrm_tickets WHERE id % 40 <> 0`);
  await knex.raw('ANALYZE');
}

/** The baseline: the month's tickets on a tier, summed per engineer by hand-written SQL. */
async function rawAggregate(knex) {
  const started = process.hrtime.bigint();
  const rows = await knex.raw(
    `SELECT a.user_id, COUNT(*) AS tickets, SUM(t.amount_fen) AS amount
     FROM scrm_tickets t
     JOIN scrm_tickets_template_lnk tl ON tl.ticket_id = t.id
     JOIN scrm_ticket_templates_settlement_tier_lnk tt ON tt.ticket_template_id = tl.ticket_template_id
     LEFT JOIN scrm_tickets_assignee_lnk a ON a.ticket_id = t.id
     WHERE t.closed_at >= ? AND t.closed_at < ?
     GROUP BY a.user_id`,
    [new Date('2026-09-30T16:00:00Z'), new Date('2026-10-31T16:00:00Z')]
  );
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, groups: rows.rows.length };
}

/** A run as finance starts it (request → job → done), timing each of its steps from its progress. */
async function settlementRun(strapi) {
  const runs = strapi.plugin('scrm-tickets').service('settlement-runs');
  const started = process.hrtime.bigint();
  const steps = {};
  let last = { step: 'start', at: started };
  let run = await runs.request(PERIOD);
  while (run.status === 'queued' || run.status === 'running') {
    await new Promise((r) => setTimeout(r, 20));
    run = await runs.get(run.id);
    if (run.step && run.step !== last.step) {
      const now = process.hrtime.bigint();
      steps[last.step] = Number(now - last.at) / 1e9;
      last = { step: run.step, at: now };
    }
  }
  if (run.status !== 'done') throw new Error(`run failed: ${run.error}`);
  steps[last.step] = Number(process.hrtime.bigint() - last.at) / 1e9;
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, result: run.result, steps };
}

(async () => {
  const { strapi, close } = await loadApp('scrm_bench_settlement');
  try {
    const seeding = Date.now();
    await seed(strapi);
    console.log(`seeded ${TICKETS} closed tickets in ${((Date.now() - seeding) / 1000).toFixed(1)} s`);
    const knex = strapi.db.connection;
    await rawAggregate(knex); // warm the cache for both
    const raw = await rawAggregate(knex);
    const first = await settlementRun(strapi);
    const again = await settlementRun(strapi);
    const [{ lines, fen }] = (await knex.raw("SELECT COUNT(*) AS lines, SUM(fen) AS fen FROM scrm_settlement_lines WHERE period = ?", [PERIOD])).rows;
    const [{ total }] = (await knex.raw('SELECT SUM(line_fen) AS total FROM (SELECT DISTINCT ticket_id, line_fen FROM scrm_settlement_lines WHERE period = ?) t', [PERIOD])).rows;
    if (fen !== total) throw new Error(`shares ${fen} do not add up to the lines ${total}`);
    console.log(`\nsettlement of ${PERIOD} on Postgres, ${TICKETS} closed tickets, ${os.cpus().length} cores, Node ${process.version}, ${new Date().toISOString()}`);
    console.table([
      { case: 'raw SQL aggregate (tickets × tier × engineer, GROUP BY)', seconds: raw.seconds.toFixed(2), rows: raw.groups },
      { case: 'settlement run (lines + statements), first', seconds: first.seconds.toFixed(2), rows: Number(lines), ratio: (first.seconds / raw.seconds).toFixed(1) },
      { case: 'settlement run, recomputed', seconds: again.seconds.toFixed(2), rows: again.result.drafts, ratio: (again.seconds / raw.seconds).toFixed(1) },
    ]);
    console.log(`${first.result.tickets} tickets → ${lines} lines, ${first.result.drafts} draft statements; shares add up to the lines: ${fen} fen`);
    const fmt = (steps) => Object.entries(steps).map(([step, s]) => `${step} ${s.toFixed(2)} s`).join(', ');
    console.log(`steps, first: ${fmt(first.steps)}\nsteps, recomputed: ${fmt(again.steps)}`);
  } finally {
    await close();
  }
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
