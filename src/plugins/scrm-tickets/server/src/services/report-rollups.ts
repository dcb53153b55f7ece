import type { Core } from '@strapi/strapi';
import { REPORT_DIRTY_TABLE, REPORT_STATE_TABLE, TICKET_UID } from '../constants';
import type { PluginConfig } from '../config';
import { dialectOf, reportNames } from '../reports/names';
import { dayOf, monthStart } from '../reports/days';
import { rebuildDay, rebuildMonth } from '../reports/rollup-sql';
import { rowsOf } from '../utils/raw';

/** A day is built once every write of it has committed: requests end well within this. */
const GRACE_MS = 5 * 60_000;
const BUILT_THROUGH = 'built_through';
/** Postgres advisory lock key of the refresher: one refresh at a time across instances. */
const LOCK_KEY = 7_360_201;
const KICK_DELAY_MS = 1000;
/** Rounds of one refresh while writes keep naming days (the next poll or job takes the rest). */
const MAX_ROUNDS = 5;

interface Anchors {
  reportedAt?: unknown;
  resolvedAt?: unknown;
  closedAt?: unknown;
}

/** The days a ticket row counts on: reported, done (resolved or closed unresolved), closed. */
const daysOf = (t: Anchors | null | undefined): number[] => {
  if (!t) return [];
  const days: number[] = [];
  for (const v of [t.reportedAt, t.resolvedAt ?? t.closedAt, t.closedAt]) {
    if (v === null || v === undefined) continue;
    const at = new Date(v as any);
    if (!Number.isNaN(at.getTime())) days.push(dayOf(at));
  }
  return days;
};

export interface RollupQueue {
  request(): Promise<void>;
}

/**
 * The dashboard's rollups (reports/rollup-sql.ts): every day up to yesterday (once it is 5 minutes
 * over) is rebuilt from the tickets into per-dimension rows, and rebuilt again whenever a ticket
 * write touches it (a late resolution, a reopen, an edit, a settlement run): the write appends the
 * day to `scrm_report_dirty` in its own transaction, and the refresher — a bull job with Redis,
 * this process otherwise — rebuilds the days named there. Today is always computed live.
 */
