import { isDeepStrictEqual } from 'util';
import { checkOperands, OperandError } from './operands';
import { and, NOTHING, type AttributeInfo, type ModelInfo, type Policy, type RowFilter, visibleRows } from './rules';
import { UPLOAD_FILE } from '../constants';

/**
 * Compiles the rules into a document-service query: the row filter of the main
 * type, of every populated relation (at any depth) and of every relation a
 * filter goes through; `fields`, `sort` and `_q` limited to readable attributes.
 * Pure: Strapi is reached only through the two lookups it is given.
 */

export const MAX_POPULATE_DEPTH = 5;

/** An access problem with the query: answered with 400 naming `path`. */
export class AccessQueryError extends Error {
  constructor(
    message: string,
    public readonly path: string
  ) {
    super(message);
    this.name = 'AccessQueryError';
  }
}

export interface QueryContext {
  model: (uid: string) => ModelInfo | undefined;
  policy: (uid: string) => Policy;
}

type Params = Record<string, unknown>;
type Populate = Record<string, unknown>;

const RELATIONAL = new Set(['relation', 'media']);
const TO_ONE = new Set(['oneToOne', 'manyToOne']);
const SEARCHABLE = new Set(['string', 'text', 'richtext', 'email', 'uid', 'blocks']);
const LOGICAL = new Set(['$and', '$or', '$not']);
/** What a component populate may say: it is never filtered, sorted or searched on its own. */
const COMPONENT_POPULATE_KEYS = new Set(['populate', 'fields']);

/**
 * A condition no row can match: what a filter through rows the actor may not see becomes.
 * It is carried up to the main rows, never left under a relation: Strapi joins relations
 * with LEFT JOIN, so "the related row's id is null" would match the rows *without* one.
 */
const NO_ROW = Symbol('no row');

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const targetOf = (attribute: AttributeInfo): string | undefined =>
  attribute.type === 'media' ? UPLOAD_FILE : attribute.target;

const isRelational = (attribute: AttributeInfo) => RELATIONAL.has(attribute.type);

/** Whether the attribute is a column of the row itself (not a relation, media, component or dynamic zone). */
const isColumn = (attribute: AttributeInfo) =>
  !isRelational(attribute) && attribute.type !== 'component' && attribute.type !== 'dynamiczone';

/** Relations with a single target, media and components; morph relations and dynamic zones are not. */
const isPopulatable = (attribute: AttributeInfo) =>
  (isRelational(attribute) && Boolean(targetOf(attribute))) || attribute.type === 'component';

/**
 * `populate` arrives as "*", "a,b.c", ["a", "b.c"], { a: true, b: { populate: … } }: one shape out.
 * "*" means every relation the actor may read.
 */
export const normalizePopulate = (populate: unknown, model: ModelInfo, policy: Policy): Populate => {
  if (populate === undefined || populate === null || populate === false) return {};
  if (populate === true || populate === '*') {
    return Object.fromEntries(
      Object.entries(model.attributes)
        .filter(([name, attribute]) => policy.readable.has(name) && isPopulatable(attribute))
        .map(([name]) => [name, true])
    );
  }
  const list = typeof populate === 'string' ? populate.split(',') : Array.isArray(populate) ? populate : null;
  if (list) {
    const result: Populate = {};
    for (const entry of list.map((item) => String(item).trim()).filter(Boolean)) {
      if (entry === '*') Object.assign(result, normalizePopulate('*', model, policy));
      else {
        const [head, ...rest] = entry.split('.');
        const nested = rest.length > 0 ? { populate: rest.join('.') } : true;
        result[head] = mergePopulate(result[head], nested);
      }
    }
    return result;
  }
  if (isObject(populate)) return { ...populate };
  throw new AccessQueryError('populate has an unsupported shape', 'populate');
};

