export const PLUGIN_ID = 'scrm-tickets';
/** The custom field of the template designer (the server registers the same name). */
export const TEMPLATE_FIELDS = 'template-fields';
