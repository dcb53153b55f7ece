import type { Core } from '@strapi/strapi';
import { EVENT_UID, INTAKE_SOURCE_UID, TICKET_UID } from './constants';

/**
 * GraphQL shows the plugin's types through shadow CRUD. Events are read-only there too, and
 * tickets are never deleted; everything else runs through the same document-service middlewares.
 */
export const registerGraphqlExtensions = (strapi: Core.Strapi) => {
  const graphql = strapi.plugin('graphql');
  if (!graphql) return;
  const extension = graphql.service('extension');
  extension.shadowCRUD(EVENT_UID).disableMutations();
  extension.shadowCRUD(TICKET_UID).disableAction('delete');
  // Webhook sources hold secrets: not in GraphQL at all.
  extension.shadowCRUD(INTAKE_SOURCE_UID).disable();
};
