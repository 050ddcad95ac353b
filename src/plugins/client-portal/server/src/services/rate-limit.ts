import crypto from 'crypto';
import path from 'path';
import type { Core } from '@strapi/strapi';
import Redis from 'ioredis';
import { getService } from '../utils/get-service';

/**
 * Rate limits of the public account routes (docs/operations.md#rate-limits): sign-in, forgot-password, reset
 * and invitation accept. users-permissions' own limiter (koa2-ratelimit) counts in each
 * process's memory, so N instances behind a load balancer allowed N times the limit;
 * this one counts in Redis when `REDIS_URL` is set, shared by every instance, and in
 * memory otherwise.
 *
 * **Fixed window**, as users-permissions' limiter: a key's first request opens a window
 * of `interval` ms; every request in it counts; the one past `max` and all after it are
 * refused until the window closes (then the key starts again from zero).
 *
 * **Redis unreachable: fail open** to this process's memory. Sign-in must stay available
 * when Redis is down, and the limit still holds per instance meanwhile (what it was before
 * Redis). The outage is logged once (and its end once); Redis is tried again as soon as its
 * connection is back, or a few seconds after a command timed out on a connection that
 * still looks open.
 */

/** Keys in Redis start with this, so the limiter's counters can be told (and deleted) apart. */
export const KEY_PREFIX = 'portal:rate-limit:';

/** What a limit allows: `max` requests per window of `intervalMs` (0 = no limit, as koa2-ratelimit). */
export interface RateLimitRule {
  enabled: boolean;
  intervalMs: number;
  max: number;
}

/** One request counted: how many requests its window holds now, and when the window closes. */
export interface WindowCount {
  count: number;
  resetInMs: number;
}

export interface RateLimitVerdict extends WindowCount {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** For `Retry-After`: whole seconds until the window closes, at least 1. */
  retryAfterSeconds: number;
  /** Where it was counted (`memory` also while Redis is unreachable). */
  store: 'redis' | 'memory';
}

/** users-permissions' limiter's own defaults, under its plugin configuration (`ratelimit`). */
const MIDDLEWARE_DEFAULTS = { interval: { min: 5 }, max: 5 };

/** koa2-ratelimit's time units, for an `interval` given as `{ min: 5 }`. */
const TIME_UNITS: Record<string, number> = {
  ms: 1,
  sec: 1000,
  min: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  week: 604_800_000,
};

/** An interval in ms: a number of ms, or koa2-ratelimit's `{ min: 5, sec: 30 }`. */
export const intervalMs = (interval: unknown): number => {
  let ms = Number.NaN;
  if (typeof interval === 'number') ms = interval;
  else if (interval && typeof interval === 'object') {
    ms = 0;
    for (const [unit, amount] of Object.entries(interval)) {
      if (!(unit in TIME_UNITS)) throw new Error(`rate limit interval: unknown unit "${unit}"`);
      if (typeof amount === 'number' && amount > 0) ms += amount * TIME_UNITS[unit];
    }
  }
  if (!Number.isFinite(ms) || ms <= 0) throw new Error('rate limit interval must be a positive number of ms');
  return ms;
};

/**
 * The limit of a route, as users-permissions computes its own: its middleware defaults, then
 * `plugin::users-permissions.ratelimit` (whose defaults are 10 requests per 60 s), then the
 * route's middleware config. Off only with `enabled: false`.
 */
export const ruleFrom = (configured: unknown, route: Record<string, unknown> = {}): RateLimitRule => {
  const merged: Record<string, unknown> = {
    ...MIDDLEWARE_DEFAULTS,
    ...(configured && typeof configured === 'object' ? configured : {}),
    ...route,
  };
  return {
    enabled: !('enabled' in merged) || merged.enabled === true,
    intervalMs: intervalMs(merged.interval),
    max: Math.max(0, Math.floor(Number(merged.max) || 0)),
  };
};

/**
 * A request path as one bucket: POSIX-normalised, lower case, no trailing slash (as
 * users-permissions does, so `/api/auth/local/` and `/API/auth/local` count together).
 */
export const normalizePath = (requestPath: string): string => {
  const normalized = path.posix.normalize(requestPath || '/').toLowerCase();
  return normalized.replace(/\/+$/, '') || '/';
};

/** An identifier in a key: trimmed, lower case, hashed (no email addresses in Redis; bounded keys). */
const identifierPart = (identifier: string | undefined): string => {
  const normalized = identifier?.trim().toLowerCase();
  return normalized ? crypto.createHash('sha256').update(normalized).digest('base64url').slice(0, 22) : '-';
};

/**
 * The counter of one route, one client IP and, where the route's key has one, one
 * identifier (`route|ip|identifier`; `-` without). The IP is always in it: nobody can
 * exhaust another person's limit from another address.
 */
export const rateLimitKey = (route: string, ip: string, identifier?: string): string =>
  `${normalizePath(route)}|${ip || 'unknown'}|${identifierPart(identifier)}`;

/** Fixed-window counting: the request at `now` in the window `current` (if still open), or in a new one. */
export const countInWindow = (
  current: { count: number; resetAt: number } | undefined,
  now: number,
  windowMs: number
): { count: number; resetAt: number } =>
  current && current.resetAt > now
    ? { count: current.count + 1, resetAt: current.resetAt }
    : { count: 1, resetAt: now + windowMs };

