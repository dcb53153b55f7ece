import type { Core } from '@strapi/strapi';
import { DateTime } from 'luxon';
import { CURRENCY_RATE_UID, EVENT_UID, SETTLEMENT_LINE_TABLE, STATEMENT_UID, TEMPLATE_UID, TICKET_UID, TIER_UID } from '../constants';
import { DEPARTMENT_PENDING, linesInsert, ppm, rebatesInsert, type Dialect, type Names, type SettledTier } from '../settlement/sql';
import { departmentInsert, hasDepartmentLevel } from '../settlement/department-sql';
import { sealer, type StatementHead, type StatementLine } from '../settlement/statement';
import { validateTierModel } from '../settlement/validate-tier';
import { mulFen } from '../settlement/money';
import { validationError } from '../utils/field-errors';
import { currentActor } from '../utils/actor';
import { conflict } from '../utils/forbidden';
import { getService } from '../utils/get-service';

const PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;
const ZONE = 'Asia/Shanghai';
/** The run's per-region factors: a temporary table of this transaction's connection. */
const PLACES = 'scrm_settle_places';

/** A month in Asia/Shanghai: [first instant, first instant of the next month). */
export function periodRange(period: unknown): { start: Date; end: Date } {
  if (typeof period !== 'string' || !PERIOD.test(period)) throw validationError([{ path: ['period'], message: 'must be a month as YYYY-MM' }]);
  const start = DateTime.fromISO(`${period}-01T00:00:00`, { zone: ZONE });
  return { start: start.toJSDate(), end: start.plus({ months: 1 }).toJSDate() };
}


export type Progress = (percent: number, step: string) => Promise<void> | void;

export interface DraftResult {
  period: string;
  /** Tickets settled (closed in the period on a template with a tier). */
  tickets: number;
  /** Draft statements written (regular and adjustments). */
  drafts: number;
  adjustments: number;
  /** Currencies with no rate in force on the period's last day: their statements have no CNY value yet. */
  missingRates: string[];
  /** Payees whose statement is confirmed or paid: never touched (a change becomes an adjustment). */
  confirmedKept: string[];
}

/**
 * Statements per month and payee. A draft is recomputed from the month's closed tickets any time
 * (same tickets, same lines) by set-based SQL (settlement/sql.ts); a confirmed one is sealed with
 * the SHA-256 of its exact content and never changes again — when a recomputation differs from
 * it, the difference becomes an adjustment statement — then paid. Every write goes through this
 * service: by hand, statements are read-only (middlewares/statement-guard.ts).
 */
const createStatementsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const dialect = (): Dialect => (strapi.db.dialect.client === 'postgres' ? 'postgres' : 'sqlite');
  const link = (uid: string, attribute: string) => (strapi.db.metadata.get(uid as any).attributes as any)[attribute].joinTable;

  function names(): Names {
    const template = link(TICKET_UID, 'template');
    const tier = link(TEMPLATE_UID, 'settlementTier');
    const assignee = link(TICKET_UID, 'assignee');
    const region = link(TICKET_UID, 'region');
    const eventTicket = link(EVENT_UID, 'ticket');
    return {
      tickets: strapi.db.metadata.get(TICKET_UID as any).tableName,
      ticketTemplate: { table: template.name, ticket: template.joinColumn.name, template: template.inverseJoinColumn.name },
      templateTier: { table: tier.name, template: tier.joinColumn.name, tier: tier.inverseJoinColumn.name },
      ticketAssignee: { table: assignee.name, ticket: assignee.joinColumn.name, user: assignee.inverseJoinColumn.name },
      ticketRegion: { table: region.name, ticket: region.joinColumn.name, region: region.inverseJoinColumn.name },
      statements: strapi.db.metadata.get(STATEMENT_UID as any).tableName,
      events: strapi.db.metadata.get(EVENT_UID as any).tableName,
      eventTicket: { table: eventTicket.name, event: eventTicket.joinColumn.name, ticket: eventTicket.inverseJoinColumn.name },
      lines: SETTLEMENT_LINE_TABLE,
      places: PLACES,
    };
  }

  /** Tiers a month can be settled by: those whose model passes validation (saved ones always do). */
  async function settledTiers(): Promise<SettledTier[]> {
    const rows: any[] = await strapi.db.query(TIER_UID as any).findMany({ select: ['id', 'key', 'currency', 'model'] });
    return rows
      .filter((r) => r.model && validateTierModel(r.model).length === 0)
      .map((r) => ({ id: r.id, key: r.key, currency: r.currency ?? 'CNY', model: r.model }));
  }

  /**
   * Each region's store code, top code, coefficient and season (the active price list's, for the
   * period's month: services/pricing.ts) for the run, into the temporary table.
   */
  async function fillPlaces(trx: any, start: Date) {
    const factors = await getService('pricing', { strapi }).factors(start);
    if (dialect() === 'postgres') {
      await trx.raw(`CREATE TEMPORARY TABLE ${PLACES} (region_id integer PRIMARY KEY, store_code text, top_code text, region_ppm bigint, season_ppm bigint) ON COMMIT DROP`);
    } else {
      await trx.raw(`DROP TABLE IF EXISTS temp.${PLACES}`);
      await trx.raw(`CREATE TEMPORARY TABLE ${PLACES} (region_id integer PRIMARY KEY, store_code text, top_code text, region_ppm integer, season_ppm integer)`);
    }
    const rows = [...factors].map(([id, f]) => ({
      region_id: id,
      store_code: f.path[0],
      top_code: f.path[f.path.length - 1],
      region_ppm: ppm(f.coefficient),
      season_ppm: ppm(f.season?.coefficient ?? '1'),
    }));
    for (let i = 0; i < rows.length; i += 500) await trx(PLACES).insert(rows.slice(i, i + 500));
  }

  /** How many tickets the month settles: closed in it, on a template with a tier. */
  async function countSettled(trx: any, n: Names, tiers: SettledTier[], start: Date, end: Date): Promise<number> {
    const [{ count }] = await trx(`${n.tickets} as tk`)
      .join(`${n.ticketTemplate.table} as tl`, `tl.${n.ticketTemplate.ticket}`, 'tk.id')
      .join(`${n.templateTier.table} as tt`, `tt.${n.templateTier.template}`, `tl.${n.ticketTemplate.template}`)
      .where('tk.closed_at', '>=', start)
      .andWhere('tk.closed_at', '<', end)
      .whereIn(`tt.${n.templateTier.tier}`, tiers.map((t) => t.id))
      .count({ count: '*' });
    return Number(count);
  }

  /** For payees with a sealed statement: what the recomputation changes, as their next adjustment. */
  function adjustmentsInsert(period: string, n: Names) {
    return {
      sql: `INSERT INTO ${n.lines} (period, party, currency, seq, kind, ticket_id, ticket, tier, level, line_fen, fen, sealed)
        SELECT l.period, l.party, l.currency, nx.next_seq, l.kind, l.ticket_id, MAX(l.ticket), l.tier, l.level,
          MAX(CASE WHEN l.seq = -1 THEN l.line_fen ELSE 0 END), SUM(CASE WHEN l.seq = -1 THEN l.fen ELSE -l.fen END), ?
        FROM ${n.lines} l
        JOIN (SELECT party, currency, MAX(seq) + 1 AS next_seq FROM ${n.statements} WHERE period = ? AND status <> 'draft' GROUP BY party, currency) nx
          ON nx.party = l.party AND nx.currency = l.currency
        WHERE l.period = ? AND (l.sealed = ? OR l.seq = -1)
        GROUP BY l.period, l.party, l.currency, nx.next_seq, l.kind, l.ticket_id, l.tier, l.level
        HAVING SUM(CASE WHEN l.seq = -1 THEN l.fen ELSE -l.fen END) <> 0`,
      bindings: [false, period, period, true],
    };
  }

  /**
   * CNY per unit of each currency, in force on the period's last day (Asia/Shanghai): the latest
   * `currency-rate` effective on or before it; null when there is none.
   */
  async function cnyRates(currencies: string[], end: Date): Promise<Map<string, string | null>> {
    const lastDay = DateTime.fromJSDate(end, { zone: ZONE }).minus({ days: 1 }).toISODate();
    const rates = new Map<string, string | null>([['CNY', '1']]);
    for (const currency of new Set(currencies)) {
      if (rates.has(currency)) continue;
      const row: any = await strapi.db.query(CURRENCY_RATE_UID as any).findOne({ where: { currency, effectiveOn: { $lte: lastDay } }, orderBy: { effectiveOn: 'desc' } });
      rates.set(currency, row?.rate ?? null);
    }
    return rates;
  }

  const head = (row: any): StatementHead => ({ period: row.period, party: row.party, currency: row.currency, seq: row.seq ?? 0, totalFen: Number(row.totalFen) });

  return {
    /**
     * (Re)computes the month's drafts in one transaction: unsealed lines go, every settled
     * ticket's lines are inserted by one INSERT … SELECT, payees with a sealed statement get the
     * difference as an adjustment, and each payee's draft statement is summed from its lines.
     */
    async draft(period: string, progress: Progress = () => {}): Promise<DraftResult> {
      const { start, end } = periodRange(period);
      const tiers = await settledTiers();
      const n = names();
      const statements = strapi.db.query(STATEMENT_UID as any);
      return strapi.db.transaction(async ({ trx }) => {
        // One recomputation of a month at a time (two would delete each other's lines).
        if (dialect() === 'postgres') {
          await trx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', [`scrm-settlement:${period}`]);
          // JIT-compiling the per-tier CASE expressions costs seconds and gains nothing here; the
          // groupings over a month's lines want more than the default 4 MB.
          await trx.raw('SET LOCAL jit = off');
          await trx.raw("SET LOCAL work_mem = '256MB'");
        }
        await trx(n.lines).where({ period, sealed: false }).del();
        await progress(10, 'regions');
        await fillPlaces(trx, start);
        await progress(20, 'lines');
        const anySealed = (await statements.count({ where: { period, status: { $ne: 'draft' } } })) > 0;
        let tickets = 0;
        if (tiers.length) {
          const query = { dialect: dialect(), names: n, tiers, period, start, end, anySealed };
          const insert = linesInsert(query);
          await trx.raw(insert.sql, insert.bindings);
          const rebates = rebatesInsert(query);
          if (rebates) await trx.raw(rebates.sql, rebates.bindings);
          if (hasDepartmentLevel(query)) {
            const departments = departmentInsert(query);
            await trx.raw(departments.sql, departments.bindings);
            await trx(n.lines).where({ period, party: DEPARTMENT_PENDING, sealed: false }).del();
          }
          tickets = await countSettled(trx, n, tiers, start, end);
        }
        await progress(70, 'adjustments');
        if (anySealed) {
          const adjust = adjustmentsInsert(period, n);
          await trx.raw(adjust.sql, adjust.bindings);
        }
        if (dialect() === 'sqlite') await trx.raw(`DROP TABLE IF EXISTS temp.${PLACES}`);
        await progress(85, 'statements');
        // Per statement: its total and lines.
        const groups: any[] = await trx(n.lines)
          .select('party', 'currency', 'seq')
          .sum({ total: 'fen' })
          .count({ lines: '*' })
          .where({ period, sealed: false })
          .groupBy('party', 'currency', 'seq');
        // The recomputation of sealed payees has been compared (adjustments): it goes.
        const totals = groups.filter((t) => Number(t.seq) >= 0);
        if (totals.length < groups.length) await trx(n.lines).where({ period, seq: -1 }).del();
        const existing: any[] = await statements.findMany({ where: { period }, select: ['id', 'party', 'currency', 'seq', 'status', 'totalFen', 'lineCount', 'cnyRate'] });
        const keyOf = (s: { party: string; currency: string; seq: number }) => `${s.party}\u0000${s.currency}\u0000${Number(s.seq)}`;
        const found = new Map(existing.map((s) => [keyOf(s), s]));
        const rates = await cnyRates(totals.map((t) => t.currency), end);
        const fresh: any[] = [];
        const changed: { id: number; totalFen: number; lineCount: number; cnyRate: string | null; cnyFen: number | null }[] = [];
        for (const t of totals) {
          const totalFen = Number(t.total);
          const cnyRate = rates.get(t.currency) ?? null;
          const data = {
            totalFen,
            lineCount: Number(t.lines),
            cnyRate,
            cnyFen: cnyRate === null ? null : mulFen(totalFen, cnyRate),
            kind: Number(t.seq) > 0 ? 'adjustment' : 'regular',
            status: 'draft',
          };
          const row = found.get(keyOf(t));
          if (!row) fresh.push({ period, party: t.party, currency: t.currency, seq: Number(t.seq), ...data });
          else if (Number(row.totalFen) !== data.totalFen || Number(row.lineCount) !== data.lineCount || (row.cnyRate ?? null) !== cnyRate) changed.push({ id: row.id, ...data });
        }
        for (let i = 0; i < fresh.length; i += 500) await statements.createMany({ data: fresh.slice(i, i + 500) });
        // A thousand payees' drafts in a few statements, not a thousand UPDATEs (only drafts change here).
        for (let i = 0; i < changed.length; i += 500) {
          const chunk = changed.slice(i, i + 500);
          const byId = (type: string, value: (c: (typeof chunk)[number]) => unknown) =>
            trx.raw(`CAST(CASE id ${chunk.map(() => 'WHEN ? THEN ?').join(' ')} END AS ${type})`, chunk.flatMap((c) => [c.id, value(c)]));
          await trx(n.statements)
            .whereIn('id', chunk.map((c) => c.id))
            .update({
              total_fen: byId('BIGINT', (c) => c.totalFen),
              line_count: byId('INTEGER', (c) => c.lineCount),
              cny_rate: byId('VARCHAR(16)', (c) => c.cnyRate),
              cny_fen: byId('BIGINT', (c) => c.cnyFen),
              updated_at: new Date(),
            });
        }
        // A draft whose payee has nothing left this month goes away.
        const wanted = new Set(totals.map(keyOf));
        const gone = existing.filter((s) => s.status === 'draft' && !wanted.has(keyOf(s))).map((s) => s.id);
        for (let i = 0; i < gone.length; i += 500) await statements.deleteMany({ where: { id: { $in: gone.slice(i, i + 500) } } });
        const kept = [...new Set(existing.filter((s) => s.status !== 'draft').map((s) => s.party as string))];
        return {
          period,
          tickets,
          drafts: totals.length,
          adjustments: totals.filter((t) => Number(t.seq) > 0).length,
          missingRates: [...rates].filter(([, rate]) => rate === null).map(([currency]) => currency),
          confirmedKept: kept,
        };
      });
    },

    /** A statement's lines in the canonical order, streamed (the platform's holds every ticket). */
    async *lines(row: any, db: any = strapi.db.connection): AsyncGenerator<StatementLine> {
      const query = db(SETTLEMENT_LINE_TABLE)
        .select('kind', 'ticket', 'ticket_id', 'tier', 'level', 'line_fen', 'fen')
        .where({ period: row.period, party: row.party, currency: row.currency, seq: row.seq ?? 0 })
        .orderBy('kind')
        .orderByRaw('COALESCE(ticket_id, 0)')
        .orderByRaw(dialect() === 'postgres' ? 'tier COLLATE "C"' : 'tier')
        .orderByRaw('COALESCE(level, -1)');
      for await (const l of query.stream() as AsyncIterable<any>) {
        yield { kind: l.kind, ticket: l.ticket, ticketId: l.ticket_id, tier: l.tier, level: l.level, lineFen: Number(l.line_fen), fen: Number(l.fen) };
      }
    },

    /** The SHA-256 of a statement's exact content (settlement/statement.ts `sealer`). */
    async seal(row: any, db?: any): Promise<string> {
      const s = sealer(head(row));
      for await (const l of this.lines(row, db)) s.add(l);
      return s.digest();
    },

    /**
     * Seals a draft: SHA-256 of its canonical content, who confirmed it and when; its lines are
     * sealed with it. Under the month's lock, so no recomputation changes the lines half-way.
     */
    async confirm(documentId: string) {
      const statements = strapi.db.query(STATEMENT_UID as any);
      const actor = currentActor(strapi);
      const id = await strapi.db.transaction(async ({ trx }) => {
        const row: any = await statements.findOne({ where: { documentId } });
        if (!row) return null;
        if (dialect() === 'postgres') await trx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', [`scrm-settlement:${row.period}`]);
        const current: any = await statements.findOne({ where: { id: row.id } });
        if (!current || current.status !== 'draft') throw conflict(`Only a draft can be confirmed; this statement is ${current?.status ?? 'gone'}`);
        if (current.cnyFen === null || current.cnyFen === undefined) {
          throw conflict(`No ${current.currency} rate in force on the last day of ${current.period}: add it under Currency rates and draft the month again`);
        }
        const sha256 = await this.seal(current, trx);
        await statements.update({
          where: { id: row.id },
          data: { status: 'confirmed', sha256, confirmedBy: { kind: actor.kind, id: actor.id, name: actor.name }, confirmedAt: new Date() },
        });
        await trx(SETTLEMENT_LINE_TABLE).where({ period: row.period, party: row.party, currency: row.currency, seq: row.seq ?? 0 }).update({ sealed: true });
        return row.id;
      });
      return id === null ? null : statements.findOne({ where: { id } });
    },

    async pay(documentId: string) {
      const statements = strapi.db.query(STATEMENT_UID as any);
      const row: any = await statements.findOne({ where: { documentId } });
      if (!row) return null;
      if (row.status !== 'confirmed') throw conflict(`Only a confirmed statement can be paid; this one is ${row.status}`);
      await statements.updateMany({ where: { id: row.id, status: 'confirmed' }, data: { status: 'paid', paidAt: new Date() } });
      return statements.findOne({ where: { id: row.id } });
    },

    /** Whether a sealed statement still matches its seal. */
    async verify(row: any): Promise<boolean> {
      return Boolean(row.sha256) && (await this.seal(row)) === row.sha256;
    },
  };
};

export type StatementsService = ReturnType<typeof createStatementsService>;
export default createStatementsService;
