import type { Core } from '@strapi/strapi';
import { TEMPLATE_UID } from '../constants';
import { validationError } from '../utils/field-errors';

export interface TicketTemplate {
  id: number;
  documentId: string;
  key: string;
  name: string;
  enabled?: boolean;
  defaultPriority?: string;
  fieldDefinitions?: unknown;
  workflow?: unknown;
  updatedAt?: string;
}

/** The documentId a relation input names, in any of Strapi's relation input shapes. */
const relationDocumentId = (input: unknown): string | null => {
  if (typeof input === 'string') return input;
  if (!input || typeof input !== 'object') return null;
  const value = input as Record<string, unknown>;
  if (typeof value.documentId === 'string') return value.documentId;
  for (const op of ['set', 'connect'] as const) {
    const list = value[op];
    const first = Array.isArray(list) ? list[0] : list;
    const id = relationDocumentId(first);
    if (id) return id;
  }
  return null;
};

const createTemplatesService = ({ strapi }: { strapi: Core.Strapi }) => ({
  relationDocumentId,

  /**
   * The template a create names, by `templateKey` or by the `template` relation. A missing,
   * unknown or disabled template is a 400 on the field the caller used.
   */
  async resolveForCreate(data: Record<string, unknown>): Promise<TicketTemplate> {
    const byKey = data.templateKey;
    const path = byKey !== undefined ? ['templateKey'] : ['template'];
    let template: TicketTemplate | null = null;
    if (byKey !== undefined) {
      if (typeof byKey !== 'string' || byKey.length === 0 || byKey.length > 64) {
        throw validationError([{ path, message: 'must be a template key' }]);
      }
      // The hot path of every create: one indexed SELECT, not a document-service round.
      template = (await strapi.db.query(TEMPLATE_UID as any).findOne({ where: { key: byKey } })) as any;
    } else {
      const documentId = relationDocumentId(data.template);
      if (!documentId) throw validationError([{ path: ['templateKey'], message: 'is required' }]);
      template = (await strapi.documents(TEMPLATE_UID as any).findOne({ documentId })) as any;
    }
    if (!template) throw validationError([{ path, message: 'names no ticket template' }]);
    if (template.enabled === false) throw validationError([{ path, message: 'names a disabled template' }]);
    return template;
  },
});

export type TemplatesService = ReturnType<typeof createTemplatesService>;
export default createTemplatesService;
