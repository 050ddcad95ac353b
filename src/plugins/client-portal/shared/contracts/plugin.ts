export const PLUGIN_ID = 'client-portal';
