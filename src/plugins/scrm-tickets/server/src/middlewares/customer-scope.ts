import { forbidden } from '../utils/forbidden';
import type { Core } from '@strapi/strapi';
import { TICKET_UID } from '../constants';
import { currentEndUserId } from '../utils/actor';
import { getService } from '../utils/get-service';
import type { DocumentMiddleware } from './types';
import { withinScope } from './ticket-scope';

// No customer matches this: a user without a linked customer sees an empty list.
const NO_CUSTOMER = '__no_customer__';

/**
 * A customer (users-permissions user) sees and creates only tickets of the customer they are
 * linked to, on REST and GraphQL alike; another customer's ticket does not exist for them.
 * Staff (admin) and integrations (API tokens) are not scoped here.
 */
export const customerScope =
  (strapi: Core.Strapi): DocumentMiddleware =>
  async (ctx, next) => {
    if (ctx.uid !== TICKET_UID) return next();
    const userId = currentEndUserId(strapi);
    if (userId === null) return next();
    const customerId = await getService('customers', { strapi }).documentIdForUser(userId);
    const own = { customer: { documentId: customerId ?? NO_CUSTOMER } };

    if (ctx.action === 'create') {
      if (!customerId) throw forbidden('Your account is not linked to a customer');
      ctx.params.data = { ...(ctx.params.data ?? {}), customer: customerId };
      return next();
    }
    return withinScope(strapi, ctx, own, next);
  };
