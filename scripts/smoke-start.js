#!/usr/bin/env node
/**
 * Smoke test of the README's production command, run by `.ci/run` after `npm run build`
 * and by hand the same way:
 *
 *   node scripts/smoke-start.js [postgres admin URL]
 *
 * The admin URL (default: $SMOKE_POSTGRES_URL, $CI_POSTGRES_URL, then
 * postgres://postgres@127.0.0.1:5432/test) must be allowed to create databases.
 *
 * 1. `NODE_ENV=production npm start` with a placeholder secret, then with a missing one:
 *    both must refuse to start, naming the variable.
 * 2. `NODE_ENV=production npm start` with freshly generated secrets, on a PostgreSQL
 *    database created for this run, a free port and a first Owner: waits for
 *    `GET /_health`, signs in as the Owner (`POST /api/auth/local`), checks
 *    `GET /api/client-portal/me` says Owner, then stops it with SIGTERM and waits.
 *
 * The app is configured from the environment alone, as in a container: `ENV_PATH`
 * points away from a developer's `.env`, so its values never leak into the run.
 * Any failure exits non-zero and prints the app's output; the database is dropped
 * in every case.
 */
'use strict';

const crypto = require('crypto');
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');
const { spawn } = require('child_process');
const { Client } = require('pg');

const root = path.resolve(__dirname, '..');
const ADMIN_URL =
  process.argv[2] ||
  process.env.SMOKE_POSTGRES_URL ||
  process.env.CI_POSTGRES_URL ||
  'postgres://postgres@127.0.0.1:5432/test';
const BOOT_TIMEOUT_MS = Number(process.env.SMOKE_BOOT_TIMEOUT_MS || 180_000);
const REFUSAL_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 30_000;

const log = (message) => console.log(`[smoke] ${message}`);

class SmokeFailure extends Error {}
const fail = (message) => {
  throw new SmokeFailure(message);
};

/** The app's own secret check (src/env/secrets.ts, compiled): which variables, and the refusal it gives. */
const secretCheck = () => {
  const compiled = path.join(root, 'dist', 'src', 'env', 'secrets.js');
  if (!fs.existsSync(compiled) || !fs.existsSync(path.join(root, 'dist', 'build', 'index.html'))) {
    fail('no build found under dist/: run `npm run build` first');
  }
  return require(compiled);
};

const random = () => crypto.randomBytes(32).toString('base64');
const freshSecrets = (names) =>
  Object.fromEntries(
    names.map((name) => [name, name === 'APP_KEYS' ? [random(), random(), random(), random()].join(',') : random()])
  );

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

const withPostgres = async (work) => {
  const client = new Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
};

/** Environment of a production start: this process's, minus database settings and anything from `.env`. */
const baseEnvironment = () => {
  const env = { ...process.env };
  for (const name of Object.keys(env)) {
    if (name.startsWith('DATABASE_') || name.startsWith('PORTAL_')) delete env[name];
  }
  return {
    ...env,
    NODE_ENV: 'production',
    // Strapi loads `.env` from ENV_PATH (default ./.env); a path that does not exist loads nothing.
    ENV_PATH: path.join(os.tmpdir(), `agency-portal-smoke-no-dotenv-${process.pid}`),
  };
};

