import type { Core } from '@strapi/strapi';
import { MONEY_FIELD, PLUGIN_ID } from '../../../shared/contracts';

/**
 * `plugin::client-portal.money`: an integer of minor units (cents) that the admin panel
 * shows and edits in the entry's currency. Its data type is `integer`, so the database
 * column, the REST/GraphQL value and the min/max validation stay those of an integer.
 */
export const registerMoneyField = (strapi: Core.Strapi) => {
  strapi.customFields.register({
    name: MONEY_FIELD,
    plugin: PLUGIN_ID,
    type: 'integer',
    inputSize: { default: 4, isResizable: true },
  });
};
