import type { Core } from '@strapi/strapi';
import { SETTLEMENT_RUN_TABLE } from '../constants';
import type { SettlementQueue } from '../queues/settlement-queue';
import { currentActor } from '../utils/actor';
import { getService } from '../utils/get-service';
import { periodRange } from './statements';

/** A run with no sign of life for this long is taken as dead (its process went away). */
const STALE_MS = 15 * 60_000;

export interface SettlementRun {
  id: number;
  period: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  progress: number;
  step: string | null;
  result: unknown;
  error: string | null;
  requestedBy: unknown;
  createdAt: number;
  startedAt: number | null;
  finishedAt: number | null;
}

const toRun = (row: any): SettlementRun => ({
  id: row.id,
  period: row.period,
  status: row.status,
  progress: Number(row.progress),
  step: row.step ?? null,
  result: row.result ? JSON.parse(row.result) : null,
  error: row.error ?? null,
  requestedBy: row.requested_by ? JSON.parse(row.requested_by) : null,
  createdAt: Number(row.created_at),
  startedAt: row.started_at === null ? null : Number(row.started_at),
  finishedAt: row.finished_at === null ? null : Number(row.finished_at),
});

/**
 * Settlement runs: "draft the month" is a job with progress. With REDIS_URL it goes to a bull
 * queue (any worker runs it); without, or when Redis does not take it, this process runs it.
 * One run per month is active at a time: asking again while one is queued or running answers
 * with that run.
 */
const createSettlementRunsService = ({ strapi }: { strapi: Core.Strapi }) => {
  let queue: SettlementQueue | null = null;
  const inFlight = new Set<Promise<unknown>>();
  /** Progress of runs in this process, for SQLite (one connection: no writes beside the run's transaction). */
  const live = new Map<number, { progress: number; step: string }>();
  const table = () => strapi.db.connection(SETTLEMENT_RUN_TABLE);
  const postgres = () => strapi.db.dialect.client === 'postgres';

  const runHere = (id: number) => {
    // Failures are on the run's row and in the log.
    const p = service.execute(id).catch(() => undefined).finally(() => inFlight.delete(p));
    inFlight.add(p);
  };

  const service = {
    useQueue(next: SettlementQueue | null) {
      queue = next;
    },

    async request(period: unknown): Promise<SettlementRun> {
      periodRange(period);
      const now = Date.now();
      const active = await table().where({ period }).whereIn('status', ['queued', 'running']).orderBy('id', 'desc').first();
      if (active && now - Number(active.heartbeat_at ?? active.created_at) < STALE_MS) return this.get(active.id) as Promise<SettlementRun>;
      if (active) await table().where({ id: active.id }).whereIn('status', ['queued', 'running']).update({ status: 'failed', error: 'abandoned: no sign of life', finished_at: now });
      const actor = currentActor(strapi);
      const [inserted] = await table()
        .insert({ period, status: 'queued', progress: 0, requested_by: JSON.stringify({ kind: actor.kind, id: actor.id, name: actor.name }), created_at: now, heartbeat_at: now })
        .returning('id');
      const id = Number(typeof inserted === 'object' ? inserted.id : inserted);
      if (!queue) runHere(id);
      else {
        queue.request(id).catch((error) => {
          strapi.log.warn(`scrm-tickets: settlement run ${id} not queued (${(error as Error).message}); running it here`);
          runHere(id);
        });
      }
      return (await this.get(id)) as SettlementRun;
    },

    async get(id: number): Promise<SettlementRun | null> {
      if (!Number.isSafeInteger(id)) return null;
      const row = await table().where({ id }).first();
      if (!row) return null;
      const run = toRun(row);
      const here = live.get(id);
      return here && run.status === 'running' ? { ...run, ...here } : run;
    },

    /** Runs the month's drafts for a run (a queued job, or this process). Idempotent: a rerun recomputes. */
    async execute(id: number, job?: { progress(n: number): Promise<unknown> }) {
      const row = await table().where({ id }).first();
      if (!row || row.status === 'done') return null;
      await table().where({ id }).update({ status: 'running', started_at: Date.now(), heartbeat_at: Date.now(), progress: 0, step: 'start', error: null });
      const progress = async (percent: number, step: string) => {
        live.set(id, { progress: percent, step });
        await job?.progress(percent);
        // Postgres: another connection, so the progress shows while the run's transaction is open.
        if (postgres()) await table().where({ id }).update({ progress: percent, step, heartbeat_at: Date.now() });
      };
      try {
        const drafted = await getService('statements', { strapi }).draft(row.period, progress);
        // The month's price calibration comes with it: regions whose effective price drifted
        // beyond the price list's band are alerts on the run (and in the log).
        const alerts = (await getService('pricing', { strapi }).calibration(row.period)).filter((c) => c.outside);
        for (const a of alerts) strapi.log.warn(`scrm-tickets: price calibration ${row.period}: ${a.region} ${a.item} at ${a.effectiveFen} fen against ${a.referenceFen} (drift ${a.drift}, band ${a.band})`);
        const result = { ...drafted, priceAlerts: alerts };
        // The month's tickets now cost what their new lines say: the dashboard's rollups rebuild it.
        await getService('report-rollups', { strapi }).markMonth(row.period);
        await table().where({ id }).update({ status: 'done', progress: 100, step: 'done', result: JSON.stringify(result), finished_at: Date.now(), heartbeat_at: Date.now() });
        return result;
      } catch (error) {
        const message = (error as Error).message ?? String(error);
        strapi.log.error(`scrm-tickets: settlement run ${id} (${row.period}) failed: ${message}`);
        await table().where({ id }).update({ status: 'failed', error: message.slice(0, 2000), finished_at: Date.now() });
        throw error;
      } finally {
        live.delete(id);
      }
    },

    /** Waits for the runs this process started (shutdown, tests). */
    async whenIdle() {
      await Promise.allSettled([...inFlight]);
    },

    async stop() {
      const closing = queue;
      queue = null;
      await closing?.close();
      await this.whenIdle();
    },
  };
  return service;
};

export type SettlementRunsService = ReturnType<typeof createSettlementRunsService>;
export default createSettlementRunsService;