const mergePopulate = (current: unknown, next: unknown): unknown => {
  if (!isObject(current) || !isObject(next)) return isObject(current) ? current : next;
  const populate = [current.populate, next.populate].filter((value) => value !== undefined);
  return { ...current, ...next, ...(populate.length > 1 ? { populate: populate.join(',') } : {}) };
};

/** A filter value that does not fit its column is a 400 naming it, like every other query problem. */
const checkFilterValue = (type: string | undefined, value: unknown, path: string) => {
  try {
    checkOperands(type, value, path);
  } catch (error) {
    if (error instanceof OperandError) throw new AccessQueryError(error.message, error.path);
    throw error;
  }
};

/**
 * Rewrites a filter tree: checks every attribute is readable and scopes every relation it
 * crosses. Returns NO_ROW where nothing can match (`constrainFilters` turns it into NOTHING).
 * `lifted`, given for the conjuncts of the main rows: a to-one relation's row filter is
 * collected there as a conjunct of its own ({ budget: rows }) instead of nested into the
 * reader's condition; on one joined row "A and B" is what "A" and "B" say apart.
 */
const scopeFilters = (
  filters: unknown,
  uid: string,
  context: QueryContext,
  path: string,
  ownPolicy: Policy | undefined,
  negated: boolean,
  lifted?: Record<string, unknown>[]
): unknown => {
  if (Array.isArray(filters)) {
    const entries = filters.map((entry, index) =>
      scopeFilters(entry, uid, context, `${path}[${index}]`, ownPolicy, negated, lifted)
    );
    return entries.includes(NO_ROW) ? NO_ROW : entries;
  }
  if (!isObject(filters)) return filters;
  const model = context.model(uid);
  if (!model) throw new AccessQueryError(`${path} targets an unknown type`, path);
  const policy = ownPolicy ?? context.policy(uid);
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(filters)) {
    const keyPath = `${path}.${key}`;
    if (key === '$or' && Array.isArray(value)) {
      const alternatives = value
        .map((entry, index) => scopeFilters(entry, uid, context, `${keyPath}[${index}]`, ownPolicy, negated))
        .filter((entry) => entry !== NO_ROW);
      if (alternatives.length === 0) return NO_ROW;
      result[key] = alternatives;
      continue;
    }
    if (LOGICAL.has(key)) {
      const conjunction = key === '$and' ? lifted : undefined;
      const scoped = scopeFilters(
        value,
        uid,
        context,
        keyPath,
        ownPolicy,
        key === '$not' ? !negated : negated,
        conjunction
      );
      if (scoped === NO_ROW) {
        // "not (nothing)" holds for every row: the condition drops out.
        if (key === '$not') continue;
        return NO_ROW;
      }
      result[key] = scoped;
      continue;
    }
    if (key.startsWith('$')) {
      // Only $and/$or/$not stand where attribute names are expected (the database refuses the rest).
      throw new AccessQueryError(
        `${keyPath}: the operator "${key}" stands where an attribute name is expected; only $and, $or and $not stand alone`,
        keyPath
      );
    }
    if (!policy.readable.has(key)) throw new AccessQueryError(`${keyPath}: "${key}" cannot be filtered on`, keyPath);
    const attribute = model.attributes[key];
    if (attribute?.type === 'component' && attribute.target && isObject(value)) {
      const scoped = scopeFilters(value, attribute.target, context, keyPath, undefined, negated);
      if (scoped === NO_ROW) return NO_ROW;
      result[key] = scoped;
      continue;
    }
    const target = attribute && targetOf(attribute);
    if (!attribute || !isRelational(attribute) || !target) {
      checkFilterValue(key === 'id' ? 'id' : attribute?.type, value, keyPath);
      result[key] = value;
      continue;
    }
    if (
      !isObject(value) ||
      Object.keys(value).every((operator) => operator.startsWith('$') && !LOGICAL.has(operator))
    ) {
      throw new AccessQueryError(`${keyPath}: filter a relation by its attributes, e.g. ${key}[id][$eq]=…`, keyPath);
    }
    const rows = rowsOf(target, context);
    // Negated, a joined relation is "some related row does not match": the rows the actor may
    // not see would count as not matching, and tell that they exist.
    if (negated && rows !== null) {
      throw new AccessQueryError(`${keyPath}: a filter through "${key}" cannot be negated`, keyPath);
    }
    const inner = scopeFilters(value, target, context, keyPath, undefined, negated);
    if (inner === NO_ROW || rows === NOTHING) return NO_ROW;
    if (lifted && TO_ONE.has(attribute.relation ?? '')) {
      result[key] = inner;
      if (rows !== null) lifted.push({ [key]: rows });
      continue;
    }
    result[key] = and(inner as RowFilter, rows) ?? {};
  }
  return result;
};

