import type { Core } from '@strapi/strapi';
import { getService } from '../utils/get-service';

/** Public: the customer H5 pages' SMS sign-in (services/h5-auth.ts). */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async smsCode(ctx: any) {
    try {
      ctx.body = { data: await getService('h5-auth', { strapi }).requestCode(ctx.request.body?.mobile, ctx.request.ip ?? '') };
    } catch (error) {
      // A limited client is told when to come back, in the header HTTP clients read too.
      const seconds = (error as any)?.details?.retryAfterSeconds;
      if (typeof seconds === 'number') ctx.set('Retry-After', String(seconds));
      throw error;
    }
  },
  async login(ctx: any) {
    const body = ctx.request.body ?? {};
    ctx.body = { data: await getService('h5-auth', { strapi }).login(body.mobile, body.code) };
  },
});