const createReportRollupsService = ({ strapi }: { strapi: Core.Strapi }) => {
  let queue: RollupQueue | null = null;
  let poller: NodeJS.Timeout | null = null;
  let kicked: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;
  let lastRequest = 0;
  const ownParties = () => (strapi.config.get('plugin::scrm-tickets') as PluginConfig).reports?.ownParties ?? ['platform'];

  async function builtThrough(db: any = strapi.db.connection): Promise<number | null> {
    const row = await db(REPORT_STATE_TABLE).where({ key: BUILT_THROUGH }).first('value');
    return row?.value === null || row?.value === undefined ? null : Number(row.value);
  }

  /** Rebuilds the days that are due and dirty; one refresher at a time (a Postgres advisory lock). */
  async function refreshOnce(now: Date): Promise<{ built: number[] }> {
    const dialect = dialectOf(strapi);
    const names = reportNames(strapi);
    return strapi.db.transaction(async ({ trx }) => {
      if (dialect === 'postgres') {
        const locked = rowsOf(await trx.raw('SELECT pg_try_advisory_xact_lock(?) AS ok', [LOCK_KEY]))[0]?.ok;
        if (!locked) return { built: [] };
        // Each day's statements run in milliseconds; JIT-compiling them (the planner guesses big
        // on tables it has not analysed yet) would cost a quarter of a second each.
        await trx.raw('SET LOCAL jit = off');
      }
      const target = dayOf(now.getTime() - GRACE_MS) - 1;
      let through = await builtThrough(trx);
      if (through === null) {
        // First run: from the first ticket's day (or nothing to build yet).
        const first = rowsOf(await trx.raw(`SELECT MIN(reported_at) AS at FROM ${names.tickets}`))[0]?.at;
        // SQLite answers epoch ms (a number, or digits), Postgres a Date: Number() reads both.
        through = first === null || first === undefined ? target : Math.min(target, dayOf(Number(first)) - 1);
      }
      const maxId = Number(rowsOf(await trx.raw(`SELECT MAX(id) AS id FROM ${REPORT_DIRTY_TABLE}`))[0]?.id ?? 0);
      const dirty = maxId ? (rowsOf(await trx.raw(`SELECT DISTINCT day FROM ${REPORT_DIRTY_TABLE} WHERE id <= ? AND day <= ?`, [maxId, through])) as any[]).map((r) => Number(r.day)) : [];
      const days = [...new Set([...dirty, ...Array.from({ length: Math.max(0, target - through) }, (_, i) => through! + 1 + i)])].sort((a, b) => a - b);
      for (const day of days) for (const statement of rebuildDay(names, dialect, day, ownParties())) await trx.raw(statement.sql, statement.bindings as any);
      // Each month once, after its days: its histograms are their sum.
      for (const month of new Set(days.map(monthStart))) for (const statement of rebuildMonth(month)) await trx.raw(statement.sql, statement.bindings as any);
      await trx(REPORT_STATE_TABLE).where({ key: BUILT_THROUGH }).del();
      await trx(REPORT_STATE_TABLE).insert({ key: BUILT_THROUGH, value: Math.max(through, target) });
      if (maxId) await trx(REPORT_DIRTY_TABLE).where('id', '<=', maxId).del();
      return { built: days };
    });
  }

  const service = {
    builtThrough: () => builtThrough(),

    /**
     * Rebuilds what is due, and again while writes named more days meanwhile (a queued job that is
     * running does not take a second request: the writes during it are caught here). Calls in
     * this process wait for each other.
     */
    async refresh(now = new Date()): Promise<{ built: number[] }> {
      while (running) await running.catch(() => undefined);
      const run = (async () => {
        const built = new Set<number>();
        for (let round = 0; round < MAX_ROUNDS; round += 1) {
          for (const day of (await refreshOnce(now)).built) built.add(day);
          const more = await strapi.db.connection(REPORT_DIRTY_TABLE).first('id');
          if (!more) break;
        }
        return { built: [...built].sort((a, b) => a - b) };
      })();
      running = run;
      try {
        return await run;
      } finally {
        running = null;
      }
    },

    /** Names days to rebuild, in the caller's transaction (days from today on are computed live). */
    async mark(days: number[]): Promise<void> {
      const today = dayOf(Date.now());
      const due = [...new Set(days)].filter((d) => d < today);
      if (!due.length) return;
      await strapi.db.transaction(async ({ trx }) => {
        await trx(REPORT_DIRTY_TABLE).insert(due.map((day) => ({ day })));
      });
      service.kick();
    },

    /** Every day of a settlement month: its tickets' costs changed. */
    async markMonth(period: string): Promise<void> {
      const first = dayOf(new Date(`${period}-01T00:00:00+08:00`));
      const [y, m] = period.split('-').map(Number);
      const next = dayOf(new Date(Date.UTC(m === 12 ? y + 1 : y, m === 12 ? 0 : m, 1) - 8 * 3_600_000));
      await service.mark(Array.from({ length: next - first }, (_, i) => first + i));
    },

    /** Soon, a refresh: a queued job, or this process's when it polls. */
    kick() {
      if (queue) {
        // A request made within the job's delay is still waiting and covers this write too: no
        // Redis round trip on every resolution.
        if (Date.now() - lastRequest < KICK_DELAY_MS) return;
        lastRequest = Date.now();
        queue.request().catch((error) => strapi.log.debug(`scrm-tickets: report rollups: ${error.message}`));
        return;
      }
      if (!poller || kicked) return;
      kicked = setTimeout(() => {
        kicked = null;
        service.refresh().catch((error) => strapi.log.warn(`scrm-tickets: report rollups: ${error.message}`));
      }, KICK_DELAY_MS);
    },

    useQueue(q: RollupQueue | null) {
      queue = q;
    },

    /** Refreshes every `ms` (and at once), until `stop`. */
    start(ms: number) {
      const tick = () => service.refresh().catch((error) => strapi.log.warn(`scrm-tickets: report rollups: ${error.message}`));
      poller = setInterval(tick, ms);
      void tick();
    },

    async stop() {
      if (poller) clearInterval(poller);
      if (kicked) clearTimeout(kicked);
      poller = kicked = null;
      await running?.catch(() => undefined);
    },

    /** Keeps the rollups told of every ticket write, whatever path made it (document service, query engine). */
    subscribe() {
      const before = async (event: any) => {
        const rows: Anchors[] = await strapi.db.query(TICKET_UID as any).findMany({ where: event.params.where, select: ['reportedAt', 'resolvedAt', 'closedAt'] });
        event.state.reportDays = rows.flatMap(daysOf);
      };
      strapi.db.lifecycles.subscribe({
        models: [TICKET_UID],
        beforeUpdate: before,
        beforeUpdateMany: before,
        beforeDelete: before,
        beforeDeleteMany: before,
        async afterCreate(event: any) {
          await service.mark(daysOf(event.result));
        },
        // Batch intake's tickets (a migration's may be dated in the past).
        async afterCreateMany(event: any) {
          await service.mark((event.params.data ?? []).flatMap(daysOf));
        },
        async afterUpdate(event: any) {
          await service.mark([...(event.state.reportDays ?? []), ...daysOf(event.result)]);
        },
        async afterUpdateMany(event: any) {
          const rows: Anchors[] = await strapi.db.query(TICKET_UID as any).findMany({ where: event.params.where, select: ['reportedAt', 'resolvedAt', 'closedAt'] });
          await service.mark([...(event.state.reportDays ?? []), ...rows.flatMap(daysOf)]);
        },
        async afterDelete(event: any) {
          await service.mark(event.state.reportDays ?? []);
        },
        async afterDeleteMany(event: any) {
          await service.mark(event.state.reportDays ?? []);
        },
      } as any);
    },
  };
  return service;
};

export type ReportRollupsService = ReturnType<typeof createReportRollupsService>;
export default createReportRollupsService;