/** The caller's filters on `uid`, checked and scoped; a filter nothing can match is NOTHING on the rows themselves. */
export const constrainFilters = (
  filters: unknown,
  uid: string,
  context: QueryContext,
  path = 'filters',
  ownPolicy?: Policy,
  lifted?: Record<string, unknown>[]
): unknown => {
  const scoped = scopeFilters(filters, uid, context, path, ownPolicy, false, lifted);
  return scoped === NO_ROW ? NOTHING : scoped;
};

/** A filter as a flat list of [key, condition] conjuncts. */
const conjunctPairs = (filter: unknown, into: [string, unknown][] = []): [string, unknown][] => {
  if (!isObject(filter)) return into;
  for (const key of Object.keys(filter)) {
    const value = filter[key];
    if (key === '$and' && Array.isArray(value)) for (const part of value) conjunctPairs(part, into);
    else into.push([key, value]);
  }
  return into;
};

/**
 * Strapi joins a relation once per place it appears in a filter. The rules and the
 * reader's filters often name the same to-one relation (a time entry's budget, task,
 * project): for a to-one relation, "A and B" on one joined row means the same as on
 * two joins, so the conditions are merged under one key, recursively.
 */
export const mergeToOneRelations = (
  filter: RowFilter,
  uid: string,
  context: Pick<QueryContext, 'model'>
): RowFilter => {
  const model = context.model(uid);
  const groups = new Map<string, unknown[]>();
  const rest: Record<string, unknown>[] = [];
  // The conditions said so far on each key: the same condition twice (a rule and the
  // reader's filter, two rules) is said once. Compared only where a key comes back.
  const said = new Map<string, unknown[]>();
  for (const [key, value] of conjunctPairs(filter)) {
    const before = said.get(key);
    if (before?.some((other) => isDeepStrictEqual(other, value))) continue;
    if (before) before.push(value);
    else said.set(key, [value]);
    const attribute = model?.attributes[key];
    const mergeable = attribute?.type === 'relation' && TO_ONE.has(attribute.relation ?? '') && isObject(value);
    if (!mergeable) rest.push({ [key]: value });
    else if (groups.has(key)) groups.get(key)!.push(value);
    else groups.set(key, [value]);
  }
  for (const [key, values] of groups) {
    const merged = mergeToOneRelations(
      values.length === 1 ? (values[0] as RowFilter) : { $and: values },
      model!.attributes[key].target ?? '',
      context
    );
    rest.push({ [key]: merged ?? {} });
  }
  if (rest.length === 0) return null;
  return rest.length === 1 ? rest[0] : { $and: rest };
};

const rowsOf = (uid: string, context: QueryContext): RowFilter => visibleRows(context.policy(uid));

const SORT_DIRECTIONS = new Set(['asc', 'desc', 'ASC', 'DESC']);

