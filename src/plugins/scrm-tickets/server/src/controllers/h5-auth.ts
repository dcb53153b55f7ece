import type { Core } from '@strapi/strapi';
import { getService } from '../utils/get-service';

/** Public: the customer H5 pages' SMS sign-in (services/h5-auth.ts). */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async smsCode(ctx: any) {
    ctx.body = { data: await getService('h5-auth', { strapi }).requestCode(ctx.request.body?.mobile, ctx.request.ip ?? '') };
  },
  async login(ctx: any) {
    const body = ctx.request.body ?? {};
    ctx.body = { data: await getService('h5-auth', { strapi }).login(body.mobile, body.code) };
  },
});
