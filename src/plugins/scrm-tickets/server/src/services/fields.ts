import type { Core } from '@strapi/strapi';
import {
  compileFields,
  validateFieldDefinitions,
  validateTicketFields,
  type CompiledFields,
  type FieldDefinition,
} from '../fields';
import { assertNoErrors } from '../utils/field-errors';

export interface TemplateLike {
  id: number;
  updatedAt?: string | Date | null;
  fieldDefinitions?: unknown;
}

const createFieldsService = ({ strapi: _strapi }: { strapi: Core.Strapi }) => {
  // Compiled validators by template id + updatedAt: a saved template changes updatedAt, so a
  // stale entry is simply never hit again. Bounded so a long-running instance cannot grow it.
  const cache = new Map<string, CompiledFields>();
  const MAX_CACHED = 500;

  const compiledFor = (template: TemplateLike): CompiledFields => {
    const stamp = template.updatedAt instanceof Date ? template.updatedAt.toISOString() : template.updatedAt;
    const key = `${template.id}:${stamp ?? ''}`;
    let compiled = cache.get(key);
    if (!compiled) {
      const defs = (Array.isArray(template.fieldDefinitions) ? template.fieldDefinitions : []) as FieldDefinition[];
      compiled = compileFields(defs);
      if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string);
      cache.set(key, compiled);
    }
    return compiled;
  };

  return {
    /** Rejects a template whose field definitions are invalid (400, paths under `fieldDefinitions`). */
    assertValidDefinitions(defs: unknown) {
      assertNoErrors(validateFieldDefinitions(defs ?? [], ['fieldDefinitions']));
    },

    /** Validates a ticket's `fields` against its template; returns the value to store (defaults filled). */
    validate(
      template: TemplateLike,
      input: unknown,
      opts: { existing?: Record<string, unknown> | null; mode: 'create' | 'update' }
    ): Record<string, unknown> {
      const { value, errors } = validateTicketFields(compiledFor(template), input ?? {}, opts);
      assertNoErrors(errors);
      return value;
    },
  };
};

export type FieldsService = ReturnType<typeof createFieldsService>;
export default createFieldsService;
