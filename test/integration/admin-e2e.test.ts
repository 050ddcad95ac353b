import fs from 'fs';
import path from 'path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../harness/browser';
import { signInAdmin } from '../harness/admin';
import { startApp, type TestApp } from '../harness/app';
import { APP_ROOT, databaseClient } from '../harness/database';
import { fixtures, type Person, type Row } from '../harness/fixtures';

const HIDDEN_CANARY = 'CANARY-e2e-hidden-task-8d1f';
const ARTIFACTS = path.join(APP_ROOT, 'test-artifacts', 'admin');

/**
 * SPEC §9 in a real Chromium against the built admin panel (dist/build from
 * `npm run build`) of a real Strapi: people and seats, budget access, view as client.
 */
describe(`the admin panel in Chromium on ${databaseClient()}`, () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;
  let manager: Person;
  let budget: Row;
  let issuedInvoice: Row;
  let draftInvoice: Row;
  let admin: { email: string; password: string };

  const shot = (name: string) =>
    page.screenshot({ path: path.join(ARTIFACTS, `${databaseClient()}-${name}.png`), fullPage: true });
  const open = async (route: string) => {
    await page.goto(`${app.baseUrl}/admin/plugins/client-portal${route}`);
    await page.getByRole('navigation', { name: 'Client portal' }).waitFor();
  };
  const seatText = () => page.getByTestId('seat-count').innerText();
  /** Waits until `read` returns `expected` (the UI writes asynchronously). */
  const eventually = async <T>(read: () => Promise<T>, expected: T) => {
    const deadline = Date.now() + 15_000;
    let last = await read();
    while (JSON.stringify(last) !== JSON.stringify(expected) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      last = await read();
    }
    expect(last).toEqual(expected);
  };

  beforeAll(async () => {
    if (!fs.existsSync(path.join(APP_ROOT, 'dist', 'build', 'index.html'))) {
      throw new Error('The admin panel is not built: run `npm run build` first (the test command does)');
    }
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    app = await startApp({ serveAdminPanel: true, env: { PORTAL_SEAT_LIMIT: '3' } });
    const make = fixtures(app);
    admin = await signInAdmin(app);
    const acme = await make.company({ name: 'Acme' });
    manager = await make.person({
      role: 'client',
      company: acme,
      clientManager: true,
      firstName: 'Cora',
      lastName: 'Acme',
    });
    const project = await make.project(acme, { name: 'Website', members: [manager] });
    budget = await make.create('api::budget.budget', {
      project: project.documentId,
      name: 'Design',
      amountCents: 5000,
    });
    await make.create('api::task.task', { project: project.documentId, title: 'Shown to clients' });
    await make.create('api::task.task', { project: project.documentId, title: HIDDEN_CANARY, hiddenFromClients: true });

    issuedInvoice = await make.create('api::invoice.invoice', {
      company: acme.documentId,
      project: project.documentId,
      number: 'INV-2026-0042',
      state: 'issued',
      issuedOn: '2026-11-02',
    });
    draftInvoice = await make.create('api::invoice.invoice', { company: acme.documentId, project: project.documentId });

    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.setDefaultTimeout(30_000);
    await page.goto(`${app.baseUrl}/admin/auth/login`);
    await page.getByLabel('Email').fill(admin.email);
    await page.getByLabel('Password').fill(admin.password);
    await page.getByRole('button', { name: 'Login' }).click();
    await page.waitForURL(/\/admin(\/)?$/);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('invites people, shows the seat count change, and the seat limit in words', async () => {
    await open('');
    // The Owner created at boot holds one seat of three.
    await page.getByText('1 of 3 seats used').waitFor();
    const invite = async (email: string) => {
      const form = page.getByRole('form', { name: 'Invite' });
      await form.getByLabel('Email').fill(email);
      await form.getByRole('combobox', { name: 'Role' }).click();
      await page.getByRole('option', { name: 'Member' }).click();
      await form.getByRole('button', { name: 'Send invitation' }).click();
    };
    await invite('first@agency.test');
    await page.getByText('2 of 3 seats used').waitFor();
    await invite('second@agency.test');
    await page.getByText('3 of 3 seats used').waitFor();
    await page.getByText('Full', { exact: true }).waitFor();
    await invite('third@agency.test');
    await page
      .getByText('All seats of your plan are in use. Archive someone or raise the seat limit in Settings.')
      .waitFor();
    expect(await seatText()).toBe('3 of 3 seats used');
    expect(await page.getByText('second@agency.test').count()).toBeGreaterThan(0);
    await shot('people');
  });

  it('toggles a budget’s client access, and the client sees it appear and disappear', async () => {
    await open('/budgets');
    await page.getByText('Client access reaches: Cora Acme').waitFor();
    const toggle = page.getByRole('switch', { name: 'Client access: Design' });
    const clientBudgets = async () =>
      (await app.http.get('/api/budgets', manager.jwt)).body.data.map((row: Row) => row.documentId);
    expect(await clientBudgets()).toEqual([]);
    await toggle.click();
    await eventually(clientBudgets, [budget.documentId]);
    await eventually(() => toggle.getAttribute('aria-checked'), 'true');
    await shot('budget-access');
    await toggle.click();
    await eventually(clientBudgets, []);
  });

  it('shows exactly what a client sees, hidden items absent', async () => {
    await open('/preview');
    await page.getByRole('combobox').first().click();
    await page.getByRole('option', { name: /Cora Acme/ }).click();
    await page.getByRole('combobox').nth(1).click();
    await page.getByRole('option', { name: 'Website' }).click();
    await page.getByText('Shown to clients').waitFor();
    expect(await page.content()).not.toContain(HIDDEN_CANARY);
    await shot('view-as-client');
  });

  it('shows an invoice’s state in the Content Manager and saves an edit of a draft', async () => {
    const edit = (row: Row) =>
      page.goto(`${app.baseUrl}/admin/content-manager/collection-types/api::invoice.invoice/${row.documentId}`);
    await edit(issuedInvoice);
    const state = page.getByRole('combobox', { name: /^state/i });
    await state.waitFor();
    await expect(state.innerText()).resolves.toContain('issued');
    await shot('content-manager-issued-invoice');

    await edit(draftInvoice);
    await expect(page.getByRole('combobox', { name: /^state/i }).innerText()).resolves.toContain('draft');
    await page.getByRole('textbox', { name: /^currency/i }).fill('USD');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved document').waitFor();
    await eventually(
      async () =>
        (await app.strapi.db.query('api::invoice.invoice').findOne({ where: { documentId: draftInvoice.documentId } }))
          ?.currency,
      'USD'
    );
    await shot('content-manager-draft-saved');
  });

  it('edits the settings', async () => {
    await open('/settings');
    await page.getByLabel('Seat limit').fill('5');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Settings saved').waitFor();
    const seats = await app.http.request('GET', '/client-portal/seats', {
      headers: { authorization: `Bearer ${(await signInAdmin(app)).token}` },
    });
    expect(seats.body.data.limit).toBe(5);
    await shot('settings');
  });
});
