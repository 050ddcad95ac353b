import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import type { RowFilter } from '../access/rules';
import { copyColumn, hasRowIndex } from './row-index';
import { columnOf, linkTableOf, metaOf, type TableMeta } from './table-meta';

const LOGICAL = new Set(['$and', '$or', '$not']);

/** A filter that names only the type's own columns: Strapi compiles it without a join. */
export const isFlat = (attributes: TableMeta['attributes'], where: unknown): boolean => {
  if (where === null || where === undefined) return true;
  if (Array.isArray(where)) return where.every((part) => isFlat(attributes, part));
  if (typeof where !== 'object') return false;
  return Object.entries(where).every(([key, value]) => {
    if (LOGICAL.has(key)) return isFlat(attributes, value);
    const attribute = attributes[key];
    return attribute !== undefined && attribute.type !== 'relation' && !attribute.joinTable;
  });
};

/**
 * SQL aggregates under the access rules; columns are qualified by `ref`.
 * A filter on the type's own columns (the rules compile to the row's copies for most
 * readers) is compiled by Strapi onto the aggregate's own query. A filter that joins
 * relations selects the ids in a subquery instead, so the joins cannot multiply the
 * rows being summed.
 */
export const aggregateOver = (strapi: Core.Strapi, uid: string, where: RowFilter) => {
  const meta = metaOf(strapi, uid);
  const table = meta.tableName;
  const filtered = () => strapi.db.queryBuilder(uid).where(where ?? {});
  // Strapi's alias for the root table (t0): every query below uses it, so `column` fits them all.
  const ref: string = (filtered() as unknown as { alias: string }).alias;
  const column = (attribute: string): string => `${ref}.${columnOf(strapi, uid, attribute)}`;
  /** The link table of a to-one relation. */
  const link = (attribute: string) => {
    const joinTable = linkTableOf(strapi, uid, attribute);
    return {
      table: joinTable.name,
      own: `${joinTable.name}.${joinTable.joinColumn.name}`,
      target: `${joinTable.name}.${joinTable.inverseJoinColumn.name}`,
    };
  };
  /**
   * The target id of a to-one relation, to group or select by: the row's indexed copy
   * (`indexedBy`, kept by the database) or else the link table, joined in (`optional`: a
   * left join, keeping the rows without a target, whose id is then null).
   */
  const by = (
    relation: string,
    { optional = false }: { optional?: boolean } = {}
  ): { column: string; join: (query: Knex.QueryBuilder) => Knex.QueryBuilder } => {
    const copy = copyColumn(relation);
    if (hasRowIndex(strapi) && meta.attributes[copy]?.columnName) {
      return { column: column(copy), join: (query) => query };
    }
    const via = link(relation);
    return {
      column: via.target,
      join: (query) =>
        optional ? query.leftJoin(via.table, via.own, `${ref}.id`) : query.join(via.table, via.own, `${ref}.id`),
    };
  };
  /** The table of a relation's target, and its attributes' columns (to join it under an alias of one's own). */
  const target = (relation: string) => {
    const uidOfTarget = meta.attributes[relation]?.target;
    if (!uidOfTarget) throw new Error(`${uid}.${relation} is not a relation`);
    return {
      table: metaOf(strapi, uidOfTarget).tableName,
      column: (attribute: string): string => columnOf(strapi, uidOfTarget, attribute),
    };
  };
  /**
   * Keeps the rows without a target on a to-one relation (`{ [relation]: { id: { $null: true } } }`
   * in a filter, which would select the ids in a subquery over the joins): a left join of its
   * link, which a to-one relation cannot multiply.
   */
  const without =
    (relation: string) =>
    (query: Knex.QueryBuilder): Knex.QueryBuilder => {
      const key = by(relation, { optional: true });
      return key.join(query).whereNull(key.column);
    };
  const query = (): Knex.QueryBuilder =>
    isFlat(meta.attributes, where)
      ? filtered().getKnexQuery().clearSelect()
      : strapi.db.connection({ [ref]: table }).whereIn(`${ref}.id`, filtered().select('id').getKnexQuery());
  /**
   * The rows linked to some rows of a to-one relation (a budget's entries), read through
   * `by(relation)`; `where` is not applied (the caller checked the anchors against the
   * rules and adds plain column conditions).
   */
  const linkedTo = (relation: string, ids: number | number[]): Knex.QueryBuilder => {
    const key = by(relation);
    return key.join(strapi.db.connection({ [ref]: table })).whereIn(key.column, [ids].flat());
  };
  return {
    ref,
    column,
    by,
    target,
    without,
    query,
    linkedTo,
    raw: strapi.db.connection.raw.bind(strapi.db.connection),
  };
};

/** PostgreSQL returns SUM and COUNT as strings (bigint), SQLite as numbers; null when no row. */
export const toInteger = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));

/** `date` columns come back as strings (SQLite) or local-midnight Dates (PostgreSQL driver). */
export const toIsoDate = (value: unknown): string => {
  if (!(value instanceof Date)) return String(value).slice(0, 10);
  const pad = (part: number) => String(part).padStart(2, '0');
  return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`;
};

/** SQLite stores booleans as 0/1, PostgreSQL as booleans. */
export const toBoolean = (value: unknown): boolean => value === true || value === 1 || value === '1' || value === 't';
