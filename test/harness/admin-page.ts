import fs from 'fs';
import path from 'path';
import type { Browser, Page } from 'playwright-core';
import type { TestApp } from './app';
import { dismissStrapiNotices } from './browser';
import { APP_ROOT, databaseClient } from './database';

/** The README's pictures of the admin panel. */
export const SCREENSHOTS = path.join(APP_ROOT, 'docs', 'screenshots');
/** Each run's own record of what the pages showed, per database (not committed). */
export const ARTIFACTS = path.join(APP_ROOT, 'test-artifacts', 'admin');
/** The browser window of every admin-panel test, the size the README's screenshots are taken at. */
export const VIEWPORT = { width: 1440, height: 900 };

/** Before a browser test: the built admin panel must be there (it serves dist/build); the screenshot folders are made. */
export const requireBuiltAdminPanel = () => {
  if (!fs.existsSync(path.join(APP_ROOT, 'dist', 'build', 'index.html'))) {
    throw new Error('The admin panel is not built: run `npm run build` first (the test command does)');
  }
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
};

/**
 * A fresh browser session (its own cookies and storage) signed in through the admin's login form, in the
 * admin language `language` (the one an admin picks in their profile) and the browser locale `locale`.
 */
export const signInBrowser = async (
  browser: Browser,
  app: TestApp,
  admin: { email: string; password: string },
  { language = 'en', locale = 'en-US' }: { language?: 'en' | 'de'; locale?: string } = {}
): Promise<Page> => {
  const context = await browser.newContext({ viewport: VIEWPORT, locale, baseURL: app.baseUrl });
  // Strapi keeps the admin language under this key.
  await context.addInitScript(`window.localStorage.setItem('strapi-admin-language', '${language}')`);
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  page.on('pageerror', (error) => console.error(`page error (${admin.email}): ${error.message}`));
  await page.goto('/admin/auth/login');
  await page.getByLabel(language === 'de' ? 'E-Mail' : 'Email').fill(admin.email);
  await page.getByLabel(language === 'de' ? 'Passwort' : 'Password').fill(admin.password);
  await page.getByRole('button', { name: 'Login' }).click();
  await page.waitForURL(/\/admin(\/)?$/);
  return page;
};

/** A page of the plugin (`''` is People & seats, `'/invoices'` …), once its tabs are there. */
export const openPortalPage = async (page: Page, route: string) => {
  await page.goto(`/admin/plugins/client-portal${route}`);
  await page.getByRole('navigation', { name: 'Client portal' }).waitFor();
};

/**
 * What the page shows, Strapi's own notices dismissed: with `docs`, the README's picture
 * docs/screenshots/<name>.png (the viewport, or the full page), from the SQLite run only so that
 * the two databases' runs do not both rewrite it; always the full page in test-artifacts/admin.
 */
export const screenshot = async (page: Page, name: string, { docs }: { docs?: 'viewport' | 'full-page' } = {}) => {
  await dismissStrapiNotices(page);
  // The README's picture first: a full-page capture resizes the window and may move what was scrolled into view.
  if (docs && databaseClient() === 'sqlite') {
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: docs === 'full-page' });
  }
  await page.screenshot({ path: path.join(ARTIFACTS, `${databaseClient()}-${name}.png`), fullPage: true });
};

/** Waits until `read` returns `expected` (the pages load and write asynchronously), then asserts it. */
export const eventually = async <T>(read: () => Promise<T>, expected: T) => {
  const deadline = Date.now() + 15_000;
  let last = await read();
  while (JSON.stringify(last) !== JSON.stringify(expected) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    last = await read();
  }
  expect(last).toEqual(expected);
};
