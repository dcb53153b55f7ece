'use strict';

// The dashboard's endpoints on Postgres at BENCH_TICKETS (default 1,000,000) tickets over a year:
// each figure set read as the dashboard reads it (past days from the rollups, today from the
// tickets) beside the same figures computed by raw SQL over the tickets alone (`live`), in one
// run, after the rollups are built from nothing (timed too). The answers of both are compared.
// Usage: npm run bench:dashboard  (BENCH_TICKETS, BENCH_ROUNDS; BENCH_SEEDED=1 with DATABASE_URL
// naming a database an earlier run seeded: only the cases are run again)
const os = require('node:os');
const assert = require('node:assert');
const { loadApp, seedDimensions, time } = require('./lib');

const TICKETS = Number(process.env.BENCH_TICKETS || 1_000_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS || 20);
const RAW_ROUNDS = Math.max(3, Math.round(ROUNDS / 5));
const AGENTS = 200;
const TEAMS = ['kefu', 'shouhou', 'anzhuang', 'vip', 'tousu'];

/**
 * A year of tickets, as a service team has them: reported evenly over 365 days; 95 % answered
 * within 4 h; everything older than two weeks done (resolved within 5 days, 80 % then closed the
 * next day), half of the last two weeks; SLA verdicts, ratings on 60 %, amounts on closed ones,
 * 5 % reopened once.
 */
async function seed(strapi) {
  const knex = strapi.db.connection;
  const { templates, stores, agents } = await seedDimensions(strapi, AGENTS);
  await knex.raw(
    `INSERT INTO scrm_tickets (document_id, number, title, state, priority, source, team, version, approval_state, fields, tags, reopen_count, reported_at,
        first_responded_at, resolved_at, closed_at, sla_met, csat, amount_fen, created_at, updated_at, published_at)
     SELECT 'bench-' || g, 'GD' || lpad(g::text, 10, '0'),
       (ARRAY['空调不制冷','洗衣机漏水','冰箱异响','热水器打不着火','安装预约','投诉配送慢'])[1 + g % 6],
       CASE WHEN closed IS NOT NULL THEN 'closed' WHEN resolved IS NOT NULL THEN 'resolved' ELSE 'in_progress' END,
       'normal', (ARRAY['h5','wecom','api','wecom_kf','admin'])[1 + g % 5], (ARRAY[${TEAMS.map((t) => `'${t}'`).join(',')}])[1 + (g / 7) % 5], 1, 'none', '{}'::jsonb,
       CASE WHEN g % 9 = 0 THEN '["vip"]'::jsonb ELSE '[]'::jsonb END, CASE WHEN g % 20 = 0 THEN 1 ELSE 0 END, c,
       CASE WHEN g % 20 <> 7 THEN c + (g % 14400) * interval '1 second' END, resolved, closed,
       CASE WHEN resolved IS NULL THEN NULL ELSE g % 10 < 8 END, CASE WHEN resolved IS NOT NULL AND g % 5 < 3 THEN 1 + g % 5 END,
       CASE WHEN closed IS NOT NULL THEN 5000 + (g * 37) % 200000 END, c, c, c
     FROM (
       SELECT g, c,
         CASE WHEN c < now() - interval '14 days' OR g % 2 = 0 THEN LEAST(c + (g % 432000) * interval '1 second', now()) END AS resolved,
         CASE WHEN (c < now() - interval '14 days' OR g % 2 = 0) AND g % 5 <> 0 AND c + (g % 432000) * interval '1 second' + interval '1 day' < now()
           THEN c + (g % 432000) * interval '1 second' + interval '1 day' END AS closed
       FROM (SELECT g, now() - (? - g) * (interval '365 days' / ?) AS c FROM generate_series(1, ?) g) x
     ) y`,
    [TICKETS, TICKETS, TICKETS]
  );
  await knex.raw(`INSERT INTO scrm_tickets_template_lnk (ticket_id, ticket_template_id) SELECT id, (ARRAY[${templates.join(',')}])[1 + id % 3] FROM scrm_tickets`);
  await knex.raw(`INSERT INTO scrm_tickets_region_lnk (ticket_id, region_id) SELECT id, (ARRAY[${stores.join(',')}])[1 + (id * 13) % ${stores.length}] FROM scrm_tickets WHERE id % 50 <> 0`);
  await knex.raw(`INSERT INTO scrm_tickets_assignee_lnk (ticket_id, user_id) SELECT id, (ARRAY[${agents.join(',')}])[1 + (id * 7) % ${AGENTS}] FROM scrm_tickets WHERE id % 10 <> 0`);
  // Settlement lines for the closed tickets of the last three months (platform, store, engineer).
  await knex.raw(
    `INSERT INTO scrm_settlement_lines (period, party, currency, seq, kind, ticket_id, ticket, tier, level, line_fen, fen, sealed)
     SELECT to_char(t.closed_at + interval '8 hours', 'YYYY-MM'), p.party, 'CNY', 0, 'ticket', t.id, t.number, 'bench', p.level, t.amount_fen / 10, t.amount_fen / 10 * p.share / 100, false
     FROM scrm_tickets t CROSS JOIN (VALUES ('platform', 0, 10), ('store', 1, 20), ('engineer', 2, 70)) AS p(party, level, share)
     WHERE t.closed_at > now() - interval '90 days'`
  );
  await knex.raw('ANALYZE');
}

