import type { Core } from '@strapi/strapi';
import type Bull from 'bull';
import { createBullBoard } from '@bull-board/api';
import { BullAdapter } from '@bull-board/api/bullAdapter';
import { KoaAdapter } from '@bull-board/koa';
import { ACTIONS } from '../constants';

export const OPS_BOARD_PATH = '/admin/queues';
/** The admin session's refresh cookie (@strapi/admin session-auth). */
const REFRESH_COOKIE = 'strapi_admin_refresh';

/**
 * The queues' ops view (@bull-board/koa) at /admin/queues, for admins holding
 * `plugin::scrm-tickets.queues.read` (super admins hold every action). A browser opening the page
 * carries the admin session's cookies (path /admin), scripts send the access token as a bearer
 * token; each is checked with Strapi's admin session manager, as the admin's own authentication
 * strategy does, so a logged-out or revoked session is refused.
 */
export function createOpsBoard(strapi: Core.Strapi) {
  const serverAdapter = new KoaAdapter();
  serverAdapter.setBasePath(OPS_BOARD_PATH);
  const board = createBullBoard({ queues: [], serverAdapter, options: { uiConfig: { boardTitle: 'scrm-tickets queues' } } });
  const serve = serverAdapter.registerPlugin() as (ctx: any, next: () => Promise<unknown>) => Promise<unknown>;

  /** The logged-in admin behind a request: bearer or access cookie, else the refresh cookie. */
  async function admin(ctx: any): Promise<any | null> {
    const sessions = (strapi as any).sessionManager?.('admin');
    if (!sessions) return null;
    const header: string = ctx.request.header.authorization ?? '';
    const cookieName = (strapi.config.get('admin.auth.cookie.name') as string | undefined) || 'jwtToken';
    const cookie = ctx.cookies.get(cookieName);
    const access = header.toLowerCase().startsWith('bearer ') ? header.slice(7).trim() : cookie && decodeURIComponent(cookie);
    let userId: string | undefined;
    if (access) {
      const result = sessions.validateAccessToken(access);
      if (result?.isValid && (await sessions.isSessionActive(result.payload.sessionId))) userId = result.payload.userId;
    } else {
      // The admin panel keeps its access token in localStorage when "remember me" is ticked; the
      // httpOnly refresh cookie (path /admin) is sent by the browser either way.
      const refresh = ctx.cookies.get(REFRESH_COOKIE);
      const result = refresh ? await sessions.validateRefreshToken(refresh) : null;
      if (result?.isValid) userId = result.userId;
    }
    if (userId === undefined) return null;
    const user = await strapi.db.query('admin::user').findOne({ where: { id: Number(userId) }, populate: ['roles'] });
    return user?.isActive ? user : null;
  }

  const middleware = async (ctx: any, next: () => Promise<unknown>) => {
    if (ctx.path !== OPS_BOARD_PATH && !ctx.path.startsWith(`${OPS_BOARD_PATH}/`)) return next();
    let user: any;
    try {
      user = await admin(ctx);
    } catch (error) {
      // Ahead of Strapi's error middleware: answer for ourselves (a broken token is a 401).
      strapi.log.warn(`scrm-tickets: queue board login check failed: ${(error as Error).message}`);
      user = null;
    }
    if (!user) {
      ctx.status = 401;
      ctx.body = { data: null, error: { status: 401, name: 'UnauthorizedError', message: 'Log in to the admin panel to see the queues', details: {} } };
      return;
    }
    const ability = await strapi.service('admin::permission').engine.generateUserAbility(user);
    if (!ability.can(ACTIONS.readQueues)) {
      ctx.status = 403;
      ctx.body = { data: null, error: { status: 403, name: 'ForbiddenError', message: 'The queues are for administrators', details: {} } };
      return;
    }
    return serve(ctx, next);
  };

  // The queues shown, for the readiness check's depths too.
  const shown = new Map<string, Bull.Queue>();
  return {
    middleware,
    show(queues: Bull.Queue[]) {
      for (const queue of queues) {
        board.addQueue(new BullAdapter(queue));
        shown.set(queue.name, queue);
      }
    },
    hide(queues: Bull.Queue[]) {
      for (const queue of queues) {
        board.removeQueue(queue.name);
        shown.delete(queue.name);
      }
    },
    queues: () => [...shown.values()],
  };
}

export type OpsBoard = ReturnType<typeof createOpsBoard>;
