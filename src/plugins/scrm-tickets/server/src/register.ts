import type { Core } from '@strapi/strapi';
import { registerDocumentMiddlewares } from './middlewares';
import { registerGraphqlExtensions } from './graphql';
import { registerActions } from './permissions/register-actions';
import { getService } from './utils/get-service';

const register = async ({ strapi }: { strapi: Core.Strapi }) => {
  // In register, as content-releases does: the admin syncs the super admin's permissions with
  // every action registered by the time it bootstraps.
  await registerActions(strapi);
  registerDocumentMiddlewares(strapi);
  registerGraphqlExtensions(strapi);
  // The queues' ops view: ahead of Strapi's router (registered before its middlewares), whose
  // admin-panel catch-all route would otherwise answer /admin/queues with the admin SPA.
  const board = getService('ops-board', { strapi }).get();
  strapi.server.app.use(board.middleware);
};

export default register;
