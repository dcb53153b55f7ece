import type { Core } from '@strapi/strapi';
import createHttpError from 'http-errors';
import { DateTime } from 'luxon';
import { STATEMENT_UID, TICKET_UID } from '../constants';
import { computeLine } from '../settlement/line';
import { canonicalContent, linesOf, sealOf, type StatementLine, type TicketForSettlement } from '../settlement/statement';
import type { TierModel } from '../settlement/types';
import { validationError } from '../utils/field-errors';
import { currentActor } from '../utils/actor';

const PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;
const ZONE = 'Asia/Shanghai';

/** A month in Asia/Shanghai: [first instant, first instant of the next month). */
export function periodRange(period: unknown): { start: Date; end: Date } {
  if (typeof period !== 'string' || !PERIOD.test(period)) throw validationError([{ path: ['period'], message: 'must be a month as YYYY-MM' }]);
  const start = DateTime.fromISO(`${period}-01T00:00:00`, { zone: ZONE });
  return { start: start.toJSDate(), end: start.plus({ months: 1 }).toJSDate() };
}

const conflict = (message: string) => createHttpError(409, message, { name: 'ConflictError', details: {} });

function regionPathOf(region: any): string[] {
  const path: string[] = [];
  for (let r = region; r && path.length < 8; r = r.parent) path.push(r.code);
  return path;
}

/**
 * Statements per month and payee. A draft is recomputed from the month's closed tickets any time
 * (same tickets, same lines); a confirmed one is sealed with the SHA-256 of its exact content and
 * never changes again (a correction is a later adjustment), then paid. Every write goes through
 * this service: by hand, statements are read-only (middlewares/statement-guard.ts).
 */
const createStatementsService = ({ strapi }: { strapi: Core.Strapi }) => ({
  async closedTickets(period: string) {
    const { start, end } = periodRange(period);
    const rows: any[] = await strapi.db.query(TICKET_UID as any).findMany({
      where: { closedAt: { $gte: start, $lt: end } },
      select: ['id', 'number', 'amountFen', 'priority', 'csat', 'fields', 'reportedAt', 'resolvedAt'],
      populate: {
        assignee: { select: ['id'] },
        template: { select: ['key'], populate: { settlementTier: { select: ['key', 'model', 'currency'] } } },
        region: { select: ['code', 'priceCoefficient'], populate: { parent: { select: ['code'], populate: { parent: { select: ['code'], populate: { parent: { select: ['code'] } } } } } } },
      },
      orderBy: { id: 'asc' },
    });
    return rows;
  },

  /** (Re)computes the month's drafts; confirmed and paid statements are left as they are. */
  async draft(period: string) {
    const tickets = await this.closedTickets(period);
    // The period volume of each engineer, for tiers whose commission is on it.
    const volume = new Map<number, number>();
    for (const t of tickets) if (t.assignee) volume.set(t.assignee.id, (volume.get(t.assignee.id) ?? 0) + (t.amountFen ?? 0));
    const byPayee = new Map<string, { currency: string; lines: StatementLine[] }>();
    let settled = 0;
    for (const row of tickets) {
      const tier = row.template?.settlementTier;
      if (!tier?.model) continue;
      const model = tier.model as TierModel;
      const t: TicketForSettlement = {
        id: row.id,
        number: row.number,
        amountFen: row.amountFen ?? 0,
        priority: row.priority,
        csat: row.csat ?? null,
        serviceItem: typeof row.fields?.serviceItem === 'string' ? row.fields.serviceItem : null,
        reportedAt: new Date(row.reportedAt),
        resolvedAt: row.resolvedAt ? new Date(row.resolvedAt) : null,
        assigneeId: row.assignee?.id ?? null,
        regionPath: regionPathOf(row.region),
        regionCoefficient: row.region?.priceCoefficient ?? '1',
      };
      const basis = model.commission?.basis === 'period_volume' && t.assigneeId !== null ? volume.get(t.assigneeId) ?? 0 : t.amountFen ?? 0;
      const hours = t.resolvedAt ? (t.resolvedAt.getTime() - t.reportedAt.getTime()) / 3600_000 : null;
      const line = computeLine(model, {
        serviceItem: t.serviceItem,
        commissionBasisFen: basis,
        priority: t.priority,
        completedWithinHours: hours,
        csat: t.csat,
        regionCoefficient: t.regionCoefficient,
      });
      for (const { payee, line: l } of linesOf(t, tier.key, line, model.split.map((s) => s.party))) {
        const entry = byPayee.get(payee) ?? { currency: tier.currency ?? 'CNY', lines: [] };
        entry.lines.push(l);
        byPayee.set(payee, entry);
      }
      settled += 1;
    }

    const statements = strapi.db.query(STATEMENT_UID as any);
    const kept: string[] = [];
    let written = 0;
    await strapi.db.transaction(async () => {
      const existing: any[] = await statements.findMany({ where: { period } });
      for (const [party, { currency, lines }] of byPayee) {
        const totalFen = lines.reduce((a, l) => a + l.fen, 0);
        const found = existing.find((s) => s.party === party);
        if (found && found.status !== 'draft') {
          kept.push(party);
          continue;
        }
        const data = { period, party, currency, lines, totalFen, status: 'draft' };
        if (found) await statements.update({ where: { id: found.id }, data });
        else await statements.create({ data });
        written += 1;
      }
      // A draft whose payee has nothing left this month goes away.
      const gone = existing.filter((s) => s.status === 'draft' && !byPayee.has(s.party)).map((s) => s.id);
      if (gone.length) await statements.deleteMany({ where: { id: { $in: gone } } });
    });
    return { period, tickets: settled, drafts: written, confirmedKept: kept };
  },

  /** Seals a draft: SHA-256 of its canonical content, who confirmed it and when. */
  async confirm(documentId: string) {
    const statements = strapi.db.query(STATEMENT_UID as any);
    const row: any = await statements.findOne({ where: { documentId } });
    if (!row) return null;
    if (row.status !== 'draft') throw conflict(`Only a draft can be confirmed; this statement is ${row.status}`);
    const sha256 = sealOf(canonicalContent({ ...row, totalFen: Number(row.totalFen) }));
    const actor = currentActor(strapi);
    const updated = await statements.updateMany({
      where: { id: row.id, status: 'draft' },
      data: { status: 'confirmed', sha256, confirmedBy: { kind: actor.kind, id: actor.id, name: actor.name }, confirmedAt: new Date() },
    });
    if (updated.count !== 1) throw conflict('The statement changed while it was being confirmed');
    return statements.findOne({ where: { id: row.id } });
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
  verify(row: any): boolean {
    return Boolean(row.sha256) && sealOf(canonicalContent({ ...row, totalFen: Number(row.totalFen) })) === row.sha256;
  },
});

export type StatementsService = ReturnType<typeof createStatementsService>;
export default createStatementsService;
