import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's chromium (or CHROMIUM_PATH); `npx playwright install` cannot work on this machine. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Headless, and quiet on a closed network (no background connections that would be refused). */
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** The browser every admin-panel test drives. */
export const launchChromium = (): Promise<Browser> => chromium.launch({ executablePath: CHROMIUM, args: FLAGS });

/**
 * Strapi's own notices are no part of our pages: skip the guided tour, close the
 * "new Media Library" banner (its only button closes it; "Read blog post" is a link)
 * and any notification toast left from an earlier step.
 * `waitMs`: how long the banner may take to appear (right after signing in it renders late).
 */
export const dismissStrapiNotices = async (page: Page, waitMs = 0) => {
  // The guided tour's overlay covers the banner: skip it first.
  const skip = page.getByRole('button', { name: 'Skip', exact: true });
  if (await skip.isVisible()) await skip.click();
  const banner = page.getByText('Introducing the new Media Library');
  if (waitMs > 0) await banner.waitFor({ timeout: waitMs }).catch(() => undefined);
  if (await banner.isVisible()) {
    await banner.locator('xpath=ancestor::*[.//button][1]').locator('button').click();
    await banner.waitFor({ state: 'hidden' });
  }
  // Notifications of earlier steps (Strapi shows them as sonner toasts) would cover the page.
  const toasts = page.locator('[data-sonner-toast]');
  for (let left = await toasts.count(); left > 0; left -= 1) {
    await toasts
      .first()
      .getByRole('button', { name: 'Close' })
      .click({ timeout: 2_000 })
      .catch(() => undefined);
  }
  await toasts
    .first()
    .waitFor({ state: 'detached', timeout: 5_000 })
    .catch(() => undefined);
};
