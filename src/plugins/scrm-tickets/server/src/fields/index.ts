// The pure field-validation module: no Strapi imports; the service layer wraps FieldError lists.
export * from './types';
export { validateFieldDefinitions, MAX_DEFINITIONS } from './definitions';
export { compileFields, validateTicketFields, type CompiledFields, type ValidateOptions, type ValidateResult } from './ticket-fields';
export { MAX_STRING } from './checkers';
export { conditionHolds, visibleKeys } from './visibility';
