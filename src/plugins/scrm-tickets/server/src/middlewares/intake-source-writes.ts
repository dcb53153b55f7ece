import type { Core } from '@strapi/strapi';
import { INTAKE_SOURCE_UID, TEMPLATE_UID } from '../constants';
import { mappingErrors } from '../intake/mapping';
import { assertNoErrors } from '../utils/field-errors';
import type { DocumentMiddleware } from './types';

/** A webhook source is saved only with paths that can be read and a template that exists. */
export const intakeSourceWrites =
  (strapi: Core.Strapi): DocumentMiddleware =>
  async (ctx, next) => {
    if (ctx.uid !== INTAKE_SOURCE_UID || (ctx.action !== 'create' && ctx.action !== 'update')) return next();
    const data = ctx.params.data ?? {};
    const errors = [];
    if (ctx.action === 'create' || 'mapping' in data || 'eventIdPath' in data) {
      const current: any = ctx.action === 'update' ? await strapi.db.query(INTAKE_SOURCE_UID as any).findOne({ where: { documentId: (ctx.params as any).documentId } }) : {};
      errors.push(...mappingErrors('mapping' in data ? data.mapping : current?.mapping, 'eventIdPath' in data ? data.eventIdPath : current?.eventIdPath));
    }
    if ('templateKey' in data && !(await strapi.db.query(TEMPLATE_UID as any).findOne({ where: { key: data.templateKey }, select: ['id'] }))) {
      errors.push({ path: ['templateKey'], message: 'names no ticket template' });
    }
    assertNoErrors(errors);
    return next();
  };
