import type { Core, Schema, UID } from '@strapi/strapi';

/**
 * Rows read with `strapi.db.query`, typed from the generated schemas (types/generated):
 * Strapi types its query engine's results as `any`, which the services used to cast to
 * hand-written row interfaces. `rowsOf(strapi, uid)` is the same query engine with the
 * row type worked out from the uid and the query: the fields a `select` names (else
 * every scalar attribute), and the relations a `populate` names, typed as rows of their
 * target in turn (with their own `select`/`populate`).
 */

type Scalars<U extends UID.Schema> = Schema.NonPopulatableAttributeNames<U>;
/** Relations, media and components: what a query populates. */
type Relations<U extends UID.Schema> = Schema.PopulatableAttributeNames<U>;
type Selectable<U extends UID.Schema> = Scalars<U> | 'id' | 'documentId';
/** Content types have a documentId, components only their id. */
type Ids<U extends UID.Schema> = U extends UID.ContentType ? { id: number; documentId: string } : { id: number };

/** What one populated relation may say about its rows. */
interface Nested {
  select?: string | readonly string[];
  populate?: unknown;
}

/** The parts of a query that decide the row's shape; `where` and the rest go to Strapi unchanged. */
export interface Query<U extends UID.ContentType> {
  where?: Record<string, unknown>;
  select?: Selectable<U> | readonly Selectable<U>[];
  populate?: readonly Relations<U>[] | { readonly [K in Relations<U>]?: true | Nested };
  orderBy?: unknown;
  limit?: number;
  offset?: number;
}

type Value<A> = A extends Schema.Attribute.Attribute ? Schema.Attribute.Value<A> : never;

/** The query engine hands dates and datetimes back as ISO strings (its `fromDB`), not as `Date`. */
type ColumnValue<A> = A extends { type: 'date' | 'datetime' | 'time' | 'timestamp' } ? string : Value<A>;

/**
 * Required attributes always hold a value, and so do the timestamps (the query engine's
 * timestamps subscriber sets them on every write); the others may be null.
 */
type ScalarValue<A, Name> = Name extends 'createdAt' | 'updatedAt'
  ? string
  : A extends { required: true }
    ? ColumnValue<A>
    : ColumnValue<A> | null;

/**
 * A relation's (or media's, or component's) value: rows of its target (`Q`: the nested
 * select/populate), a list for the to-many kinds and repeatable components.
 */
type RelationValue<A, Q> = A extends {
  relation: infer Kind extends string;
  target: infer Target extends UID.ContentType;
}
  ? Kind extends `${string}Many`
    ? Row<Target, Q>[]
    : Row<Target, Q> | null
  : A extends { type: 'media'; multiple: true }
    ? Row<'plugin::upload.file', Q>[]
    : A extends { type: 'media' }
      ? Row<'plugin::upload.file', Q> | null
      : A extends { component: infer Component extends UID.Component; repeatable?: infer Repeatable }
        ? true extends Repeatable
          ? Row<Component, Q>[]
          : Row<Component, Q> | null
        : Value<A>;

type Names<S> = S extends readonly (infer Name)[] ? Name : S;

type PopulatedNames<U extends UID.Schema, Q> = Q extends { populate: infer P }
  ? Extract<P extends readonly unknown[] ? Names<P> : keyof P, Relations<U>>
  : never;

type NestedQuery<Q, K> = Q extends { populate: infer P } ? (K extends keyof P ? P[K] : unknown) : unknown;

type Fields<U extends UID.Schema, Q> = Q extends { select: infer S }
  ? { [K in Extract<Names<S>, Scalars<U>>]: ScalarValue<Schema.AttributeByName<U, K>, K> } & {
      id: number;
    } & ('documentId' extends Names<S> ? { documentId: string } : unknown)
  : { [K in Scalars<U>]: ScalarValue<Schema.AttributeByName<U, K>, K> } & Ids<U>;

/**
 * A row of `U` as `Q` reads it: its fields and the relations `Q` populates (the others are
 * not on the row, so a row read with a narrower populate still passes where fewer are needed).
 */
export type Row<U extends UID.Schema, Q = unknown> = Fields<U, Q> & {
  [K in PopulatedNames<U, Q>]: RelationValue<Schema.AttributeByName<U, K>, NestedQuery<Q, K>>;
};

/** `strapi.db.query(uid)` with typed results (see above); writes go through it unchanged. */
export const rowsOf = <U extends UID.ContentType>(strapi: Core.Strapi, uid: U) => {
  const query = strapi.db.query(uid);
  return {
    findOne: <const Q extends Query<U>>(params: Q): Promise<Row<U, Q> | null> => query.findOne(params),
    findMany: <const Q extends Query<U>>(params: Q): Promise<Row<U, Q>[]> => query.findMany(params),
    create: <const Q extends Pick<Query<U>, 'select' | 'populate'> & { data: Record<string, unknown> }>(
      params: Q
    ): Promise<Row<U, Q>> => query.create(params),
    /** null when no row matched. */
    update: <const Q extends Query<U> & { data: Record<string, unknown> }>(params: Q): Promise<Row<U, Q> | null> =>
      query.update(params),
  };
};

/** Whether `uid`, known only at run time, names a registered content type. */
export const isContentType = (strapi: Core.Strapi, uid: string): uid is UID.ContentType => uid in strapi.contentTypes;

/** Whether `uid`, known only at run time, names a registered content type or component. */
export const isSchema = (strapi: Core.Strapi, uid: string): uid is UID.Schema =>
  isContentType(strapi, uid) || uid in strapi.components;

/**
 * A content-type uid known only at run time (from the access declarations or
 * `strapi.contentTypes`), for `strapi.db.query` and `strapi.documents`; any other uid fails
 * as the query engine fails for it.
 */
export const contentType = (strapi: Core.Strapi, uid: string): UID.ContentType => {
  if (!isContentType(strapi, uid)) throw new Error(`Metadata for "${uid}" not found`);
  return uid;
};

/** As `contentType`, for a uid that may also name a component (a relation's owner in GraphQL). */
export const schemaUid = (strapi: Core.Strapi, uid: string): UID.Schema => {
  if (!isSchema(strapi, uid)) throw new Error(`Metadata for "${uid}" not found`);
  return uid;
};
