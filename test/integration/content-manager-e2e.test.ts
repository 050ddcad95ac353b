import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../harness/browser';
import { signInAdmin } from '../harness/admin';
import { eventually, requireBuiltAdminPanel, screenshot, signInBrowser } from '../harness/admin-page';
import { startApp, type TestApp } from '../harness/app';
import { databaseClient } from '../harness/database';
import { fixtures, type Person, type Row } from '../harness/fixtures';

const CM = '/admin/content-manager/collection-types';

/**
 * The Content Manager (docs/admin-panel.md#the-content-manager) in a real Chromium against the built admin panel: the
 * configuration the plugin ships (columns, labels, relation names) and the money field
 * (integer cents shown and typed in the entry's currency).
 */
describe(`the Content Manager in Chromium on ${databaseClient()}`, () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;
  let dana: Person;
  let acme: Row;
  let project: Row;
  let entry: Row;
  let budget: Row;
  let invoice: Row;

  const shot = (name: string) => screenshot(page, name, { docs: 'viewport' });
  const visibleText = () => page.locator('main').innerText();
  const open = (route: string) => page.goto(`${app.baseUrl}${CM}/${route}`);
  /** The text of the list view's column headers. */
  const headers = async () =>
    (await page.locator('thead th').allTextContents()).map((text) => text.trim()).filter(Boolean);

  beforeAll(async () => {
    requireBuiltAdminPanel();
    app = await startApp({ serveAdminPanel: true });
    const make = fixtures(app);
    const admin = await signInAdmin(app);
    acme = await make.company({ name: 'Acme GmbH', billingEmail: 'billing@acme.test' });
    dana = await make.person({ role: 'member', firstName: 'Dana', lastName: 'Designer', hourlyRateCents: 12000 });
    project = await make.project(acme, { name: 'Website relaunch', leader: dana });
    entry = await make.create('api::time-entry.time-entry', {
      project: project.documentId,
      person: dana.documentId,
      date: '2026-11-02',
      minutes: 90,
      note: 'Design review',
      state: 'approved',
    });
    budget = await make.create('api::budget.budget', {
      project: project.documentId,
      name: 'Design',
      kind: 'fixed',
      amountCents: 500000,
      currency: 'EUR',
    });
    invoice = await make.create('api::invoice.invoice', {
      company: acme.documentId,
      project: project.documentId,
      number: 'INV-2026-0042',
      state: 'issued',
      issuedOn: '2026-11-03',
      dueOn: '2026-11-17',
      currency: 'EUR',
      lines: [
        {
          description: 'Design review',
          quantity: 1.5,
          unit: 'hour',
          unitPriceCents: 42000,
          amountCents: 63000,
          timeEntry: entry.documentId,
        },
      ],
      subtotalCents: 63000,
      taxRateBasisPoints: 1900,
      taxCents: 11970,
      totalCents: 74970,
      timeEntries: [entry.documentId],
    });

    browser = await launchChromium();
    page = await signInBrowser(browser, app, admin);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('keeps money an integer in REST: the custom field changes the admin panel only', async () => {
    const owner = await app.http.post('/api/auth/local', {
      identifier: 'owner@agency.test',
      password: 'owner-password-1',
    });
    const read = await app.http.get(`/api/invoices/${invoice.documentId}?populate=lines`, owner.body.jwt);
    expect(read.status).toBe(200);
    expect(read.body.data).toMatchObject({ subtotalCents: 63000, taxCents: 11970, totalCents: 74970 });
    expect(read.body.data.lines[0]).toMatchObject({ unitPriceCents: 42000, amountCents: 63000 });
    // min 0 still holds
    const negative = await app.http.put(
      `/api/budgets/${budget.documentId}`,
      { data: { amountCents: -1 } },
      owner.body.jwt
    );
    expect(negative.status).toBe(400);
    expect(app.strapi.getModel('api::budget.budget').attributes.amountCents).toMatchObject({
      type: 'integer',
      customField: 'plugin::client-portal.money',
    });
  });

  it('lists invoices with number, company, state, dates and the total in currency', async () => {
    await open('api::invoice.invoice');
    await page.getByText('INV-2026-0042').waitFor();
    expect(await headers()).toEqual(
      expect.arrayContaining(['Number', 'Company', 'State', 'Issued on', 'Due on', 'Total'])
    );
    const row = page.getByRole('row', { name: /INV-2026-0042/ });
    const cells = await row.innerText();
    expect(cells).toContain('Acme GmbH');
    expect(cells).toContain('issued');
    expect(cells).toContain('€749.70');
    const text = await visibleText();
    for (const raw of ['totalCents', 'subtotalCents', '74,970', '74970', acme.documentId]) {
      expect(text).not.toContain(raw);
    }
    await shot('cm-invoices-list');
  });

  it('edits an invoice in currency units with relations by name', async () => {
    await open(`api::invoice.invoice/${invoice.documentId}`);
    const total = page.getByRole('textbox', { name: 'Total', exact: true });
    await total.waitFor();
    await eventually(() => total.inputValue(), '749.70');
    await eventually(() => page.getByRole('textbox', { name: 'Subtotal', exact: true }).inputValue(), '630.00');
    await eventually(() => page.getByRole('textbox', { name: 'Tax', exact: true }).inputValue(), '119.70');
    await page
      .getByRole('button', { name: /Design review/ })
      .first()
      .click();
    await eventually(() => page.getByRole('textbox', { name: 'Unit price', exact: true }).inputValue(), '420.00');
    await eventually(() => page.getByRole('textbox', { name: 'Amount', exact: true }).inputValue(), '630.00');
    const text = await visibleText();
    expect(text).toContain('Acme GmbH');
    expect(text).toContain('Website relaunch');
    expect(text).toContain('Tax rate (basis points)');
    for (const raw of ['subtotalCents', 'taxRateBasisPoints', '63000', '63,000', acme.documentId, entry.documentId]) {
      expect(text).not.toContain(raw);
    }
    await page.getByRole('textbox', { name: 'Subtotal', exact: true }).scrollIntoViewIfNeeded();
    await shot('cm-invoice-edit');
  });

  it('saves a budget amount typed in euros as cents', async () => {
    await open(`api::budget.budget/${budget.documentId}`);
    const amount = page.getByRole('textbox', { name: 'Amount', exact: true });
    await amount.waitFor();
    await eventually(() => amount.inputValue(), '5000.00');
    await amount.fill('1234.56');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved document').waitFor();
    await eventually(
      async () =>
        (await app.strapi.db.query('api::budget.budget').findOne({ where: { documentId: budget.documentId } }))
          ?.amountCents,
      123456
    );
    await amount.blur();
    await eventually(() => amount.inputValue(), '1234.56');
    await shot('cm-budget-edit');

    await open('api::budget.budget');
    const row = page.getByRole('row', { name: /Design/ });
    await row.waitFor();
    await expect(row.innerText()).resolves.toContain('€1,234.56');
  });

  it('shows a time entry’s person and project by name', async () => {
    await open('api::time-entry.time-entry');
    const row = page.getByRole('row', { name: new RegExp(dana.email) });
    await row.waitFor();
    expect(await headers()).toEqual(expect.arrayContaining(['Date', 'Person', 'Project', 'Minutes', 'State']));
    const cells = await row.innerText();
    expect(cells).toContain('Website relaunch');
    expect(cells).toContain('approved');
    await shot('cm-time-entries-list');

    await open(`api::time-entry.time-entry/${entry.documentId}`);
    await page.getByRole('textbox', { name: /^Rate/ }).waitFor();
    await eventually(() => page.getByRole('textbox', { name: /^Rate/ }).inputValue(), '120.00');
    await page.getByText('INV-2026-0042').waitFor();
    const text = await visibleText();
    expect(text).toContain(dana.email);
    expect(text).toContain('Website relaunch');
    expect(text).toContain('INV-2026-0042');
    for (const raw of [dana.documentId, project.documentId, invoice.documentId, 'rateCents']) {
      expect(text).not.toContain(raw);
    }
    await shot('cm-time-entry-edit');
  });
});