/** Each sort path must be readable all the way; clients may not sort through relations. */
export const checkSort = (sort: unknown, uid: string, context: QueryContext, allowRelations: boolean): void => {
  if (sort === undefined || sort === null || sort === '') return;
  const entries = Array.isArray(sort) ? sort : [sort];
  for (const entry of entries) {
    if (typeof entry === 'string') {
      for (const part of entry.split(',')) {
        const [field] = part.trim().split(':');
        checkSortPath(field.split('.'), uid, context, allowRelations);
      }
    } else if (isObject(entry)) {
      const walk = (node: Record<string, unknown>, prefix: string[]) => {
        for (const [key, value] of Object.entries(node)) {
          if (isObject(value)) walk(value, [...prefix, key]);
          else if (typeof value === 'string' && SORT_DIRECTIONS.has(value))
            checkSortPath([...prefix, key], uid, context, allowRelations);
          else throw new AccessQueryError(`sort.${[...prefix, key].join('.')}: direction must be asc or desc`, 'sort');
        }
      };
      walk(entry, []);
    } else {
      throw new AccessQueryError('sort has an unsupported shape', 'sort');
    }
  }
};

const checkSortPath = (segments: string[], uid: string, context: QueryContext, allowRelations: boolean) => {
  const path = `sort.${segments.join('.')}`;
  let current = uid;
  segments.forEach((segment, index) => {
    const policy = context.policy(current);
    if (!policy.readable.has(segment)) throw new AccessQueryError(`${path}: "${segment}" cannot be sorted on`, path);
    const attribute = context.model(current)?.attributes[segment];
    const last = index === segments.length - 1;
    if (attribute && isRelational(attribute)) {
      if (last) throw new AccessQueryError(`${path}: sort on an attribute of the relation`, path);
      if (!allowRelations) throw new AccessQueryError(`${path}: sorting through relations is not allowed`, path);
      // The order must not tell about rows the actor may not see: a sort goes through a relation
      // only when every related row is readable, or when the row being readable means the related
      // one is (its project, a parent it inherits visibility from).
      const declared = context.model(current)?.access;
      const implied = declared?.project === segment || Boolean(declared?.hiddenVia.includes(segment));
      current = targetOf(attribute) ?? '';
      const target = context.policy(current);
      if (!target.actions.find || (target.rows !== null && !implied))
        throw new AccessQueryError(`${path}: "${segment}" cannot be sorted on`, path);
    } else if (!last) {
      throw new AccessQueryError(`${path}: "${segment}" is not a relation`, path);
    }
  });
};

/** Requested fields must be readable; without a request, only readable scalar fields are selected. */
export const constrainFields = (fields: unknown, model: ModelInfo, policy: Policy, path = 'fields'): string[] => {
  const scalar = (name: string) => {
    const attribute = model.attributes[name];
    return attribute !== undefined && isColumn(attribute);
  };
  if (fields === undefined || fields === null || fields === '*') {
    return [...policy.readable].filter(scalar);
  }
  const requested = (typeof fields === 'string' ? fields.split(',') : Array.isArray(fields) ? fields : []).map(
    (field) => String(field).trim()
  );
  for (const field of requested) {
    if (['id', 'documentId'].includes(field)) continue;
    if (!policy.readable.has(field)) throw new AccessQueryError(`${path}: "${field}" cannot be selected`, path);
  }
  return requested.filter((field) => !['id', 'documentId'].includes(field));
};

/** `_q` becomes a case-insensitive search over the readable text attributes only. */
export const searchFilter = (term: unknown, model: ModelInfo, policy: Policy): RowFilter => {
  if (term === undefined || term === null || term === '') return null;
  if (typeof term !== 'string') throw new AccessQueryError('_q must be a string', '_q');
  const searchable = Object.entries(model.attributes)
    .filter(([name, attribute]) => SEARCHABLE.has(attribute.type) && policy.readable.has(name))
    .map(([name]) => ({ [name]: { $containsi: term } }));
  return searchable.length > 0 ? { $or: searchable } : NOTHING;
};

/**
 * What a read hands to the query layer for one populated relation (adapters/row-handoff.ts):
 * its rows, and the fields selected when the reader named none. A component level has neither,
 * only the relations populated inside it.
 */
export interface PopulateLevel {
  uid: string;
  component: boolean;
  rows: RowFilter;
  /** The database select (id, documentId and the readable scalar fields), when the reader named no fields. */
  select?: string[];
  populate: PopulatePlan;
}

