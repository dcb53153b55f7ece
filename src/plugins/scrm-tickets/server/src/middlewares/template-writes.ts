import type { Core } from '@strapi/strapi';
import { TEMPLATE_UID } from '../constants';
import { getService } from '../utils/get-service';
import type { DocumentMiddleware } from './types';

/** A template is saved only with valid field definitions, from any path (admin, API, imports). */
export const templateWrites =
  (strapi: Core.Strapi): DocumentMiddleware =>
  async (ctx, next) => {
    if (ctx.uid !== TEMPLATE_UID || (ctx.action !== 'create' && ctx.action !== 'update')) return next();
    const data = ctx.params.data ?? {};
    if (ctx.action === 'create' || 'fieldDefinitions' in data) {
      getService('fields', { strapi }).assertValidDefinitions(data.fieldDefinitions ?? []);
    }
    return next();
  };
