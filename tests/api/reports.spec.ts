import ExcelJS from 'exceljs';
import { adminWithRole, apiToken, bearer, createTemplate, http, unique } from '../helpers/fixtures';
import { strapi } from '../helpers/strapi';
import { createRequestQueue } from '../../src/plugins/scrm-tickets/server/src/queues/request-queue';

// The dashboard's figures on a generated dataset whose answers are computed here, straight from
// the generated rows (nearest-rank percentiles over whole seconds, every period anchored as
// docs/reports.md says), and compared with what the endpoints answer.
const TICKET_UID = 'plugin::scrm-tickets.ticket';
const REGION_UID = 'plugin::scrm-tickets.region';
const DAY = 86_400_000;
const H = 3_600_000;
/** 2026-09-20 00:00 in Shanghai. */
const START = Date.parse('2026-09-20T00:00:00+08:00');
const SPAN = 72 * DAY;
const SOURCES = ['wecom', 'h5', 'api'];
const TEAMS = [unique('rep_a').toLowerCase(), unique('rep_b').toLowerCase()];
const TITLES = ['空调不制冷', '洗衣机漏水', '冰箱异响', '热水器打不着火', '投诉配送慢', '洗衣机不脱水'];
const TAGS = ['vip', '投诉', '返修'];

/** A small seeded generator (mulberry32): the same dataset on every run. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Gen {
  id?: number;
  title: string;
  source: string;
  team: string;
  regionId: number | null;
  agentId: number | null;
  tags: string[];
  reported: number;
  responded: number | null;
  resolved: number | null;
  closed: number | null;
  slaMet: boolean | null;
  csat: number | null;
  amountFen: number | null;
  reopenCount: number;
  state: string;
}

const done = (t: Gen) => t.resolved ?? t.closed;
const within = (v: number | null, from: number, to: number) => v !== null && v >= from && v < to;
const seconds = (from: number, to: number) => Math.max(0, Math.floor((to - from) / 1000));
const rank = (values: number[], q: number) => {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil(q * sorted.length) - 1];
};
const pct = (values: number[]) => ({ p50: rank(values, 0.5), p90: rank(values, 0.9) });
const rate = (part: number, whole: number) => (whole ? Math.round((part / whole) * 10_000) / 10_000 : null);
const halfUp = (n: number, d: number) => Math.sign(n) * Math.floor((Math.abs(n) * 2 + d) / (2 * d));

/** The figures, computed from the generated rows alone. */
function expected(rows: Gen[], from: number, to: number, at: number, costOf: (t: Gen) => number, backlog = true) {
  const created = rows.filter((t) => within(t.reported, from, to));
  const resolved = rows.filter((t) => within(done(t), from, to));
  const closed = rows.filter((t) => within(t.closed, from, to));
  const open = rows.filter((t) => t.reported < at && (done(t) === null || done(t)! >= at));
  const rated = resolved.filter((t) => t.csat !== null);
  const completed = created.filter((t) => done(t) !== null).length;
  const reopened = created.filter((t) => t.reopenCount > 0).length;
  const everResolved = created.filter((t) => done(t) !== null || t.reopenCount > 0).length;
  const slaTotal = resolved.filter((t) => t.slaMet !== null).length;
  const slaMet = resolved.filter((t) => t.slaMet === true).length;
  const revenueFen = closed.reduce((s, t) => s + (t.amountFen ?? 0), 0);
  const costFen = closed.reduce((s, t) => s + costOf(t), 0);
  const csatSum = rated.reduce((s, t) => s + t.csat!, 0);
  return {
    created: created.length,
    responded: created.filter((t) => t.responded !== null).length,
    firstResponseSeconds: pct(created.filter((t) => t.responded !== null).map((t) => seconds(t.reported, t.responded!))),
    completed,
    completionRate: rate(completed, created.length),
    reopened,
    reopenRate: rate(reopened, everResolved),
    everResolved,
    resolved: resolved.length,
    resolutionSeconds: pct(resolved.map((t) => seconds(t.reported, done(t)!))),
    slaTotal,
    slaMet,
    slaMetRate: rate(slaMet, slaTotal),
    csat: {
      rated: rated.length,
      average: rated.length ? Math.round((csatSum / rated.length) * 100) / 100 : null,
      distribution: Object.fromEntries([1, 2, 3, 4, 5].map((s) => [String(s), rated.filter((t) => t.csat === s).length])),
    },
    closed: closed.length,
    revenueFen,
    costFen,
    profitFen: revenueFen - costFen,
    profitPerTicketFen: closed.length ? halfUp(revenueFen - costFen, closed.length) : null,
    open: backlog ? open.length : null,
    backlogAgeSeconds: backlog ? pct(open.map((t) => seconds(t.reported, at))) : null,
  };
}

