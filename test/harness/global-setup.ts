import { execFileSync } from 'child_process';
import fs from 'fs';
import path from 'path';
import { compileStrapi } from '@strapi/strapi';
import { APP_ROOT, databaseClient } from './database';

/**
 * Compiles the app (TypeScript → dist/) once for the whole integration run, and
 * builds the admin panel for the browser tests when no build exists yet
 * (`npm run build` makes one; `.ci/run` always builds first).
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.TEST_SKIP_COMPILE === '1') return; // dist/ is already fresh (e.g. right after npm run build)
  const started = Date.now();
  if (!fs.existsSync(path.join(APP_ROOT, 'dist', 'build', 'index.html'))) {
    process.stdout.write('\n[test] building the admin panel for the browser tests (about a minute)…\n');
    execFileSync(path.join(APP_ROOT, 'node_modules', '.bin', 'strapi'), ['build'], { cwd: APP_ROOT, stdio: 'inherit' });
  }
  await compileStrapi({ appDir: APP_ROOT });
  process.stdout.write(
    `\n[test] compiled the app in ${Date.now() - started} ms; integration tests run on ${databaseClient()}\n`
  );
}
