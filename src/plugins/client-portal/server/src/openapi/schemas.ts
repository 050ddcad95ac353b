import { MONEY_FIELD_UID, type JsonSchema } from '../../../shared/contracts';
import { COMPARISONS, LISTS, NULL_CHECKS, TEXT } from '../access/operands';
import type { Action } from '../access/rules';
import { UPLOAD_FILE } from '../constants';
import { isToMany } from '../utils/table-meta';

/**
 * JSON Schemas (the OpenAPI 3.1 dialect) of what one role reads, writes and filters on
 * a content type. Pure: what the role may do comes in as a TypeView built from its policy.
 */

/** An attribute as Strapi's loaded schema gives it (custom fields carry their data type: money is integer). */
export interface SchemaAttribute {
  type: string;
  required?: boolean;
  default?: unknown;
  enum?: readonly string[];
  relation?: string;
  /** A relation's target or a component's uid. */
  target?: string;
  repeatable?: boolean;
  multiple?: boolean;
  private?: boolean;
  customField?: string;
  min?: number;
  max?: number;
  minLength?: number;
  maxLength?: number;
  regex?: string;
}

/**
 * How far a role reaches a type: `rows` it reads rows; `never` it may query the type but no
 * row ever matches (its relations come back empty); `none` the type is stripped from responses.
 */
export type Reach = 'rows' | 'never' | 'none';

/** One role's view of a content type or component, from its policy. */
export interface TypeView {
  uid: string;
  /** The name of its schema in `components.schemas`, e.g. TimeEntry. */
  name: string;
  kind: 'collectionType' | 'singleType' | 'component';
  attributes: Readonly<Record<string, SchemaAttribute>>;
  readable: ReadonlySet<string>;
  writable: ReadonlySet<string>;
  actions: Readonly<Record<Action, boolean>>;
  reach: Reach;
  /** `/api/<pluralName>`: the type's core REST routes. */
  path?: string;
}

export type Lookup = (uid: string) => TypeView | undefined;

export const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });

/** `time-entries` → `TimeEntries`, `invoice.line` → `InvoiceLine`. */
export const pascalCase = (name: string) =>
  name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join('');

/** The value or null, 3.1 style. */
export const orNull = (schema: JsonSchema): JsonSchema => {
  if (typeof schema.type === 'string') {
    return {
      ...schema,
      type: [schema.type, 'null'],
      ...(Array.isArray(schema.enum) ? { enum: [...schema.enum, null] } : {}),
    };
  }
  // `{}` (any JSON) already admits null.
  if (Object.keys(schema).length === 0) return schema;
  return { anyOf: [schema, { type: 'null' }] };
};

const RELATIONAL = new Set(['relation', 'media', 'component', 'dynamiczone']);
const TEXTUAL = new Set(['string', 'text', 'richtext', 'email', 'uid', 'enumeration']);
/** Every row has them: not null even though no schema requires them. */
const ALWAYS_SET = new Set(['createdAt', 'updatedAt']);

const isScalar = (attribute: SchemaAttribute) =>
  !RELATIONAL.has(attribute.type) && attribute.type !== 'password' && !attribute.private;

const isMany = (attribute: SchemaAttribute) =>
  attribute.type === 'media'
    ? attribute.multiple === true
    : attribute.type === 'component'
      ? attribute.repeatable === true
      : isToMany(attribute);

/** The JSON type of a scalar attribute's value (not null), or undefined for relations and secrets. */
export const scalarSchema = (attribute: SchemaAttribute): JsonSchema | undefined => {
  if (!isScalar(attribute)) return undefined;
  const described =
    attribute.customField === MONEY_FIELD_UID ? { description: 'Integer minor units (cents) of the currency' } : {};
  switch (attribute.type) {
    case 'string':
    case 'text':
    case 'richtext':
    case 'uid':
      return { type: 'string' };
    case 'email':
      return { type: 'string', format: 'email' };
    case 'enumeration':
      return { type: 'string', enum: [...(attribute.enum ?? [])] };
    case 'integer':
      return { type: 'integer', ...described };
    case 'biginteger':
      // Strapi answers big integers as strings: they may not fit a JSON number exactly.
      return { type: 'string', pattern: '^-?\\d+$' };
    case 'decimal':
    case 'float':
      return { type: 'number' };
    case 'boolean':
      return { type: 'boolean' };
    case 'date':
      return { type: 'string', format: 'date' };
    case 'datetime':
      return { type: 'string', format: 'date-time' };
    case 'time':
      return { type: 'string', pattern: '^\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,3})?)?$' };
    case 'blocks':
      return { type: 'array', items: { type: 'object' } };
    default:
      // json, and any type this mapping does not know: any JSON value.
      return {};
  }
};

