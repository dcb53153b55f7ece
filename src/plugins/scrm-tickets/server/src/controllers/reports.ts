import type { Core } from '@strapi/strapi';
import { DateTime } from 'luxon';
import { getService } from '../utils/get-service';
import { validationError } from '../utils/field-errors';
import { exportFormat, sendTable } from '../utils/table-export';
import { BREAKDOWNS, INTERVALS, TICKET_SETS } from '../services/reports';
import { ZONE } from '../reports/filters';
import { figureTable, summaryTable, ticketTable } from '../reports/tables';

const TABLES = ['summary', 'breakdown', 'trend', 'keywords', 'tickets'] as const;

// The dashboard's figures (admin: RBAC report.read; content API: an API token or role granted
// plugin::scrm-tickets.reports.*), and any of its tables as a download with no row cap.
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const reports = () => getService('reports', { strapi });
  return {
    async summary(ctx: any) {
      ctx.body = { data: await reports().summary(ctx.query) };
    },
    async breakdown(ctx: any) {
      ctx.body = { data: await reports().breakdown(ctx.query) };
    },
    async trend(ctx: any) {
      ctx.body = { data: await reports().trend(ctx.query) };
    },
    async keywords(ctx: any) {
      ctx.body = { data: await reports().keywords(ctx.query) };
    },

    /**
     * `?table=summary|breakdown|trend|keywords|tickets&format=xlsx|csv` with the same filters; a
     * breakdown takes `by`, a trend `interval`, the tickets `set` (created, done, closed, open: the
     * tickets a figure counted, the drill-down). Every row is written, streamed.
     */
    async export(ctx: any) {
      const { table = 'summary', format: asked } = ctx.query;
      const errors = [];
      if (!TABLES.includes(table)) errors.push({ path: ['table'], message: `must be one of ${TABLES.join(', ')}` });
      const format = exportFormat(asked);
      if (!format) errors.push({ path: ['format'], message: 'must be xlsx or csv' });
      if (table === 'tickets' && ctx.query.set !== undefined && !TICKET_SETS.includes(ctx.query.set)) errors.push({ path: ['set'], message: `must be one of ${TICKET_SETS.join(', ')}` });
      if (table === 'breakdown' && ctx.query.by !== undefined && !BREAKDOWNS.includes(ctx.query.by)) errors.push({ path: ['by'], message: `must be one of ${BREAKDOWNS.join(', ')}` });
      if (table === 'trend' && ctx.query.interval !== undefined && !INTERVALS.includes(ctx.query.interval)) errors.push({ path: ['interval'], message: `must be one of ${INTERVALS.join(', ')}` });
      if (errors.length) throw validationError(errors);
      const service = reports();
      // Everything that can fail with a 400 runs before the first byte is sent.
      const rows =
        table === 'summary' ? summaryTable(await service.summary(ctx.query))
        : table === 'breakdown' ? figureTable((await service.breakdown(ctx.query)).rows, '分组 Group')
        : table === 'trend' ? figureTable((await service.trend(ctx.query)).rows, '时间 Period')
        : table === 'keywords' ? keywordTable(await service.keywords(ctx.query))
        : ticketTable(strapi, service, await service.resolve(ctx.query), ctx.query.set ?? 'created');
      const stamp = DateTime.now().setZone(ZONE).toFormat('yyyyLLdd-HHmm');
      sendTable(ctx, `report-${table}${table === 'tickets' ? `-${ctx.query.set ?? 'created'}` : ''}-${stamp}`, table, format!, rows);
    },
  };
};

async function* keywordTable(data: { tags: { tag: string; tickets: number }[]; keywords: { word: string; tickets: number }[] }) {
  yield ['类别 Kind', '词 Word', '工单数 Tickets'];
  for (const t of data.tags) yield ['标签 Tag', t.tag, t.tickets];
  for (const k of data.keywords) yield ['关键词 Keyword', k.word, k.tickets];
}