/** The answer for a count under a rule. */
export const verdictFor = (
  counted: WindowCount,
  rule: RateLimitRule,
  store: RateLimitVerdict['store']
): RateLimitVerdict => ({
  ...counted,
  allowed: rule.max === 0 || counted.count <= rule.max,
  limit: rule.max,
  remaining: Math.max(rule.max - counted.count, 0),
  retryAfterSeconds: Math.max(1, Math.ceil(counted.resetInMs / 1000)),
  store,
});

/** How often the memory store drops closed windows. */
const SWEEP_MS = 60_000;

/** Counters in this process's memory (no REDIS_URL, or Redis unreachable). */
export const memoryStore = (clock: () => number = Date.now) => {
  const windows = new Map<string, { count: number; resetAt: number }>();
  let sweepAt = 0;
  return {
    hit(key: string, windowMs: number): WindowCount {
      const now = clock();
      if (now >= sweepAt) {
        for (const [stored, window] of windows) if (window.resetAt <= now) windows.delete(stored);
        sweepAt = now + SWEEP_MS;
      }
      const window = countInWindow(windows.get(key), now, windowMs);
      windows.set(key, window);
      return { count: window.count, resetInMs: window.resetAt - now };
    },
    clear() {
      windows.clear();
    },
    get size() {
      return windows.size;
    },
  };
};

/**
 * One atomic step in Redis: count the request; the first of a window (no expiry yet) opens
 * it with PEXPIRE. Returns the count and the ms until the window closes.
 */
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}
`;

type ScriptedRedis = Redis & { portalRateLimitHit(key: string, windowMs: number): Promise<[number, number]> };

/** A failed Redis command (or one that timed out) waits this long before Redis is tried again on an open connection. */
const RETRY_AFTER_FAILURE_MS = 5000;

/** `host:port` of a Redis URL, for log lines (never its password). */
const redisHost = (url: string): string => {
  try {
    return new URL(url).host;
  } catch {
    return 'REDIS_URL';
  }
};

const rateLimit = ({ strapi }: { strapi: Core.Strapi }) => {
  const memory = memoryStore();
  let client: ScriptedRedis | null = null;
  let closed = false;
  /** False from a failed command until one succeeds (or a new connection is ready). */
  let healthy = true;
  let retryAt = 0;
  let warned = false;
  let host = '';

  /** The Redis client of this process, created on first use; null without REDIS_URL or once closed. */
  const redis = (): ScriptedRedis | null => {
    if (client || closed) return client;
    const url = getService(strapi, 'settings').get().redisUrl;
    if (!url) return null;
    host = redisHost(url);
    const created = new Redis(url, {
      // A request waits for Redis at most this long, then is counted in memory.
      connectTimeout: 2000,
      commandTimeout: 1000,
      // Commands queued while (re)connecting fail at the first failed attempt instead of waiting for more.
      maxRetriesPerRequest: 0,
      retryStrategy: (attempt) => Math.min(attempt * 500, 5000),
    }) as ScriptedRedis;
    created.defineCommand('portalRateLimitHit', { numberOfKeys: 1, lua: HIT_SCRIPT });
    // Failures are reported by the commands (once per outage): no "unhandled error event" per reconnect.
    created.on('error', () => undefined);
    created.on('ready', () => {
      healthy = true;
    });
    client = created;
    return client;
  };

  /** A failed or refused command: memory until Redis answers again; said once per outage. */
  const failed = (reason: string) => {
    healthy = false;
    retryAt = Date.now() + RETRY_AFTER_FAILURE_MS;
    if (warned) return;
    warned = true;
    strapi.log.warn(
      `[client-portal] rate limits: Redis at ${host} is unreachable (${reason}); ` +
        "counting in this process's memory until it answers again"
    );
  };

  /** Whether to ask Redis now: not while it is known to be down (no request waits for a dead server). */
  const usable = (redisClient: ScriptedRedis): boolean => {
    if (redisClient.status === 'end') return false;
    if (redisClient.status === 'reconnecting') {
      failed('connection lost');
      return false;
    }
    return healthy || (redisClient.status === 'ready' && Date.now() >= retryAt);
  };

  const countInRedis = async (redisClient: ScriptedRedis, key: string, windowMs: number): Promise<WindowCount> => {
    const [count, ttl] = await redisClient.portalRateLimitHit(`${KEY_PREFIX}${key}`, windowMs);
    return { count: Number(count), resetInMs: Number(ttl) };
  };

  return {
    /** Counts one request of `key` and tells whether it is allowed. */
    async hit(key: string, rule: RateLimitRule): Promise<RateLimitVerdict> {
      const redisClient = redis();
      if (redisClient && usable(redisClient)) {
        try {
          const counted = await countInRedis(redisClient, key, rule.intervalMs);
          if (warned) strapi.log.info(`[client-portal] rate limits: Redis at ${host} answers again; counting there`);
          healthy = true;
          warned = false;
          return verdictFor(counted, rule, 'redis');
        } catch (error) {
          failed((error as Error).message);
        }
      }
      return verdictFor(memory.hit(key, rule.intervalMs), rule, 'memory');
    },

    /** Forgets the counters in this process's memory (tests; Redis keeps its own). */
    clearMemory() {
      memory.clear();
    },

    /** Closes the Redis connection (plugin destroy); later requests count in memory. */
    async close() {
      closed = true;
      const closing = client;
      client = null;
      if (!closing) return;
      if (closing.status === 'ready') {
        await closing.quit().catch(() => closing.disconnect());
      } else {
        closing.disconnect();
      }
    },
  };
};

export default rateLimit;
