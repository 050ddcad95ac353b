import { compileStrapi } from '@strapi/strapi';
import { APP_ROOT, databaseClient } from './database';

/** Compiles the app (TypeScript → dist/) once for the whole integration run. */
export default async function globalSetup(): Promise<void> {
  if (process.env.TEST_SKIP_COMPILE === '1') return; // dist/ is already fresh (e.g. right after npm run build)
  const started = Date.now();
  await compileStrapi({ appDir: APP_ROOT });
  process.stdout.write(
    `\n[test] compiled the app in ${Date.now() - started} ms; integration tests run on ${databaseClient()}\n`
  );
}
