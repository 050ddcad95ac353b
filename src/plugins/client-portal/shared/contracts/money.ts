/** The plugin's money custom field: integer minor units, shown and edited in the entry's currency. */
export const MONEY_FIELD = 'money';
export const MONEY_FIELD_UID = 'plugin::client-portal.money';
