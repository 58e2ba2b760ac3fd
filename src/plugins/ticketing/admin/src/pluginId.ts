export const PLUGIN_ID = 'ticketing';
