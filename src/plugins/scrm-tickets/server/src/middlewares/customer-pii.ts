import type { Core } from '@strapi/strapi';
import { getService } from '../utils/get-service';
import { validationError } from '../utils/field-errors';
import { sealCustomerData } from '../pii/customer-fields';
import type { DocumentMiddleware } from './types';

const WRITES = new Set(['create', 'update', 'clone']);

/**
 * Customer mobile and address are stored sealed (AES-256-GCM), with a keyed hash of the mobile
 * for lookups (docs/operations.md, "Customer data encryption"). This is the one path for every
 * caller of the document service — REST, GraphQL, the Content Manager, our services, scripts:
 * - writes: the plaintext is checked (the schema cannot: it sees ciphertext), sealed and hashed;
 * - filters: `{ mobile: X }` (also under a relation: `{ customer: { mobile } }`) becomes
 *   `{ mobileHash: hash(X) }`, so lookups by mobile keep working; searches ciphertext cannot
 *   answer ($contains, ...) are a 400;
 * - results: customers, and customers populated inside other documents, come back as plaintext,
 *   without the hash.
 * Registered first, so every other middleware sees plaintext results and already-sealed data.
 */
export const customerPii =
  (strapi: Core.Strapi): DocumentMiddleware =>
  async (ctx, next) => {
    const pii = getService('pii', { strapi });
    if (!pii.enabled()) return next();
    const isCustomer = ctx.uid === pii.customerUid();
    if (!isCustomer && !pii.reaches(ctx.uid)) return next();

    // New params objects: callers reuse theirs (the ticket list's filters serve several queries).
    if (isCustomer && WRITES.has(ctx.action) && ctx.params?.data && typeof ctx.params.data === 'object') {
      const { data, errors } = sealCustomerData(ctx.params.data, pii.keyring());
      if (errors.length) throw validationError(errors);
      ctx.params = { ...ctx.params, data };
    }
    if (ctx.params?.filters) ctx.params = { ...ctx.params, filters: pii.rewriteFilters(ctx.params.filters, ctx.uid) };

    const result = await next();
    // Another type's rows hold customers only when populated.
    if (isCustomer || ctx.params?.populate) pii.revealResult(result, ctx.uid);
    return result;
  };
