import type { Core } from '@strapi/strapi';
import { registerDocumentMiddlewares } from './middlewares';
import { registerGraphqlExtensions } from './graphql';
import { registerActions } from './permissions/register-actions';

const register = async ({ strapi }: { strapi: Core.Strapi }) => {
  // In register, as content-releases does: the admin syncs the super admin's permissions with
  // every action registered by the time it bootstraps.
  await registerActions(strapi);
  registerDocumentMiddlewares(strapi);
  registerGraphqlExtensions(strapi);
};

export default register;
