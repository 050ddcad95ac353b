import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import { errors } from '@strapi/utils';
import { normalizePath, rateLimitKey, ruleFrom } from '../services/rate-limit';
import { getService } from '../utils/get-service';

/** This middleware's name in a route's `config.middlewares`. */
export const RATE_LIMIT = 'plugin::client-portal.rate-limit';

/** users-permissions' own message for a refused request. */
export const RATE_LIMIT_MESSAGE = 'Too many requests, please try again later.';

/**
 * Routes whose key also holds the submitted `email` (users-permissions keys the same ones so).
 * Elsewhere the key is the route and the IP only: on sign-in, reset and invitation accept the
 * body's `identifier`, `code` or `token` is the attacker's to vary, and counting per value would
 * let one address try without limit (GHSA-7mqx-wwh4-f9fw).
 */
const KEYED_BY_EMAIL = ['/auth/forgot-password'];

export interface RateLimitConfig {
  /** Overrides the path rule above: `email` to key by the body's email, `none` for IP only. */
  identifier?: 'email' | 'none';
  /** Override users-permissions' `ratelimit` settings for this route (ms or `{ min: 5 }`; count). */
  interval?: unknown;
  max?: number;
}

const emailOf = (ctx: Context): string | undefined => {
  const email = (ctx.request as { body?: { email?: unknown } }).body?.email;
  return typeof email === 'string' && email.trim() ? email : undefined;
};

/**
 * The plugin's rate limit (services/rate-limit.ts) as a route middleware, in place of
 * `plugin::users-permissions.rateLimit` (register.ts, routes/content-api). One counter per
 * route (its normalised path: GraphQL's account mutations borrow their REST route's path,
 * adapters/graphql.ts, and so share its counter), client IP (`ctx.request.ip`: behind a proxy,
 * the forwarded address only when Strapi's `server.proxy.koa` is on) and, on forgot-password,
 * email. The limits are users-permissions' (`plugin::users-permissions.ratelimit`: 10 requests
 * per minute by default). A refused request gets 429 `RateLimitError` with `Retry-After`.
 */
export const rateLimit =
  (config: RateLimitConfig, strapi: Core.Strapi) =>
  async (ctx: Context, next: Next): Promise<void> => {
    const { identifier, ...limits } = config ?? {};
    const rule = ruleFrom(strapi.config.get('plugin::users-permissions.ratelimit'), limits);
    if (!rule.enabled) return next();

    const route = normalizePath(ctx.path);
    const byEmail =
      identifier === 'email' || (identifier !== 'none' && KEYED_BY_EMAIL.some((suffix) => route.endsWith(suffix)));
    const key = rateLimitKey(route, ctx.request.ip, byEmail ? emailOf(ctx) : undefined);
    const verdict = await getService(strapi, 'rateLimit').hit(key, rule);

    ctx.set('X-RateLimit-Limit', String(verdict.limit));
    ctx.set('X-RateLimit-Remaining', String(verdict.remaining));
    ctx.set('X-RateLimit-Reset', String(Math.ceil((Date.now() + verdict.resetInMs) / 1000)));
    if (!verdict.allowed) {
      ctx.set('Retry-After', String(verdict.retryAfterSeconds));
      // Thrown (not written) so GraphQL's account mutations (adapters/graphql.ts) fail with it too.
      throw new errors.RateLimitError(RATE_LIMIT_MESSAGE, { retryAfterSeconds: verdict.retryAfterSeconds });
    }
    await next();
  };