/** `npm start` in its own process group, its output kept for the report. */
const startApp = (env) => {
  const child = spawn('npm', ['start'], { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = [];
  const keep = (chunk) => output.push(chunk.toString());
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  let running = true;
  exited.then(() => {
    running = false;
  });
  return {
    child,
    exited,
    isRunning: () => running,
    output: () => output.join(''),
    /** Signals the whole group: npm, the shell and Strapi's node process. */
    signal: (name) => {
      try {
        process.kill(-child.pid, name);
      } catch (error) {
        if (error.code !== 'ESRCH') throw error;
      }
    },
    groupAlive: () => {
      try {
        process.kill(-child.pid, 0);
        return true;
      } catch {
        return false;
      }
    },
  };
};

const within = (promise, ms) =>
  Promise.race([promise, new Promise((resolve) => setTimeout(() => resolve('timeout'), ms).unref())]);

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

let current = null; // the app being run, stopped on any failure or interruption
let database = null; // the database created for the run, dropped in every case

const tail = (text, lines = 80) => text.trimEnd().split('\n').slice(-lines).join('\n');

/** A production start that must refuse with the app's own message naming `variable`. */
const expectRefusal = async (label, env, variable, expected) => {
  log(`NODE_ENV=production npm start with ${label}: expecting a refusal naming ${variable}`);
  current = startApp(env);
  const result = await within(current.exited, REFUSAL_TIMEOUT_MS);
  const output = current.output();
  if (result === 'timeout')
    fail(`npm start with ${label} did not stop within ${REFUSAL_TIMEOUT_MS} ms:\n${tail(output)}`);
  if (result.code === 0) fail(`npm start with ${label} exited 0 instead of refusing:\n${tail(output)}`);
  if (!output.includes(expected)) fail(`npm start with ${label} failed without naming ${variable}:\n${tail(output)}`);
  current = null;
  log(`refused (exit ${result.code}): ${expected}`);
};

const request = async (base, method, urlPath, { body, jwt } = {}) => {
  const response = await fetch(`${base}${urlPath}`, {
    method,
    headers: {
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...(jwt ? { authorization: `Bearer ${jwt}` } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(15_000),
  });
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: reported as text below
  }
  return { status: response.status, json, text };
};

const waitForHealth = async (base) => {
  const deadline = Date.now() + BOOT_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (!current.isRunning()) fail(`npm start exited before answering /_health:\n${tail(current.output())}`);
    try {
      const response = await fetch(`${base}/_health`, { signal: AbortSignal.timeout(5_000) });
      if (response.status === 204 || response.status === 200) return response.status;
    } catch {
      // not listening yet
    }
    await sleep(500);
  }
  return fail(`GET /_health did not answer 204/200 within ${BOOT_TIMEOUT_MS} ms:\n${tail(current.output())}`);
};

const stopApp = async () => {
  log('stopping it with SIGTERM');
  current.signal('SIGTERM');
  const result = await within(current.exited, STOP_TIMEOUT_MS);
  if (result === 'timeout') fail(`npm start did not stop within ${STOP_TIMEOUT_MS} ms of SIGTERM`);
  // npm may exit before Strapi has closed its database pool: wait for the whole group.
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  while (current.groupAlive()) {
    if (Date.now() > deadline) fail(`a process of npm start was still running ${STOP_TIMEOUT_MS} ms after SIGTERM`);
    await sleep(200);
  }
  log(`stopped (npm exit ${result.code ?? result.signal}); no process of the run left`);
  current = null;
};

const cleanUp = async () => {
  if (current) {
    current.signal('SIGKILL');
    await within(current.exited, 10_000);
    current = null;
  }
  if (database) {
    const name = database;
    database = null;
    await withPostgres((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    log(`dropped database ${name}`);
  }
};

const main = async () => {
  const { SECRET_VARIABLES, InsecureSecretError } = secretCheck();
  const refusal = (variable) => new InsecureSecretError(variable).message;
  const secrets = freshSecrets(SECRET_VARIABLES);
  const base = baseEnvironment();

  const placeholder = { ...base, ...secrets, JWT_SECRET: 'change-me' };
  await expectRefusal('JWT_SECRET=change-me', placeholder, 'JWT_SECRET', refusal('JWT_SECRET'));
  const missing = { ...base, ...secrets };
  delete missing.ENCRYPTION_KEY;
  await expectRefusal('ENCRYPTION_KEY unset', missing, 'ENCRYPTION_KEY', refusal('ENCRYPTION_KEY'));

  database = `ap_smoke_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  log(`creating database ${database} on ${new URL(ADMIN_URL).host}`);
  await withPostgres((client) => client.query(`CREATE DATABASE "${database}"`));
  try {
    const databaseUrl = new URL(ADMIN_URL);
    databaseUrl.pathname = `/${database}`;
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const owner = { email: 'smoke-owner@example.test', password: crypto.randomBytes(18).toString('base64url') };

    log(`NODE_ENV=production npm start on ${url} (PostgreSQL, fresh secrets, first Owner ${owner.email})`);
    const started = Date.now();
    current = startApp({
      ...base,
      ...secrets,
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_URL: url,
      DATABASE_CLIENT: 'postgres',
      DATABASE_URL: databaseUrl.toString(),
      PORTAL_OWNER_EMAIL: owner.email,
      PORTAL_OWNER_PASSWORD: owner.password,
    });
    const health = await waitForHealth(url);
    log(`GET /_health → ${health} after ${Math.round((Date.now() - started) / 1000)} s`);

    const signIn = await request(url, 'POST', '/api/auth/local', {
      body: { identifier: owner.email, password: owner.password },
    });
    if (signIn.status !== 200 || typeof signIn.json?.jwt !== 'string') {
      fail(`POST /api/auth/local as the Owner → ${signIn.status}: ${signIn.text.slice(0, 500)}`);
    }
    log('POST /api/auth/local as the Owner → 200 with a jwt');

    const me = await request(url, 'GET', '/api/client-portal/me', { jwt: signIn.json.jwt });
    if (me.status !== 200 || me.json?.data?.role !== 'owner' || me.json?.data?.email !== owner.email) {
      fail(`GET /api/client-portal/me → ${me.status}: ${me.text.slice(0, 500)}`);
    }
    log(`GET /api/client-portal/me → 200, role ${me.json.data.role}`);

    await stopApp();
  } finally {
    await cleanUp();
  }
  log('npm start passed: refuses unsafe secrets, starts on PostgreSQL, serves the Owner, stops on SIGTERM');
};

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    console.error(`[smoke] interrupted by ${signal}`);
    cleanUp().finally(() => process.exit(1));
  });
}

main().catch(async (error) => {
  console.error(`[smoke] FAILED: ${error instanceof SmokeFailure ? error.message : (error.stack ?? error)}`);
  process.exitCode = 1;
  await cleanUp().catch((cleanupError) => console.error(`[smoke] clean-up failed: ${cleanupError.message}`));
});
