import type { Browser, Page } from 'playwright-core';
import { dismissStrapiNotices, launchChromium } from '../harness/browser';
import { signInAdmin, signInStaffAdmin } from '../harness/admin';
import {
  eventually,
  openPortalPage,
  requireBuiltAdminPanel,
  screenshot,
  signInBrowser,
  VIEWPORT,
} from '../harness/admin-page';
import { OWNER_EMAIL, startApp, type TestApp } from '../harness/app';
import { databaseClient } from '../harness/database';
import { fixtures, type Person, type Row } from '../harness/fixtures';
import en from '../../src/plugins/client-portal/admin/src/translations/en.json';
import { previewPaths } from '../../src/plugins/client-portal/admin/src/utils/logic';
import {
  budgetColumns,
  discussionColumns,
  documentColumns,
  expenseColumns,
  invoiceColumns,
  taskColumns,
  timeColumns,
  type Column,
  type Format,
  type Label,
} from '../../src/plugins/client-portal/admin/src/utils/preview-logic';

const HIDDEN_CANARY = 'CANARY-e2e-hidden-task-8d1f';
const USER = 'plugin::users-permissions.user';
/** The page's English strings, as react-intl formats them (plain `{name}` placeholders). */
const english: Label = (id, fallback, values = {}) =>
  ((en as Record<string, string>)[id] ?? fallback).replace(/\{(\w+)\}/g, (_, key) => String(values[key] ?? ''));

