import crypto from 'crypto';
import path from 'path';
import type { AddressInfo } from 'net';
import { createStrapi, type Core } from '@strapi/strapi';
import { APP_ROOT, createTestDatabase, type TestDatabase } from './database';
import { createHttp, type Http } from './http';

export const OWNER_EMAIL = 'owner@agency.test';
export const OWNER_PASSWORD = 'owner-password-1';
export const AGENCY_NAME = 'Test Agency';

export interface TestApp {
  strapi: Core.Strapi;
  baseUrl: string;
  http: Http;
  database: TestDatabase;
  /** The environment the app booted with (to boot a second process on the same data). */
  env: Record<string, string>;
  /** Stops Strapi; drops the database unless `keepDatabase` was given. */
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Reuse a database (e.g. to boot twice on the same data). */
  database?: TestDatabase;
  keepDatabase?: boolean;
  /** Environment overrides (the variables of docs/operations.md#environment-variables). */
  env?: Record<string, string>;
  /** Serve the built admin panel (dist/build, made by `npm run build`), for browser tests. */
  serveAdminPanel?: boolean;
  /** Runs before Strapi loads: register extra content types, as a developer's code would. */
  beforeLoad?: (strapi: Core.Strapi) => void;
}

const random = () => crypto.randomBytes(24).toString('base64');

/** Every variable of docs/operations.md#environment-variables set explicitly, so a developer's .env never leaks into a test. */
const baseEnvironment = (): Record<string, string> => ({
  NODE_ENV: 'test',
  HOST: '127.0.0.1',
  PORT: '0',
  PUBLIC_URL: 'http://portal.test',
  APP_KEYS: [random(), random()].join(','),
  API_TOKEN_SALT: random(),
  ADMIN_JWT_SECRET: random(),
  TRANSFER_TOKEN_SALT: random(),
  JWT_SECRET: random(),
  ENCRYPTION_KEY: random(),
  PORTAL_OWNER_EMAIL: OWNER_EMAIL,
  PORTAL_OWNER_PASSWORD: OWNER_PASSWORD,
  PORTAL_AGENCY_NAME: AGENCY_NAME,
  PORTAL_SEAT_LIMIT: '',
  PORTAL_CURRENCY: 'EUR',
  SMTP_HOST: '',
  DATABASE_URL: '',
  DATABASE_FILENAME: '',
  // Rate limits in memory unless a test names a Redis (a developer's REDIS_URL never shares counters with a test).
  REDIS_URL: '',
  // Documents on the local private directory unless a test names a bucket.
  PORTAL_S3_BUCKET: '',
  PORTAL_S3_ENDPOINT: '',
  PORTAL_S3_REGION: '',
  PORTAL_S3_ACCESS_KEY_ID: '',
  PORTAL_S3_SECRET_ACCESS_KEY: '',
});

const applyEnvironment = (values: Record<string, string>) => {
  const previous: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(values)) {
    previous[name] = process.env[name];
    process.env[name] = value;
  }
  return () => {
    for (const [name, value] of Object.entries(previous)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
};

/**
 * Boots the real, compiled app (dist/, built by the global setup) on a fresh
 * database and listens on a random loopback port.
 */
export const startApp = async (options: StartOptions = {}): Promise<TestApp> => {
  const database = options.database ?? (await createTestDatabase());
  const env = { ...baseEnvironment(), ...database.env, ...options.env };
  const restoreEnvironment = applyEnvironment(env);

  const strapi = createStrapi({
    appDir: APP_ROOT,
    distDir: path.join(APP_ROOT, 'dist'),
    autoReload: false,
    serveAdminPanel: options.serveAdminPanel ?? false,
  });
  strapi.log.level = process.env.TEST_LOG_LEVEL ?? 'error';
  try {
    options.beforeLoad?.(strapi);
    await strapi.load();
    strapi.server.mount();
    // The test process is also the server: a busy event loop must not let the server close an idle
    // keep-alive socket the client is about to reuse (ECONNRESET on the next request).
    strapi.server.httpServer.keepAliveTimeout = 120_000;
    strapi.server.httpServer.headersTimeout = 121_000;
    await new Promise<void>((resolve) => strapi.server.httpServer.listen(0, '127.0.0.1', resolve));
  } catch (error) {
    // A refused boot (tests of boot-time checks) leaves nothing behind either.
    await strapi.destroy().catch(() => undefined);
    restoreEnvironment();
    if (!options.keepDatabase) await database.drop();
    throw error;
  }
  const { port } = strapi.server.httpServer.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;

  return {
    strapi,
    baseUrl,
    http: createHttp(baseUrl),
    database,
    env,
    async stop() {
      await strapi.destroy();
      restoreEnvironment();
      if (!options.keepDatabase) await database.drop();
    },
  };
};
