'use strict';

/**
 * Strapi 5 reserves the attribute name `status` (draft & publish), so the domain
 * lifecycle field is called `state` (SPEC §5). Databases created before the rename
 * keep their values: the column is renamed before Strapi syncs the schema, which
 * then finds `state` in place and nothing left to drop. A fresh database has no
 * tables yet, so there is nothing to do.
 */
const TABLES = ['projects', 'tasks', 'time_entries', 'expenses', 'invoices'];

module.exports = {
  async up(knex) {
    for (const table of TABLES) {
      if (!(await knex.schema.hasTable(table)) || !(await knex.schema.hasColumn(table, 'status'))) continue;
      if (await knex.schema.hasColumn(table, 'state')) {
        await knex(table)
          .whereNotNull('status')
          .update({ state: knex.ref('status') });
        await knex.schema.alterTable(table, (builder) => builder.dropColumn('status'));
      } else {
        await knex.schema.alterTable(table, (builder) => builder.renameColumn('status', 'state'));
      }
    }
  },

  async down() {
    throw new Error('The status → state rename is not reversible: restore a backup instead.');
  },
};
