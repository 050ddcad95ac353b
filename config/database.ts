import path from 'path';
import type { Core } from '@strapi/strapi';

type DatabaseConfig = { connection: Record<string, unknown> };

/**
 * SQLite (better-sqlite3) by default; PostgreSQL when DATABASE_CLIENT=postgres,
 * through DATABASE_URL or DATABASE_HOST/PORT/NAME/USERNAME/PASSWORD.
 */
const config = ({ env }: Core.Config.Shared.ConfigParams): DatabaseConfig => {
  const client = env('DATABASE_CLIENT', 'sqlite');
  const pool = { min: env.int('DATABASE_POOL_MIN', 0), max: env.int('DATABASE_POOL_MAX', 10) };

  if (client === 'postgres') {
    const url = env('DATABASE_URL', '');
    const ssl = env.bool('DATABASE_SSL', false)
      ? { rejectUnauthorized: env.bool('DATABASE_SSL_REJECT_UNAUTHORIZED', true) }
      : false;
    return {
      connection: {
        client: 'postgres',
        connection: url
          ? { connectionString: url, ssl }
          : {
              host: env('DATABASE_HOST', '127.0.0.1'),
              port: env.int('DATABASE_PORT', 5432),
              database: env('DATABASE_NAME', 'strapi'),
              user: env('DATABASE_USERNAME', 'postgres'),
              password: env('DATABASE_PASSWORD', ''),
              ssl,
            },
        schema: env('DATABASE_SCHEMA', 'public'),
        pool,
        acquireConnectionTimeout: env.int('DATABASE_CONNECTION_TIMEOUT', 60000),
      },
    };
  }

  if (client === 'sqlite') {
    // config/ runs from dist/config once compiled: resolve from the app root.
    const appRoot = path.resolve(__dirname, '..', '..');
    return {
      connection: {
        client: 'sqlite',
        connection: { filename: path.resolve(appRoot, env('DATABASE_FILENAME', '.tmp/data.db')) },
        useNullAsDefault: true,
      },
    };
  }

  throw new Error(`DATABASE_CLIENT must be "sqlite" or "postgres" (got "${client}").`);
};

export default config;
