import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../harness/browser';
import { signInStaffAdmin } from '../harness/admin';
import { openPortalPage, requireBuiltAdminPanel, screenshot, signInBrowser } from '../harness/admin-page';
import { startApp, type TestApp } from '../harness/app';
import { databaseClient } from '../harness/database';
import { fixtures, type Person, type Row } from '../harness/fixtures';

/** 10 h × 95.50 + 1 × 240.00 = 1,195.00; 19 % tax 227.05; total 1,422.05. */
const SUBTOTAL = 119500;
const TAX = 22705;
const TOTAL = 142205;

/**
 * Estimates and Templates & teams (docs/admin-panel.md) in a real Chromium against the built
 * admin panel: a Member+ F drafts and sends an estimate, Acme's Client Manager accepts it
 * through REST, the Member+ F converts it with a template; a Member+ P writes a template,
 * starts a project from it and forms a team; a plain Member is shown why they cannot.
 */
describe(`the estimates and templates pages in Chromium on ${databaseClient()}`, () => {
  let app: TestApp;
  let browser: Browser;
  let finance: Person;
  let planner: Person;
  let member: Person;
  let manager: Person;
  let acme: Row;

  /** A fresh browser session signed in as the admin with that email (a staff role linked to that person). */
  const signIn = async (email: string): Promise<Page> =>
    signInBrowser(browser, app, await signInStaffAdmin(app, email));
  const choose = async (page: Page, combobox: string, option: string, within?: string) => {
    const scope = within ? page.getByRole('form', { name: within }) : page;
    await scope.getByRole('combobox', { name: combobox }).click();
    await page.getByRole('option', { name: option, exact: true }).click();
  };

  beforeAll(async () => {
    requireBuiltAdminPanel();
    app = await startApp({ serveAdminPanel: true });
    const make = fixtures(app);
    acme = await make.company({ name: 'Acme' });
    manager = await make.person({ role: 'client', company: acme, clientManager: true, firstName: 'Cora' });
    finance = await make.person({ role: 'member', canManageFinances: true, firstName: 'Fynn', lastName: 'Finance' });
    planner = await make.person({ role: 'member', canManageProjects: true, firstName: 'Pia', lastName: 'Planner' });
    member = await make.person({ role: 'member', firstName: 'Mia', lastName: 'Member' });
    // A Member+ P sees the companies and people of the projects they are on: Acme and Mia, through this one.
    await make.project(acme, { name: 'Acme website', leader: planner, members: [member] });
    await make.create('api::project-template.project-template', {
      name: 'Website launch',
      tasks: [
        { title: 'Kick-off workshop', dueAfterDays: 2, hiddenFromClients: false },
        { title: 'Internal QA', dueAfterDays: 10, hiddenFromClients: true },
      ],
    });
    browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('lets a Member+ F draft and send an estimate, and convert it once the client accepted', async () => {
    const page = await signIn(finance.email);
    await openPortalPage(page, '/estimates');
    const form = page.getByRole('form', { name: 'New estimate' });
    await choose(page, 'Company', 'Acme', 'New estimate');
    await form.getByLabel('Title').fill('Website relaunch');
    await form.getByLabel('Valid until').fill('2099-12-31');
    const lines = form.getByTestId('estimate-line');
    await lines.nth(0).getByLabel('Description').fill('Design');
    await lines.nth(0).getByLabel('Quantity').fill('10');
    await lines.nth(0).getByRole('combobox', { name: 'Unit' }).click();
    await page.getByRole('option', { name: 'Hours', exact: true }).click();
    await lines
      .nth(0)
      .getByLabel(/Unit price/)
      .fill('95.50');
    await form.getByRole('button', { name: 'Add a line' }).click();
    await lines.nth(1).getByLabel('Description').fill('Hosting setup');
    await lines
      .nth(1)
      .getByLabel(/Unit price/)
      .fill('240');
    // The total as the server will count it, before saving.
    await form.getByTestId('estimate-form-total').getByText('total €1,422.05').waitFor();
    await screenshot(page, 'estimate-form', { docs: 'full-page' });
    await form.getByRole('button', { name: 'Save draft' }).click();

    const number = page.getByTestId('estimate-number');
    await number.filter({ hasText: 'Draft' }).waitFor();
    const totals = page.getByTestId('invoice-totals');
    await totals.getByText('Total: €1,422.05').waitFor();
    await expect(totals.innerText()).resolves.toContain('Subtotal: €1,195.00');

    await page.getByRole('button', { name: 'Send to the client' }).click();
    await number.filter({ hasText: /^EST-\d{4}-0001$/ }).waitFor();
    const sentNumber = (await number.innerText()).trim();

    // The client company's Client Manager reads it with the same totals, and accepts it.
    const seen = await app.http.get('/api/estimates?populate=lines', manager.jwt);
    expect(seen.status).toBe(200);
    expect(seen.body.data).toHaveLength(1);
    expect(seen.body.data[0]).toMatchObject({
      number: sentNumber,
      state: 'sent',
      subtotalCents: SUBTOTAL,
      taxCents: TAX,
      totalCents: TOTAL,
    });
    const accepted = await app.http.post(`/api/estimates/${seen.body.data[0].documentId}/accept`, {}, manager.jwt);
    expect(accepted.status).toBe(200);

    await page.reload();
    await page.getByRole('navigation', { name: 'Client portal' }).waitFor();
    await page
      .getByRole('row', { name: new RegExp(sentNumber) })
      .getByText('Accepted')
      .waitFor();
    await page
      .getByRole('row', { name: new RegExp(sentNumber) })
      .getByRole('button', { name: 'Open' })
      .click();
    await choose(page, 'Project template', 'Website launch');
    await page.getByRole('button', { name: 'Convert to a project' }).click();
    await page.getByText('Website relaunch · Acme · Website relaunch').waitFor();
    await page.getByRole('button', { name: 'Convert to a project' }).waitFor({ state: 'detached' });
    await screenshot(page, 'estimates', { docs: 'full-page' });

    // The project: the template's tasks and a fixed budget of the estimate's total.
    const owner = finance.jwt;
    const projects = await app.http.get(
      '/api/projects?filters[name][$eq]=Website relaunch&populate[tasks][fields][0]=title&populate[budgets]=true',
      owner
    );
    expect(projects.status).toBe(200);
    expect(projects.body.data).toHaveLength(1);
    const project = projects.body.data[0];
    expect(project.tasks.map((task: { title: string }) => task.title).sort()).toEqual([
      'Internal QA',
      'Kick-off workshop',
    ]);
    expect(project.budgets).toEqual([expect.objectContaining({ kind: 'fixed', amountCents: TOTAL })]);
  });

  it('lets a Member+ P write a template, start a project from it and form a team', async () => {
    const page = await signIn(planner.email);
    await openPortalPage(page, '/templates');
    const form = page.getByRole('form', { name: 'New template' });
    await form.getByLabel('Name').fill('Retainer month');
    const task = form.getByTestId('template-task').first();
    await task.getByLabel('Task').fill('Monthly report');
    await task.getByLabel('Estimate (minutes)').fill('90');
    await task.getByLabel('Due after (days)').fill('28');
    await form.getByRole('button', { name: 'Save template' }).click();
    await page
      .getByRole('row', { name: /Retainer month/ })
      .getByText('Monthly report')
      .waitFor();

    const start = page.getByRole('form', { name: 'New project from a template' });
    await choose(page, 'Project template', 'Retainer month', 'New project from a template');
    await start.getByLabel('Project name').fill('Acme retainer December');
    await choose(page, 'Company', 'Acme', 'New project from a template');
    await start.getByLabel('Starts on').fill('2026-12-01');
    await start.getByRole('button', { name: 'Create' }).click();
    await page.getByText('Project "Acme retainer December" created').waitFor();

    const teamForm = page.getByRole('form', { name: 'New team' });
    await teamForm.getByLabel('Team').fill('Design crew');
    await teamForm.getByRole('combobox', { name: 'Members' }).click();
    await page.getByRole('option', { name: 'Mia Member' }).click();
    await page.keyboard.press('Escape');
    await teamForm.getByRole('button', { name: 'Save team' }).click();
    await page
      .getByRole('row', { name: /Design crew/ })
      .getByText('Mia Member')
      .waitFor();
    await screenshot(page, 'templates', { docs: 'full-page' });

    const projects = await app.http.get(
      '/api/projects?filters[name][$eq]=Acme retainer December&populate[tasks][fields][0]=title&populate[tasks][fields][1]=dueOn',
      planner.jwt
    );
    expect(projects.body.data).toHaveLength(1);
    expect(projects.body.data[0].tasks).toEqual([
      expect.objectContaining({ title: 'Monthly report', dueOn: '2026-12-29' }),
    ]);
    const teams = await app.http.get('/api/teams?populate[members][fields][0]=firstName', planner.jwt);
    expect(teams.body.data).toEqual([
      expect.objectContaining({ name: 'Design crew', members: [expect.objectContaining({ firstName: 'Mia' })] }),
    ]);
  });

  it('tells a plain Member who manages estimates and templates', async () => {
    const page = await signIn(member.email);
    await openPortalPage(page, '/estimates');
    await page.getByText('Estimates are managed by Owners and Member+ with the finance permission.').waitFor();
    await openPortalPage(page, '/templates');
    await page
      .getByText('Templates and teams are managed by Owners and Member+ with the projects permission.')
      .waitFor();
  });
});
