import type { Core } from '@strapi/strapi';
import { registerDocumentMiddlewares } from './middlewares';
import { registerGraphqlExtensions } from './graphql';
import { registerActions } from './permissions/register-actions';
import { getService } from './utils/get-service';
import { format } from 'winston';
import { CUSTOM_FIELDS, customFieldShape, PLUGIN_ID } from './constants';
import { jsonLines, redactSecrets, withRequestId } from './http/log-format';
import { requestId } from './http/request-id';
import { withRequestLimits } from './http/route-limits';

const register = async ({ strapi }: { strapi: Core.Strapi }) => {
  // In register, as content-releases does: the admin syncs the super admin's permissions with
  // every action registered by the time it bootstraps.
  await registerActions(strapi);
  // Every request carries an id, and every log line the id of its request, secrets masked;
  // LOG_FORMAT=json writes JSON lines for log collectors (docs/operations.md).
  strapi.server.app.use(requestId);
  strapi.log.format = format.combine(withRequestId(() => (strapi as any).requestContext?.get()), redactSecrets(), process.env.LOG_FORMAT === 'json' ? jsonLines() : strapi.log.format);
  // The low-code editors: what they edit stays JSON (or an integer) in the database and the API.
  strapi.customFields.register(
    Object.values(CUSTOM_FIELDS).map((name) => {
      const { type, size } = customFieldShape(name);
      return { name, plugin: PLUGIN_ID, type, inputSize: { default: size, isResizable: size < 12 } };
    }),
  );
  // Customer mobile/address keys: production without them (or with a malformed one) stops here,
  // saying what to set; elsewhere the public development key stands in, with a warning.
  const pii = getService('pii', { strapi });
  if (pii.enabled()) pii.keyring();
  registerDocumentMiddlewares(strapi);
  confineContentManagerTickets(strapi);
  limitUploads(strapi);
  registerGraphqlExtensions(strapi);
  // The queues' ops view: ahead of Strapi's router (registered before its middlewares), whose
  // admin-panel catch-all route would otherwise answer /admin/queues with the admin SPA.
  const board = getService('ops-board', { strapi }).get();
  strapi.server.app.use(board.middleware);
};

/**
 * The Content Manager's routes for one document also ask our policy: a ticket outside a confined
 * agent's regions is a 404 there, not an empty page (policies/ticket-in-scope.ts). Routes are
 * mounted after every plugin's register, so adding the policy here takes effect.
 */
function confineContentManagerTickets(strapi: Core.Strapi) {
  const routes: any[] = (strapi.plugin('content-manager')?.routes as any)?.admin?.routes ?? [];
  for (const route of routes) {
    if (route.path === '/collection-types/:model/:id' && Array.isArray(route.config?.policies)) {
      route.config.policies.push('plugin::scrm-tickets.ticket-in-scope');
    }
  }
}

/**
 * The upload plugin's content-API routes carry the request limit too: customers upload their
 * photos there (the H5 role holds plugin::upload.content-api.upload). Its routes are one shared
 * list (a router factory) that Strapi mounts after every register.
 */
function limitUploads(strapi: Core.Strapi) {
  const router: any = (strapi.plugin('upload')?.routes as any)?.['content-api'];
  const routes = router?.routes;
  if (Array.isArray(routes)) withRequestLimits(routes, 'upload');
}

export default register;
