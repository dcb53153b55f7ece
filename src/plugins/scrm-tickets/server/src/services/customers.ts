import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../constants';
import type { PluginConfig } from '../config';

const createCustomersService = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** The host customer a users-permissions user is linked to (documentId), or null. */
  async documentIdForUser(userId: number): Promise<string | null> {
    const { customerUid } = strapi.config.get(`plugin::${PLUGIN_ID}`) as PluginConfig;
    const customer = await strapi.db
      .query(customerUid as any)
      .findOne({ where: { user: { id: userId } }, select: ['documentId'] });
    return (customer as { documentId?: string } | null)?.documentId ?? null;
  },
});

export type CustomersService = ReturnType<typeof createCustomersService>;
export default createCustomersService;
