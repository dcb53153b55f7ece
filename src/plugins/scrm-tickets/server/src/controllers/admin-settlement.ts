import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { getService } from '../utils/get-service';
import { STATEMENT_UID } from '../constants';
import { statementCsv, statementXlsx } from '../settlement/export';
import { CONTENT_TYPES, exportFormat } from '../utils/table-export';
import { validationError } from '../utils/field-errors';

// Finance's settlement actions (admin routes, RBAC settlement.settle).
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** Starts (or joins) the month's settlement run: 202 with the run to follow. */
  async draft(ctx: any) {
    ctx.status = 202;
    ctx.body = { data: await getService('settlement-runs', { strapi }).request(ctx.request.body?.period) };
  },
  async run(ctx: any) {
    const run = await getService('settlement-runs', { strapi }).get(Number(ctx.params.id));
    if (!run) throw new errors.NotFoundError('Settlement run not found');
    ctx.body = { data: run };
  },
  async confirm(ctx: any) {
    const row = await getService('statements', { strapi }).confirm(ctx.params.id);
    if (!row) throw new errors.NotFoundError('Statement not found');
    ctx.body = { data: row };
  },
  /** `?format=xlsx` (default) or `csv`. */
  async export(ctx: any) {
    const row: any = await strapi.db.query(STATEMENT_UID as any).findOne({ where: { documentId: ctx.params.id } });
    if (!row) throw new errors.NotFoundError('Statement not found');
    const format = exportFormat(ctx.query.format);
    if (!format) throw validationError([{ path: ['format'], message: 'must be xlsx or csv' }]);
    const statement = { ...row, seq: row.seq ?? 0, totalFen: Number(row.totalFen), cnyFen: row.cnyFen == null ? null : Number(row.cnyFen) };
    const lines = getService('statements', { strapi }).lines(row);
    const name = `statement-${row.period}-${String(row.party).replace(/[^a-zA-Z0-9_-]+/g, '_')}${row.seq > 0 ? `-adj${row.seq}` : ''}.${format}`;
    ctx.attachment(name);
    ctx.type = CONTENT_TYPES[format];
    ctx.body = format === 'csv' ? statementCsv(statement, lines) : statementXlsx(statement, lines);
  },

  async pay(ctx: any) {
    const row = await getService('statements', { strapi }).pay(ctx.params.id);
    if (!row) throw new errors.NotFoundError('Statement not found');
    ctx.body = { data: row };
  },
});