export type PopulatePlan = Record<string, PopulateLevel>;

/** Where populated relations hand their rows over: the placeholder put in their filters, and the plan collected. */
interface PopulateHandOff {
  placeholder: RowFilter;
  plan: PopulatePlan;
}

/** The select Strapi makes of a content type's `fields` (it always adds id and documentId). */
const selectOf = (fields: string[]): string[] => [...new Set(['id', 'documentId', ...fields])];

/**
 * Scopes a populate tree: each relation gets its type's row filter and readable fields — in its
 * parameters, or, given `handOff`, as a placeholder and a plan the query layer applies.
 */
export const constrainPopulate = (
  populate: unknown,
  uid: string,
  context: QueryContext,
  depth = 1,
  path = 'populate',
  ownPolicy?: Policy,
  handOff?: PopulateHandOff
): Populate | undefined => {
  const model = context.model(uid);
  if (!model) throw new AccessQueryError(`${path} targets an unknown type`, path);
  const policy = ownPolicy ?? context.policy(uid);
  const normalized = normalizePopulate(populate, model, policy);
  if (Object.keys(normalized).length === 0) return undefined;
  if (depth > MAX_POPULATE_DEPTH) {
    throw new AccessQueryError(`${path}: populate is nested deeper than ${MAX_POPULATE_DEPTH} levels`, path);
  }
  const result: Populate = {};
  for (const [name, value] of Object.entries(normalized)) {
    const keyPath = `${path}.${name}`;
    const attribute = model.attributes[name];
    if (!attribute) throw new AccessQueryError(`${keyPath}: "${name}" cannot be populated`, keyPath);
    // Strapi expands "*" before the rules see it: what may not be read is left out, never widened.
    if (value === false || value === 'false' || !policy.readable.has(name) || !isPopulatable(attribute)) continue;
    const level = handOff && { placeholder: handOff.placeholder, plan: {} };
    if (attribute.type === 'component') {
      result[name] = constrainComponent(value, attribute, context, depth, keyPath, level);
      if (handOff && level && Object.keys(level.plan).length > 0) {
        handOff.plan[name] = { uid: attribute.target ?? '', component: true, rows: null, populate: level.plan };
      }
      continue;
    }
    const target = targetOf(attribute) as string;
    if (!context.policy(target).actions.find) continue;
    const constrained = constrainRelation(value, target, context, depth, keyPath, level);
    result[name] = constrained.params;
    if (handOff && level && constrained.handed) {
      handOff.plan[name] = {
        uid: target,
        component: false,
        rows: constrained.rows,
        ...(constrained.select ? { select: constrained.select } : {}),
        populate: level.plan,
      };
    }
  }
  return result;
};

const constrainRelation = (
  value: unknown,
  target: string,
  context: QueryContext,
  depth: number,
  path: string,
  handOff?: PopulateHandOff
): { params: Params; rows: RowFilter; handed: boolean; select?: string[] } => {
  const targetModel = context.model(target);
  if (!targetModel) throw new AccessQueryError(`${path} cannot be populated`, path);
  const targetPolicy = context.policy(target);
  const options: Params = isObject(value)
    ? value
    : value === true || value === 'true' || value === '*'
      ? {}
      : { populate: value };
  if ('on' in options) throw new AccessQueryError(`${path}.on: dynamic zones cannot be populated`, path);
  if ('count' in options) throw new AccessQueryError(`${path}.count: counts of relations are not available`, path);
  if (options.sort !== undefined) checkSort(options.sort, target, context, false);
  const nested = constrainPopulate(
    options.populate,
    target,
    context,
    depth + 1,
    `${path}.populate`,
    undefined,
    handOff
  );
  const search = searchFilter(options._q, targetModel, targetPolicy);
  const fields = constrainFields(options.fields, targetModel, targetPolicy, `${path}.fields`);
  const filters = (constrainFilters(options.filters, target, context, `${path}.filters`) as RowFilter) ?? null;
  const rows = rowsOf(target, context);
  const populate = nested ? { populate: nested } : { populate: undefined };
  const own = and(filters, search);
  // A filter nothing can match needs no rows: it stays in the parameters, and nothing is handed off.
  if (!handOff || own === NOTHING) {
    return {
      params: {
        ...options,
        ...populate,
        fields,
        filters: mergeToOneRelations(and(filters, rows, search), target, context) ?? {},
      },
      rows,
      handed: false,
    };
  }
  // Handed off: Strapi validates and converts only what the reader said, plus one placeholder.
  const named = options.fields !== undefined;
  return {
    params: {
      ...options,
      ...populate,
      fields: named ? fields : undefined,
      filters: withRows(mergeToOneRelations(own, target, context), handOff.placeholder) ?? {},
    },
    rows,
    handed: true,
    ...(named ? {} : { select: selectOf(fields) }),
  };
};

