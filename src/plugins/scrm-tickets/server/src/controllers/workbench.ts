import type { Core } from '@strapi/strapi';
import { getService } from '../utils/get-service';
import { validationError } from '../utils/field-errors';

/** `{ data: {...} }` of a POST, or a 400 naming `data`. */
const dataOf = (ctx: any): Record<string, unknown> => {
  const data = ctx.request.body?.data;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw validationError([{ path: ['data'], message: 'must be an object' }]);
  const key = ctx.get('idempotency-key');
  return key ? { ...data, idempotencyKey: key } : data;
};

/**
 * The WeCom member pages (public/h5/workbench.html, sidebar.html): public routes, each but the
 * sign-in authenticated here by the member session (services/workbench.ts).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const workbench = () => getService('workbench', { strapi });
  return {
    async signIn(ctx: any) {
      ctx.body = { data: await workbench().signIn(ctx.query.code) };
    },
    async tickets(ctx: any) {
      const member = await workbench().authenticate(ctx);
      ctx.body = { data: await workbench().tickets(member.adminId) };
    },
    async templates(ctx: any) {
      await workbench().authenticate(ctx);
      ctx.body = { data: await workbench().templates() };
    },
    async create(ctx: any) {
      await workbench().authenticate(ctx);
      ctx.status = 201;
      ctx.body = { data: await workbench().create(dataOf(ctx)) };
    },
    async jsapi(ctx: any) {
      await workbench().authenticate(ctx);
      ctx.body = { data: await workbench().jsapi(ctx.query.url) };
    },
    async contact(ctx: any) {
      await workbench().authenticate(ctx);
      ctx.body = { data: await workbench().contact(ctx.params.externalUserId) };
    },
    async createForContact(ctx: any) {
      await workbench().authenticate(ctx);
      ctx.status = 201;
      ctx.body = { data: await workbench().createForContact(ctx.params.externalUserId, dataOf(ctx)) };
    },
  };
};
