import { spawn, type ChildProcess } from 'child_process';
import crypto from 'crypto';
import http from 'http';
import net from 'net';
import type { Core } from '@strapi/strapi';
import Redis from 'ioredis';
import { startApp, type TestApp } from '../harness/app';
import { databaseClient } from '../harness/database';
import { fixtures, type Person } from '../harness/fixtures';
import { startSecondProcess, type SecondProcess } from '../harness/second-process';

/**
 * Rate limits (docs/operations.md#rate-limits): sign-in, forgot-password, reset and invitation accept, counted in
 * Redis (shared by every instance) when REDIS_URL is set, in memory otherwise; Redis down
 * means counting in memory (fail open). users-permissions' defaults: 10 requests a minute
 * per route and client IP (and email on forgot-password).
 */

const LIMIT = 10;
const KEY_PREFIX = 'portal:rate-limit:';
const REFUSED = {
  data: null,
  error: {
    status: 429,
    name: 'RateLimitError',
    message: 'Too many requests, please try again later.',
    details: { retryAfterSeconds: expect.any(Number) },
  },
};

/**
 * Client addresses of this run: loopback addresses of their own (Linux routes all of 127/8 to
 * lo), so requests come from distinct IPs and this run's Redis keys are its own.
 */
const NETWORK = `127.${crypto.randomInt(1, 255)}.${crypto.randomInt(0, 256)}`;
let lastHost = 1;
const nextIp = () => `${NETWORK}.${++lastHost}`;

/** Redis database of this run (never 0); only keys of this run's addresses are ever deleted. */
const REDIS_DB = 1 + (process.pid % 15);
const REDIS_URL = `redis://127.0.0.1:6379/${REDIS_DB}`;
const RUN_KEYS = `${KEY_PREFIX}*|${NETWORK}.*|*`;

interface Answer {
  status: number;
  body: any;
  text: string;
  headers: http.IncomingHttpHeaders;
}

/** A POST from a given client address (JSON, or a form like the reset and invitation pages). */
const post = (baseUrl: string, path: string, body: unknown, from: string, form = false): Promise<Answer> =>
  new Promise((resolve, reject) => {
    const payload = form ? new URLSearchParams(body as Record<string, string>).toString() : JSON.stringify(body);
    const request = http.request(
      `${baseUrl}${path}`,
      {
        method: 'POST',
        localAddress: from,
        agent: false,
        headers: {
          'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json',
          'content-length': Buffer.byteLength(payload),
        },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => {
          let parsed: unknown = null;
          try {
            parsed = JSON.parse(text);
          } catch {
            parsed = null;
          }
          resolve({ status: response.statusCode ?? 0, body: parsed, text, headers: response.headers });
        });
      }
    );
    request.on('error', reject);
    request.end(payload);
  });

const signIn = (baseUrl: string, from: string, identifier: string, password: string) =>
  post(baseUrl, '/api/auth/local', { identifier, password }, from);
const forgot = (baseUrl: string, from: string, email: string) =>
  post(baseUrl, '/api/auth/forgot-password', { email }, from);
const accept = (baseUrl: string, from: string) =>
  post(
    baseUrl,
    '/api/client-portal/invitations/accept',
    { token: crypto.randomBytes(32).toString('base64url'), password: 'a-long-password' },
    from
  );
const graphqlLogin = (baseUrl: string, from: string, identifier: string, password: string) =>
  post(
    baseUrl,
    '/graphql',
    { query: `mutation { login(input: { identifier: "${identifier}", password: "${password}" }) { jwt } }` },
    from
  );

/** `count` requests that must all pass the limit (none is a 429). */
const allowed = async (count: number, send: (index: number) => Promise<Answer>) => {
  const answers: Answer[] = [];
  for (let index = 0; index < count; index += 1) answers.push(await send(index));
  expect(answers.map((answer) => answer.status).filter((status) => status === 429)).toEqual([]);
  return answers;
};

const expectRefused = (answer: Answer) => {
  expect(answer.status).toBe(429);
  expect(answer.body).toEqual(REFUSED);
  const retryAfter = Number(answer.headers['retry-after']);
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
  expect(answer.body.error.details.retryAfterSeconds).toBe(retryAfter);
};

const routeMiddlewares = (strapi: Core.Strapi, plugin: string, method: string, path: string): unknown[] => {
  const routes = (strapi.plugin(plugin).routes as Record<string, { routes: Core.Route[] }>)['content-api'].routes;
  const route = routes.find((candidate) => candidate.method === method && candidate.path === path);
  return route?.config?.middlewares ?? [];
};

