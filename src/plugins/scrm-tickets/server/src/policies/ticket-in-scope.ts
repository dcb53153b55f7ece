import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { TICKET_UID } from '../constants';
import { getService } from '../utils/get-service';

/**
 * On the Content Manager's routes for one document: a ticket outside the regions of a confined
 * agent or manager is a 404. The document service already hides it (middlewares/staff-scope.ts),
 * but the Content Manager then checks existence with a bare query and would answer an empty 200.
 */
export default async (policyContext: any, _config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const { model, id } = policyContext.params ?? {};
  if (model !== TICKET_UID || !id) return true;
  const regionIds = await getService('staff-scope', { strapi }).regionIds();
  if (regionIds === null) return true;
  const visible = await strapi.documents(TICKET_UID as any).count({ filters: { documentId: id } } as any);
  if (!visible) throw new errors.NotFoundError('Not Found');
  return true;
};
