/**
 * Shared by the `npm run bench` scripts: where the benchmark database lives, how the
 * compiled app is booted on it, and how a helper child process is run.
 */
'use strict';

const crypto = require('crypto');
const path = require('path');
const { fork } = require('child_process');

const ROOT = path.resolve(__dirname, '..');
const DIST = path.join(ROOT, 'dist');
const BENCH_URL = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/ap_bench';
const ADMIN_URL = process.env.BENCH_DATABASE_ADMIN_URL || 'postgres://postgres@127.0.0.1:5432/test';
const SQLITE_FILE = path.join(ROOT, '.tmp', 'bench.db');
const OWNER = { email: 'owner@bench.test', password: 'bench-password-1' };

const log = (message) => console.log(`[bench] ${message}`);

const secret = () => crypto.randomBytes(24).toString('base64');

/** Every variable the app reads, set explicitly so a developer's .env never leaks into the run. */
const applyEnvironment = (dialect, rulesOff) => {
  Object.assign(process.env, {
    // PORTAL_RULES_OFF is refused in production: both modes run in development, for a fair comparison.
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    PORT: '0',
    PUBLIC_URL: 'http://127.0.0.1',
    APP_KEYS: [secret(), secret()].join(','),
    API_TOKEN_SALT: secret(),
    ADMIN_JWT_SECRET: secret(),
    TRANSFER_TOKEN_SALT: secret(),
    JWT_SECRET: secret(),
    ENCRYPTION_KEY: secret(),
    DATABASE_CLIENT: dialect,
    DATABASE_URL: dialect === 'postgres' ? BENCH_URL : '',
    DATABASE_FILENAME: dialect === 'sqlite' ? SQLITE_FILE : '',
    PORTAL_OWNER_EMAIL: OWNER.email,
    PORTAL_OWNER_PASSWORD: OWNER.password,
    PORTAL_AGENCY_NAME: 'Bench Agency',
    PORTAL_SEAT_LIMIT: '',
    PORTAL_CURRENCY: 'EUR',
    PORTAL_RULES_OFF: String(rulesOff),
    SMTP_HOST: '',
    STRAPI_TELEMETRY_DISABLED: 'true',
  });
};

/** Boots the compiled app (creating the schema on an empty database) on a random loopback port. */
const boot = async (dialect, rulesOff) => {
  applyEnvironment(dialect, rulesOff);
  const { createStrapi } = require('@strapi/strapi'); // loaded here: the load generator child never needs it
  const strapi = createStrapi({ appDir: ROOT, distDir: DIST, autoReload: false, serveAdminPanel: false });
  strapi.log.level = 'error';
  await strapi.load();
  strapi.server.mount();
  await new Promise((resolve) => strapi.server.httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = strapi.server.httpServer.address();
  return { strapi, baseUrl: `http://127.0.0.1:${port}` };
};

/**
 * Forks `script`, sends it `message` and resolves with its one `{ ok, result | error }`
 * answer; kills it when it overruns `timeoutMs`.
 */
const runChild = (script, message, timeoutMs) =>
  new Promise((resolve, reject) => {
    const child = fork(path.join(__dirname, script), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} did not finish within ${Math.round(timeoutMs / 1000)} s`));
    }, timeoutMs);
    child.once('message', (answer) => {
      clearTimeout(timer);
      if (answer.ok) resolve(answer.result);
      else reject(new Error(`${script}: ${answer.error}`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with code ${code} before answering`)); // no-op once answered
    });
    child.send(message);
  });

/**
 * Forks `script` as a long-lived worker that answers commands one at a time:
 * `call(command, args, timeoutMs)` resolves with its answer; the worker is killed when a
 * command overruns its time.
 */
const startWorker = (script) => {
  const child = fork(path.join(__dirname, script), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const pending = new Map();
  let nextId = 0;
  let exitCode;
  child.on('message', ({ id, ok, result, error }) => {
    const call = pending.get(id);
    if (!call) return;
    pending.delete(id);
    clearTimeout(call.timer);
    if (ok) call.resolve(result);
    else call.reject(new Error(`${script} ${call.command}: ${error}`));
  });
  child.once('exit', (code) => {
    exitCode = code;
    for (const call of pending.values()) {
      clearTimeout(call.timer);
      call.reject(new Error(`${script} exited with code ${code} during ${call.command}`));
    }
    pending.clear();
  });
  const call = (command, args, timeoutMs) =>
    new Promise((resolve, reject) => {
      if (exitCode !== undefined) return reject(new Error(`${script} has exited (code ${exitCode})`));
      const id = nextId++;
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`${script} ${command} did not finish within ${Math.round(timeoutMs / 1000)} s`));
      }, timeoutMs);
      pending.set(id, { command, resolve, reject, timer });
      child.send({ id, command, args });
    });
  const kill = () => exitCode === undefined && child.kill('SIGKILL');
  return { call, kill };
};

/** The worker side of startWorker: answers each `{ id, command, args }`; `stop` then exits. */
const serveCommands = (handlers) => {
  process.on('message', async ({ id, command, args }) => {
    let answer;
    try {
      if (!handlers[command]) throw new Error(`unknown command ${command}`);
      answer = { id, ok: true, result: await handlers[command](args) };
    } catch (error) {
      answer = { id, ok: false, error: String(error?.stack ?? error) };
    }
    process.send(answer, () => command === 'stop' && process.exit(answer.ok ? 0 : 1));
  });
};

/** The child side of runChild: answers the first message with `work(message)`, then exits. */
const serveOnce = (work) => {
  process.once('message', async (message) => {
    let answer;
    try {
      answer = { ok: true, result: await work(message) };
    } catch (error) {
      answer = { ok: false, error: String(error?.stack ?? error) };
    }
    process.send(answer, () => process.exit(answer.ok ? 0 : 1));
  });
};

module.exports = {
  ROOT,
  DIST,
  BENCH_URL,
  ADMIN_URL,
  SQLITE_FILE,
  OWNER,
  log,
  boot,
  runChild,
  serveOnce,
  startWorker,
  serveCommands,
};