/** A TCP port nobody listens on. */
const closedPort = () =>
  new Promise<number>((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const deleteRunKeys = async (redis: Redis) => {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', RUN_KEYS, 'COUNT', 1000);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
};

describe(`rate limits on ${databaseClient()}`, () => {
  describe('in memory (no REDIS_URL)', () => {
    let app: TestApp;
    let person: Person;

    beforeAll(async () => {
      app = await startApp({ env: { REDIS_URL: '' } });
      person = await fixtures(app).person({ role: 'member' });
    });
    afterAll(async () => {
      await app?.stop();
    });

    it("stands in for users-permissions' limiter on every limited route (which no longer counts)", () => {
      const mine = 'plugin::client-portal.rate-limit';
      for (const path of ['/auth/local', '/auth/forgot-password', '/auth/reset-password']) {
        const middlewares = routeMiddlewares(app.strapi, 'users-permissions', 'POST', path);
        expect(middlewares[0]).toBe(mine);
        expect(middlewares).not.toContain('plugin::users-permissions.rateLimit');
        expect(middlewares.filter((middleware) => middleware === mine)).toHaveLength(1);
      }
      for (const path of ['/invitations/accept', '/reset-password']) {
        expect(routeMiddlewares(app.strapi, 'client-portal', 'POST', path)).toEqual([mine]);
      }
    });

    it('refuses the sign-in after the limit with 429 and Retry-After; another IP still signs in', async () => {
      const ip = nextIp();
      const answers = await allowed(LIMIT, (index) => signIn(app.baseUrl, ip, person.email, `wrong-password-${index}`));
      expect(answers.map((answer) => answer.status)).toEqual(Array(LIMIT).fill(400));
      expect(answers.map((answer) => answer.headers['x-ratelimit-remaining'])).toEqual(
        Array.from({ length: LIMIT }, (_, index) => String(LIMIT - 1 - index))
      );
      // Even the right password, and another person's identifier (the key is the route and the IP, as users-permissions').
      const refused = await signIn(app.baseUrl, ip, person.email, person.password);
      expectRefused(refused);
      expect(refused.text).not.toContain('jwt');
      expectRefused(await signIn(app.baseUrl, ip, 'someone-else@people.test', 'whatever-password'));

      const elsewhere = await signIn(app.baseUrl, nextIp(), person.email, person.password);
      expect(elsewhere.status).toBe(200);
      expect(elsewhere.body.jwt).toEqual(expect.any(String));
    });

    it('counts GraphQL logins with REST sign-ins: one limit for both', async () => {
      const ip = nextIp();
      await allowed(LIMIT / 2, () => signIn(app.baseUrl, ip, person.email, 'wrong-password'));
      const viaGraphql = await allowed(LIMIT / 2, () => graphqlLogin(app.baseUrl, ip, person.email, person.password));
      for (const answer of viaGraphql) expect(answer.body.data?.login?.jwt).toEqual(expect.any(String));

      const refused = await graphqlLogin(app.baseUrl, ip, person.email, person.password);
      expect(refused.body.data?.login ?? null).toBeNull();
      expect(refused.body.errors?.[0]?.message).toBe('Too many requests, please try again later.');
      expect(refused.text).not.toContain('"jwt"');
      expectRefused(await signIn(app.baseUrl, ip, person.email, person.password));
    });

    it('limits forgot-password per IP and email: another email or IP is not blocked', async () => {
      const ip = nextIp();
      const email = `someone-${crypto.randomBytes(3).toString('hex')}@people.test`;
      const answers = await allowed(LIMIT, () => forgot(app.baseUrl, ip, email));
      expect(answers.map((answer) => answer.status)).toEqual(Array(LIMIT).fill(200));
      expectRefused(await forgot(app.baseUrl, ip, email));
      // The same email, spelled with capitals and spaces, is the same counter.
      expectRefused(await forgot(app.baseUrl, ip, `  ${email.toUpperCase()} `));

      expect((await forgot(app.baseUrl, ip, `other-${email}`)).status).toBe(200);
      expect((await forgot(app.baseUrl, nextIp(), email)).status).toBe(200);
    });

    it('limits reset (API and the page’s form) and invitation accept', async () => {
      const ip = nextIp();
      const code = crypto.randomBytes(32).toString('base64url');
      const reset = { code, password: 'a-new-password', passwordConfirmation: 'a-new-password' };

      const api = await allowed(LIMIT, () => post(app.baseUrl, '/api/auth/reset-password', reset, ip));
      expect(api.map((answer) => answer.status)).toEqual(Array(LIMIT).fill(400));
      expectRefused(await post(app.baseUrl, '/api/auth/reset-password', reset, ip));

      const form = await allowed(LIMIT, () => post(app.baseUrl, '/api/client-portal/reset-password', reset, ip, true));
      expect(form.map((answer) => answer.status)).toEqual(Array(LIMIT).fill(400));
      expectRefused(await post(app.baseUrl, '/api/client-portal/reset-password', reset, ip, true));

      const accepts = await allowed(LIMIT, () => accept(app.baseUrl, ip));
      for (const answer of accepts) expect(answer.status).toBeGreaterThanOrEqual(400);
      expectRefused(await accept(app.baseUrl, ip));
      expect((await accept(app.baseUrl, nextIp())).status).not.toBe(429);
    });
  });

  describe('in Redis (REDIS_URL): two instances share the counters', () => {
    let app: TestApp;
    let second: SecondProcess;
    let redis: Redis;
    let person: Person;
    /** The base URL of the first instance, and of the second (its http's). */
    let urls: [string, string];

    beforeAll(async () => {
      redis = new Redis(REDIS_URL);
      await deleteRunKeys(redis);
      app = await startApp({ env: { REDIS_URL } });
      person = await fixtures(app).person({ role: 'member' });
      second = await startSecondProcess(app.env);
      urls = [app.baseUrl, second.baseUrl];
    });
    afterAll(async () => {
      await second?.stop();
      await app?.stop();
      if (redis) {
        await deleteRunKeys(redis);
        redis.disconnect();
      }
    });

    it('refuses a sign-in split across both instances at exactly the limit', async () => {
      const ip = nextIp();
      const answers = await allowed(LIMIT, (index) =>
        signIn(urls[index % 2], ip, person.email, index === LIMIT - 1 ? person.password : 'wrong-password')
      );
      expect(answers.map((answer) => answer.status)).toEqual([...Array(LIMIT - 1).fill(400), 200]);
      expectRefused(await signIn(urls[0], ip, person.email, person.password));
      expectRefused(await signIn(urls[1], ip, person.email, person.password));

      const key = `${KEY_PREFIX}/api/auth/local|${ip}|-`;
      expect(await redis.get(key)).toBe(String(LIMIT + 2));
      const ttl = await redis.pttl(key);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(60_000);

      expect((await signIn(urls[1], nextIp(), person.email, person.password)).status).toBe(200);
    });

    it('shares GraphQL logins on one instance with REST sign-ins on the other', async () => {
      const ip = nextIp();
      await allowed(LIMIT / 2, () => signIn(urls[0], ip, person.email, 'wrong-password'));
      await allowed(LIMIT / 2, () => graphqlLogin(urls[1], ip, person.email, person.password));
      expect((await graphqlLogin(urls[1], ip, person.email, person.password)).body.errors?.[0]?.message).toBe(
        'Too many requests, please try again later.'
      );
      expectRefused(await signIn(urls[0], ip, person.email, person.password));
    });

    it('shares forgot-password (per email) and invitation accept across instances', async () => {
      const ip = nextIp();
      const email = `someone-${crypto.randomBytes(3).toString('hex')}@people.test`;
      await allowed(LIMIT, (index) => forgot(urls[index % 2], ip, email));
      expectRefused(await forgot(urls[0], ip, email));
      expectRefused(await forgot(urls[1], ip, email));
      expect((await forgot(urls[1], ip, `other-${email}`)).status).toBe(200);
      expect((await forgot(urls[0], nextIp(), email)).status).toBe(200);

      const acceptIp = nextIp();
      await allowed(LIMIT, (index) => accept(urls[index % 2], acceptIp));
      expectRefused(await accept(urls[1], acceptIp));
      expectRefused(await accept(urls[0], acceptIp));
      expect((await accept(urls[1], nextIp())).status).not.toBe(429);

      const resetIp = nextIp();
      const reset = { code: 'x'.repeat(43), password: 'a-new-password', passwordConfirmation: 'a-new-password' };
      await allowed(LIMIT, (index) => post(urls[index % 2], '/api/auth/reset-password', reset, resetIp));
      expectRefused(await post(urls[1], '/api/auth/reset-password', reset, resetIp));
    });
  });

  describe('Redis unreachable: sign-in stays available (fail open) and is limited in memory', () => {
    it('REDIS_URL on a closed port: signs in, refuses at the limit, warns once', async () => {
      const app = await startApp({ env: { REDIS_URL: `redis://127.0.0.1:${await closedPort()}` } });
      try {
        const person = await fixtures(app).person({ role: 'member' });
        const warn = jest.spyOn(app.strapi.log, 'warn');
        const ip = nextIp();
        const first = await signIn(app.baseUrl, ip, person.email, person.password);
        expect(first.status).toBe(200);
        expect(first.body.jwt).toEqual(expect.any(String));
        await allowed(LIMIT - 1, () => signIn(app.baseUrl, ip, person.email, person.password));
        expectRefused(await signIn(app.baseUrl, ip, person.email, person.password));
        expect((await signIn(app.baseUrl, nextIp(), person.email, person.password)).status).toBe(200);

        const warnings = warn.mock.calls.map(([message]) => String(message)).filter((m) => m.includes('rate limits'));
        expect(warnings).toHaveLength(1);
        expect(warnings[0]).toContain('is unreachable');
        expect(warnings[0]).toContain("counting in this process's memory");
      } finally {
        await app.stop();
      }
    });

    it('Redis that stops mid-run: memory meanwhile, Redis again once it is back', async () => {
      const port = await closedPort();
      const server = await startRedisServer(port);
      let restarted: ChildProcess | undefined;
      const app = await startApp({ env: { REDIS_URL: `redis://127.0.0.1:${port}` } });
      const redis = new Redis(`redis://127.0.0.1:${port}`, { lazyConnect: true, maxRetriesPerRequest: 0 });
      try {
        const person = await fixtures(app).person({ role: 'member' });
        const warn = jest.spyOn(app.strapi.log, 'warn');
        const info = jest.spyOn(app.strapi.log, 'info');
        const ip = nextIp();
        const key = `${KEY_PREFIX}/api/auth/local|${ip}|-`;
        await allowed(3, () => signIn(app.baseUrl, ip, person.email, 'wrong-password'));
        await redis.connect();
        expect(await redis.get(key)).toBe('3');
        redis.disconnect();

        await stopProcess(server);
        // Down: answered at once from memory, whose count starts again at zero.
        const started = Date.now();
        const during = await allowed(LIMIT, () => signIn(app.baseUrl, ip, person.email, person.password));
        expect(during.map((answer) => answer.status)).toEqual(Array(LIMIT).fill(200));
        expectRefused(await signIn(app.baseUrl, ip, person.email, person.password));
        expect(Date.now() - started).toBeLessThan(15_000);
        expect(warn.mock.calls.filter(([message]) => String(message).includes('rate limits'))).toHaveLength(1);

        // Back (empty, as it keeps nothing on disk): counting there again.
        restarted = await startRedisServer(port);
        await redis.connect();
        const fresh = nextIp();
        let counted = false;
        for (let attempt = 0; attempt < 40 && !counted; attempt += 1) {
          await sleep(500);
          await signIn(app.baseUrl, fresh, person.email, 'wrong-password');
          counted = (await redis.get(`${KEY_PREFIX}/api/auth/local|${fresh}|-`)) !== null;
        }
        expect(counted).toBe(true);
        expect(info.mock.calls.some(([message]) => String(message).includes('answers again'))).toBe(true);
      } finally {
        redis.disconnect();
        await app.stop();
        await stopProcess(server);
        if (restarted) await stopProcess(restarted);
      }
    });
  });
});

/** A throwaway redis-server (Debian's) on `port`, keeping nothing on disk. */
async function startRedisServer(port: number): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    }
  );
  const probe = new Redis(`redis://127.0.0.1:${port}`, { lazyConnect: true, maxRetriesPerRequest: 0 });
  probe.on('error', () => undefined);
  try {
    for (let attempt = 0; attempt < 50; attempt += 1) {
      try {
        await probe.connect();
        if ((await probe.ping()) === 'PONG') return child;
      } catch {
        probe.disconnect();
        await sleep(100);
      }
    }
    throw new Error(`redis-server did not start on ${port}`);
  } finally {
    probe.disconnect();
  }
}

function stopProcess(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}
