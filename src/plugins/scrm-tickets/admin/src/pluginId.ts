export const PLUGIN_ID = 'scrm-tickets';
/** The low-code editors' custom fields (the server registers the same names). */
export { CUSTOM_FIELDS, customFieldShape } from '../../server/src/constants';
