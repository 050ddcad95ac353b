import crypto from 'crypto';
import fs from 'fs';
import path from 'path';
import { Client } from 'pg';

export const APP_ROOT = path.resolve(__dirname, '..', '..');

export type DatabaseClient = 'sqlite' | 'postgres';

/** A database created for one test file (or one boot) and dropped afterwards. */
export interface TestDatabase {
  client: DatabaseClient;
  /** Shown in test names so the output says which database ran. */
  label: string;
  /** The DATABASE_* variables that point Strapi at it. */
  env: Record<string, string>;
  drop(): Promise<void>;
}

export const databaseClient = (): DatabaseClient => {
  const client = process.env.DATABASE_CLIENT ?? 'sqlite';
  if (client !== 'sqlite' && client !== 'postgres') {
    throw new Error(`DATABASE_CLIENT must be sqlite or postgres for the tests (got "${client}")`);
  }
  return client;
};

/** Where the harness creates and drops its PostgreSQL databases. */
export const postgresAdminUrl = (): string =>
  process.env.TEST_DATABASE_ADMIN_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const withPostgres = async <T>(url: string, work: (client: Client) => Promise<T>): Promise<T> => {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  // An unreachable server throws here: the suite fails, it never skips.
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
};

export const createTestDatabase = async (): Promise<TestDatabase> => {
  const name = `ap_test_${process.pid}_${crypto.randomBytes(5).toString('hex')}`;

  if (databaseClient() === 'postgres') {
    const adminUrl = postgresAdminUrl();
    await withPostgres(adminUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return {
      client: 'postgres',
      label: `postgres (${name})`,
      env: { DATABASE_CLIENT: 'postgres', DATABASE_URL: url.toString() },
      drop: () =>
        withPostgres(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(
          () => undefined
        ),
    };
  }

  const file = path.join(APP_ROOT, '.tmp', 'test', `${name}.db`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  return {
    client: 'sqlite',
    label: `sqlite (${path.basename(file)})`,
    env: { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: file },
    drop: async () => {
      for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(`${file}${suffix}`, { force: true });
    },
  };
};
