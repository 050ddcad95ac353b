import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../harness/browser';
import { signInStaffAdmin } from '../harness/admin';
import { eventually, openPortalPage, requireBuiltAdminPanel, screenshot, signInBrowser } from '../harness/admin-page';
import { startApp, type TestApp } from '../harness/app';
import { databaseClient } from '../harness/database';
import { fixtures, type Person, type Row } from '../harness/fixtures';

const TIME = 'api::time-entry.time-entry';
const RATE = 12000;
/** 120 + 90 + 60 minutes at 120.00 EUR an hour; 19 % tax. */
const SUBTOTAL = 54000;
const TAX = 10260;
const TOTAL = SUBTOTAL + TAX;

/**
 * Budgets and Invoices (docs/admin-panel.md) in a real Chromium against the built admin panel:
 * an admin linked to a Member+ F invoices a project end to end; an admin linked to a
 * plain Member sees budgets without money and cannot use Invoices.
 */
describe(`the money pages in Chromium on ${databaseClient()}`, () => {
  let app: TestApp;
  let browser: Browser;
  let manager: Person;
  let finance: Person;
  let member: Person;

  /** A fresh browser session signed in as the admin with that email (a staff role linked to that person). */
  const signIn = async (email: string): Promise<Page> =>
    signInBrowser(browser, app, await signInStaffAdmin(app, email));
  const generate = async (page: Page, project: string) => {
    await page.getByRole('combobox', { name: 'Project' }).click();
    await page.getByRole('option', { name: project }).click();
    await page.locator('input[name="from"]').fill('2026-11-01');
    await page.locator('input[name="to"]').fill('2026-11-30');
    await page.getByRole('button', { name: 'Create draft and preview' }).click();
  };

  beforeAll(async () => {
    requireBuiltAdminPanel();
    app = await startApp({ serveAdminPanel: true });
    const make = fixtures(app);
    const acme = await make.company({ name: 'Acme' });
    manager = await make.person({
      role: 'client',
      company: acme,
      clientManager: true,
      firstName: 'Cora',
      lastName: 'Acme',
    });
    finance = await make.person({
      role: 'member',
      canManageFinances: true,
      firstName: 'Fynn',
      lastName: 'Finance',
      hourlyRateCents: RATE,
    });
    member = await make.person({ role: 'member', firstName: 'Mia', lastName: 'Member', hourlyRateCents: RATE });
    const website = await make.project(acme, {
      name: 'Website',
      leader: finance,
      members: [member, manager],
      currency: 'EUR',
    });
    const shop = await make.project(acme, { name: 'Shop', leader: finance, currency: 'EUR' });
    const design = await make.create('api::budget.budget', {
      project: website.documentId,
      name: 'Design',
      amountCents: 500000,
      currency: 'EUR',
      startsOn: '2026-11-01',
      endsOn: '2027-03-31',
    });
    await make.create('api::budget.budget', { project: shop.documentId, name: 'Launch campaign', amountCents: 7700 });
    const task = await make.create('api::task.task', { project: website.documentId, title: 'Homepage' });
    const work = {
      project: website.documentId,
      budget: design.documentId,
      task: task.documentId,
      billable: true,
      state: 'approved',
      rateCents: RATE,
    };
    await make.create(TIME, { ...work, person: member.documentId, date: '2026-11-03', minutes: 120 });
    await make.create(TIME, { ...work, person: member.documentId, date: '2026-11-05', minutes: 90 });
    await make.create(TIME, { ...work, person: finance.documentId, date: '2026-11-10', minutes: 60 });
    // Not counted anywhere: pending, or not billable.
    await make.create(TIME, { ...work, person: member.documentId, date: '2026-11-11', minutes: 300, state: 'pending' });
    await make.create(TIME, { ...work, person: member.documentId, date: '2026-11-12', minutes: 300, billable: false });
    await make.create(TIME, {
      project: shop.documentId,
      person: finance.documentId,
      date: '2026-11-04',
      minutes: 30,
      billable: true,
      state: 'approved',
      rateCents: RATE,
    });
    browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('lets a Member+ F generate, preview, issue, view the PDF of and mark paid an invoice', async () => {
    const page = await signIn(finance.email);
    await openPortalPage(page, '/invoices');
    await generate(page, 'Website — Acme');

    // The preview: the draft's lines and totals, money in euros (never cents).
    const totals = page.getByTestId('invoice-totals');
    await totals.getByText('Total: €642.60').waitFor();
    await expect(totals.innerText()).resolves.toContain('Subtotal: €540.00');
    await expect(totals.innerText()).resolves.toContain('Tax (19 %): €102.60');
    await page
      .getByText(/Homepage/)
      .first()
      .waitFor();
    await page.getByTestId('invoice-number').filter({ hasText: 'Draft' }).waitFor();

    await page.getByRole('button', { name: 'Issue and send' }).click();
    const number = page.getByTestId('invoice-number');
    await number.filter({ hasText: /^INV-\d{4}-\d{4,}$/ }).waitFor();
    const issuedNumber = (await number.innerText()).trim();

    await page.getByRole('button', { name: 'View PDF' }).click();
    const pdf = page.getByTestId('invoice-pdf');
    await pdf.waitFor();
    expect(await pdf.getAttribute('src')).toMatch(/^blob:/);
    await page.waitForTimeout(1500);
    await pdf.scrollIntoViewIfNeeded();
    await screenshot(page, 'invoice-pdf', { docs: 'viewport' });

    await page.getByRole('button', { name: 'Hide PDF' }).click();
    await page.getByRole('button', { name: 'Mark paid' }).click();
    await page.getByRole('button', { name: 'Mark paid' }).waitFor({ state: 'detached' });
    await page
      .getByRole('row', { name: new RegExp(issuedNumber) })
      .getByText('Paid')
      .waitFor();

    // The client company's Client Manager reads it through REST with the same totals.
    const seen = await app.http.get('/api/invoices?populate=lines', manager.jwt);
    expect(seen.status).toBe(200);
    const invoice = seen.body.data.find((row: Row) => row.number === issuedNumber);
    expect(invoice).toMatchObject({
      state: 'paid',
      subtotalCents: SUBTOTAL,
      taxCents: TAX,
      totalCents: TOTAL,
      currency: 'EUR',
    });

    // Nothing is left to invoice: the server's refusal is shown in its words.
    await generate(page, 'Website — Acme');
    await page.getByText('No approved, billable, uninvoiced time or expenses in this period').waitFor();

    // A draft is discarded (voided) only after the confirmation dialog.
    await generate(page, 'Shop — Acme');
    await page.getByTestId('invoice-totals').getByText('Total: €71.40').waitFor();
    await page.getByRole('button', { name: 'Discard draft' }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.getByText('Discard this draft?').waitFor();
    await dialog.getByRole('button', { name: 'Discard draft' }).click();
    await page.getByTestId('invoice-number').locator('..').getByText('Void').waitFor();

    await page.getByRole('button', { name: 'Close invoice' }).click();
    await page.getByRole('combobox', { name: 'State' }).click();
    await page.getByRole('option', { name: 'Paid' }).click();
    await page.getByRole('row', { name: new RegExp(issuedNumber) }).waitFor();
    await eventually(() => page.getByRole('row').count(), 2);
    await page.getByRole('combobox', { name: 'State' }).click();
    await page.getByRole('option', { name: 'All states' }).click();
    await page.getByRole('row').nth(2).waitFor();
    await screenshot(page, 'invoices', { docs: 'viewport' });
  });

  it('shows a Member+ F each budget with amounts, a burn chart and the forecast', async () => {
    const page = await signIn(finance.email);
    await openPortalPage(page, '/budgets');
    const card = page.getByRole('article', { name: 'Design' });
    await card.locator('svg.recharts-surface').first().waitFor();
    const text = await card.innerText();
    expect(text).toContain('€5,000.00');
    expect(text).toContain('€540.00');
    expect(text).toContain('€4,460.00');
    expect(text).toContain('4.5 h');
    expect(text).toMatch(/Within budget|Runs out on/);
    expect(await card.getByRole('switch', { name: 'Client access: Design' }).isDisabled()).toBe(false);
    await screenshot(page, 'budgets', { docs: 'viewport' });

    // The search narrows the page to the matching budgets (each card loads its own chart).
    const search = page.getByRole('searchbox', { name: 'Search projects, companies and budgets' });
    await search.fill('launch');
    await page.getByRole('article', { name: 'Launch campaign' }).waitFor();
    expect(await page.getByRole('article', { name: 'Design' }).count()).toBe(0);
    expect(await page.getByTestId('budgets-range').innerText()).toBe('1–1 of 1 project');
    await search.fill('');
    await page.getByRole('article', { name: 'Design' }).waitFor();
    expect(await page.getByTestId('budgets-range').innerText()).toBe('1–2 of 2 projects');
  });

  it('shows a plain Member their budget without money, and no invoices', async () => {
    const page = await signIn(member.email);
    await openPortalPage(page, '/budgets');
    const card = page.getByRole('article', { name: 'Design' });
    await card.locator('svg.recharts-surface').first().waitFor();
    await card.getByText('4.5 h').first().waitFor();
    const content = await page.locator('main').innerText();
    expect(content).not.toMatch(/€|EUR|5,000|540/);
    expect(await card.getByRole('switch', { name: 'Client access: Design' }).isDisabled()).toBe(true);

    await openPortalPage(page, '/invoices');
    await page
      .getByText('Invoices are managed by Owners and Member+ with the finance permission.', { exact: false })
      .waitFor();
    expect(await page.getByRole('button', { name: 'Create draft and preview' }).count()).toBe(0);

    // No page and no home widget shows Mia money, or anything of the Shop project she is not on.
    for (const route of ['', '/timesheet', '/approvals', '/budgets', '/reports']) {
      await openPortalPage(page, route);
      await page.waitForLoadState('networkidle');
      expect(await page.locator('main').innerText()).not.toMatch(/€|EUR|Shop|Launch campaign/);
    }
    // A plain Member manages no one, whatever the admin role allows: no invite form, no actions.
    await openPortalPage(page, '');
    await page.getByRole('row', { name: /Mia Member/ }).waitFor();
    expect(await page.getByRole('button', { name: /^(Archive|Delete|Send invitation)$/ }).count()).toBe(0);
    // Settings are the Owner's: shown read-only.
    await openPortalPage(page, '/settings');
    await page.getByText('Only Owners change these settings.').waitFor();
    expect(await page.getByRole('button', { name: 'Save' }).isDisabled()).toBe(true);
    await page.goto(`${app.baseUrl}/admin`);
    // Mia's approved November work is not this week's: the widget's empty state.
    await page.getByText('No time logged this week yet.').waitFor();
    await page.getByRole('link', { name: 'Open my timesheet' }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.locator('#main-content').innerText()).not.toMatch(/€|EUR|Shop|Launch campaign/);
  });
});
