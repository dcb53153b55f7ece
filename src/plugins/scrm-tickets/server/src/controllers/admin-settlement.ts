import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { getService } from '../utils/get-service';

// Finance's settlement actions (admin routes, RBAC settlement.settle).
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async draft(ctx: any) {
    ctx.body = { data: await getService('statements', { strapi }).draft(ctx.request.body?.period) };
  },
  async confirm(ctx: any) {
    const row = await getService('statements', { strapi }).confirm(ctx.params.id);
    if (!row) throw new errors.NotFoundError('Statement not found');
    ctx.body = { data: row };
  },
  async pay(ctx: any) {
    const row = await getService('statements', { strapi }).pay(ctx.params.id);
    if (!row) throw new errors.NotFoundError('Statement not found');
    ctx.body = { data: row };
  },
});
