import type { LimitClass } from './limit-config';

export const REQUEST_LIMIT_MIDDLEWARE = 'plugin::scrm-tickets.request-limit';

/**
 * The class of a content-API handler (`controller.action`; another plugin's as `plugin::handler`).
 * A handler not listed here is limited too — as `read` when it answers GET, else as `write` — so a
 * new route is covered by default; list it to give it another class, or `none` to leave it
 * unlimited (probes a load balancer polls).
 */
export const ROUTE_CLASSES: Record<string, LimitClass | 'none'> = {
  'ticket.create': 'create',
  // A page of up to 1,000 tickets: integrations only (customers do not hold the action).
  'ticket.batch': 'create',
  'ticket.comment': 'comment',
  'workbench.create': 'create',
  'workbench.createForContact': 'create',
  'intake.receive': 'intake',
  'wecom-callback.verify': 'wecom-callback',
  'wecom-callback.receive': 'wecom-callback',
  'h5-auth.smsCode': 'sign-in',
  'h5-auth.login': 'sign-in',
  'workbench.signIn': 'sign-in',
  'health.health': 'none',
  'health.ready': 'none',
  // The attachments the H5 pages upload (the customer role holds plugin::upload.content-api.upload).
  'upload::content-api.upload': 'upload',
};

interface RouteLike {
  method: string;
  handler: unknown;
  config?: { middlewares?: unknown[]; [key: string]: unknown };
}

export function limitClassOf(route: RouteLike, plugin?: string): LimitClass | 'none' {
  const handler = typeof route.handler === 'string' ? route.handler : '';
  const listed = ROUTE_CLASSES[plugin ? `${plugin}::${handler}` : handler];
  return listed ?? (route.method === 'GET' ? 'read' : 'write');
}

/**
 * The routes with the request limit as their first route middleware — after Strapi's
 * authentication and authorization (so it knows the caller, and a request the caller may not
 * make is not counted), before the handler (so a refused request changes nothing).
 */
export function withRequestLimits<R extends RouteLike>(routes: R[], plugin?: string): R[] {
  for (const route of routes) {
    const limitClass = limitClassOf(route, plugin);
    if (limitClass === 'none') continue;
    const config = (route.config ??= {});
    const middlewares = config.middlewares ?? [];
    if (middlewares.some((m: any) => m?.name === REQUEST_LIMIT_MIDDLEWARE)) continue;
    config.middlewares = [{ name: REQUEST_LIMIT_MIDDLEWARE, config: { class: limitClass } }, ...middlewares];
  }
  return routes;
}
