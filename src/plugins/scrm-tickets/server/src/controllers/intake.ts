import type { Core } from '@strapi/strapi';
import { getService } from '../utils/get-service';

// POST /api/scrm-tickets/intake/:sourceKey — public, authenticated by the source's signature.
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async receive(ctx: any) {
    const raw = ctx.request.body?.[Symbol.for('unparsedBody')];
    const { ticket, created } = await getService('intake', { strapi }).receive(ctx.params.sourceKey, ctx.request.headers, raw);
    ctx.status = created ? 201 : 200;
    ctx.body = { data: { documentId: ticket.documentId, number: ticket.number, state: ticket.state, created } };
  },
  /** GET …/reports/sources?from=YYYY-MM-DD&to=YYYY-MM-DD: tickets and their times by entry. */
  async sources(ctx: any) {
    ctx.body = { data: await getService('source-report', { strapi }).bySource(ctx.query ?? {}) };
  },
});