describe('reports: KPI and revenue figures (/scrm-tickets/reports/*)', () => {
  const rows: Gen[] = [];
  /** Settlement lines per ticket id: [party, fen, seq, kind]. */
  const lines = new Map<number, [string, number, number, string][]>();
  let template: any;
  let other: any;
  let regions: Record<'east' | 'sh' | 'xh' | 'hz', any>;
  let admin: { jwt: string; id: number };
  let agentB: { jwt: string; id: number };
  const get = (path: string, query: Record<string, unknown>, jwt = admin.jwt) => http().get(`/scrm-tickets/reports/${path}`).query(query).set(bearer(jwt));
  const cost = (t: Gen) => (lines.get(t.id!) ?? []).filter(([party, , seq, kind]) => party !== 'platform' && seq >= 0 && kind === 'ticket').reduce((s, [, fen]) => s + fen, 0);
  const NOV: [number, number] = [Date.parse('2026-11-01T00:00:00+08:00'), Date.parse('2026-12-01T00:00:00+08:00')];
  const at = (to: number) => Math.min(to, Date.now());
  const rollups = () => strapi().plugin('scrm-tickets').service('report-rollups');
  const reports = () => strapi().plugin('scrm-tickets').service('reports');
  /** A generated row as it is stored now (after writes through the workflow). */
  const reread = async (t: Gen) => {
    const row: any = await strapi().db.query(TICKET_UID as any).findOne({ where: { id: t.id } });
    const ms = (v: unknown) => (v === null || v === undefined ? null : new Date(v as any).getTime());
    Object.assign(t, {
      reported: ms(row.reportedAt), responded: ms(row.firstRespondedAt), resolved: ms(row.resolvedAt), closed: ms(row.closedAt),
      slaMet: row.slaMet === null ? null : Boolean(row.slaMet), csat: row.csat, amountFen: row.amountFen === null ? null : Number(row.amountFen), reopenCount: row.reopenCount, state: row.state,
    });
  };

  beforeAll(async () => {
    template = await createTemplate({ fieldDefinitions: [] });
    other = await createTemplate({ fieldDefinitions: [] });
    const r = strapi().documents(REGION_UID as any);
    const east: any = await r.create({ data: { code: unique('EAST'), name: '华东', level: 'area' } as any });
    const sh: any = await r.create({ data: { code: unique('SH'), name: '上海', level: 'city', parent: east.documentId } as any });
    const xh: any = await r.create({ data: { code: unique('XH'), name: '徐汇店', level: 'store', parent: sh.documentId } as any });
    const hz: any = await r.create({ data: { code: unique('HZ'), name: '杭州', level: 'city', parent: east.documentId } as any });
    regions = { east, sh, xh, hz };
    for (const key of TEAMS) await strapi().documents('plugin::scrm-tickets.team' as any).create({ data: { key, name: key, autoAssign: false } as any });
    admin = await adminWithRole('管理员');
    agentB = await adminWithRole('管理员');

    const next = random(20261124);
    const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)];
    const placeIds = [east.id, sh.id, xh.id, hz.id, null];
    for (let i = 0; i < 240; i += 1) {
      const reported = START + Math.floor(next() * SPAN);
      const responded = next() < 0.8 ? reported + Math.floor(next() * 6 * H) : null;
      const resolvedAfter = next() < 0.65 ? Math.floor(next() * 5 * DAY) : null;
      const resolved = resolvedAfter === null ? null : reported + resolvedAfter;
      // Closed after resolving, or closed without a resolution (a cancellation).
      const closed = resolved !== null ? (next() < 0.6 ? resolved + Math.floor(next() * 2 * DAY) : null) : next() < 0.1 ? reported + Math.floor(next() * DAY) : null;
      rows.push({
        title: `${pick(TITLES)}${i % 7 === 0 ? '，外机有异响' : ''}`,
        source: pick(SOURCES),
        team: pick(TEAMS),
        regionId: pick(placeIds),
        agentId: next() < 0.85 ? pick([admin.id, agentB.id]) : null,
        tags: TAGS.filter(() => next() < 0.3),
        reported,
        responded,
        resolved,
        closed,
        slaMet: resolved === null ? null : next() < 0.15 ? null : next() < 0.7,
        csat: resolved !== null && next() < 0.6 ? 1 + Math.floor(next() * 5) : null,
        amountFen: closed !== null && next() < 0.9 ? 1000 + Math.floor(next() * 200_000) : null,
        reopenCount: next() < 0.12 ? 1 + Math.floor(next() * 2) : 0,
        state: closed !== null ? 'closed' : resolved !== null ? 'resolved' : responded !== null ? 'in_progress' : 'new',
      });
    }
    // The tickets as the document service makes them, then their clocks set to the generated ones.
    const docs = strapi().documents(TICKET_UID as any);
    const query = strapi().db.query(TICKET_UID as any);
    for (const [i, t] of rows.entries()) {
      const created: any = await docs.create({ data: { templateKey: template.key, title: t.title, fields: {}, source: t.source } as any });
      t.id = created.id;
      await query.update({
        where: { id: created.id },
        data: {
          team: t.team, tags: t.tags, state: t.state, reportedAt: new Date(t.reported), firstRespondedAt: t.responded === null ? null : new Date(t.responded),
          resolvedAt: t.resolved === null ? null : new Date(t.resolved), closedAt: t.closed === null ? null : new Date(t.closed), slaMet: t.slaMet, csat: t.csat,
          amountFen: t.amountFen, reopenCount: t.reopenCount, region: t.regionId, assignee: t.agentId,
          // No SLA clock runs on these: a timer firing would rewrite what the test expects.
          firstResponseDueAt: null, nextReplyDueAt: null, resolutionDueAt: null, slaPolicyKey: null,
        } as any,
      });
      await strapi().db.connection('scrm_sla_timers').where({ ticket_id: created.id }).del();
      // Settlement lines of most closed tickets: ours (platform), the store's, the engineer's, an
      // adjustment; a rebate and a run's scratch line (seq -1) that are not a ticket's cost.
      if (t.closed !== null && i % 4 !== 0) {
        const month = new Date(t.closed + 8 * H).toISOString().slice(0, 7);
        const line = Math.floor((t.amountFen ?? 5000) / 10);
        const own: [string, number, number, string][] = [
          ['platform', Math.floor(line / 10), 0, 'ticket'],
          [`store:region:x${i}`, Math.floor(line / 5), 0, 'ticket'],
          [`engineer:user:${t.agentId ?? 0}`, line - Math.floor(line / 10) - Math.floor(line / 5), 0, 'ticket'],
        ];
        if (i % 9 === 0) own.push([`engineer:user:${t.agentId ?? 0}`, -37, 1, 'ticket']);
        if (i % 11 === 0) own.push(['store:region:scratch', 999_999, -1, 'ticket'], ['store:region:rebate', 888_888, 0, 'rebate']);
        lines.set(t.id!, own);
        await strapi().db.connection('scrm_settlement_lines').insert(
          own.map(([party, fen, seq, kind]) => ({ period: month, party, currency: 'CNY', seq, kind, ticket_id: kind === 'rebate' ? null : t.id, ticket: 'GD-test', tier: 'test', level: 0, line_fen: line, fen, sealed: false }))
        );
      }
    }
    // A ticket of another template in the same days: never in these figures.
    await docs.create({ data: { templateKey: other.key, title: '空调不制冷', fields: {}, reportedAt: new Date(NOV[0] + DAY).toISOString() } as any });
    // The past days into the rollups (a queued job or the poller does it in a running app).
    await rollups().refresh();
  }, 120_000);

  it('totals a month exactly as the rows say: counts, percentiles, rates, CSAT, money and the backlog', async () => {
    const res = await get('summary', { template: template.key, from: '2026-11-01', to: '2026-12-01' });
    expect(res.status).toBe(200);
    const want = expected(rows, NOV[0], NOV[1], at(NOV[1]), cost);
    expect(res.body.data.totals).toEqual(want);
    // The data must exercise every figure, or the comparison proves little.
    expect(want.created).toBeGreaterThan(50);
    expect(Math.min(want.reopened, want.closed, want.costFen, want.csat.rated, want.open!, want.slaMet)).toBeGreaterThan(0);
    expect(res.body.data.filters).toMatchObject({ from: '2026-11-01', to: '2026-12-01', template: template.key });
    const created = rows.filter((t) => within(t.reported, NOV[0], NOV[1]));
    expect(res.body.data.sources).toEqual(
      SOURCES.map((source) => ({ source, created: created.filter((t) => t.source === source).length }))
        .filter((s) => s.created)
        .sort((a, b) => b.created - a.created || a.source.localeCompare(b.source))
    );
    const states = new Map<string, number>();
    for (const t of created) states.set(t.state, (states.get(t.state) ?? 0) + 1);
    expect(Object.fromEntries(res.body.data.funnel.map((s: any) => [s.state, s.tickets]))).toEqual(Object.fromEntries(states));
    expect(res.body.data.funnel.find((s: any) => s.state === 'new')?.label).toEqual({ 'zh-Hans': '新建', en: 'New' });
  });

  it('answers an empty period with zeros and no percentiles or rates', async () => {
    const res = await get('summary', { template: template.key, from: '2025-01-01', to: '2025-02-01' });
    expect(res.status).toBe(200);
    const t = res.body.data.totals;
    expect([t.created, t.resolved, t.closed, t.revenueFen, t.costFen, t.open]).toEqual([0, 0, 0, 0, 0, 0]);
    expect([t.firstResponseSeconds, t.resolutionSeconds, t.backlogAgeSeconds]).toEqual([{ p50: null, p90: null }, { p50: null, p90: null }, { p50: null, p90: null }]);
    expect([t.completionRate, t.slaMetRate, t.reopenRate, t.csat.average, t.profitPerTicketFen]).toEqual([null, null, null, null, null]);
    expect(res.body.data.funnel).toEqual([]);
  });

  it('breaks the figures down by source, team, agent and template, each group as if filtered by it', async () => {
    const period = { template: template.key, from: '2026-10-01', to: '2026-12-01' };
    const [from, to] = [Date.parse('2026-10-01T00:00:00+08:00'), NOV[1]];
    for (const [by, keyOf, labelOf] of [
      ['source', (t: Gen) => t.source, (k: string) => k],
      ['team', (t: Gen) => t.team, (k: string) => k],
      ['agent', (t: Gen) => (t.agentId === null ? null : String(t.agentId)), (k: string | null) => (k === null ? '' : '管理员')],
    ] as const) {
      const res = await get('breakdown', { ...period, by });
      expect([by, res.status]).toEqual([by, 200]);
      const keys = [...new Set(rows.map(keyOf))];
      expect(res.body.data.rows.map((r: any) => r.key).sort()).toEqual([...keys].sort());
      for (const key of keys) {
        const row = res.body.data.rows.find((r: any) => r.key === key);
        const { key: k, label, ...figures } = row;
        expect([by, key, figures]).toEqual([by, key, expected(rows.filter((t) => keyOf(t) === key), from, to, at(to), cost)]);
        expect(label).toBe((labelOf as any)(key));
      }
    }
    const byTemplate = await get('breakdown', { from: '2026-11-01', to: '2026-12-01', by: 'template', region: regions.east.code });
    const mine = byTemplate.body.data.rows.find((r: any) => r.key === template.key);
    expect(mine).toMatchObject({ label: '设备报修', created: expected(rows.filter((t) => t.regionId !== null), NOV[0], NOV[1], at(NOV[1]), cost).created });
  });

  it('filters by a region subtree and breaks a region down into its children', async () => {
    const { east, sh, xh, hz } = regions;
    const inSh = rows.filter((t) => t.regionId === sh.id || t.regionId === xh.id);
    const shRes = await get('summary', { template: template.key, from: '2026-11-01', to: '2026-12-01', region: sh.code });
    expect(shRes.body.data.totals).toEqual(expected(inSh, NOV[0], NOV[1], at(NOV[1]), cost));

    const res = await get('breakdown', { template: template.key, from: '2026-11-01', to: '2026-12-01', region: east.code, by: 'region' });
    expect(res.status).toBe(200);
    const groups: [any, Gen[]][] = [
      [sh, inSh],
      [hz, rows.filter((t) => t.regionId === hz.id)],
      [east, rows.filter((t) => t.regionId === east.id)],
    ];
    expect(res.body.data.rows.map((r: any) => r.key).sort()).toEqual(groups.map(([g]) => g.code).sort());
    for (const [region, members] of groups) {
      const { key, label, ...figures } = res.body.data.rows.find((r: any) => r.key === region.code);
      expect([key, label, figures]).toEqual([region.code, region.name, expected(members, NOV[0], NOV[1], at(NOV[1]), cost)]);
    }
    // Without a region filter the top regions are the groups; tickets placed nowhere are one more.
    const top = await get('breakdown', { template: template.key, from: '2026-11-01', to: '2026-12-01', by: 'region' });
    expect(top.body.data.rows.map((r: any) => r.key).sort()).toEqual([east.code, null].sort());
    expect(top.body.data.rows.find((r: any) => r.key === null).created).toBe(rows.filter((t) => t.regionId === null && within(t.reported, NOV[0], NOV[1])).length);
  });

  it('draws the trend per day, week and month with every bucket present, empty ones included', async () => {
    const res = await get('trend', { template: template.key, from: '2026-11-01', to: '2026-12-01', interval: 'day' });
    expect(res.status).toBe(200);
    expect(res.body.data.rows).toHaveLength(30);
    for (const [i, row] of res.body.data.rows.entries()) {
      const from = NOV[0] + i * DAY;
      const { key, label, ...figures } = row;
      expect([key, figures]).toEqual([new Date(from + 8 * H).toISOString().slice(0, 10), expected(rows, from, from + DAY, at(from + DAY), cost, false)]);
    }
    // Days without any ticket exist in the trend with zeros.
    const before = await get('trend', { template: template.key, from: '2026-09-10', to: '2026-09-13', interval: 'day' });
    expect(before.body.data.rows.map((r: any) => [r.key, r.created, r.resolved, r.resolutionSeconds.p50, r.slaMetRate])).toEqual([
      ['2026-09-10', 0, 0, null, null], ['2026-09-11', 0, 0, null, null], ['2026-09-12', 0, 0, null, null],
    ]);

    const weeks = await get('trend', { template: template.key, from: '2026-11-01', to: '2026-12-01', interval: 'week' });
    // 2026-11-01 is a Sunday: its week starts on Monday 2026-10-26 (and counts only from the 1st).
    expect(weeks.body.data.rows.map((r: any) => r.key)).toEqual(['2026-10-26', '2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23', '2026-11-30']);
    const monday = Date.parse('2026-11-09T00:00:00+08:00');
    const { key, label, ...week } = weeks.body.data.rows[2];
    expect(week).toEqual(expected(rows, monday, monday + 7 * DAY, 0, cost, false));

    const months = await get('trend', { template: template.key, from: '2026-09-01', to: '2026-12-01', interval: 'month' });
    expect(months.body.data.rows.map((r: any) => r.key)).toEqual(['2026-09', '2026-10', '2026-11']);
    const oct = Date.parse('2026-10-01T00:00:00+08:00');
    const { key: k, label: l, ...october } = months.body.data.rows[1];
    expect(october).toEqual(expected(rows, oct, NOV[0], 0, cost, false));
  });

  it('reads past days from the rollups, rebuilt after updates, reopenings and late changes', async () => {
    const OCT = Date.parse('2026-10-01T00:00:00+08:00');
    const query = { template: template.key, from: '2026-10-01', to: '2026-12-01' };
    // Every past day of the data is in the rollups, and they give what the tickets give.
    expect(await rollups().builtThrough()).toBeGreaterThanOrEqual(Math.floor((NOV[1] + 8 * H) / DAY) - 1);
    expect(await reports().summary(query)).toEqual(await reports().summary(query, { live: true }));
    for (const by of ['region', 'agent', 'source']) expect(await reports().breakdown({ ...query, by })).toEqual(await reports().breakdown({ ...query, by }, { live: true }));
    expect(await reports().trend({ ...query, interval: 'week' })).toEqual(await reports().trend({ ...query, interval: 'week' }, { live: true }));

    // A reopen through the workflow (a November resolution no longer stands), a late rating and a
    // new amount on October tickets (the query engine's path, as a script would write).
    const reopened = rows.find((t) => t.state === 'resolved' && within(t.resolved, NOV[0], NOV[1]))!;
    const docs = strapi().documents(TICKET_UID as any);
    const stored: any = await docs.findOne({ documentId: (await strapi().db.query(TICKET_UID as any).findOne({ where: { id: reopened.id } })).documentId });
    await docs.update({ documentId: stored.documentId, data: { state: 'in_progress', version: stored.version } as any });
    const rated = rows.find((t) => t.csat === null && within(done(t), OCT, NOV[0]))!;
    const charged = rows.find((t) => within(t.closed, OCT, NOV[0]))!;
    await strapi().db.query(TICKET_UID as any).update({ where: { id: rated.id }, data: { csat: 5 } as any });
    await strapi().db.query(TICKET_UID as any).update({ where: { id: charged.id }, data: { amountFen: (charged.amountFen ?? 0) + 12_345 } as any });
    for (const t of [reopened, rated, charged]) await reread(t);
    expect(reopened.reopenCount).toBeGreaterThan(0);
    const want = expected(rows, OCT, NOV[1], at(NOV[1]), cost);

    // Until the refresher runs, the rollups still hold the old figures; then they hold the new.
    const stale = (await reports().summary(query)).totals;
    expect([stale.resolved, stale.revenueFen]).not.toEqual([want.resolved, want.revenueFen]);
    expect((await reports().summary(query, { live: true })).totals).toEqual(want);
    const { built } = await rollups().refresh();
    expect(built.length).toBeGreaterThan(0);
    expect((await get('summary', query)).body.data.totals).toEqual(want);
    expect(await reports().trend({ ...query, interval: 'day' })).toEqual(await reports().trend({ ...query, interval: 'day' }, { live: true }));
    // Nothing named: a refresh rebuilds nothing.
    expect((await rollups().refresh()).built).toEqual([]);
  });

  it('answers from every level of the rollups what the tickets give: each grain alone, two at once, whole months', async () => {
    await rollups().refresh();
    // Every ticket of the run (other suites' too): the whole company, one dimension at a time
    // (the marginal rollups, months read whole), and two at once (the fine rollups).
    const span = { from: '2026-09-01', to: '2026-12-01' };
    const same = async (name: string, read: (o: { live?: boolean }) => Promise<unknown>) => expect([name, await read({})]).toEqual([name, await read({ live: true })]);
    await same('summary', (o) => reports().summary(span, o));
    await same('summary of a source', (o) => reports().summary({ ...span, source: 'h5' }, o));
    await same('summary of a region', (o) => reports().summary({ ...span, region: regions.east.code }, o));
    await same('summary of a team, mid-month to mid-month', (o) => reports().summary({ from: '2026-09-15', to: '2026-11-20', team: TEAMS[0] }, o));
    for (const by of ['source', 'template', 'team', 'agent', 'region']) await same(`by ${by}`, (o) => reports().breakdown({ ...span, by }, o));
    await same('by agent in a region', (o) => reports().breakdown({ ...span, by: 'agent', region: regions.sh.code }, o));
    await same('by source of a team', (o) => reports().breakdown({ ...span, by: 'source', team: TEAMS[1] }, o));
    for (const interval of ['day', 'week', 'month']) await same(`per ${interval}`, (o) => reports().trend({ ...span, interval }, o));
    await same('per month of an agent', (o) => reports().trend({ ...span, interval: 'month', agent: String(admin.id) }, o));
    // The month rows exist and are what the days add up to.
    const knex = strapi().db.connection;
    const months = await knex('scrm_report_histograms').where({ span: 'month', grain: 'all' }).countDistinct('day as n').first();
    expect(Number(months!.n)).toBeGreaterThanOrEqual(3);
  });

  it('rebuilds through a bull job when a write names a past day (REDIS_URL)', async () => {
    const name = `scrm-rollups-test-${Date.now()}`;
    const refreshes: number[] = [];
    const queue = createRequestQueue(strapi(), 'redis://127.0.0.1:6379', async () => refreshes.push((await rollups().refresh()).built.length), { name, label: 'report rollups', jobId: 'refresh', delayMs: 300 });
    queue.work();
    rollups().useQueue(queue);
    try {
      const late = rows.find((t) => t.csat === null && within(done(t), NOV[0], NOV[1]))!;
      // Three writes in a row: one waiting job takes them all.
      for (const score of [3, 4, 2]) await strapi().db.query(TICKET_UID as any).update({ where: { id: late.id }, data: { csat: score } as any });
      await reread(late);
      for (let waited = 0; refreshes.length === 0 && waited < 10_000; waited += 100) await new Promise((r) => setTimeout(r, 100));
      await new Promise((r) => setTimeout(r, 800));
      expect(refreshes.length).toBeGreaterThan(0);
      expect(refreshes.length).toBeLessThan(3);
      const query = { template: template.key, from: '2026-11-01', to: '2026-12-01' };
      expect((await reports().summary(query)).totals).toEqual(expected(rows, NOV[0], NOV[1], at(NOV[1]), cost));
    } finally {
      rollups().useQueue(null);
      await Promise.race([queue.close(), new Promise((r) => setTimeout(r, 2000))]);
      await queue.queue.obliterate({ force: true }).catch(() => undefined);
    }
  });

  it('counts a reopen made through the workflow', async () => {
    const tpl = await createTemplate({ fieldDefinitions: [] });
    const docs = strapi().documents(TICKET_UID as any);
    let ticket: any = await docs.create({ data: { templateKey: tpl.key, title: '热水器打不着火', fields: {} } as any });
    for (const to of ['in_progress', 'resolved', 'in_progress', 'resolved']) ticket = await docs.update({ documentId: ticket.documentId, data: { state: to, version: ticket.version } as any });
    expect(ticket.reopenCount).toBe(1);
    const today = new Date(Date.now() + 8 * H).toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 8 * H + DAY).toISOString().slice(0, 10);
    const res = await get('summary', { template: tpl.key, from: today, to: tomorrow });
    expect(res.body.data.totals).toMatchObject({ created: 1, completed: 1, reopened: 1, everResolved: 1, reopenRate: 1, resolved: 1 });
    // Reopen counts are the workflow's: a write cannot set one.
    const forged: any = await docs.update({ documentId: ticket.documentId, data: { reopenCount: 50, version: ticket.version } as any });
    expect(forged.reopenCount).toBe(1);
  });

  it('lists the top tags and title keywords of the period', async () => {
    const res = await get('keywords', { template: template.key, from: '2026-11-01', to: '2026-12-01' });
    expect(res.status).toBe(200);
    const created = rows.filter((t) => within(t.reported, NOV[0], NOV[1]));
    const tagCounts = TAGS.map((tag) => ({ tag, tickets: created.filter((t) => t.tags.includes(tag)).length })).filter((t) => t.tickets);
    expect(res.body.data.tags).toEqual(tagCounts.sort((a, b) => b.tickets - a.tickets || (a.tag < b.tag ? -1 : 1)));
    const words = Object.fromEntries(res.body.data.keywords.map((k: any) => [k.word, k.tickets]));
    // jieba keeps 洗衣机 and 热水器 whole; each counts once per ticket.
    expect(words['洗衣机']).toBe(created.filter((t) => t.title.includes('洗衣机')).length);
    expect(words['热水器']).toBe(created.filter((t) => t.title.includes('热水器')).length);
    expect(words['空调']).toBe(created.filter((t) => t.title.includes('空调')).length);
    expect(words['异响']).toBe(created.filter((t) => t.title.includes('异响')).length);
  });

  it('exports any table as a workbook or CSV with every row, the drill-down tickets included', async () => {
    const res = await http()
      .get('/scrm-tickets/reports/export')
      .query({ table: 'breakdown', by: 'source', template: template.key, from: '2026-11-01', to: '2026-12-01', format: 'xlsx' })
      .set(bearer(admin.jwt))
      .buffer(true)
      .parse((response, callback) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () => callback(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.body);
    const sheet = book.worksheets[0];
    const json = (await get('breakdown', { by: 'source', template: template.key, from: '2026-11-01', to: '2026-12-01' })).body.data.rows;
    expect(sheet.rowCount).toBe(json.length + 1);
    for (const [i, row] of json.entries()) {
      const cells = sheet.getRow(i + 2).values as any[];
      expect([cells[2], cells[3], cells[20], cells[21]]).toEqual([row.key, row.created, row.revenueFen, row.costFen]);
    }

    const csv = await http()
      .get('/scrm-tickets/reports/export')
      .query({ table: 'tickets', set: 'done', template: template.key, from: '2026-10-01', to: '2026-12-01', format: 'csv' })
      .set(bearer(admin.jwt));
    expect(csv.status).toBe(200);
    const lines = csv.text.replace(/^\uFEFF/, '').trim().split('\r\n');
    const doneIds = rows.filter((t) => within(done(t), Date.parse('2026-10-01T00:00:00+08:00'), NOV[1]));
    expect(lines).toHaveLength(doneIds.length + 1);
    expect(lines[0]).toContain('工单号 Number');
  });

  it('drills down: the ticket list with counted, from and to lists exactly the tickets a figure counted', async () => {
    const list = (query: Record<string, unknown>) => http().get('/scrm-tickets/tickets').query({ template: template.key, pageSize: 100, ...query }).set(bearer(admin.jwt));
    const oct = Date.parse('2026-10-01T00:00:00+08:00');
    const sets: [string, (t: Gen) => boolean][] = [
      ['created', (t) => within(t.reported, NOV[0], NOV[1])],
      ['done', (t) => within(done(t), NOV[0], NOV[1])],
      ['closed', (t) => within(t.closed, NOV[0], NOV[1])],
      ['open', (t) => t.reported < at(NOV[1]) && (done(t) === null || done(t)! >= at(NOV[1]))],
    ];
    for (const [counted, member] of sets) {
      const res = await list({ counted, from: '2026-11-01', to: '2026-12-01' });
      expect([counted, res.status, res.body.meta.total]).toEqual([counted, 200, rows.filter(member).length]);
    }
    const inHz = await list({ counted: 'done', from: '2026-10-01', to: '2026-12-01', region: regions.hz.code });
    expect(inHz.body.meta.total).toBe(rows.filter((t) => t.regionId === regions.hz.id && within(done(t), oct, NOV[1])).length);
    const bad = await list({ counted: 'everything', from: '2026-11-01' });
    expect([bad.status, bad.body.error.details.errors[0].path]).toEqual([400, ['counted']]);
  });

  it('refuses bad filters with the parameter named, and staff without the right', async () => {
    const cases: [Record<string, unknown>, string[]][] = [
      [{ from: '2026-13-01' }, ['from']],
      [{ from: '2026-11-10', to: '2026-11-01' }, ['to']],
      [{ from: '2024-01-01', to: '2026-01-01' }, ['to']],
      [{ region: 'nowhere-at-all' }, ['region']],
      [{ template: 'no-such-template' }, ['template']],
      [{ agent: 'abc' }, ['agent']],
    ];
    for (const [query, path] of cases) {
      const res = await get('summary', query);
      expect([query, res.status, res.body.error.details.errors[0].path]).toEqual([query, 400, path]);
    }
    expect((await get('breakdown', { by: 'weather' })).body.error.details.errors[0].path).toEqual(['by']);
    expect((await get('trend', { interval: 'hour' })).body.error.details.errors[0].path).toEqual(['interval']);
    const badExport = await http().get('/scrm-tickets/reports/export').query({ table: 'secrets', format: 'pdf' }).set(bearer(admin.jwt));
    expect(badExport.status).toBe(400);
    expect(badExport.body.error.details.errors.map((e: any) => e.path[0])).toEqual(['table', 'format']);

    const agent = await adminWithRole(unique('只看工单'), ['plugin::scrm-tickets.ticket.read']);
    expect((await get('summary', {}, agent.jwt)).status).toBe(403);
    const viewer = await adminWithRole(unique('看报表'), ['plugin::scrm-tickets.report.read']);
    expect((await get('summary', { template: template.key }, viewer.jwt)).status).toBe(200);
    const noExport = await http().get('/scrm-tickets/reports/export').query({ table: 'summary' }).set(bearer(viewer.jwt));
    expect(noExport.status).toBe(403);
  });

  it('keeps a store manager to their regions', async () => {
    const manager = await adminWithRole('店长');
    await strapi().documents('plugin::scrm-tickets.agent-profile' as any).create({ data: { name: unique('店长'), team: TEAMS[0], user: manager.id, regions: [regions.xh.code], capacity: 5 } as any });
    const res = await get('summary', { template: template.key, from: '2026-11-01', to: '2026-12-01' }, manager.jwt);
    expect(res.status).toBe(200);
    expect(res.body.data.totals).toEqual(expected(rows.filter((t) => t.regionId === regions.xh.id), NOV[0], NOV[1], at(NOV[1]), cost));
    // Asking for a wider region still answers only theirs.
    const wider = await get('summary', { template: template.key, from: '2026-11-01', to: '2026-12-01', region: regions.east.code }, manager.jwt);
    expect(wider.body.data.totals.created).toBe(res.body.data.totals.created);
  });

  it('answers integrations on the content API with an API token', async () => {
    const res = await http().get('/api/scrm-tickets/reports/summary').query({ template: template.key, from: '2026-11-01', to: '2026-12-01' }).set(bearer(await apiToken()));
    expect(res.status).toBe(200);
    expect(res.body.data.totals.created).toBe(rows.filter((t) => within(t.reported, NOV[0], NOV[1])).length);
    expect((await http().get('/api/scrm-tickets/reports/summary')).status).toBe(403);
  });
});
