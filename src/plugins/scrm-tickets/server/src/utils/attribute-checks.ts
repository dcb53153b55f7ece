import Ajv, { type ErrorObject } from 'ajv';
import type { PathError } from './field-errors';

/**
 * The scalar constraints of a content type (required, lengths, enums, regexes, integer bounds),
 * compiled once into an Ajv validator. Strapi's entity validator checks the same constraints but
 * builds its yup schema again for every entity (~3 ms each here): fine for one create, a second
 * per 1,000 tickets of a batch. Relations, media and components are not checked here.
 */
type Attribute = { type: string; required?: boolean; maxLength?: number; minLength?: number; regex?: string; enum?: string[]; min?: number; max?: number };

// Lengths in code points (yup counts UTF-16 units): the same for every Chinese character in use.
const ajv = new Ajv({ allErrors: true, strict: false });

function schemaOf(attribute: Attribute): Record<string, unknown> | null {
  switch (attribute.type) {
    case 'string':
    case 'text':
    case 'richtext':
    case 'email':
    case 'uid': {
      const s: Record<string, unknown> = { type: 'string' };
      if (attribute.maxLength !== undefined) s.maxLength = attribute.maxLength;
      if (attribute.minLength !== undefined) s.minLength = attribute.minLength;
      if (attribute.regex) s.pattern = attribute.regex;
      return s;
    }
    case 'enumeration':
      return { type: 'string', enum: attribute.enum ?? [] };
    case 'integer':
    case 'biginteger':
    case 'float':
    case 'decimal': {
      const s: Record<string, unknown> = { type: attribute.type === 'integer' || attribute.type === 'biginteger' ? 'integer' : 'number' };
      if (attribute.min !== undefined) s.minimum = attribute.min;
      if (attribute.max !== undefined) s.maximum = attribute.max;
      return s;
    }
    case 'boolean':
      return { type: 'boolean' };
    default:
      return null; // json, dates (checked by their own code), relations, media, components
  }
}

const messageOf = (e: ErrorObject): string => {
  const p = e.params as Record<string, any>;
  switch (e.keyword) {
    case 'required':
      return 'must be defined';
    case 'maxLength':
      return `must be at most ${p.limit} characters`;
    case 'minLength':
      return `must be at least ${p.limit} characters`;
    case 'enum':
      return `must be one of the following values: ${p.allowedValues.join(', ')}`;
    case 'pattern':
      return 'must match the format of this attribute';
    case 'minimum':
      return `must be greater than or equal to ${p.limit}`;
    case 'maximum':
      return `must be less than or equal to ${p.limit}`;
    default:
      return e.message ?? 'is not valid';
  }
};

export function compileAttributeChecks(attributes: Record<string, Attribute>, skip: readonly string[] = []) {
  const properties: Record<string, unknown> = {};
  const required: string[] = [];
  for (const [name, attribute] of Object.entries(attributes)) {
    if (skip.includes(name)) continue;
    const schema = schemaOf(attribute);
    if (!schema) continue;
    // Unset is null, as Strapi stores it; a required attribute must be there and not null.
    properties[name] = attribute.required ? schema : { anyOf: [schema, { type: 'null' }] };
    if (attribute.required) required.push(name);
  }
  const check = ajv.compile({ type: 'object', properties, required });
  return (data: Record<string, unknown>): PathError[] => {
    if (check(data)) return [];
    const seen = new Set<string>();
    const errors: PathError[] = [];
    for (const e of check.errors ?? []) {
      // anyOf reports the type branch and the null branch: keep the first error per attribute.
      const name = e.keyword === 'required' ? (e.params as any).missingProperty : e.instancePath.split('/')[1];
      if (!name || seen.has(name) || e.keyword === 'anyOf' || (e.keyword === 'type' && (e.params as any).type === 'null')) continue;
      seen.add(name);
      errors.push({ path: [name], message: messageOf(e) });
    }
    return errors;
  };
}
