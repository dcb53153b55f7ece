import type { Core } from '@strapi/strapi';
import { DateTime } from 'luxon';
import { TICKET_UID } from '../constants';
import { dialectOf } from '../settlement/sql';
import { validationError } from '../utils/field-errors';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const ZONE = 'Asia/Shanghai';

export interface SourceRow {
  source: string;
  tickets: number;
  responded: number;
  avgFirstResponseMinutes: number | null;
  resolved: number;
  avgResolutionMinutes: number | null;
}

const minutes = (ms: unknown) => (ms === null || ms === undefined ? null : Math.round((Number(ms) / 60_000) * 10) / 10);

/**
 * Where tickets come from: per entry (`source`), over the tickets reported in [from, to) — days in
 * Asia/Shanghai, the current month by default — how many, how many answered and resolved, and
 * the average minutes from report to first response and to resolution. One grouped query.
 */
const createSourceReportService = ({ strapi }: { strapi: Core.Strapi }) => ({
  async bySource(query: { from?: unknown; to?: unknown }): Promise<{ from: string; to: string; sources: SourceRow[] }> {
    const errors = [];
    for (const key of ['from', 'to'] as const) {
      const v = query[key];
      if (v !== undefined && (typeof v !== 'string' || !DAY.test(v) || !DateTime.fromISO(v, { zone: ZONE }).isValid)) errors.push({ path: [key], message: 'must be a day as YYYY-MM-DD' });
    }
    if (errors.length) throw validationError(errors);
    const month = DateTime.now().setZone(ZONE).startOf('month');
    const from = typeof query.from === 'string' ? DateTime.fromISO(query.from, { zone: ZONE }) : month;
    const to = typeof query.to === 'string' ? DateTime.fromISO(query.to, { zone: ZONE }) : month.plus({ months: 1 });
    if (to <= from) throw validationError([{ path: ['to'], message: 'must be after from' }]);
    const d = dialectOf(strapi.db.dialect.client === 'postgres' ? 'postgres' : 'sqlite');
    const table = strapi.db.metadata.get(TICKET_UID as any).tableName;
    const average = (column: string) => `AVG(CASE WHEN ${column} IS NOT NULL THEN ${d.msBetween('reported_at', column)} END)`;
    const rows: any[] = await strapi.db
      .connection(table)
      .select('source')
      .select(strapi.db.connection.raw(`COUNT(*) AS tickets, COUNT(first_responded_at) AS responded, ${average('first_responded_at')} AS response_ms, COUNT(resolved_at) AS resolved, ${average('resolved_at')} AS resolution_ms`))
      .where('reported_at', '>=', from.toJSDate())
      .andWhere('reported_at', '<', to.toJSDate())
      .groupBy('source')
      .orderBy([{ column: 'tickets', order: 'desc' }, { column: 'source' }]);
    return {
      from: from.toISODate()!,
      to: to.toISODate()!,
      sources: rows.map((r) => ({
        source: r.source,
        tickets: Number(r.tickets),
        responded: Number(r.responded),
        avgFirstResponseMinutes: minutes(r.response_ms),
        resolved: Number(r.resolved),
        avgResolutionMinutes: minutes(r.resolution_ms),
      })),
    };
  },
});

export type SourceReportService = ReturnType<typeof createSourceReportService>;
export default createSourceReportService;
