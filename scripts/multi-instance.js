#!/usr/bin/env node
/**
 * `npm run multi`: two instances of the compiled app behind a (simulated) load balancer,
 * under a mixed client and staff load, with everything docs/operations.md says they share being
 * real: one PostgreSQL database, an S3-compatible server (s3rver), Redis and an SMTP server.
 *
 *   npm run multi                              60 s of load, 8 workers
 *   npm run multi -- --duration 20 --workers 4 --out /tmp/multi.md
 *
 * 1. Drops and recreates the PostgreSQL database `ap_multi` (through
 *    MULTI_DATABASE_ADMIN_URL, default postgres://postgres@127.0.0.1:5432/test), starts
 *    s3rver on a random loopback port over a temp directory (with the bucket), flushes
 *    Redis database MULTI_REDIS_DB (default 13) of 127.0.0.1:6379 (starting redis-server if
 *    nothing answers there), and starts an SMTP sink that keeps every message it receives.
 * 2. Boots instance A with `strapi start` from dist/ (NODE_ENV=production, no .env: the
 *    environment alone), waits for GET /api/client-portal/ready = 200, then instance B on
 *    another port with the same secrets and settings. Seeds a small world: people by SQL
 *    (as bench-seed.js does; they share the Owner's password hash), a client company, a
 *    project, its budget (shared with the client) and tasks through the API as the Owner;
 *    signs each person in once (sign-in is limited to 10 per minute per address).
 * 3. Loads both instances round-robin for --duration seconds with --workers concurrent
 *    workers: client reads (task list with populate, project populate=*, activity feed),
 *    staff reads (reports, timesheet), writes (tasks, client comments, time entries, now and
 *    then a document upload) and, every few seconds, an invitation. Each write carries a
 *    unique marker and is recorded with the documentId the app acknowledged.
 * 4. Verifies that no request got a 5xx or no answer, every acknowledged write is in the
 *    database (by marker, with pg), every upload is an object in the bucket (none in the
 *    local files directory) and downloads through the other instance with the same bytes,
 *    every mail of the outbox (every invitation in particular) reached the SMTP server
 *    exactly once, and no client task list showed a hidden task. Prints progress every 10 s
 *    and a report (status counts, p50/p99 per kind, the checks), also to --out as Markdown.
 *    Exits 1 on any failure.
 *
 * Everything it started (the two instances, s3rver, the SMTP server, temp directories) is
 * stopped and removed on exit, also on Ctrl-C; the database is kept for inspection until
 * the next run drops it. The app must be compiled first (`npm run build`).
 */
'use strict';

const crypto = require('crypto');
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');
const { execFileSync, spawn } = require('child_process');
const { parseArgs } = require('util');
const { Client } = require('pg');

const ROOT = path.resolve(__dirname, '..');
const DIST = path.join(ROOT, 'dist');
const HOST = '127.0.0.1';
const ADMIN_URL = process.env.MULTI_DATABASE_ADMIN_URL || `postgres://postgres@${HOST}:5432/test`;
const DATABASE_NAME = 'ap_multi';
const REDIS_PORT = 6379;
/** A Redis database of its own, flushed at the start of every run. */
const REDIS_DB = Number(process.env.MULTI_REDIS_DB || 13);
const BUCKET = 'multi-documents';
/** s3rver's built-in account. */
const S3_KEY = 'S3RVER';
const OWNER_EMAIL = 'owner@multi.test';
const AGENCY_NAME = 'Multi Agency';

const BOOT_TIMEOUT_MS = 120_000;
const REQUEST_TIMEOUT_MS = 30_000;
const PROGRESS_EVERY_MS = 10_000;
/** One invitation per this many milliseconds of load. */
const INVITE_EVERY_MS = 3_000;
/** How long the outbox may take to deliver the last mails once the load stops. */
const MAIL_DRAIN_MS = 90_000;
const STOP_TIMEOUT_MS = 20_000;

const started = Date.now();
const log = (message) => console.log(`[multi ${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s] ${message}`);

class Failure extends Error {}
const fail = (message) => {
  throw new Failure(message);
};

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const random = () => crypto.randomBytes(24).toString('base64');
const sha256 = (buffer) => crypto.createHash('sha256').update(buffer).digest('hex');
const today = () => new Date().toISOString().slice(0, 10);

const parseOptions = () => {
  if (!Number.isInteger(REDIS_DB) || REDIS_DB < 0 || REDIS_DB > 15) {
    fail(`MULTI_REDIS_DB must be a Redis database number from 0 to 15 (got "${process.env.MULTI_REDIS_DB}")`);
  }
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        duration: { type: 'string', default: '60' },
        workers: { type: 'string', default: '8' },
        out: { type: 'string' },
      },
    }));
  } catch (error) {
    fail(`${error.message}; usage: npm run multi -- [--duration S] [--workers N] [--out FILE]`);
  }
  const number = (name, min, max) => {
    const value = Number(values[name]);
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new Failure(`--${name} must be a whole number from ${min} to ${max} (got "${values[name]}")`);
    }
    return value;
  };
  return {
    duration: number('duration', 5, 600),
    workers: number('workers', 1, 64),
    out: values.out ? path.resolve(values.out) : null,
  };
};

// ---------------------------------------------------------------------------------------------
// What the run started, stopped in every case (also on Ctrl-C).

const resources = { instances: [], smtp: null, s3: null, redis: null, pg: null, tempDir: null };

const groupAlive = (pid) => {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
};

const signalGroup = (pid, signal) => {
  try {
    process.kill(-pid, signal);
  } catch (error) {
    if (error.code !== 'ESRCH') throw error;
  }
};

/** SIGTERM (the instance drains and stops), SIGKILL to its whole process group if it overruns. */
const stopInstance = async (instance) => {
  if (groupAlive(instance.pid)) {
    signalGroup(instance.pid, 'SIGTERM');
    const deadline = Date.now() + STOP_TIMEOUT_MS;
    while (groupAlive(instance.pid) && Date.now() < deadline) await sleep(100);
    if (groupAlive(instance.pid)) {
      log(`instance ${instance.name} did not stop within ${STOP_TIMEOUT_MS / 1000} s of SIGTERM: killing it`);
      signalGroup(instance.pid, 'SIGKILL');
      while (groupAlive(instance.pid)) await sleep(100);
    }
  }
};

let cleaning = null;
const cleanUp = () => {
  cleaning ??= (async () => {
    const steps = [
      ...resources.instances.map((instance) => () => stopInstance(instance)),
      () => resources.smtp?.stop(),
      () => resources.s3?.stop(),
      () => resources.redis?.quit(),
      () => resources.pg?.end(),
      () => resources.tempDir && fs.rmSync(resources.tempDir, { recursive: true, force: true }),
    ];
    for (const step of steps) {
      try {
        await step();
      } catch (error) {
        console.error(`[multi] clean-up step failed: ${error.message}`);
      }
    }
  })();
  return cleaning;
};

// ---------------------------------------------------------------------------------------------
// The services the instances share.

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, HOST, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