const constrainComponent = (
  value: unknown,
  attribute: AttributeInfo,
  context: QueryContext,
  depth: number,
  path: string,
  handOff?: PopulateHandOff
): unknown => {
  const component = attribute.target ? context.model(attribute.target) : undefined;
  if (!component) throw new AccessQueryError(`${path} cannot be populated`, path);
  const options: Params = isObject(value) ? value : {};
  // A component comes whole with its row: filtering or sorting inside it would reach past the rules.
  for (const key of Object.keys(options)) {
    if (!COMPONENT_POPULATE_KEYS.has(key)) {
      throw new AccessQueryError(
        `${path}.${key}: a component is populated whole; only its populate and fields can be given`,
        `${path}.${key}`
      );
    }
  }
  const nested = constrainPopulate(
    options.populate,
    component.uid,
    context,
    depth + 1,
    `${path}.populate`,
    undefined,
    handOff
  );
  const fields =
    options.fields === undefined
      ? undefined
      : constrainFields(options.fields, component, context.policy(component.uid), `${path}.fields`);
  const populate = nested && Object.keys(nested).length > 0 ? nested : undefined;
  if (!populate && !fields) return true;
  return { ...(populate ? { populate } : {}), ...(fields ? { fields } : {}) };
};

/** A read's parameters for one actor, with the rows they may see kept apart from the reader's own filter. */
export interface ShapedRead {
  /**
   * The reader's parameters, checked and scoped (filters, sort, fields, `_q`, populate). Each
   * populated relation carries its rows and readable fields, or, handed off, the placeholder.
   */
  params: Params;
  /** The main type's rows the actor may see: null for all of them, NOTHING for none. */
  rows: RowFilter;
  /** Handed off: the main select when the reader named no fields, and each populated relation's rows and select. */
  select?: string[];
  plan?: PopulatePlan;
}

/**
 * The rewrite of a read's parameters for one actor, the main rows' filter apart, so an adapter
 * may hand it to the database layer itself (adapters/row-handoff.ts). `topPolicy` replaces
 * the policy of the main rows only (a person reading their own profile). Given a `placeholder`,
 * the populated relations' rows and the default fields are handed off too (`plan`, `select`):
 * the parameters then hold only what the reader said, and the placeholder in each relation.
 */
