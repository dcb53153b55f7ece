export * from './types';
export { validateFieldDefinitions, MAX_DEFINITIONS } from './definitions';
export { compileFields, validateTicketFields, type CompiledFields, type ValidateOptions } from './ticket-fields';
export { isVisible } from './visibility';