/** Drops and recreates the run's database; returns a pg client connected to it. */
const recreateDatabase = async () => {
  if (!/^[a-z0-9_]*multi[a-z0-9_]*$/.test(DATABASE_NAME)) fail(`refusing to drop "${DATABASE_NAME}"`);
  const admin = new Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 10_000 });
  try {
    await admin.connect();
  } catch (error) {
    fail(
      `PostgreSQL at ${new URL(ADMIN_URL).host} does not answer (${error.message}): start it, or set MULTI_DATABASE_ADMIN_URL`
    );
  }
  let version;
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${DATABASE_NAME}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${DATABASE_NAME}"`);
    version = (await admin.query('SHOW server_version')).rows[0].server_version.split(' ')[0];
  } finally {
    await admin.end();
  }
  const url = new URL(ADMIN_URL);
  url.pathname = `/${DATABASE_NAME}`;
  return { url: url.toString(), version };
};

/**
 * s3rver on a random loopback port over a temp directory, with the bucket. s3rver serves
 * unsigned requests, so the bucket is listed with a plain GET (ListObjectsV2).
 */
const startS3 = async (directory) => {
  const S3rver = require('s3rver');
  const server = new S3rver({
    address: HOST,
    port: 0,
    directory,
    silent: true,
    configureBuckets: [{ name: BUCKET }],
  });
  const { port } = await server.run();
  const endpoint = `http://${HOST}:${port}`;
  return {
    endpoint,
    /** Every key in the bucket. */
    async keys() {
      const keys = [];
      let token = '';
      do {
        const query = `list-type=2${token ? `&continuation-token=${encodeURIComponent(token)}` : ''}`;
        const response = await fetch(`${endpoint}/${BUCKET}?${query}`, { signal: AbortSignal.timeout(10_000) });
        const xml = await response.text();
        if (response.status !== 200) fail(`listing the bucket: ${response.status} ${xml.slice(0, 200)}`);
        keys.push(...[...xml.matchAll(/<Key>([^<]*)<\/Key>/g)].map((match) => match[1]));
        token = /<IsTruncated>true<\/IsTruncated>/.test(xml)
          ? (/<NextContinuationToken>([^<]*)<\/NextContinuationToken>/.exec(xml)?.[1] ?? '')
          : '';
      } while (token);
      return keys;
    },
    stop: () => server.close(),
  };
};

/** Redis at 127.0.0.1:6379 (started if nothing answers), its database REDIS_DB flushed. */
const prepareRedis = async () => {
  const Redis = require('ioredis');
  const connect = async () => {
    const redis = new Redis({
      host: HOST,
      port: REDIS_PORT,
      db: REDIS_DB,
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
      connectTimeout: 3_000,
    });
    redis.on('error', () => undefined); // reported by connect() below
    try {
      await redis.connect();
      await redis.ping();
      return redis;
    } catch {
      redis.disconnect();
      return null;
    }
  };
  let redis = await connect();
  if (!redis) {
    log(`no Redis on ${HOST}:${REDIS_PORT}: starting redis-server --port ${REDIS_PORT} --save '' --daemonize yes`);
    try {
      execFileSync('redis-server', ['--port', String(REDIS_PORT), '--save', '', '--daemonize', 'yes'], {
        stdio: 'ignore',
      });
    } catch (error) {
      fail(`Redis is not running on ${HOST}:${REDIS_PORT} and redis-server could not be started (${error.message})`);
    }
    for (let attempt = 0; attempt < 20 && !redis; attempt += 1) {
      await sleep(250);
      redis = await connect();
    }
    if (!redis) fail(`redis-server was started but ${HOST}:${REDIS_PORT} does not answer`);
    log('redis-server started (left running after the run, like any shared Redis)');
  }
  await redis.flushdb();
  return redis;
};

/**
 * Which of `instances` holds the loopback TCP connection from `clientPort` to `serverPort`:
 * the socket's inode from /proc/net/tcp*, then the process whose descriptors include it.
 * Linux only; "unknown" elsewhere or when the connection is already gone.
 */
const connectionOwner = (clientPort, serverPort, instances) => {
  try {
    let inode = null;
    for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
      if (!fs.existsSync(table)) continue;
      for (const line of fs.readFileSync(table, 'utf8').split('\n').slice(1)) {
        const columns = line.trim().split(/\s+/);
        if (columns.length < 10) continue;
        const port = (address) => parseInt(address.split(':').pop(), 16);
        if (port(columns[1]) === clientPort && port(columns[2]) === serverPort) inode = columns[9];
      }
    }
    if (!inode) return 'unknown';
    for (const instance of instances) {
      const fds = `/proc/${instance.pid}/fd`;
      for (const fd of fs.readdirSync(fds)) {
        try {
          if (fs.readlinkSync(path.join(fds, fd)) === `socket:[${inode}]`) return instance.name;
        } catch {
          // closed meanwhile
        }
      }
    }
  } catch {
    // no /proc
  }
  return 'unknown';
};

/**
 * A real SMTP server on loopback that keeps, for every message, its recipients, subject and
 * the instance that sent it.
 */
const startSmtp = async (instances) => {
  let port = 0;
  const { SMTPServer } = require('smtp-server');
  const { simpleParser } = require('mailparser');
  const messages = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      // While the sender's connection is open: which instance holds it.
      session.sender ??= connectionOwner(session.remotePort, port, instances);
      const rcpts = session.envelope.rcptTo.map((rcpt) => rcpt.address.toLowerCase());
      simpleParser(stream)
        .then((mail) => {
          messages.push({ rcpts, subject: mail.subject ?? '', sender: session.sender ?? 'unknown', at: Date.now() });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, HOST, resolve);
  });
  port = server.server.address().port;
  return {
    port,
    messages,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
};

// ---------------------------------------------------------------------------------------------
// The instances.

const strapiBin = () => {
  const bin = path.join(path.dirname(require.resolve('@strapi/strapi/package.json')), 'bin', 'strapi.js');
  if (!fs.existsSync(bin)) fail(`Strapi's CLI is missing (${bin}): are the dependencies installed?`);
  return bin;
};

/** The environment every instance gets: this process's, without any app setting, plus the shared ones. */
const sharedEnvironment = ({ databaseUrl, s3, smtp, ownerPassword, filesDir, tempDir }) => {
  const env = { ...process.env };
  for (const name of Object.keys(env)) {
    if (/^(DATABASE_|PORTAL_|SMTP_|MAIL_|REDIS_|JWT_|STRAPI_)/.test(name)) delete env[name];
  }
  return {
    ...env,
    NODE_ENV: 'production',
    // Strapi loads `.env` from ENV_PATH: a path that does not exist loads nothing (as in a container).
    ENV_PATH: path.join(tempDir, 'no-dotenv'),
    HOST,
    PUBLIC_URL: 'http://portal.multi.test',
    APP_KEYS: [random(), random()].join(','),
    API_TOKEN_SALT: random(),
    ADMIN_JWT_SECRET: random(),
    TRANSFER_TOKEN_SALT: random(),
    JWT_SECRET: random(),
    ENCRYPTION_KEY: random(),
    DATABASE_CLIENT: 'postgres',
    DATABASE_URL: databaseUrl,
    PORTAL_OWNER_EMAIL: OWNER_EMAIL,
    PORTAL_OWNER_PASSWORD: ownerPassword,
    PORTAL_AGENCY_NAME: AGENCY_NAME,
    PORTAL_CURRENCY: 'EUR',
    // Documents go to the bucket: this directory must stay empty.
    PORTAL_FILES_DIR: filesDir,
    PORTAL_S3_BUCKET: BUCKET,
    PORTAL_S3_ENDPOINT: s3.endpoint,
    PORTAL_S3_REGION: 'us-east-1',
    PORTAL_S3_ACCESS_KEY_ID: S3_KEY,
    PORTAL_S3_SECRET_ACCESS_KEY: S3_KEY,
    REDIS_URL: `redis://${HOST}:${REDIS_PORT}/${REDIS_DB}`,
    SMTP_HOST: HOST,
    SMTP_PORT: String(smtp.port),
    SMTP_SECURE: 'false',
    MAIL_FROM: 'portal@multi.test',
    PORTAL_MAIL_RETRY_SECONDS: '1',
    PORTAL_SHUTDOWN_SECONDS: '5',
    STRAPI_TELEMETRY_DISABLED: 'true',
  };
};

