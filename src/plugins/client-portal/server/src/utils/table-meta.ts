import type { Core } from '@strapi/strapi';

/** A link table as Strapi's metadata names it. */
export interface LinkTable {
  name: string;
  joinColumn: { name: string };
  inverseJoinColumn: { name: string };
}

interface AttributeMeta {
  type: string;
  /** For relations: oneToOne, manyToOne, oneToMany, manyToMany, oneWay, manyWay… */
  relation?: string;
  columnName?: string;
  target?: string;
  joinTable?: LinkTable;
}

const TO_MANY = new Set(['oneToMany', 'manyToMany', 'manyWay']);

/** A relation that may hold any number of rows (a schema's attribute or the database's). */
export const isToMany = (attribute: { relation?: string } | undefined): boolean =>
  TO_MANY.has(attribute?.relation ?? '');

/** What the database layer knows of a model: its table and its attributes' columns and links. */
export interface TableMeta {
  tableName: string;
  attributes: Record<string, AttributeMeta>;
}

export const metaOf = (strapi: Core.Strapi, uid: string): TableMeta =>
  strapi.db.metadata.get(uid) as unknown as TableMeta;

/** The column of an attribute; a missing one is a programming error, never a silent guess. */
export const columnOf = (strapi: Core.Strapi, uid: string, attribute: string): string => {
  const name = metaOf(strapi, uid).attributes[attribute]?.columnName;
  if (!name) throw new Error(`${uid}.${attribute} has no column`);
  return name;
};

/** The link table of a relation. */
export const linkTableOf = (strapi: Core.Strapi, uid: string, relation: string): LinkTable => {
  const joinTable = metaOf(strapi, uid).attributes[relation]?.joinTable;
  if (!joinTable) throw new Error(`${uid}.${relation} has no link table`);
  return joinTable;
};