export const shapeRead = (
  params: Params,
  uid: string,
  context: QueryContext,
  allowRelationSort: boolean,
  topPolicy?: Policy,
  placeholder?: RowFilter
): ShapedRead => {
  const model = context.model(uid);
  if (!model) throw new AccessQueryError('unknown type', uid);
  const policy = topPolicy ?? context.policy(uid);
  checkSort(params.sort, uid, context, allowRelationSort);
  // The row filters of to-one relations the reader filters through go with the main rows.
  const lifted: Record<string, unknown>[] = [];
  const filters = and(
    (constrainFilters(params.filters, uid, context, 'filters', policy, lifted) as RowFilter) ?? null,
    searchFilter(params._q, model, policy)
  );
  const { _q: _search, ...rest } = params;
  const handOff = placeholder ? { placeholder, plan: {} } : undefined;
  const populate = constrainPopulate(params.populate, uid, context, 1, 'populate', policy, handOff);
  const fields = constrainFields(params.fields, model, policy);
  const named = params.fields !== undefined;
  return {
    params: {
      ...rest,
      fields: handOff && !named ? undefined : fields,
      // Merged as the whole filter always was: it also drops what is no condition at all (`$and[0]=x`).
      filters: filters === NOTHING ? NOTHING : (mergeToOneRelations(filters, uid, context) ?? {}),
      populate: populate ?? undefined,
    },
    rows: and(...lifted, visibleRows(policy)),
    ...(handOff ? { plan: handOff.plan, ...(named ? {} : { select: selectOf(fields) }) } : {}),
  };
};

/** The whole rewrite of a read's parameters for one actor: the rows' filter AND-ed into the reader's. */
export const constrainRead = (
  params: Params,
  uid: string,
  context: QueryContext,
  allowRelationSort: boolean,
  topPolicy?: Policy
): Params => {
  const shaped = shapeRead(params, uid, context, allowRelationSort, topPolicy);
  return {
    ...shaped.params,
    filters: mergeToOneRelations(withRows(shaped.params.filters, shaped.rows), uid, context) ?? {},
  };
};

/** A shaped read's filters AND-ed with a row filter (or a placeholder for it). */
export const withRows = (filters: unknown, rows: RowFilter): RowFilter =>
  and(isObject(filters) && Object.keys(filters).length > 0 ? filters : null, rows);

/**
 * Puts a row filter where a placeholder stands in a database `where` (one of its conjuncts,
 * at any depth of `$and`; `rowsFor` recognises it) and merges the conditions on each to-one
 * relation, so that the rule's and the reader's conditions on one relation join it once.
 * Returns undefined when no conjunct is a placeholder: the caller leaves the query alone.
 */
export const substituteRows = (
  where: unknown,
  rowsFor: (conjunct: Record<string, unknown>) => { rows: RowFilter } | undefined,
  uid: string,
  context: Pick<QueryContext, 'model'>
): RowFilter | undefined => {
  let found = false;
  const replace = (node: unknown): unknown => {
    if (!isObject(node)) return node;
    const placed = rowsFor(node);
    if (placed) {
      found = true;
      return placed.rows ?? {};
    }
    return Array.isArray(node.$and) ? { ...node, $and: node.$and.map(replace) } : node;
  };
  const replaced = replace(where);
  return found ? mergeToOneRelations(replaced as RowFilter, uid, context) : undefined;
};

/** Operators no null satisfies (given a value that is not null: Strapi compiles `$eq: null` to IS NULL). */
const NULL_REJECTING = new Set([
  '$eq',
  '$eqi',
  '$in',
  '$lt',
  '$lte',
  '$gt',
  '$gte',
  '$between',
  '$contains',
  '$containsi',
  '$startsWith',
  '$startsWithi',
  '$endsWith',
  '$endsWithi',
]);

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  isObject(value) && Object.getPrototypeOf(value) === Object.prototype;

const isValue = (value: unknown): boolean =>
  value !== null && value !== undefined && !isPlainObject(value) && (!Array.isArray(value) || value.every(isValue));

/**
 * Whether a database filter names only the columns of `model`'s own rows, each with a
 * condition no null satisfies: it then matches no row of a LEFT JOIN that found no target.
 */
const rejectsMissingTarget = (filter: unknown, model: ModelInfo): boolean => {
  if (!isPlainObject(filter) || Object.keys(filter).length === 0) return false;
  return Object.entries(filter).every(([key, condition]) => {
    if (key === '$and') return Array.isArray(condition) && condition.every((part) => rejectsMissingTarget(part, model));
    const attribute = model.attributes[key];
    const own = key === 'id' || key === 'documentId' || (attribute !== undefined && isColumn(attribute));
    if (!own) return false;
    if (!isPlainObject(condition)) return isValue(condition) && !Array.isArray(condition);
    const operators = Object.entries(condition);
    return (
      operators.length > 0 && operators.every(([operator, value]) => NULL_REJECTING.has(operator) && isValue(value))
    );
  });
};

