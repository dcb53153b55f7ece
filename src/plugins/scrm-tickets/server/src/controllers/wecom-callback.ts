import type { Core } from '@strapi/strapi';
import { getService } from '../utils/get-service';
import { CallbackError } from '../wecom/callback';

// GET/POST /api/scrm-tickets/wecom/callback — public: WeCom's signature authenticates it.
const answerError = (ctx: any, error: unknown) => {
  if (!(error instanceof CallbackError)) throw error;
  ctx.status = error.status;
  ctx.body = { data: null, error: { status: error.status, name: error.status === 400 ? 'ValidationError' : 'UnauthorizedError', message: error.message, details: {} } };
};

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** URL verification: the plaintext echostr, with nothing around it. */
  verify(ctx: any) {
    try {
      ctx.type = 'text/plain';
      ctx.body = getService('wecom-callback', { strapi }).verify(ctx.query);
    } catch (error) {
      answerError(ctx, error);
    }
  },
  /** A message or event: 200 with an empty body once stored (WeCom then neither retries nor shows anything). */
  async receive(ctx: any) {
    try {
      const raw = ctx.request.body?.[Symbol.for('unparsedBody')] ?? (typeof ctx.request.body === 'string' ? ctx.request.body : undefined);
      await getService('wecom-callback', { strapi }).receive(ctx.query, raw);
      ctx.status = 200;
      ctx.type = 'text/plain';
      ctx.body = '';
    } catch (error) {
      answerError(ctx, error);
    }
  },
});