/** An answer without the backlog's age (measured up to now, so a second later it is a second more). */
const comparable = (answer) => JSON.parse(JSON.stringify(answer, (key, value) => (key === 'backlogAgeSeconds' ? undefined : value)));

const day = (offset) => new Date(Date.now() + 8 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);

(async () => {
  const { strapi, close } = await loadApp('scrm_bench_dash');
  try {
    let started = Date.now();
    if (!process.env.BENCH_SEEDED) {
      await seed(strapi);
      console.log(`seeded ${TICKETS} tickets over 365 days (3 templates, 550 regions, ${AGENTS} agents) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
    started = Date.now();
    const { built } = await strapi.plugin('scrm-tickets').service('report-rollups').refresh();
    const counted = (await strapi.db.connection.raw(
      'SELECT (SELECT count(*) FROM scrm_report_rollups) AS r, (SELECT count(*) FROM scrm_report_durations) AS d, (SELECT count(*) FROM scrm_report_marginals) AS m, (SELECT count(*) FROM scrm_report_histograms) AS h'
    )).rows[0];
    console.log(
      `built the rollups of ${built.length} days in ${((Date.now() - started) / 1000).toFixed(1)} s: fine level ${counted.r} rows and ${counted.d} duration rows, marginal level ${counted.m} rows and ${counted.h} histogram rows`
    );
    await strapi.db.connection.raw('ANALYZE');

    const reports = strapi.plugin('scrm-tickets').service('reports');
    const month = { from: day(0).slice(0, 8) + '01', to: day(1) };
    const last30 = { from: day(-29), to: day(1) };
    const last90 = { from: day(-89), to: day(1) };
    const year = { from: day(-364), to: day(1) };
    const cases = [
      ['summary, this month', (o) => reports.summary(month, o)],
      ['summary, last 30 days', (o) => reports.summary(last30, o)],
      ['summary, last 90 days', (o) => reports.summary(last90, o)],
      ['summary, last 365 days', (o) => reports.summary(year, o)],
      ['summary, 30 days, a city', (o) => reports.summary({ ...last30, region: 'city1_3' }, o)],
      ['trend per day, 30 days', (o) => reports.trend({ ...last30, interval: 'day' }, o)],
      ['trend per month, 365 days', (o) => reports.trend({ ...year, interval: 'month' }, o)],
      ['by region (areas), 30 days', (o) => reports.breakdown({ ...last30, by: 'region' }, o)],
      ['by agent (200), 30 days', (o) => reports.breakdown({ ...last30, by: 'agent' }, o)],
      ['by source, 90 days', (o) => reports.breakdown({ ...last90, by: 'source' }, o)],
    ];
    const table = [];
    for (const [name, fn] of cases) {
      const dashboard = await time(() => fn({}), ROUNDS);
      // The raw computation takes seconds at this size: fewer rounds, one warm-up.
      const raw = await time(() => fn({ live: true }), RAW_ROUNDS, 1);
      // Same answers, or the speed means nothing (the backlog's age runs with the clock between the two).
      assert.deepStrictEqual(comparable(dashboard.last), comparable(raw.last), `${name}: rollups and raw SQL disagree`);
      table.push({ case: name, 'dashboard p50 ms': dashboard.p50, 'dashboard p95 ms': dashboard.p95, 'raw SQL p50 ms': raw.p50, 'raw SQL p95 ms': raw.p95 });
    }
    console.log(`\ndashboard endpoints on Postgres, ${TICKETS} tickets, ${ROUNDS} rounds (raw SQL ${RAW_ROUNDS}), ${os.cpus().length} cores, Node ${process.version}, ${new Date().toISOString()}`);
    console.table(table);
  } finally {
    await close();
  }
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