/** The type a relation, media or component attribute leads to, as the role sees it. */
const relatedView = (attribute: SchemaAttribute, lookup: Lookup): TypeView | undefined => {
  if (attribute.type === 'media') return lookup(UPLOAD_FILE);
  if (attribute.type === 'relation' || attribute.type === 'component') {
    return attribute.target ? lookup(attribute.target) : undefined;
  }
  return undefined;
};

/**
 * An attribute's value in a response, or undefined when it never appears there: relations
 * are present only when populated, as the target's schema; a target the role may not read is
 * stripped (access/output.ts), one it never sees a row of comes back empty.
 */
export const valueSchema = (name: string, attribute: SchemaAttribute, lookup: Lookup): JsonSchema | undefined => {
  // Private attributes never leave the server; dynamic zones are never populated (access/query.ts).
  if (attribute.private || attribute.type === 'dynamiczone') return undefined;
  if (RELATIONAL.has(attribute.type)) {
    const target = relatedView(attribute, lookup);
    if (!target || target.reach === 'none') return undefined;
    if (target.reach === 'never') return isMany(attribute) ? { type: 'array', maxItems: 0 } : { type: 'null' };
    return isMany(attribute) ? { type: 'array', items: ref(target.name) } : orNull(ref(target.name));
  }
  const scalar = scalarSchema(attribute);
  if (!scalar) return undefined;
  return attribute.required || ALWAYS_SET.has(name) ? scalar : orNull(scalar);
};

/** The types a view's readable attributes lead to, whose rows the role reads. */
export const relatedViews = (view: TypeView, lookup: Lookup): TypeView[] =>
  Object.entries(view.attributes).flatMap(([name, attribute]) => {
    if (!view.readable.has(name)) return [];
    const target = relatedView(attribute, lookup);
    return target && target.reach === 'rows' ? [target] : [];
  });

/** A row as the role reads it: readable attributes only, nothing else (`additionalProperties: false`). */
export const objectSchema = (view: TypeView, lookup: Lookup): JsonSchema => {
  const properties: Record<string, JsonSchema> = { id: { type: 'integer' } };
  if (view.kind !== 'component') properties.documentId = { type: 'string' };
  const required = Object.keys(properties);
  for (const [name, attribute] of Object.entries(view.attributes)) {
    if (!view.readable.has(name) || name in properties) continue;
    const schema = valueSchema(name, attribute, lookup);
    if (schema) properties[name] = schema;
  }
  return { type: 'object', additionalProperties: false, required, properties };
};

/** Readable scalar attributes: what `fields` selects and `sort` orders by. */
export const scalarNames = (view: TypeView): string[] =>
  Object.entries(view.attributes)
    .filter(([name, attribute]) => view.readable.has(name) && isScalar(attribute))
    .map(([name]) => name)
    .filter((name) => name !== 'id' && name !== 'documentId');

/** Readable relations and components `populate` may name: those whose rows the role reads. */
export const populatableNames = (view: TypeView, lookup: Lookup): string[] =>
  Object.entries(view.attributes)
    .filter(([name, attribute]) => view.readable.has(name) && relatedView(attribute, lookup)?.reach === 'rows')
    .map(([name]) => name);

const documentIds = { type: 'array', items: { type: 'string' } };

/** `connect` / `disconnect` / `set` of a relation in write data (documentIds). */
export const RELATION_CHANGE: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  properties: Object.fromEntries(
    ['connect', 'disconnect', 'set'].map((key) => [
      key,
      {
        type: 'array',
        items: {
          anyOf: [
            { type: 'string' },
            {
              type: 'object',
              additionalProperties: false,
              required: ['documentId'],
              properties: { documentId: { type: 'string' } },
            },
          ],
        },
      },
    ])
  ),
};

