import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import type { RowFilter } from '../access/rules';

/**
 * SQL aggregates under the access rules. The row filter (the same one every
 * read gets) selects the ids in a subquery, so joins it needs for relations
 * cannot multiply the rows being summed; the outer query sums plain columns.
 */
export const aggregateOver = (strapi: Core.Strapi, uid: string, where: RowFilter) => {
  const meta = strapi.db.metadata.get(uid);
  const table = meta.tableName;
  const ids = strapi.db
    .queryBuilder(uid)
    .where((where ?? {}) as never)
    .select('id')
    .getKnexQuery();
  const column = (attribute: string): string => {
    const name = (meta.attributes[attribute] as { columnName?: string } | undefined)?.columnName;
    if (!name) throw new Error(`${uid} has no column for ${attribute}`);
    return `${table}.${name}`;
  };
  /** The link table of a to-one relation: joined to group by its target's id. */
  const link = (attribute: string) => {
    const joinTable = (
      meta.attributes[attribute] as {
        joinTable?: { name: string; joinColumn: { name: string }; inverseJoinColumn: { name: string } };
      }
    ).joinTable;
    if (!joinTable) throw new Error(`${uid}.${attribute} has no link table`);
    return {
      table: joinTable.name,
      own: `${joinTable.name}.${joinTable.joinColumn.name}`,
      target: `${joinTable.name}.${joinTable.inverseJoinColumn.name}`,
    };
  };
  const query = (): Knex.QueryBuilder => strapi.db.connection(table).whereIn(`${table}.id`, ids);
  /**
   * The rows linked to one row of a to-one relation (a budget's entries), read from the
   * link table's index and joined by primary key; `where` is not applied (the caller
   * checked the anchor row against the rules and adds plain column conditions).
   */
  const linkedTo = (relation: string, id: number): Knex.QueryBuilder => {
    const via = link(relation);
    return strapi.db.connection(table).join(via.table, via.own, `${table}.id`).where(via.target, id);
  };
  return { table, column, link, query, linkedTo, raw: strapi.db.connection.raw.bind(strapi.db.connection) };
};

/** PostgreSQL returns SUM and COUNT as strings (bigint), SQLite as numbers; null when no row. */
export const toInteger = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));

/** SQLite stores booleans as 0/1, PostgreSQL as booleans. */
export const toBoolean = (value: unknown): boolean => value === true || value === 1 || value === '1' || value === 't';