/** Whether a filter names, as one of its conjuncts, a relation the row keeps an indexed copy of. */
export const namesIndexedCopy = (filter: unknown, uid: string, context: Pick<QueryContext, 'model'>): boolean => {
  const copies = context.model(uid)?.indexedCopies;
  return copies !== undefined && conjunctPairs(filter).some(([key]) => key in copies);
};

/**
 * Reads a to-one relation's indexed copy instead of joining it (utils/row-index.ts): a
 * conjunct of the main rows `{ budget: F }` becomes `{ portalBudgetId: { $in: <ids of the
 * budgets matching F> } }`, the ids selected by `subquery`. Only where it means the same: F
 * names the target's own columns with conditions no null satisfies (the join is a LEFT JOIN,
 * so a row without a budget is matched by "the budget's name is null"). The relation's link
 * table and its target are then not joined for each row: the database reads the copy's index.
 */
export const readIndexedCopies = (
  where: RowFilter,
  uid: string,
  context: Pick<QueryContext, 'model'>,
  subquery: (target: string, filter: Record<string, unknown>) => unknown
): RowFilter => {
  const model = context.model(uid);
  const copies = model?.indexedCopies;
  if (!copies || Object.keys(copies).length === 0 || !isObject(where)) return where;
  let changed = false;
  const parts = conjunctPairs(where).map(([key, value]) => {
    const copy = copies[key];
    const target = copy === undefined ? undefined : context.model(targetOf(model.attributes[key]) ?? '');
    if (!copy || !target || !isPlainObject(value) || !rejectsMissingTarget(value, target)) return { [key]: value };
    changed = true;
    return { [copy]: { $in: subquery(target.uid, value) } };
  });
  if (!changed) return where;
  return parts.length === 1 ? parts[0] : { $and: parts };
};

/**
 * Puts each populated relation's rows where its placeholder stands in the populate Strapi
 * built (each level's `where`), and its select where the reader named no fields, following the
 * plan shapeRead made. Returns the new populate and how many levels of the plan were not found
 * (the caller fails closed unless none).
 */
export const placePopulate = (
  populate: unknown,
  plan: PopulatePlan,
  isPlaceholder: (conjunct: Record<string, unknown>) => boolean,
  context: Pick<QueryContext, 'model'>
): { populate: unknown; missing: number } => {
  if (Object.keys(plan).length === 0) return { populate, missing: 0 };
  if (!isObject(populate)) return { populate, missing: countLevels(plan) };
  let missing = 0;
  const result: Record<string, unknown> = { ...populate };
  for (const [key, level] of Object.entries(plan)) {
    const value = populate[key];
    if (!isObject(value)) {
      missing += countLevels({ [key]: level });
      continue;
    }
    const next: Record<string, unknown> = { ...value };
    if (!level.component) {
      const where = substituteRows(
        value.where,
        (conjunct) => (isPlaceholder(conjunct) ? { rows: level.rows } : undefined),
        level.uid,
        context
      );
      if (where === undefined) missing += 1;
      else next.where = where ?? {};
      if (level.select && next.select === undefined) next.select = level.select;
    }
    const nested = placePopulate(value.populate, level.populate, isPlaceholder, context);
    next.populate = nested.populate;
    missing += nested.missing;
    result[key] = next;
  }
  return { populate: result, missing };
};

/** The relation levels of a plan that hold a placeholder (component levels hold none). */
const countLevels = (plan: PopulatePlan): number =>
  Object.values(plan).reduce((sum, level) => sum + (level.component ? 0 : 1) + countLevels(level.populate), 0);