/**
 * The admin panel (docs/admin-panel.md) in a real Chromium against the built admin panel (dist/build from
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
  let website: Row;
  let ownerPerson: Row;

  const shot = (name: string) => screenshot(page, name);
  const open = (route: string) => openPortalPage(page, route);
  /** The README's screenshots: the 1440×900 viewport at the top of the page, nothing hovered or focused. */
  const docShot = async (name: string, docs = true) => {
    // Closing a toast moves the mouse: first, so that the hover is reset after it.
    await dismissStrapiNotices(page);
    await page.setViewportSize(VIEWPORT);
    // No hover or focus ring on whatever was clicked last.
    await page.mouse.move(0, 0);
    await page
      .locator('body')
      .evaluate((body) => (body.ownerDocument.activeElement as { blur?: () => void } | null)?.blur?.());
    // The top of the page, where a reader starts.
    await page.locator('body').evaluate((body) => {
      // The admin scrolls inside its layout, not the window: reset every scrolled box.
      for (const box of [body, ...Array.from(body.querySelectorAll('*'))]) if (box.scrollTop > 0) box.scrollTop = 0;
    });
    await screenshot(page, name, { docs: docs ? 'viewport' : undefined });
  };
  const seatText = () => page.getByTestId('seat-count').innerText();

  beforeAll(async () => {
    requireBuiltAdminPanel();
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
    page = await signInBrowser(browser, app, admin);

    // View as client: one of everything a client may read on Website, and its hidden twin.
    website = await app.strapi.db.query('api::project.project').findOne({ where: { name: 'Website' } });
    ownerPerson = await app.strapi.db
      .query('plugin::users-permissions.user')
      .findOne({ where: { email: OWNER_EMAIL } });
    const onWebsite = { project: website.documentId };
    const [shownTask, hiddenTask] = await Promise.all(
      ['Shown to clients', HIDDEN_CANARY].map((title) =>
        app.strapi.db.query('api::task.task').findOne({ where: { title } })
      )
    );
    await make.create('api::discussion.discussion', {
      ...onWebsite,
      title: 'Kick-off questions',
      body: 'Which pages come first?',
      author: ownerPerson.documentId,
    });
    await make.create('api::discussion.discussion', { ...onWebsite, title: HIDDEN_CANARY, hiddenFromClients: true });
    await make.create('api::document.document', { ...onWebsite, title: 'Brand guide', task: shownTask.documentId });
    await make.create('api::document.document', {
      ...onWebsite,
      title: `${HIDDEN_CANARY}-doc`,
      hiddenFromClients: true,
    });
    const work = (task: Row, minutes: number, note: string) =>
      make.create('api::time-entry.time-entry', {
        ...onWebsite,
        task: task.documentId,
        budget: budget.documentId,
        person: ownerPerson.documentId,
        date: '2026-11-03',
        minutes,
        note,
        billable: true,
        state: 'approved',
        rateCents: 3000,
        costCents: minutes * 20,
      });
    await work(shownTask, 60, 'Sketches');
    // On the hidden task: counted in the summary, never itemised for the client.
    await work(hiddenTask, 30, `${HIDDEN_CANARY}-note`);
    await make.create('api::expense.expense', {
      ...onWebsite,
      budget: budget.documentId,
      person: ownerPerson.documentId,
      date: '2026-11-04',
      description: 'Stock photos',
      amountCents: 400,
      currency: 'EUR',
      billable: true,
      state: 'approved',
    });
    await dismissStrapiNotices(page, 5_000);
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
    await dismissStrapiNotices(page);
    await docShot('people');
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
    // The budget-access test switched Design off again: share it, so its summary shows.
    await app.strapi.documents('api::budget.budget').update({
      documentId: budget.documentId,
      data: { clientAccess: true },
    } as never);
    await open('/preview');
    await dismissStrapiNotices(page);
    await page.getByRole('combobox').first().click();
    await page.getByRole('option', { name: /Cora Acme/ }).click();
    await page.getByRole('combobox').nth(1).click();
    await page.getByRole('option', { name: 'Website' }).click();
    await page.getByRole('region', { name: 'Tasks', exact: true }).getByText('Shown to clients').waitFor();
    await page.getByText('Cora Acme — exactly what the API returns to this person').waitFor();

    // Each section holds the rows the client's own REST request returns, formatted as the page does.
    const format: Format = { locale: 'en', label: english };
    const paths = previewPaths(website.documentId);
    const asClient = async (pathname: string) => {
      const response = await app.http.get(pathname, manager.jwt);
      expect({ pathname, status: response.status }).toEqual({ pathname, status: 200 });
      return response.body.data;
    };
    const budgets = await asClient(paths.budgets);
    expect(budgets.map((row: Row) => row.name)).toEqual(['Design']);
    const summary = await asClient(`/api/budgets/${budget.documentId}/summary`);
    expect(summary).toMatchObject({ amountCents: 5000, billableMinutes: 90, unitemizedMinutes: 30 });
    const sections: [string, string, (rows: Row[], format: Format) => Column[]][] = [
      ['Tasks', paths.tasks, taskColumns],
      ['Discussions', paths.discussions, discussionColumns],
      ['Documents', paths.documents, documentColumns],
      ['Budgets', paths.budgets, (rows, f) => budgetColumns(rows, f, { [budget.documentId]: summary })],
      ['Time', paths.time, timeColumns],
      ['Expenses', paths.expenses, expenseColumns],
      ['Invoices', paths.invoices, invoiceColumns],
    ];
    for (const [name, pathname, columns] of sections) {
      const rows: Row[] = await asClient(pathname);
      expect({ name, count: rows.length }).toEqual({ name, count: 1 });
      const expected = rows.map((row) => columns(rows, format).map((column) => column.cell(row)));
      const table = page.getByRole('region', { name, exact: true }).getByRole('grid');
      await table.locator('tbody tr').first().waitFor();
      const shown = await table
        .locator('tbody tr')
        .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.innerText.trim())));
      expect({ name, shown }).toEqual({ name, shown: expected });
    }
    const budgetRow = page.getByRole('region', { name: 'Budgets', exact: true });
    for (const text of ['€50.00', 'Fixed', '€49.00', '€1.00', '1:30', '0:30 (€15.00)']) {
      await budgetRow.getByText(text, { exact: true }).waitFor();
    }
    const invoices = page.getByRole('region', { name: 'Invoices' });
    await invoices.getByText('INV-2026-0042').waitFor();
    await invoices.getByText('Issued', { exact: true }).waitFor();
    await page.getByRole('region', { name: 'Expenses' }).getByText('€4.00').waitFor();
    const html = await page.content();
    expect(html).not.toContain(HIDDEN_CANARY);
    // Values in words and money, never raw: no cents, no enum values.
    const regionText = (name: string) => page.getByRole('region', { name, exact: true }).innerText();
    expect(await regionText('Budgets')).not.toMatch(/\b(5000|4900|100)\b|fixed/);
    expect(await regionText('Invoices')).not.toMatch(/\bissued\b/);
    expect(await regionText('Tasks')).not.toMatch(/\bopen\b/);
    expect(
      await page
        .getByRole('alert')
        .filter({ hasText: /Refused|Not found|Failed/ })
        .count()
    ).toBe(0);
    await shot('view-as-client');
    // From the banner down: the project, its budget with the summary, tasks and more.
    await page.getByText('Seen as', { exact: true }).evaluate((element) => {
      element.scrollIntoView({ block: 'start' });
      // Then a little back, so the banner sits below the sticky header of whatever scrolled.
      let scroller = element.parentElement;
      while (scroller && scroller.scrollTop === 0) scroller = scroller.parentElement;
      if (scroller) scroller.scrollTop -= 90;
      else element.ownerDocument.defaultView?.scrollBy(0, -90);
    });
    await docShot('view-as-client');
  });

  it('shows a refused preview as an error, not as the client’s view', async () => {
    // A Member who does not lead Website may not look through its client's eyes.
    const member = await fixtures(app).person({
      role: 'member',
      projects: [website],
      firstName: 'Max',
      lastName: 'Member',
    });
    const staffPage = await signInBrowser(browser, app, await signInStaffAdmin(app, member.email));
    try {
      await openPortalPage(staffPage, '/preview');
      await staffPage.getByRole('combobox').first().click();
      await staffPage.getByRole('option', { name: /Cora Acme/ }).click();
      await staffPage.getByRole('combobox').nth(1).click();
      await staffPage.getByRole('option', { name: 'Website' }).click();
      // The server's refusal, with its status and message, in every section.
      for (const name of ['Project', 'Budgets', 'Tasks', 'Discussions', 'Documents', 'Time', 'Expenses', 'Invoices']) {
        await staffPage
          .getByRole('region', { name, exact: true })
          .getByText(/^Refused \(403\): \S/)
          .waitFor();
      }
      expect(await staffPage.getByText('exactly what the API returns to this person').count()).toBe(0);
      expect(await staffPage.getByText('No task is visible.').count()).toBe(0);
      await screenshot(staffPage, 'view-as-client-refused');
    } finally {
      await staffPage.context().close();
    }
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
    const token = (await signInAdmin(app)).token;
    const adminGet = async (pathname: string) =>
      (await app.http.request('GET', pathname, { headers: { authorization: `Bearer ${token}` } })).body.data;
    const before = await adminGet('/client-portal/settings');
    await open('/settings');
    await dismissStrapiNotices(page);
    const seatLimit = page.getByLabel('Seat limit');
    const save = page.getByRole('button', { name: 'Save', exact: true });

    // Not a number: said in words at the field, nothing sent.
    await seatLimit.fill('abc');
    await save.click();
    await page.getByText('Enter a whole number of at least 1, or leave the field empty for no limit.').waitFor();
    expect(await adminGet('/client-portal/settings')).toEqual(before);

    // Below the seats in use: asked first; Cancel keeps the old limit, Save anyway stores it.
    const { used } = await adminGet('/client-portal/seats');
    expect(used).toBeGreaterThanOrEqual(3);
    await seatLimit.fill('2');
    await save.click();
    const dialog = page.getByRole('alertdialog');
    await dialog
      .getByText(
        `${used} people hold seats; a limit of 2 lets no one new in until ${used - 1} of them are archived. Save anyway?`
      )
      .waitFor();
    await docShot('settings-below-seats', false);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await adminGet('/client-portal/settings')).toEqual(before);
    await save.click();
    await dialog.getByRole('button', { name: 'Save anyway' }).click();
    await page.getByText('Settings saved').waitFor();
    await eventually(async () => (await adminGet('/client-portal/settings')).seatLimit, 2);

    // The currency from the list of ISO codes, by name.
    await page.getByRole('combobox', { name: 'Default currency of new projects' }).click();
    await page.getByRole('option', { name: 'USD — US Dollar' }).click();
    await seatLimit.fill('5');
    await save.click();
    await eventually(async () => (await adminGet('/client-portal/settings')).defaultCurrency, 'USD');
    expect((await adminGet('/client-portal/seats')).limit).toBe(5);
    await page
      .getByRole('combobox', { name: 'Default currency of new projects' })
      .getByText('USD — US Dollar')
      .waitFor();
    await shot('settings');
    await docShot('settings');
  });
});
