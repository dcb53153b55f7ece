import type { Core } from '@strapi/strapi';
import { EVENT_UID, INTAKE_SOURCE_UID, TICKET_UID } from './constants';
import { SEALED_FIELDS } from './pii/customer-fields';
import { reveal } from './pii/cipher';
import { getService } from './utils/get-service';
import { limitResolver } from './http/request-limit';

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
  revealSealedCustomerFields(strapi, graphql);
  // Tickets made or read through GraphQL count against the same request limits as through REST.
  const limited = (limitClass: 'create' | 'write' | 'read') => ({ middlewares: [limitResolver(strapi, limitClass)] });
  extension.use(() => ({
    resolversConfig: {
      'Mutation.createScrmTicketsTicket': limited('create'),
      'Mutation.updateScrmTicketsTicket': limited('write'),
      'Query.scrmTicketsTickets': limited('read'),
      'Query.scrmTicketsTickets_connection': limited('read'),
      'Query.scrmTicketsTicket': limited('read'),
    },
  }));
};

/**
 * A customer GraphQL loads through a relation (`ticket { customer { mobile } }`) comes from the
 * query engine, past the document-service middleware that opens sealed fields: the customer
 * type's own resolvers open them (a value already opened passes as it is).
 */
function revealSealedCustomerFields(strapi: Core.Strapi, graphql: any) {
  const pii = getService('pii', { strapi });
  if (!pii.enabled()) return;
  const typeName = graphql.service('utils').naming.getTypeName(strapi.contentType(pii.customerUid() as any));
  const fields = Object.fromEntries(SEALED_FIELDS.map((field) => [field, (parent: any) => reveal(parent?.[field], pii.keyring(), field) ?? null]));
  graphql.service('extension').use(() => ({ resolvers: { [typeName]: fields } }));
}
