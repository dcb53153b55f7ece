import type { Core } from '@strapi/strapi';
import { registerDocumentMiddlewares } from './middlewares';
import { registerGraphqlExtensions } from './graphql';

const register = ({ strapi }: { strapi: Core.Strapi }) => {
  registerDocumentMiddlewares(strapi);
  registerGraphqlExtensions(strapi);
};

export default register;
