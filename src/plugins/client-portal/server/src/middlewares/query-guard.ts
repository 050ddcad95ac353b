import type { Context, Next } from 'koa';
import { errors } from '@strapi/utils';
import { MAX_POPULATE_DEPTH } from '../access/query';
import { invalidField } from '../errors';

/** Largest page a content-API list returns (SPEC §4.7). */
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

const integer = (key: string, value: unknown, min: number, max?: number) => {
  if (value === undefined) return;
  const number = Number(value);
  if (typeof value === 'object' || !Number.isInteger(number)) invalidField(key, 'must be a whole number');
  if (number < min) invalidField(key, `must be at least ${min}`);
  if (max !== undefined && number > max) invalidField(key, `must be at most ${max}`);
};

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
            : typeof value === 'string' && value !== '*'
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
  }
  const pagination = query.pagination;
  if (pagination !== undefined) {
    if (typeof pagination !== 'object' || Array.isArray(pagination)) invalidField('pagination', 'must be an object');
    const { page, pageSize, start, limit, withCount } = pagination as Record<string, unknown>;
    integer('pagination.page', page, 1);
    integer('pagination.pageSize', pageSize, 1, MAX_PAGE_SIZE);
    integer('pagination.start', start, 0);
    integer('pagination.limit', limit, 1, MAX_PAGE_SIZE);
    if (withCount !== undefined && !['true', 'false', true, false].includes(withCount as string | boolean)) {
      invalidField('pagination.withCount', 'must be true or false');
    }
  }
  integer('start', query.start, 0);
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
