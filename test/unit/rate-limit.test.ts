import {
  countInWindow,
  intervalMs,
  memoryStore,
  normalizePath,
  rateLimitKey,
  ruleFrom,
  verdictFor,
} from '../../src/plugins/client-portal/server/src/services/rate-limit';

describe('rate limit: limits', () => {
  it("takes users-permissions' configured limits (10 a minute by default) over its middleware's own", () => {
    // What strapi.config.get('plugin::users-permissions.ratelimit') holds with the plugin's defaults.
    expect(ruleFrom({ interval: 60000, max: 10 })).toEqual({ enabled: true, intervalMs: 60000, max: 10 });
    // Nothing configured: the middleware's defaults, 5 in 5 minutes.
    expect(ruleFrom(undefined)).toEqual({ enabled: true, intervalMs: 300000, max: 5 });
    // A route's own config wins.
    expect(ruleFrom({ interval: 60000, max: 10 }, { max: 3 })).toEqual({ enabled: true, intervalMs: 60000, max: 3 });
  });

  it('is off only when enabled is exactly true or missing, as users-permissions reads it', () => {
    expect(ruleFrom({ enabled: false, interval: 1000, max: 1 }).enabled).toBe(false);
    expect(ruleFrom({ enabled: 'yes', interval: 1000, max: 1 }).enabled).toBe(false);
    expect(ruleFrom({ enabled: true, interval: 1000, max: 1 }).enabled).toBe(true);
  });

  it("reads koa2-ratelimit's interval objects", () => {
    expect(intervalMs(1500)).toBe(1500);
    expect(intervalMs({ min: 5 })).toBe(300000);
    expect(intervalMs({ min: 1, sec: 30 })).toBe(90000);
    expect(intervalMs({ hour: 1, ms: 1 })).toBe(3600001);
    expect(() => intervalMs({ minutes: 5 })).toThrow('unknown unit "minutes"');
    expect(() => intervalMs(0)).toThrow('positive');
    expect(() => intervalMs('60000')).toThrow('positive');
  });
});

describe('rate limit: keys', () => {
  it('is one counter per route, IP and identifier', () => {
    expect(rateLimitKey('/api/auth/local', '10.0.0.1')).toBe('/api/auth/local|10.0.0.1|-');
    expect(rateLimitKey('/api/auth/local', '10.0.0.1')).not.toBe(rateLimitKey('/api/auth/local', '10.0.0.2'));
    expect(rateLimitKey('/api/auth/local', '10.0.0.1')).not.toBe(rateLimitKey('/api/auth/forgot-password', '10.0.0.1'));
    const anna = rateLimitKey('/api/auth/forgot-password', '10.0.0.1', 'anna@acme.test');
    expect(anna).not.toBe(rateLimitKey('/api/auth/forgot-password', '10.0.0.1', 'ben@acme.test'));
    expect(anna).not.toBe(rateLimitKey('/api/auth/forgot-password', '10.0.0.2', 'anna@acme.test'));
  });

  it('treats an email in any case and spacing as the same identifier, and never stores it in clear', () => {
    const key = rateLimitKey('/api/auth/forgot-password', '10.0.0.1', 'anna@acme.test');
    expect(rateLimitKey('/api/auth/forgot-password', '10.0.0.1', '  Anna@ACME.test ')).toBe(key);
    expect(key).not.toContain('anna');
    expect(key).toMatch(/^\/api\/auth\/forgot-password\|10\.0\.0\.1\|[A-Za-z0-9_-]{22}$/);
    // An empty identifier is no identifier.
    expect(rateLimitKey('/api/auth/forgot-password', '10.0.0.1', '  ')).toBe('/api/auth/forgot-password|10.0.0.1|-');
  });

  it('counts spellings of one path together, as users-permissions does', () => {
    for (const spelling of ['/api/auth/local/', '/API/auth/local', '/api//auth/./local', '/api/auth/x/../local']) {
      expect(normalizePath(spelling)).toBe('/api/auth/local');
    }
    expect(normalizePath('')).toBe('/');
    expect(rateLimitKey('/API/auth/local/', '::1')).toBe('/api/auth/local|::1|-');
    expect(rateLimitKey('/api/auth/local', '')).toBe('/api/auth/local|unknown|-');
  });
});

describe('rate limit: fixed window', () => {
  it('opens a window with the first request and counts in it until it closes', () => {
    const first = countInWindow(undefined, 1000, 60000);
    expect(first).toEqual({ count: 1, resetAt: 61000 });
    const second = countInWindow(first, 30000, 60000);
    expect(second).toEqual({ count: 2, resetAt: 61000 });
    expect(countInWindow(second, 60999, 60000)).toEqual({ count: 3, resetAt: 61000 });
    // Closed: a new window from this request on.
    expect(countInWindow(second, 61000, 60000)).toEqual({ count: 1, resetAt: 121000 });
  });

  it('allows max requests, refuses the next with the whole seconds left', () => {
    const rule = { enabled: true, intervalMs: 60000, max: 10 };
    expect(verdictFor({ count: 10, resetInMs: 100 }, rule, 'memory')).toMatchObject({
      allowed: true,
      remaining: 0,
      limit: 10,
    });
    expect(verdictFor({ count: 11, resetInMs: 59001 }, rule, 'redis')).toMatchObject({
      allowed: false,
      remaining: 0,
      retryAfterSeconds: 60,
      store: 'redis',
    });
    expect(verdictFor({ count: 11, resetInMs: 1 }, rule, 'redis').retryAfterSeconds).toBe(1);
    expect(verdictFor({ count: 11, resetInMs: 0 }, rule, 'redis').retryAfterSeconds).toBe(1);
    // max 0: no limit (as koa2-ratelimit).
    expect(verdictFor({ count: 1000, resetInMs: 1 }, { ...rule, max: 0 }, 'memory').allowed).toBe(true);
  });

  it('keeps counters per key in memory and drops closed windows', () => {
    let now = 0;
    const store = memoryStore(() => now);
    expect(store.hit('a', 1000)).toEqual({ count: 1, resetInMs: 1000 });
    now = 400;
    expect(store.hit('a', 1000)).toEqual({ count: 2, resetInMs: 600 });
    expect(store.hit('b', 1000)).toEqual({ count: 1, resetInMs: 1000 });
    now = 1000;
    expect(store.hit('a', 1000)).toEqual({ count: 1, resetInMs: 1000 });
    expect(store.size).toBe(2);
    // The sweep (once a minute) forgets windows that closed.
    now = 61_000;
    store.hit('c', 1000);
    expect(store.size).toBe(1);
    store.clear();
    expect(store.size).toBe(0);
  });
});