const tail = (file, lines = 40) => {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no output)';
  }
};

/** `strapi start` in its own process group, its output in a log file; resolves once it is ready. */
const startInstance = async (name, env, tempDir) => {
  const port = await freePort();
  const logFile = path.join(tempDir, `instance-${name}.log`);
  const out = fs.openSync(logFile, 'a');
  const child = spawn(process.execPath, [strapiBin(), 'start'], {
    cwd: ROOT,
    env: { ...env, PORT: String(port) },
    detached: true,
    stdio: ['ignore', out, out],
  });
  fs.closeSync(out);
  const instance = { name, pid: child.pid, port, baseUrl: `http://${HOST}:${port}`, logFile, exit: null };
  child.once('exit', (code, signal) => {
    instance.exit = { code, signal };
  });
  resources.instances.push(instance);

  const bootStarted = Date.now();
  for (;;) {
    if (instance.exit) {
      fail(`instance ${name} exited (${instance.exit.code ?? instance.exit.signal}) while booting:\n${tail(logFile)}`);
    }
    if (Date.now() - bootStarted > BOOT_TIMEOUT_MS) {
      fail(`instance ${name} was not ready within ${BOOT_TIMEOUT_MS / 1000} s:\n${tail(logFile)}`);
    }
    try {
      const response = await fetch(`${instance.baseUrl}/api/client-portal/ready`, {
        signal: AbortSignal.timeout(5_000),
      });
      if (response.status === 200) break;
      await response.arrayBuffer();
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  instance.bootMs = Date.now() - bootStarted;
  return instance;
};

// ---------------------------------------------------------------------------------------------
// HTTP as a client of the balancer.

const parseJson = (buffer) => {
  try {
    return buffer.length > 0 ? JSON.parse(buffer.toString('utf8')) : null;
  } catch {
    return null;
  }
};

/** One request; never throws: `status` 0 and `error` when no answer came. */
const request = async (instance, method, urlPath, { jwt, json, form } = {}) => {
  const headers = {};
  if (jwt) headers.authorization = `Bearer ${jwt}`;
  let body;
  if (json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(json);
  } else if (form) {
    body = form;
  }
  const begin = performance.now();
  try {
    const response = await fetch(`${instance.baseUrl}${urlPath}`, {
      method,
      headers,
      body,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const buffer = Buffer.from(await response.arrayBuffer());
    return { status: response.status, buffer, json: parseJson(buffer), ms: performance.now() - begin };
  } catch (error) {
    const cause = error.cause?.code ?? error.cause?.message ?? '';
    return {
      status: 0,
      error: `${error.name}: ${error.message}${cause ? ` (${cause})` : ''}`,
      ms: performance.now() - begin,
    };
  }
};

/** A request of the setup: must answer `expected`. */
const expectStatus = async (expected, instance, method, urlPath, options) => {
  const result = await request(instance, method, urlPath, options);
  if (result.status !== expected) {
    fail(
      `${method} ${urlPath} on instance ${instance.name} → ${result.status || result.error}, expected ${expected}: ` +
        `${result.buffer?.toString('utf8').slice(0, 500) ?? ''}`
    );
  }
  return result.json;
};

// ---------------------------------------------------------------------------------------------
// The world: people by SQL (there is no API that creates a signed-up person without mail),
// the rest through the API as the Owner.

const documentId = () =>
  Array.from(crypto.randomBytes(24), (byte, index) =>
    'abcdefghijklmnopqrstuvwxyz0123456789'.charAt(byte % (index === 0 ? 26 : 36))
  ).join('');

const seedWorld = async (pg, [a, b], ownerPassword, runTag) => {
  const owner = await expectStatus(200, a, 'POST', '/api/auth/local', {
    json: { identifier: OWNER_EMAIL, password: ownerPassword },
  });
  const ownerJwt = owner.jwt;

  const company = (
    await expectStatus(201, a, 'POST', '/api/companies', {
      jwt: ownerJwt,
      json: { data: { name: `Client company ${runTag}` } },
    })
  ).data;

  // People: rows as users-permissions writes them, with the Owner's password hash (bench-seed.js does the same).
  const roles = Object.fromEntries((await pg.query('SELECT id, type FROM up_roles')).rows.map((r) => [r.type, r.id]));
  const { rows: ownerRows } = await pg.query('SELECT password FROM up_users WHERE email = $1', [OWNER_EMAIL]);
  const { rows: companyRows } = await pg.query('SELECT id FROM companies WHERE document_id = $1', [company.documentId]);
  const now = new Date();
  const insertPerson = async (key, role, flags) => {
    const email = `${key}-${runTag}@multi.test`;
    const { rows } = await pg.query(
      `INSERT INTO up_users (document_id, created_at, updated_at, published_at, username, email, provider, password,
         confirmed, blocked, first_name, last_name, language, can_manage_projects, can_manage_finances, client_manager)
       VALUES ($1, $2, $2, $2, $3, $3, 'local', $4, true, false, $5, 'Multi', 'en', $6, $7, $8)
       RETURNING id, document_id`,
      [documentId(), now, email, ownerRows[0].password, key, flags.projects, flags.finances, flags.clientManager]
    );
    const id = rows[0].id;
    await pg.query(
      `INSERT INTO up_users_role_lnk (user_id, role_id, user_ord)
       SELECT $1::int, $2::int, COALESCE(MAX(user_ord), 0) + 1 FROM up_users_role_lnk WHERE role_id = $2`,
      [id, roles[role]]
    );
    const companyId =
      role === 'client' ? companyRows[0].id : (await pg.query('SELECT id FROM companies WHERE is_agency')).rows[0].id;
    await pg.query(
      `INSERT INTO up_users_company_lnk (user_id, company_id, user_ord)
       SELECT $1::int, $2::int, COALESCE(MAX(user_ord), 0) + 1 FROM up_users_company_lnk WHERE company_id = $2`,
      [id, companyId]
    );
    return { key, email, id, documentId: rows[0].document_id };
  };
  const member = await insertPerson('member', 'member', { projects: true, finances: true, clientManager: false });
  const manager = await insertPerson('manager', 'client', { projects: false, finances: false, clientManager: true });
  const client = await insertPerson('client', 'client', { projects: false, finances: false, clientManager: false });

  // Each person signs in once, alternately through both instances (the JWT works on either).
  const signIn = async (person, instance) => {
    const answer = await expectStatus(200, instance, 'POST', '/api/auth/local', {
      json: { identifier: person.email, password: ownerPassword },
    });
    return { ...person, jwt: answer.jwt };
  };
  const people = {
    owner: { key: 'owner', email: OWNER_EMAIL, id: owner.user.id, documentId: owner.user.documentId, jwt: ownerJwt },
    member: await signIn(member, b),
    manager: await signIn(manager, a),
    client: await signIn(client, b),
  };

  const project = (
    await expectStatus(201, b, 'POST', '/api/projects', {
      jwt: ownerJwt,
      json: {
        data: {
          name: `Project ${runTag}`,
          company: company.documentId,
          leader: member.documentId,
          members: [people.owner.documentId, member.documentId, manager.documentId, client.documentId],
          trackingEnabled: true,
        },
      },
    })
  ).data;
  const budget = (
    await expectStatus(201, a, 'POST', '/api/budgets', {
      jwt: ownerJwt,
      json: {
        data: {
          project: project.documentId,
          name: 'Multi budget',
          kind: 'time-and-materials',
          amountCents: 50_000_000,
          currency: 'EUR',
          hourlyRateCents: 12_000,
        },
      },
    })
  ).data;
  await expectStatus(200, b, 'PUT', `/api/client-portal/budgets/${budget.documentId}/access`, {
    jwt: ownerJwt,
    json: { clientAccess: true },
  });

  const visibleTasks = [];
  const hiddenTasks = new Set();
  for (let i = 0; i < 20; i += 1) {
    const hidden = i % 5 === 4;
    const task = (
      await expectStatus(201, i % 2 === 0 ? a : b, 'POST', '/api/tasks', {
        jwt: ownerJwt,
        json: { data: { project: project.documentId, title: `Seeded task ${i + 1}`, hiddenFromClients: hidden } },
      })
    ).data;
    if (hidden) hiddenTasks.add(task.documentId);
    else visibleTasks.push(task.documentId);
  }
  return { people, company, project, budget, visibleTasks, hiddenTasks };
};

// ---------------------------------------------------------------------------------------------
// The load.

const percentile = (sorted, q) => (sorted.length === 0 ? NaN : sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]);

const newStats = () => ({ count: 0, statuses: {}, errors: 0, latencies: [] });

const createRecorder = (instances) => {
  const kinds = new Map();
  const overall = newStats();
  const byInstance = instances.map(() => newStats());
  const samples = []; // the first answers of each unexpected kind/status, for the report
  const add = (stats, result) => {
    stats.count += 1;
    stats.latencies.push(result.ms);
    if (result.status === 0) stats.errors += 1;
    else stats.statuses[result.status] = (stats.statuses[result.status] ?? 0) + 1;
  };
  return {
    kinds,
    overall,
    byInstance,
    samples,
    record(kind, instanceIndex, result, expected) {
      if (!kinds.has(kind)) kinds.set(kind, newStats());
      add(kinds.get(kind), result);
      add(overall, result);
      add(byInstance[instanceIndex], result);
      if (result.status !== expected) {
        const key = `${kind} ${result.status || 'no answer'}`;
        const seen = samples.filter((sample) => sample.key === key).length;
        if (seen < 3) {
          const detail = result.error ?? result.buffer?.toString('utf8').slice(0, 300) ?? '';
          samples.push({ key, instance: instances[instanceIndex].name, detail });
        }
      }
    },
  };
};

const statusClass = (stats, low, high) =>
  Object.entries(stats.statuses)
    .filter(([status]) => Number(status) >= low && Number(status) < high)
    .reduce((sum, [, count]) => sum + count, 0);

/**
 * The load: `options.workers` workers, each picking a weighted random operation, and one
 * inviter; every request goes to the next instance (round-robin, as a balancer).
 */
const runLoad = async ({ instances, world, options, runTag, recorder, smtp }) => {
  const { people, project, budget } = world;
  const writes = { task: [], comment: [], time: [], document: [], invitation: [] };
  const leaks = [];
  let turn = 0;
  let sequence = 0;
  const nextInstance = () => {
    const index = turn % instances.length;
    turn += 1;
    return index;
  };
  const marker = (kind) => {
    sequence += 1;
    return `${runTag}-${kind}-${sequence}`;
  };
  const pickOne = (list) => list[Math.floor(Math.random() * list.length)];
  const clientReader = () => (Math.random() < 0.5 ? people.manager : people.client);
  const staff = () => (Math.random() < 0.5 ? people.owner : people.member);

  /** Sends, records, and hands a 2xx answer to `onOk`. */
  const send = async (kind, expected, method, urlPath, options_, onOk) => {
    const index = nextInstance();
    const result = await request(instances[index], method, urlPath, options_);
    recorder.record(kind, index, result, expected);
    if (result.status >= 200 && result.status < 300 && onOk) onOk(result, index);
  };

  const acknowledged = (list, kind, result, index, mark, extra = {}) => {
    const id = result.json?.data?.documentId;
    if (!id) {
      leaks.push(`${kind}: a 2xx answer without a documentId: ${result.buffer.toString('utf8').slice(0, 200)}`);
      return;
    }
    list.push({ documentId: id, marker: mark, instance: instances[index].name, ...extra });
  };

  const operations = [
    {
      weight: 16,
      run: () => {
        const reader = clientReader();
        return send(
          'read: client task list (populate)',
          200,
          'GET',
          '/api/tasks?pagination[pageSize]=25&sort=createdAt:desc&populate[comments]=true&populate[assignees]=true',
          { jwt: reader.jwt },
          (result) => {
            for (const task of result.json?.data ?? []) {
              if (world.hiddenTasks.has(task.documentId))
                leaks.push(`${reader.key} read hidden task ${task.documentId}`);
            }
          }
        );
      },
    },
    {
      weight: 10,
      run: () =>
        send('read: client project populate=*', 200, 'GET', `/api/projects/${project.documentId}?populate=*`, {
          jwt: clientReader().jwt,
        }),
    },
    {
      weight: 10,
      run: () =>
        send(
          'read: client activity feed',
          200,
          'GET',
          `/api/activities?project=${project.documentId}&pagination[pageSize]=25`,
          { jwt: clientReader().jwt }
        ),
    },
    {
      weight: 8,
      run: () =>
        Math.random() < 0.5
          ? send('read: staff report', 200, 'GET', '/api/reports/time?groupBy=project', { jwt: staff().jwt })
          : send('read: staff report', 200, 'GET', '/api/reports/budgets', { jwt: staff().jwt }),
    },
    {
      weight: 8,
      run: () =>
        send('read: staff timesheet', 200, 'GET', `/api/timesheets?person=${people.member.id}`, { jwt: staff().jwt }),
    },
    {
      weight: 10,
      run: () => {
        const mark = marker('task');
        const hidden = Math.random() < 0.2;
        const assignee = pickOne([null, null, people.member, people.owner]);
        const data = { project: project.documentId, title: mark, hiddenFromClients: hidden };
        if (assignee) data.assignees = [assignee.documentId];
        return send(
          'write: staff creates a task',
          201,
          'POST',
          '/api/tasks',
          { jwt: staff().jwt, json: { data } },
          (r, i) => {
            acknowledged(writes.task, 'task', r, i, mark);
            const id = r.json?.data?.documentId;
            if (id && hidden) world.hiddenTasks.add(id);
            else if (id) world.visibleTasks.push(id);
          }
        );
      },
    },
    {
      weight: 10,
      run: () => {
        const mark = marker('comment');
        const data = { task: pickOne(world.visibleTasks), body: `Comment ${mark}` };
        return send(
          'write: client comments',
          201,
          'POST',
          '/api/comments',
          { jwt: clientReader().jwt, json: { data } },
          (r, i) => acknowledged(writes.comment, 'comment', r, i, data.body)
        );
      },
    },
    {
      weight: 10,
      run: () => {
        const mark = marker('time');
        const data = {
          project: project.documentId,
          budget: budget.documentId,
          date: today(),
          minutes: 15 + Math.floor(Math.random() * 226),
          billable: Math.random() < 0.8,
          note: mark,
        };
        if (Math.random() < 0.5) data.task = pickOne(world.visibleTasks.slice(0, 16));
        return send(
          'write: staff logs time',
          201,
          'POST',
          '/api/time-entries',
          { jwt: staff().jwt, json: { data } },
          (r, i) => acknowledged(writes.time, 'time', r, i, mark)
        );
      },
    },
    {
      weight: 2,
      run: () => {
        const mark = marker('document');
        const uploader = pickOne([people.member, people.owner, people.manager]);
        const content = Buffer.concat([
          Buffer.from(`%PDF-1.4\n% ${mark}\n`),
          Buffer.from(crypto.randomBytes(1024 + Math.floor(Math.random() * 32 * 1024)).toString('base64')),
          Buffer.from('\n%%EOF\n'),
        ]);
        const form = new FormData();
        form.append('project', project.documentId);
        form.append('title', mark);
        if (uploader !== people.manager) form.append('hiddenFromClients', String(Math.random() < 0.3));
        form.append('file', new Blob([content], { type: 'application/pdf' }), `${mark}.pdf`);
        return send(
          'write: document upload',
          201,
          'POST',
          '/api/documents/upload',
          { jwt: uploader.jwt, form },
          (r, i) =>
            acknowledged(writes.document, 'document', r, i, mark, {
              uploader,
              sha256: sha256(content),
              size: content.length,
              instanceIndex: i,
            })
        );
      },
    },
  ];
  const totalWeight = operations.reduce((sum, operation) => sum + operation.weight, 0);
  const pick = () => {
    let roll = Math.random() * totalWeight;
    for (const operation of operations) {
      roll -= operation.weight;
      if (roll < 0) return operation;
    }
    return operations[operations.length - 1];
  };

  const endsAt = Date.now() + options.duration * 1000;
  const worker = async () => {
    while (Date.now() < endsAt) await pick().run();
  };
  let invitations = 0;
  const inviter = async () => {
    while (Date.now() < endsAt) {
      const next = Date.now() + INVITE_EVERY_MS;
      invitations += 1;
      const email = `invitee-${invitations}-${runTag}@multi.test`;
      await send(
        'write: invitation (mail)',
        201,
        'POST',
        '/api/client-portal/invitations',
        {
          jwt: people.owner.jwt,
          json: {
            email,
            role: 'client',
            company: world.company.documentId,
            projects: [project.documentId],
            firstName: `Invitee ${invitations}`,
          },
        },
        (r, i) => writes.invitation.push({ email, id: r.json?.data?.id, instance: instances[i].name })
      );
      await sleep(Math.max(0, Math.min(next, endsAt) - Date.now()));
    }
  };

  const loadStarted = Date.now();
  let last = { at: loadStarted, count: 0 };
  const progress = setInterval(() => {
    const { overall } = recorder;
    const now = Date.now();
    const rate = ((overall.count - last.count) * 1000) / (now - last.at);
    last = { at: now, count: overall.count };
    const instanceExits = instances.filter((instance) => instance.exit).map((instance) => instance.name);
    log(
      `load ${Math.round((now - loadStarted) / 1000)} s: ${overall.count} requests (${rate.toFixed(0)}/s now), ` +
        `2xx ${statusClass(overall, 200, 300)}, 4xx ${statusClass(overall, 400, 500)}, ` +
        `5xx ${statusClass(overall, 500, 600)}, no answer ${overall.errors}; acknowledged writes ` +
        `${Object.values(writes).reduce((sum, list) => sum + list.length, 0)}; mails received ${smtp.messages.length}` +
        (instanceExits.length > 0 ? `; EXITED: ${instanceExits.join(', ')}` : '')
    );
  }, PROGRESS_EVERY_MS);
  try {
    await Promise.all([...Array.from({ length: options.workers }, worker), inviter()]);
  } finally {
    clearInterval(progress);
  }
  return { writes, leaks, loadMs: Date.now() - loadStarted };
};

// ---------------------------------------------------------------------------------------------
// Verification.

/** Every acknowledged write is stored with its marker: `{kind: {expected, found, missing, unacknowledged}}`. */
const verifyWrites = async (pg, writes, runTag) => {
  const like = `%${runTag}-%`;
  const stored = {
    task: (await pg.query('SELECT document_id, title AS marker FROM tasks WHERE title LIKE $1', [like])).rows,
    comment: (await pg.query('SELECT document_id, body AS marker FROM comments WHERE body LIKE $1', [like])).rows,
    time: (await pg.query('SELECT document_id, note AS marker FROM time_entries WHERE note LIKE $1', [like])).rows,
    document: (
      await pg.query('SELECT document_id, title AS marker FROM documents WHERE title LIKE $1 AND deleted_at IS NULL', [
        like,
      ])
    ).rows,
  };
  const results = {};
  for (const [kind, rows] of Object.entries(stored)) {
    const byId = new Map(rows.map((row) => [row.document_id, row.marker]));
    const missing = writes[kind].filter((write) => byId.get(write.documentId) !== write.marker);
    const acknowledgedIds = new Set(writes[kind].map((write) => write.documentId));
    results[kind] = {
      expected: writes[kind].length,
      found: writes[kind].length - missing.length,
      missing: missing.map((write) => `${write.documentId} (${write.marker}, via ${write.instance})`),
      // Stored but never acknowledged (the answer was lost): not a failure, reported.
      unacknowledged: new Set(rows.filter((row) => !acknowledgedIds.has(row.document_id)).map((r) => r.document_id))
        .size,
    };
  }
  const invited = new Set(
    (await pg.query('SELECT email FROM portal_invitations WHERE email LIKE $1', [`%${runTag}%`])).rows.map(
      (row) => row.email
    )
  );
  const missingInvitations = writes.invitation.filter((write) => !invited.has(write.email));
  results.invitation = {
    expected: writes.invitation.length,
    found: writes.invitation.length - missingInvitations.length,
    missing: missingInvitations.map((write) => `${write.email} (via ${write.instance})`),
    unacknowledged: [...invited].filter((email) => !writes.invitation.some((write) => write.email === email)).length,
  };
  return results;
};

/** Every upload, downloaded through the instance that did not take it, has the bytes that were sent. */
const verifyDownloads = async (instances, uploads) => {
  const failures = [];
  let checked = 0;
  const queue = [...uploads];
  const downloader = async () => {
    for (let upload = queue.shift(); upload; upload = queue.shift()) {
      const other = instances[(upload.instanceIndex + 1) % instances.length];
      const result = await request(other, 'GET', `/api/documents/${upload.documentId}/download`, {
        jwt: upload.uploader.jwt,
      });
      checked += 1;
      if (result.status !== 200) {
        failures.push(`${upload.documentId} via ${other.name}: ${result.status || result.error}`);
      } else if (sha256(result.buffer) !== upload.sha256) {
        failures.push(`${upload.documentId} via ${other.name}: ${result.buffer.length} bytes, expected ${upload.size}`);
      }
    }
  };
  await Promise.all([downloader(), downloader(), downloader(), downloader()]);
  return { checked, failures };
};

/** Every upload's file row points at an object in the bucket; nothing was written to the local directory. */
const verifyBucket = async (pg, s3, uploads, filesDir) => {
  const keys = new Set(await s3.keys());
  const { rows } = await pg.query(
    `SELECT d.document_id, f.provider_metadata FROM documents d
     JOIN files_related_mph m ON m.related_id = d.id AND m.related_type = 'api::document.document' AND m.field = 'file'
     JOIN files f ON f.id = m.file_id
     WHERE d.document_id = ANY($1)`,
    [uploads.map((upload) => upload.documentId)]
  );
  const stored = new Map(
    rows.map((row) => [
      row.document_id,
      typeof row.provider_metadata === 'string' ? JSON.parse(row.provider_metadata) : row.provider_metadata,
    ])
  );
  const problems = [];
  for (const upload of uploads) {
    const where = stored.get(upload.documentId);
    if (!where) problems.push(`${upload.documentId}: no file row`);
    else if (where.bucket !== BUCKET || !keys.has(where.key)) {
      problems.push(`${upload.documentId}: object ${where.bucket}/${where.key} is not in the bucket`);
    }
  }
  return { objects: keys.size, checked: uploads.length, problems, localFiles: fs.readdirSync(filesDir).length };
};

const addresses = (text) =>
  (
    String(text)
      .toLowerCase()
      .match(/[^\s<>,;"']+@[^\s<>,;"']+/g) ?? []
  )
    .sort()
    .join(',');

/** Waits until the outbox holds nothing pending or sending; then compares it with what the SMTP server got. */
const verifyMail = async (pg, smtp, invitations) => {
  const waitStarted = Date.now();
  let states;
  for (;;) {
    const { rows } = await pg.query('SELECT state, COUNT(*)::int AS n FROM portal_mail_outbox GROUP BY state');
    states = Object.fromEntries(rows.map((row) => [row.state, row.n]));
    if (!states.pending && !states.sending) break;
    if (Date.now() - waitStarted > MAIL_DRAIN_MS) break;
    await sleep(500);
  }
  const drainMs = Date.now() - waitStarted;
  await sleep(500); // a message the sink accepted is counted before the sender hears back; a margin all the same

  const { rows } = await pg.query(
    'SELECT id, kind, "to", subject, state, attempts, claimed_by, last_error FROM portal_mail_outbox ORDER BY id'
  );
  const key = (to, subject) => `${addresses(to)}|${subject}`;
  const received = new Map();
  for (const message of smtp.messages) {
    const k = key(message.rcpts.join(','), message.subject);
    received.set(k, (received.get(k) ?? 0) + 1);
  }
  const queued = new Map();
  for (const row of rows) {
    const k = key(row.to, row.subject);
    queued.set(k, (queued.get(k) ?? 0) + 1);
  }
  const duplicates = [];
  const missing = [];
  for (const [k, count] of received) {
    if (count > (queued.get(k) ?? 0)) duplicates.push(`${k}: received ${count}, queued ${queued.get(k) ?? 0}`);
  }
  let exact = 0; // outbox rows whose message arrived exactly as often as it was queued
  for (const [k, count] of queued) {
    if (count > (received.get(k) ?? 0)) missing.push(`${k}: queued ${count}, received ${received.get(k) ?? 0}`);
    else if (count === received.get(k)) exact += count;
  }

  const invitationProblems = [];
  for (const invitation of invitations) {
    const email = invitation.email.toLowerCase();
    const mails = smtp.messages.filter((message) => message.rcpts.includes(email)).length;
    const outboxRows = rows.filter((row) => row.kind === 'invitation' && addresses(row.to) === email);
    if (mails !== 1 || outboxRows.length !== 1) {
      invitationProblems.push(
        `${email}: ${mails} mail(s) received, ${outboxRows.length} outbox row(s) ` +
          `(${outboxRows.map((row) => `${row.state}, ${row.attempts} attempt(s)${row.last_error ? `: ${row.last_error}` : ''}`).join('; ')})`
      );
    }
  }

  const byKind = {};
  for (const row of rows) byKind[row.kind] = (byKind[row.kind] ?? 0) + 1;
  // Which instance's worker delivered each message (the outbox clears its claim once a mail is sent).
  const senders = {};
  for (const message of smtp.messages) senders[message.sender] = (senders[message.sender] ?? 0) + 1;
  const failed = rows
    .filter((row) => row.state !== 'sent')
    .map((row) => `#${row.id} ${row.kind} ${row.state}: ${row.last_error ?? ''}`);
  const retried = rows.filter((row) => row.attempts > 1).length;
  return {
    drainMs,
    queued: rows.length,
    states,
    byKind,
    senders,
    received: smtp.messages.length,
    exact,
    duplicates,
    missing,
    failed,
    retried,
    invitations: invitations.length,
    invitationProblems,
  };
};

// ---------------------------------------------------------------------------------------------
// The report.

const ms = (value) => (Number.isNaN(value) ? '–' : value >= 100 ? value.toFixed(0) : value.toFixed(1));

const statsRow = (name, stats) => {
  const sorted = [...stats.latencies].sort((x, y) => x - y);
  const statuses = Object.entries(stats.statuses)
    .sort(([x], [y]) => Number(x) - Number(y))
    .map(([status, count]) => `${status}: ${count}`)
    .join(', ');
  return `| ${name} | ${stats.count} | ${statuses || '–'} | ${statusClass(stats, 500, 600)} | ${stats.errors} | ${ms(percentile(sorted, 0.5))} | ${ms(percentile(sorted, 0.99))} |`;
};

const renderReport = (run) => {
  const { recorder, options, instances, writeResults, downloads, mail, leaks, loadMs, failures } = run;
  const { overall } = recorder;
  const lines = [
    `## Multi-instance run ${run.date.toISOString().slice(0, 16).replace('T', ' ')} UTC: ${failures.length === 0 ? 'PASSED' : 'FAILED'}`,
    '',
    `- App: ${run.build}; NODE_ENV=production, \`strapi start\` from dist/, Node ${process.version}`,
    `- Machine: ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM; the instances, PostgreSQL, ` +
      'Redis, s3rver, the SMTP server and the load generator share it ' +
      `(1-minute load average before the run: ${run.load.toFixed(2)})`,
    `- Shared: PostgreSQL ${run.postgresVersion} (\`${DATABASE_NAME}\`), Redis db ${REDIS_DB} ` +
      `(after the 4 sign-ins through A and B: ${run.redisCounts}), s3rver bucket \`${BUCKET}\`, SMTP sink`,
    `- Instances: ${instances.map((instance) => `${instance.name} :${instance.port} (ready in ${(instance.bootMs / 1000).toFixed(1)} s)`).join(', ')}`,
    `- Load: ${options.workers} workers + 1 inviter for ${(loadMs / 1000).toFixed(1)} s, round-robin over both ` +
      `instances: ${overall.count} requests (${((overall.count * 1000) / loadMs).toFixed(0)}/s), ` +
      `A ${recorder.byInstance[0].count}, B ${recorder.byInstance[1].count}`,
    '',
    '| Kind | Requests | Status counts | 5xx | No answer | p50 ms | p99 ms |',
    '| --- | ---: | --- | ---: | ---: | ---: | ---: |',
    ...[...recorder.kinds.entries()]
      .sort(([x], [y]) => x.localeCompare(y))
      .map(([name, stats]) => statsRow(name, stats)),
    ...instances.map((instance, index) => statsRow(`instance ${instance.name}`, recorder.byInstance[index])),
    statsRow('**all**', overall),
    '',
    '| Verification | Expected | Verified | Problems |',
    '| --- | ---: | ---: | --- |',
    ...Object.entries(writeResults).map(
      ([kind, result]) =>
        `| ${kind} writes stored with their marker | ${result.expected} | ${result.found} | ` +
        `${result.missing.length > 0 ? `${result.missing.length} missing` : 'none'}` +
        `${result.unacknowledged ? `; ${result.unacknowledged} stored without an acknowledgement` : ''} |`
    ),
    `| uploads downloaded through the other instance, same bytes | ${writeResults.document.expected} | ` +
      `${downloads.checked - downloads.failures.length} | ${downloads.failures.length > 0 ? `${downloads.failures.length} failed` : 'none'} |`,
    `| uploads stored as objects in the bucket (${run.bucket.objects} objects), none in the local files dir | ` +
      `${run.bucket.checked} | ${run.bucket.checked - run.bucket.problems.length} | ` +
      `${run.bucket.problems.length > 0 ? `${run.bucket.problems.length} not in the bucket` : 'none'}` +
      `${run.bucket.localFiles > 0 ? `; ${run.bucket.localFiles} local files` : ''} |`,
    `| invitation mails received exactly once | ${mail.invitations} | ${mail.invitations - mail.invitationProblems.length} | ` +
      `${mail.invitationProblems.length > 0 ? `${mail.invitationProblems.length} missing or duplicate` : 'none'} |`,
    `| all outbox mails received exactly once | ${mail.queued} | ${mail.exact} | ` +
      `${mail.duplicates.length + mail.missing.length + mail.failed.length > 0 ? `${mail.duplicates.length} duplicate, ${mail.missing.length} missing, ${mail.failed.length} not sent` : 'none'} |`,
    `| client task lists without hidden tasks | all | ${leaks.length === 0 ? 'all' : `${leaks.length} leaks`} | ${leaks.length > 0 ? 'hidden tasks shown' : 'none'} |`,
    '',
    `Mail: ${mail.queued} queued (${
      Object.entries(mail.byKind)
        .map(([kind, n]) => `${kind} ${n}`)
        .join(', ') || 'none'
    }), ` +
      `outbox drained ${(mail.drainMs / 1000).toFixed(1)} s after the load; delivered by instance ` +
      `${
        Object.entries(mail.senders)
          .map(([name, n]) => `${name} ${n}`)
          .join(', ') || 'nobody'
      }; ${mail.retried} needed a retry.`,
  ];
  if (recorder.samples.length > 0) {
    lines.push('', 'Unexpected answers (first 3 of each):', '');
    for (const sample of recorder.samples) {
      lines.push(
        `- ${sample.key} (instance ${sample.instance}): \`${sample.detail.replace(/\s+/g, ' ').replace(/`/g, "'")}\``
      );
    }
  }
  if (run.appErrors.length > 0) {
    lines.push('', 'Error lines in the instances’ logs (first 10):', '');
    for (const line of run.appErrors.slice(0, 10)) lines.push(`- ${line.replace(/`/g, "'").slice(0, 300)}`);
  }
  lines.push('', failures.length === 0 ? 'Result: **passed**.' : `Result: **failed**: ${failures.join('; ')}.`);
  return lines.join('\n');
};

const appVersion = () => {
  let commit = 'unknown commit';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
  } catch {
    // not a git checkout
  }
  const compiled = fs.statSync(path.join(DIST, 'src', 'index.js')).mtime;
  return `git ${commit}, dist/ compiled ${compiled.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
};

/** Source files changed after dist/ was compiled: the run measures the older build. */
const staleSources = () => {
  const compiled = fs.statSync(path.join(DIST, 'src', 'index.js')).mtimeMs;
  const stale = [];
  const walk = (directory) => {
    for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
      const full = path.join(directory, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'admin' && entry.name !== 'node_modules') walk(full);
      } else if (/\.(ts|js|json)$/.test(entry.name) && fs.statSync(full).mtimeMs > compiled) {
        stale.push(path.relative(ROOT, full));
      }
    }
  };
  for (const directory of ['src', 'config', 'database']) {
    if (fs.existsSync(path.join(ROOT, directory))) walk(path.join(ROOT, directory));
  }
  return stale;
};

/** Lines the instances logged at error level (a 5xx is logged there). */
const errorLines = (instances) =>
  instances.flatMap((instance) =>
    fs
      .readFileSync(instance.logFile, 'utf8')
      .split('\n')
      .filter((line) => /\berror\b/i.test(line))
      .map((line) => `${instance.name}: ${line.trim()}`)
  );

// ---------------------------------------------------------------------------------------------

const main = async () => {
  const options = parseOptions();
  // Hard stop whatever hangs: boots, seeding, the load, the outbox drain, verification.
  const watchdog = setTimeout(
    () => {
      console.error('[multi] gave up: the run took longer than its limit');
      cleanUp().finally(() => process.exit(1));
    },
    options.duration * 1000 + 6 * 60_000
  );
  watchdog.unref();
  if (!fs.existsSync(path.join(DIST, 'src', 'index.js')) || !fs.existsSync(path.join(DIST, 'build', 'index.html'))) {
    fail('dist/ is missing or incomplete: compile the app first (npm run build)');
  }
  const stale = staleSources();
  if (stale.length > 0) {
    log(
      `warning: ${stale.length} source file(s) changed after dist/ was compiled (${stale.slice(0, 3).join(', ')}…): this run uses the compiled build`
    );
  }
  const date = new Date();
  const build = appVersion();
  const load = os.loadavg()[0];
  if (load > 1) log(`warning: load average ${load.toFixed(2)} before the run: latencies will be noisy`);
  const runTag = `multi${crypto.randomBytes(4).toString('hex')}`;
  const ownerPassword = `multi-${crypto.randomBytes(12).toString('base64url')}`;

  resources.tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-multi-'));
  const filesDir = path.join(resources.tempDir, 'private-files');
  fs.mkdirSync(filesDir);
  fs.mkdirSync(path.join(resources.tempDir, 's3'));

  log(`run ${runTag}: ${options.duration} s of load, ${options.workers} workers; temp dir ${resources.tempDir}`);
  const database = await recreateDatabase();
  log(`PostgreSQL ${database.version}: fresh database ${DATABASE_NAME}`);
  resources.s3 = await startS3(path.join(resources.tempDir, 's3'));
  log(`s3rver on ${resources.s3.endpoint}, bucket ${BUCKET}`);
  resources.redis = await prepareRedis();
  log(`Redis ${HOST}:${REDIS_PORT} db ${REDIS_DB} flushed`);
  resources.smtp = await startSmtp(resources.instances);
  log(`SMTP sink on ${HOST}:${resources.smtp.port}`);

  const env = sharedEnvironment({
    databaseUrl: database.url,
    s3: resources.s3,
    smtp: resources.smtp,
    ownerPassword,
    filesDir,
    tempDir: resources.tempDir,
  });
  const a = await startInstance('A', env, resources.tempDir);
  log(`instance A (pid ${a.pid}) ready on ${a.baseUrl} after ${(a.bootMs / 1000).toFixed(1)} s (schema created)`);
  const b = await startInstance('B', env, resources.tempDir);
  log(`instance B (pid ${b.pid}) ready on ${b.baseUrl} after ${(b.bootMs / 1000).toFixed(1)} s`);
  const instances = [a, b];

  resources.pg = new Client({ connectionString: database.url, connectionTimeoutMillis: 10_000 });
  await resources.pg.connect();
  const world = await seedWorld(resources.pg, instances, ownerPassword, runTag);
  // The four sign-ins went through A and B: counted in Redis, they share one window.
  const limiterKeys = await resources.redis.keys('portal:rate-limit:*');
  const signIns = limiterKeys.length > 0 ? (await resources.redis.mget(limiterKeys)).map(Number) : [];
  const redisCounts = `${limiterKeys.length} rate-limit key(s) in Redis, counting ${signIns.join(' + ') || 0}`;
  log(
    `seeded: company, project (${world.visibleTasks.length + world.hiddenTasks.size} tasks), budget shared with the ` +
      `client; owner (A), member (B), client manager (A) and client (B) signed in: ${redisCounts}`
  );

  const recorder = createRecorder(instances);
  log(`load: ${options.duration} s, ${options.workers} workers + 1 inviter, round-robin over A and B`);
  const { writes, leaks, loadMs } = await runLoad({
    instances,
    world,
    options,
    runTag,
    recorder,
    smtp: resources.smtp,
  });
  log(`load done: ${recorder.overall.count} requests in ${(loadMs / 1000).toFixed(1)} s; verifying`);

  const writeResults = await verifyWrites(resources.pg, writes, runTag);
  const downloads = await verifyDownloads(instances, writes.document);
  log(`writes checked in the database; ${downloads.checked} uploads downloaded through the other instance`);
  const mail = await verifyMail(resources.pg, resources.smtp, writes.invitation);
  log(`outbox: ${mail.queued} mails, states ${JSON.stringify(mail.states)}; SMTP sink received ${mail.received}`);
  const bucket = await verifyBucket(resources.pg, resources.s3, writes.document, filesDir);
  const appErrors = errorLines(instances);

  const failures = [];
  const fivexx = statusClass(recorder.overall, 500, 600);
  if (fivexx > 0) failures.push(`${fivexx} answers 5xx`);
  if (recorder.overall.errors > 0) failures.push(`${recorder.overall.errors} requests without an answer`);
  for (const [kind, result] of Object.entries(writeResults)) {
    if (result.missing.length > 0) failures.push(`${result.missing.length} acknowledged ${kind} writes missing`);
  }
  if (downloads.failures.length > 0) failures.push(`${downloads.failures.length} downloads failed or differ`);
  if (mail.invitationProblems.length > 0)
    failures.push(`${mail.invitationProblems.length} invitations not mailed exactly once`);
  if (mail.duplicates.length > 0) failures.push(`${mail.duplicates.length} mails received more often than queued`);
  if (mail.missing.length > 0 || mail.failed.length > 0) {
    failures.push(`${mail.missing.length} queued mails not received, ${mail.failed.length} outbox rows not sent`);
  }
  if (leaks.length > 0) failures.push(`${leaks.length} hidden-task leaks or malformed answers`);
  if (bucket.problems.length > 0 || bucket.localFiles > 0) failures.push('uploaded files are not (only) in the bucket');
  const exited = instances.filter((instance) => instance.exit);
  if (exited.length > 0)
    failures.push(`instance(s) ${exited.map((instance) => instance.name).join(', ')} exited during the run`);

  const report = renderReport({
    date,
    build,
    load,
    options,
    instances,
    recorder,
    writeResults,
    downloads,
    mail,
    leaks,
    loadMs,
    failures,
    postgresVersion: database.version,
    redisCounts,
    bucket,
    appErrors,
  });
  console.log(`\n${report}\n`);
  const details = [
    ...Object.entries(writeResults).flatMap(([kind, result]) => result.missing.map((m) => `missing ${kind}: ${m}`)),
    ...downloads.failures.map((m) => `download: ${m}`),
    ...mail.invitationProblems.map((m) => `invitation: ${m}`),
    ...mail.duplicates.map((m) => `duplicate mail: ${m}`),
    ...mail.missing.map((m) => `missing mail: ${m}`),
    ...mail.failed.map((m) => `outbox: ${m}`),
    ...leaks.map((m) => `leak: ${m}`),
  ];
  for (const line of details.slice(0, 50)) console.log(`  ${line}`);
  if (details.length > 50) console.log(`  … and ${details.length - 50} more`);
  if (options.out) {
    fs.mkdirSync(path.dirname(options.out), { recursive: true });
    fs.writeFileSync(options.out, `${report}\n`);
    log(`report written to ${options.out}`);
  }
  if (failures.length > 0) {
    for (const instance of instances)
      console.log(`\n--- last lines of instance ${instance.name}'s log ---\n${tail(instance.logFile, 30)}`);
  }
  return failures.length === 0;
};

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    console.error(`\n[multi] interrupted by ${signal}: stopping everything it started`);
    cleanUp().finally(() => process.exit(130));
  });
}

main().then(
  async (passed) => {
    log('stopping the instances, s3rver and the SMTP server; removing temp dirs');
    await cleanUp();
    log(passed ? 'passed' : 'FAILED');
    process.exit(passed ? 0 : 1);
  },
  async (error) => {
    console.error(`[multi] FAILED: ${error instanceof Failure ? error.message : (error.stack ?? error)}`);
    await cleanUp();
    process.exit(1);
  }
);
