export const PLUGIN_ID = 'scrm-tickets';
