import type { Context, Next } from 'koa';
import { errors } from '@strapi/utils';
import { MAX_POPULATE_DEPTH } from '../access/query';
import { invalidField } from '../errors';

/** Largest page a content-API list returns (docs/visibility.md#bad-input). */
export const MAX_PAGE_SIZE = 100;

const FORBIDDEN_KEYS = ['where', 'lookup'];
/** users-permissions does not refuse unknown keys itself: these are the ones it understands. */
const PEOPLE_KEYS = new Set([
  'filters',
  'fields',
  'populate',
  'sort',
  'pagination',
  '_q',
  'status',
  'locale',
  'start',
  'limit',
]);

/** `/api/users/<segment>` routes of users-permissions that are not a person's id. */
const PEOPLE_ROUTES = new Set(['me', 'count']);

/** Largest page number and offset (docs/visibility.md#bad-input: a page number past 2^31 is refused). */
export const MAX_PAGE = 2 ** 31 - 1;

/**
 * A whole number written in decimal digits, within [min, max]. `Number()` alone is not
 * enough: it reads "1e3" as 1000 and "99999999999999999999" as an integer.
 */
const integer = (key: string, value: unknown, min: number, max: number) => {
  if (value === undefined) return;
  const written = typeof value === 'number' ? String(value) : value;
  if (typeof written !== 'string' || !/^[+-]?\d+$/.test(written.trim())) invalidField(key, 'must be a whole number');
  const number = Number(written);
  if (number < min) invalidField(key, `must be at least ${min}`);
  if (number > max) invalidField(key, `must be at most ${max}`);
};

/** A users-permissions id: a positive whole number a database integer column holds. */
const isPersonId = (segment: string) => /^\d+$/.test(segment) && Number(segment) >= 1 && Number(segment) <= MAX_PAGE;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Where `filters` expects attribute names (its top level and inside $and/$or/$not at any
 * depth), only $and, $or and $not may stand: any other operator is refused, naming it.
 * Deeper levels (relations, components) are checked against the schema by the access rules.
 */
export const checkFilterOperators = (filters: unknown, path = 'filters'): void => {
  if (Array.isArray(filters)) {
    filters.forEach((entry, index) => checkFilterOperators(entry, `${path}.${index}`));
    return;
  }
  if (!isObject(filters)) return;
  for (const [key, value] of Object.entries(filters)) {
    const keyPath = `${path}.${key}`;
    if (key === '$and' || key === '$or') {
      if (!Array.isArray(value)) invalidField(keyPath, `"${key}" takes a list of filters: ${key}[0][attribute]…`);
      checkFilterOperators(value, keyPath);
    } else if (key === '$not') {
      if (!isObject(value)) invalidField(keyPath, '"$not" takes a filter: $not[attribute]…');
      checkFilterOperators(value, keyPath);
    } else if (key.startsWith('$')) {
      invalidField(
        keyPath,
        `the operator "${key}" stands where an attribute name is expected: write [attribute][${key}]=…; only $and, $or and $not stand alone`
      );
    }
  }
};

/** Strings that populate a relation as it is ("*", and qs's "true"/"false"): not paths, no level of their own. */
const POPULATE_FLAGS = new Set(['*', 'true', 'false']);

/** Nesting depth of a populate parameter in any of its shapes. */
export const populateDepth = (populate: unknown): number => {
  if (populate === undefined || populate === null || typeof populate === 'boolean') return 0;
  if (typeof populate === 'string') {
    return Math.max(0, ...populate.split(',').map((entry) => (entry.trim() ? entry.split('.').length : 0)));
  }
  if (Array.isArray(populate)) return Math.max(0, ...populate.map(populateDepth));
  if (typeof populate === 'object') {
    const entries = Object.values(populate as Record<string, unknown>);
    return (
      1 +
      Math.max(
        0,
        ...entries.map((value) =>
          value && typeof value === 'object' && !Array.isArray(value)
            ? populateDepth((value as Record<string, unknown>).populate)
            : typeof value === 'string' && !POPULATE_FLAGS.has(value)
              ? populateDepth(value)
              : 0
        )
      )
    );
  }
  return 0;
};

/**
 * Refuses bad content-API query parameters with a 400 naming them, before any
 * controller can silently ignore or widen them.
 */
export const queryGuard = async (ctx: Context, next: Next) => {
  if (!ctx.path.startsWith('/api/')) return next();
  const query = ctx.query as Record<string, unknown>;
  for (const key of FORBIDDEN_KEYS) if (key in query) invalidField(key, `the query parameter "${key}" is not allowed`);
  if (ctx.path === '/api/users' || ctx.path.startsWith('/api/users/')) {
    const unknown = Object.keys(query).filter((key) => !PEOPLE_KEYS.has(key));
    if (unknown.length > 0) invalidField(unknown[0], `unknown query parameter "${unknown[0]}"`);
    // People are addressed by numeric id: anything else names nobody (and must not reach the database).
    const id = /^\/api\/users\/([^/]+)\/?$/.exec(ctx.path)?.[1];
    if (id !== undefined && !PEOPLE_ROUTES.has(id) && !isPersonId(id)) throw new errors.NotFoundError('Not Found');
  }
  if (query.filters !== undefined) checkFilterOperators(query.filters);
  const pagination = query.pagination;
  if (pagination !== undefined) {
    if (typeof pagination !== 'object' || Array.isArray(pagination)) invalidField('pagination', 'must be an object');
    const { page, pageSize, start, limit, withCount } = pagination as Record<string, unknown>;
    integer('pagination.page', page, 1, MAX_PAGE);
    integer('pagination.pageSize', pageSize, 1, MAX_PAGE_SIZE);
    integer('pagination.start', start, 0, MAX_PAGE);
    integer('pagination.limit', limit, 1, MAX_PAGE_SIZE);
    if (withCount !== undefined && !['true', 'false', true, false].includes(withCount as string | boolean)) {
      invalidField('pagination.withCount', 'must be true or false');
    }
  }
  integer('start', query.start, 0, MAX_PAGE);
  integer('limit', query.limit, 1, MAX_PAGE_SIZE);
  if (populateDepth(query.populate) > MAX_POPULATE_DEPTH) {
    invalidField('populate', `populate is nested deeper than ${MAX_POPULATE_DEPTH} levels`);
  }
  if (query.status !== undefined && !['published', 'draft'].includes(String(query.status))) {
    invalidField('status', 'must be "published" or "draft"');
  }
  await next();
  // users-permissions answers 204 for a person it did not find; like every other type, it is a 404.
  if (ctx.method === 'GET' && ctx.status === 204 && /^\/api\/users\/\d+$/.test(ctx.path)) {
    throw new errors.NotFoundError('Not Found');
  }
};
