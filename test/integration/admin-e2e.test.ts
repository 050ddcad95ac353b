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
const SCREENSHOTS = path.join(APP_ROOT, 'docs', 'screenshots');
const VIEWPORT = { width: 1440, height: 900 };
const USER = 'plugin::users-permissions.user';

/**
 * SPEC §9 in a real Chromium against the built admin panel (dist/build from
 * `npm run build`) of a real Strapi: people and seats, budget access, view as client.
 */
describe(`the admin panel in Chromium on ${databaseClient()}`, () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;
  let manager: Person;
  let rita: Person;
  let budget: Row;
  let issuedInvoice: Row;
  let draftInvoice: Row;
  let admin: { email: string; password: string };

  const shot = (name: string) =>
    page.screenshot({ path: path.join(ARTIFACTS, `${databaseClient()}-${name}.png`), fullPage: true });
  /** What a user sees at 1440×900 (not the full page), also kept in docs/screenshots from the SQLite run. */
  const viewShot = async (name: string) => {
    await page.screenshot({ path: path.join(ARTIFACTS, `${databaseClient()}-${name}.png`) });
    if (databaseClient() === 'sqlite') await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
  };
  const open = async (route: string) => {
    await page.goto(`${app.baseUrl}/admin/plugins/client-portal${route}`);
    await page.getByRole('navigation', { name: 'Client portal' }).waitFor();
  };
  /** Strapi's own "new Media Library" announcement is not ours: close it for the screenshots. */
  const closeAnnouncement = async () => {
    const banner = page.getByText('Introducing the new Media Library');
    await banner.waitFor({ timeout: 5_000 }).catch(() => undefined);
    if (!(await banner.isVisible())) return;
    // Its close button is the banner's only <button> (a design-system IconButton named by hidden text).
    await banner.locator('xpath=ancestor::div[.//button][1]').locator('button').last().click({ timeout: 3_000 });
    await banner.waitFor({ state: 'detached', timeout: 3_000 });
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
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
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
    // Clients take no seat: eleven of them and the Owner fill two pages of ten.
    const globex = await make.company({ name: 'Globex' });
    rita = await make.person({ role: 'client', company: globex, firstName: 'Rita', lastName: 'Role' });
    for (let index = 1; index <= 9; index += 1) {
      await make.person({ role: 'client', company: globex, firstName: 'Pia', lastName: `Pager ${index}` });
    }
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
    page = await browser.newPage({ viewport: VIEWPORT, locale: 'en-US' });
    page.setDefaultTimeout(30_000);
    await page.goto(`${app.baseUrl}/admin/auth/login`);
    await page.getByLabel('Email').fill(admin.email);
    await page.getByLabel('Password').fill(admin.password);
    await page.getByRole('button', { name: 'Login' }).click();
    await page.waitForURL(/\/admin(\/)?$/);
    await closeAnnouncement();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('lists everyone in one table with search, filters and pages; confirms role changes and archiving; counts seats', async () => {
    await open('');
    // The Owner created at boot holds one seat of three; clients take none.
    await page.getByText('1 of 3 seats used').waitFor();
    const range = page.getByTestId('people-range');
    const row = (name: string) => page.getByRole('row', { name, exact: true });
    const search = page.getByPlaceholder('Search by name or email');
    const pick = async (combobox: string, option: string) => {
      await page.getByRole('combobox', { name: combobox }).click();
      await page.getByRole('option', { name: option, exact: true }).click();
    };
    const roleOf = async (id: number) =>
      (await app.strapi.db.query(USER).findOne({ where: { id }, populate: ['role'] }))?.role?.type;

    // One table of twelve, ten a page, the Owner first.
    await eventually(() => range.innerText(), '1–10 of 12 people');
    expect(await row('Cora Acme').count()).toBe(1);
    expect(await row('Rita Role').count()).toBe(0);
    await page.getByRole('button', { name: /Page 2/ }).click();
    await eventually(() => range.innerText(), '11–12 of 12 people');
    await row('Rita Role').waitFor();
    expect(await row('Cora Acme').count()).toBe(0);

    // The search narrows to the matching person (name or email) and starts again at page 1.
    await search.fill('cora');
    await eventually(() => range.innerText(), '1–1 of 1 person');
    await row('Cora Acme').waitFor();
    expect(await page.getByRole('row', { name: /Pia Pager/ }).count()).toBe(0);
    await search.fill(manager.email);
    await eventually(() => range.innerText(), '1–1 of 1 person');
    await search.fill('nobody-by-this-name');
    await page.getByText('No one matches this search and these filters.').waitFor();
    await search.fill('');

    // Filters by role and by company.
    await pick('Filter by role', 'Owner');
    await eventually(() => range.innerText(), '1–1 of 1 person');
    expect(await row('Cora Acme').count()).toBe(0);
    await pick('Filter by role', 'Client');
    await eventually(() => range.innerText(), '1–10 of 11 people');
    await pick('Filter by company', 'Acme');
    await eventually(() => range.innerText(), '1–1 of 1 person');
    await row('Cora Acme').waitFor();
    await pick('Filter by company', 'All companies');
    await pick('Filter by role', 'All roles');
    await eventually(() => range.innerText(), '1–10 of 12 people');

    // A role change asks first: Cancel keeps the role, confirming changes it (Client+ takes a seat).
    await search.fill('rita');
    await pick('Role of Rita Role', 'Client+');
    const dialog = page.getByRole('alertdialog');
    await dialog.getByText("Change Rita Role's role from Client to Client+?").waitFor();
    await dialog.getByText('This takes a seat of your plan.').waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await roleOf(rita.id)).toBe('client');
    expect(await page.getByRole('combobox', { name: 'Role of Rita Role' }).innerText()).toBe('Client');
    await pick('Role of Rita Role', 'Client+');
    await dialog.getByRole('button', { name: 'Change role' }).click();
    await eventually(() => roleOf(rita.id), 'client-plus');
    await page.getByText('2 of 3 seats used').waitFor();
    await search.fill('');

    // Invitations take seats until the plan is full, then the limit in words.
    const invite = async (email: string) => {
      const form = page.getByRole('form', { name: 'Invite' });
      await form.getByLabel('Email').fill(email);
      await form.getByRole('combobox', { name: 'Role' }).click();
      await page.getByRole('option', { name: 'Member', exact: true }).click();
      await form.getByRole('button', { name: 'Send invitation' }).click();
    };
    await invite('first@agency.test');
    await page.getByText('3 of 3 seats used').waitFor();
    await page.getByText('Full', { exact: true }).waitFor();
    await invite('second@agency.test');
    await page
      .getByText('All seats of your plan are in use. Archive someone or raise the seat limit in Settings.')
      .waitFor();
    expect(await seatText()).toBe('3 of 3 seats used');

    // Archiving asks first, frees the seat, badges the person and ends their sessions.
    expect((await app.http.get('/api/client-portal/me', rita.jwt)).status).toBe(200);
    await search.fill('rita');
    await row('Rita Role').getByRole('button', { name: 'Archive' }).click();
    await dialog.getByText('Archive Rita Role?').waitFor();
    await dialog.getByRole('button', { name: 'Archive' }).click();
    await row('Rita Role').getByText('Archived', { exact: true }).waitFor();
    await page.getByText('2 of 3 seats used').waitFor();
    expect((await app.strapi.db.query(USER).findOne({ where: { id: rita.id } }))?.archivedAt).toBeTruthy();
    expect((await app.http.get('/api/client-portal/me', rita.jwt)).status).toBe(401);
    await search.fill('');
    await invite('second@agency.test');
    await page.getByText('3 of 3 seats used').waitFor();
    await page.getByRole('row', { name: 'second@agency.test' }).waitFor();

    // Every row's Delete button is inside the 1440 px viewport, as the page opens.
    await open('');
    await eventually(() => range.innerText(), '1–10 of 12 people');
    const deletes = page.getByRole('button', { name: 'Delete', exact: true });
    expect(await deletes.count()).toBe(10);
    for (const button of await deletes.all()) {
      const box = await button.boundingBox();
      expect(box).not.toBeNull();
      expect(box!.x + box!.width).toBeLessThanOrEqual(VIEWPORT.width);
    }
    await closeAnnouncement();
    await viewShot('people');
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