/** What a write may send for one attribute. */
const writeSchema = (attribute: SchemaAttribute): JsonSchema | undefined => {
  switch (attribute.type) {
    case 'relation':
      return isMany(attribute)
        ? { anyOf: [documentIds, ref('RelationChange')] }
        : { anyOf: [{ type: 'string' }, { type: 'null' }, ref('RelationChange')] };
    case 'media':
      // Upload file ids.
      return isMany(attribute) ? { type: 'array', items: { type: 'integer' } } : { type: ['integer', 'null'] };
    case 'component':
      return isMany(attribute) ? { type: 'array', items: { type: 'object' } } : { type: ['object', 'null'] };
    default: {
      const scalar = scalarSchema(attribute);
      if (!scalar) return undefined;
      const limits: JsonSchema = {
        ...(attribute.minLength !== undefined ? { minLength: attribute.minLength } : {}),
        ...(attribute.maxLength !== undefined ? { maxLength: attribute.maxLength } : {}),
        ...(attribute.regex !== undefined ? { pattern: attribute.regex } : {}),
        ...(attribute.min !== undefined && scalar.type === 'integer' ? { minimum: attribute.min } : {}),
        ...(attribute.max !== undefined && scalar.type === 'integer' ? { maximum: attribute.max } : {}),
      };
      const schema = { ...scalar, ...limits };
      return attribute.required ? schema : orNull(schema);
    }
  }
};

/** The `data` of a create (required: what Strapi requires and has no default for) or an update. */
export const inputSchema = (view: TypeView, mode: 'create' | 'update'): JsonSchema => {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const [name, attribute] of Object.entries(view.attributes)) {
    if (!view.writable.has(name)) continue;
    const schema = writeSchema(attribute);
    if (!schema) continue;
    properties[name] = schema;
    if (mode === 'create' && attribute.required && attribute.default === undefined && isScalar(attribute)) {
      required.push(name);
    }
  }
  return { type: 'object', additionalProperties: false, ...(required.length > 0 ? { required } : {}), properties };
};

/** The operators of a filter on a scalar attribute whose values have `value`'s schema. */
const operators = (value: JsonSchema, textual: boolean): JsonSchema => {
  const list = { type: 'array', items: value };
  const byOperator: Record<string, JsonSchema> = {};
  for (const operator of COMPARISONS) byOperator[operator] = value;
  for (const operator of LISTS) byOperator[operator] = list;
  byOperator.$between = { ...list, minItems: 2, maxItems: 2 };
  for (const operator of NULL_CHECKS) byOperator[operator] = { type: 'boolean' };
  if (textual) for (const operator of TEXT) byOperator[operator] = { type: 'string' };
  return { anyOf: [value, { type: 'object', additionalProperties: false, properties: byOperator }] };
};

/** Filters of the scalar types, shared by every attribute of those types (enumerations list their values inline). */
const SCALAR_FILTER_TYPES: Readonly<Record<string, readonly string[]>> = {
  StringFilter: ['string', 'text', 'richtext', 'uid', 'email'],
  IntegerFilter: ['integer'],
  BigIntegerFilter: ['biginteger'],
  NumberFilter: ['decimal', 'float'],
  BooleanFilter: ['boolean'],
  DateFilter: ['date'],
  DateTimeFilter: ['datetime'],
  TimeFilter: ['time'],
};

const scalarFilterOf = (type: string) =>
  Object.keys(SCALAR_FILTER_TYPES).find((name) => SCALAR_FILTER_TYPES[name].includes(type));

export const SCALAR_FILTERS: Readonly<Record<string, JsonSchema>> = Object.fromEntries(
  Object.entries(SCALAR_FILTER_TYPES).map(([name, [type]]) => [
    name,
    operators(scalarSchema({ type }) as JsonSchema, TEXTUAL.has(type)),
  ])
);

export const filtersName = (view: TypeView) => `${view.name}Filters`;

/**
 * `filters` on a type: its readable attributes only (access/query.ts refuses the rest), through
 * relations to the readable attributes of types whose rows the role reads, combined with $and/$or/$not.
 */
export const filterSchema = (view: TypeView, lookup: Lookup): JsonSchema => {
  const properties: Record<string, JsonSchema> = { id: ref('IntegerFilter'), documentId: ref('StringFilter') };
  for (const [name, attribute] of Object.entries(view.attributes)) {
    if (!view.readable.has(name) || name in properties || attribute.private) continue;
    if (attribute.type === 'relation' || attribute.type === 'media') {
      const target = relatedView(attribute, lookup);
      if (target?.reach === 'rows') properties[name] = ref(filtersName(target));
    } else if (attribute.type === 'enumeration') {
      properties[name] = operators(scalarSchema(attribute) as JsonSchema, true);
    } else {
      // Components, JSON and rich blocks are not filtered on here.
      const shared = scalarFilterOf(attribute.type);
      if (shared) properties[name] = ref(shared);
    }
  }
  const self = ref(filtersName(view));
  properties.$and = { type: 'array', items: self };
  properties.$or = { type: 'array', items: self };
  properties.$not = self;
  return { type: 'object', additionalProperties: false, properties };
};
