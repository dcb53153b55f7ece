import type { Core } from '@strapi/strapi';
import { getService } from '../utils/get-service';

// Quotes for a ticket's service items before the customer confirms (content API: customers'
// pages, API tokens; admin: agents), and the month's price calibration (admin, finance).
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async create(ctx: any) {
    ctx.body = { data: await getService('pricing', { strapi }).quote(ctx.request.body) };
  },
  /** The region tree with each region's coefficient in force (the admin's region editor). */
  async regions(ctx: any) {
    ctx.body = { data: await getService('pricing', { strapi }).regionTree() };
  },
  async calibration(ctx: any) {
    ctx.body = { data: await getService('pricing', { strapi }).calibration(ctx.query.period) };
  },
});
