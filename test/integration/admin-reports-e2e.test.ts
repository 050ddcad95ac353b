import fs from 'fs';
import path from 'path';
import type { Browser, Page } from 'playwright-core';
import { dismissStrapiNotices, launchChromium } from '../harness/browser';
import { signInAdmin, signInStaffAdmin } from '../harness/admin';
import { openPortalPage, requireBuiltAdminPanel, screenshot, signInBrowser } from '../harness/admin-page';
import { OWNER_EMAIL, startApp, type TestApp } from '../harness/app';
import { APP_ROOT, databaseClient } from '../harness/database';
import { fixtures, type Person, type Row } from '../harness/fixtures';
import { currentWeek } from '../../src/plugins/client-portal/admin/src/utils/report-logic';
import { formatDuration, formatMoney } from '../../src/plugins/client-portal/admin/src/utils/format';

const TIME = 'api::time-entry.time-entry';
const TRANSLATIONS = path.join(APP_ROOT, 'src', 'plugins', 'client-portal', 'admin', 'src', 'translations');

/**
 * Issue 13 in a real Chromium against the built admin panel: the shell (tabs, "acting as",
 * not linked, no permission), the Reports page under the report rules of docs/roles-and-capabilities.md, and the four
 * home widgets, each compared with the REST answers of the same person.
 */
describe(`the admin shell, reports and home widgets in Chromium on ${databaseClient()}`, () => {
  let app: TestApp;
  let browser: Browser;
  let owner: { id: number; jwt: string };
  let memberP: Person;
  let memberF: Person;
  let member: Person;
  const week = currentWeek(new Date());

  /** A fresh browser session signed in as the given admin, in that admin language (and a German-region browser). */
  const signIn = async (admin: { email: string; password: string }, language: 'en' | 'de' = 'en'): Promise<Page> => {
    const page = await signInBrowser(browser, app, admin, { language, locale: `${language}-DE` });
    await dismissStrapiNotices(page, 5_000);
    return page;
  };
  const rest = async (pathname: string, jwt: string) => {
    const response = await app.http.get(pathname, jwt);
    expect(response.status).toBe(200);
    return response.body;
  };

  beforeAll(async () => {
    requireBuiltAdminPanel();
    app = await startApp({ serveAdminPanel: true });
    const make = fixtures(app);
    const ownerRow = await app.strapi.db
      .query('plugin::users-permissions.user')
      .findOne({ where: { email: OWNER_EMAIL } });
    owner = { id: ownerRow.id, jwt: make.jwtFor(ownerRow.id) };
    const acme = await make.company({ name: 'Acme' });
    member = await make.person({ role: 'member', firstName: 'Mia', lastName: 'Meyer' });
    memberP = await make.person({ role: 'member', canManageProjects: true, firstName: 'Paul', lastName: 'Park' });
    memberF = await make.person({ role: 'member', canManageFinances: true, firstName: 'Fynn', lastName: 'Fink' });
    const website = await make.project(acme, { name: 'Website', members: [member, memberP, memberF] });
    const shop = await make.project(acme, { name: 'Shop', members: [member, memberP] });
    const design = await make.create('api::budget.budget', {
      project: website.documentId,
      name: 'Design',
      amountCents: 30000,
    });
    await make.create('api::budget.budget', { project: shop.documentId, name: 'Build', amountCents: 500000 });
    const log = (person: Person, project: Row, date: string, minutes: number, data: Record<string, unknown> = {}) =>
      make.create(TIME, {
        project: project.documentId,
        person: person.documentId,
        date,
        minutes,
        billable: true,
        state: 'approved',
        rateCents: 12000,
        costCents: minutes * 50,
        ...data,
      });
    await log(member, website, '2026-10-02', 90, { budget: design.documentId });
    await log(memberP, website, '2026-11-03', 60, { budget: design.documentId });
    await log(member, shop, '2026-11-05', 45, { billable: false });
    await log(member, website, week.from, 30, { state: 'pending' });
    await log(member, website, week.from, 15, { state: 'pending' });
    await log(memberF, website, week.from, 60, { state: 'pending' });
    await log(memberF, website, week.to, 45, { state: 'pending' });
    await make.create('api::expense.expense', {
      project: website.documentId,
      person: member.documentId,
      date: week.from,
      description: 'Fonts',
      amountCents: 4900,
      state: 'pending',
    });
    browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('shows a super admin (acting as the Owner) the reports as charts and tables with the REST totals, and exports CSV', async () => {
    const page = await signIn(await signInAdmin(app));
    await openPortalPage(page, '/reports');
    const nav = page.getByRole('navigation', { name: 'Client portal' });
    await nav.getByRole('tab', { name: 'Reports' }).waitFor();
    expect(await nav.getByRole('tab', { name: 'Reports' }).getAttribute('aria-selected')).toBe('true');
    await page.getByText(/^Acting as .* \(Owner\)/).waitFor();

    const time = (await rest('/api/reports/time?groupBy=project', owner.jwt)).data as {
      name: string;
      minutes: number;
    }[];
    const minutes = time.reduce((sum, row) => sum + row.minutes, 0);
    expect(minutes).toBe(90 + 60 + 45 + 30 + 15 + 60 + 45);
    const totalRow = page.getByTestId('time-total');
    await totalRow.waitFor();
    expect(await totalRow.innerText()).toContain(formatDuration(minutes));
    for (const row of time) await page.getByRole('gridcell', { name: row.name, exact: true }).first().waitFor();
    await page.getByTestId('time-chart').locator('.recharts-bar-rectangle').first().waitFor();

    const budgets = (await rest('/api/reports/budgets', owner.jwt)).data as {
      amountCents: number;
      usedCents: number;
    }[];
    const amount = budgets.reduce((sum, row) => sum + row.amountCents, 0);
    const used = budgets.reduce((sum, row) => sum + row.usedCents, 0);
    const budgetTotal = page.getByTestId('budget-total-EUR');
    await budgetTotal.waitFor();
    expect(await budgetTotal.innerText()).toContain(formatMoney(amount, 'EUR', 'en'));
    expect(await budgetTotal.innerText()).toContain(formatMoney(used, 'EUR', 'en'));
    await page.getByTestId('budget-chart-EUR').locator('.recharts-bar-rectangle').first().waitFor();
    await screenshot(page, 'reports', { docs: 'viewport' });

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export time report as CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('time-by-project.csv');
    const csv = fs.readFileSync((await file.path()) as string, 'utf8');
    const expected = await app.http.get('/api/reports/time?groupBy=project&format=csv', owner.jwt);
    expect(csv).toBe(expected.text);
    expect(csv).toContain('Website');
    await page.context().close();
  });

  it('shows an admin linked to a Member+ P the time reports but no money', async () => {
    const page = await signIn(await signInStaffAdmin(app, memberP.email));
    await openPortalPage(page, '/reports');
    await page.getByText('Acting as Paul Park (Member+ P)').waitFor();
    const own = (await rest('/api/reports/time?groupBy=project', memberP.jwt)).data as { minutes: number }[];
    await page.getByTestId('time-total').waitFor();
    expect(await page.getByTestId('time-total').innerText()).toContain(
      formatDuration(own.reduce((sum, row) => sum + row.minutes, 0))
    );
    await page.getByText('Budgets vs cost is a financial report').waitFor();
    const text = await page.locator('main').innerText();
    expect(text).not.toMatch(/€|EUR/);
    expect(await page.getByTestId('budget-total-EUR').count()).toBe(0);
    await screenshot(page, 'reports-member-p');
    await page.context().close();
  });

  it('gives an admin without the plugin permissions Strapi’s no-permission page at once', async () => {
    const page = await signIn(await signInAdmin(app, 'strapi-editor'));
    // Timed from the loaded bundle: the panel itself must decide at once (no spinner, no error page).
    await page.goto(`${app.baseUrl}/admin/plugins/client-portal`);
    const started = Date.now();
    await page.getByText("You don't have the permissions to access that content").waitFor({ timeout: 5_000 });
    expect(Date.now() - started).toBeLessThan(5_000);
    const text = await page.locator('body').innerText();
    expect(text).not.toMatch(/Whoops|Woops|Something went wrong/);
    await screenshot(page, 'no-permission', { docs: 'viewport' });
    // No widget of the plugin on the home page either.
    await page.goto(`${app.baseUrl}/admin`);
    await page.getByText(/Hello/).first().waitFor();
    await page.waitForTimeout(1_000);
    expect(await page.getByText('Approvals waiting for me').count()).toBe(0);
    await page.context().close();
  });

  it('tells an admin linked to nobody so, on every plugin page', async () => {
    const page = await signIn(await signInStaffAdmin(app, 'nobody-here@agency.test'));
    for (const route of ['', '/reports', '/budgets']) {
      await openPortalPage(page, route);
      await page.getByText('Your admin account is not linked to a person of the agency').waitFor();
    }
    expect(await page.locator('body').innerText()).not.toContain('Policy Failed');
    await screenshot(page, 'not-linked');
    await page.context().close();
  });

  it('shows a Member+ F the four home widgets with their numbers', async () => {
    const sheet = await rest(`/api/timesheets?from=${week.from}&to=${week.to}&person=${memberF.id}`, memberF.jwt);
    expect(sheet.meta.totalMinutes).toBe(105);
    const entries = (await rest('/api/client-portal/approvals?type=time-entries', memberF.jwt)).meta.pagination.total;
    const expenses = (await rest('/api/client-portal/approvals?type=expenses', memberF.jwt)).meta.pagination.total;
    expect(entries + expenses).toBeGreaterThan(0);
    const uninvoiced = (await rest('/api/reports/uninvoiced', memberF.jwt)).data as {
      totalCents: number;
      currency: string;
    }[];
    const open = uninvoiced.reduce((sum, row) => sum + row.totalCents, 0);

    const page = await signIn(await signInStaffAdmin(app, memberF.email));
    await page.getByText('My week').waitFor();
    const myWeek = page.getByTestId('widget-my-week');
    await myWeek.waitFor();
    expect(await myWeek.innerText()).toContain(`${formatDuration(105)} h`);
    const approvals = page.getByTestId('widget-approvals');
    await approvals.waitFor();
    expect(await approvals.innerText()).toContain(String(entries + expenses));
    expect(await approvals.innerText()).toMatch(new RegExp(`${entries} time entr(y|ies) and ${expenses} expenses?`));
    const budgets = page.getByTestId('widget-budgets');
    await budgets.waitFor();
    // Design: 90 + 60 approved billable minutes at 120.00 = 300.00 of 300.00; Build is not on Fynn's projects.
    expect(await budgets.innerText()).toContain('Design');
    expect(await budgets.innerText()).toContain('100 %');
    expect(await budgets.innerText()).toContain(formatMoney(30000, 'EUR', 'en'));
    expect(await budgets.innerText()).not.toContain('Build');
    const uninvoicedWidget = page.getByTestId('widget-uninvoiced');
    await uninvoicedWidget.waitFor();
    expect(await uninvoicedWidget.innerText()).toContain(formatMoney(open, 'EUR', 'en'));
    await page.getByTestId('widget-budgets').scrollIntoViewIfNeeded();
    await page.mouse.move(0, 0);
    await screenshot(page, 'home-widgets', { docs: 'viewport' });
    await page.context().close();
  });

  it('shows on People & seats which admin acts as whom, lets the Owner link one, and flags Content Manager rights', async () => {
    const superAdmin = await signInAdmin(app);
    const finance = await signInStaffAdmin(app, memberF.email);
    // Another super admin (Content Manager rights) that the Owner gives to Mia.
    const editor = await signInAdmin(app);
    const page = await signIn(superAdmin);
    await openPortalPage(page, '');
    const row = (person: Person) =>
      page.getByRole('row', { name: new RegExp(`${person.firstName} ${person.lastName}`) });
    await row(memberF).getByText(`Admin account: ${finance.email} (same email)`).waitFor();
    await row(member).getByText('No admin account').waitFor();

    // The Owner links Mia to an account holding Content Manager rights, though Mia is no Owner.
    await row(member)
      .getByRole('combobox', { name: `Admin account of ${member.email}` })
      .click();
    await page.getByRole('option', { name: editor.email }).click();
    await row(member).getByRole('button', { name: 'Link' }).click();
    await row(member).getByText(`Admin account: ${editor.email}`).waitFor();
    await row(member).getByText('Content Manager access without Owner role').waitFor();
    const links = await app.http.request('GET', '/client-portal/admin-links', {
      headers: { authorization: `Bearer ${superAdmin.token}` },
    });
    expect(links.body.data).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ personId: member.id, via: 'link', contentManagerWithoutOwner: true }),
        expect.objectContaining({ personId: memberF.id, via: 'email', contentManagerWithoutOwner: false }),
      ])
    );
    await screenshot(page, 'people-admin-links');
    await page.context().close();
  });
  it('walks a German-speaking Owner through every page in German, money and dates formatted for Germany', async () => {
    const en = JSON.parse(fs.readFileSync(path.join(TRANSLATIONS, 'en.json'), 'utf8')) as Record<string, string>;
    const de = JSON.parse(fs.readFileSync(path.join(TRANSLATIONS, 'de.json'), 'utf8')) as Record<string, string>;
    // English phrases that German replaces: none may show on a German page.
    const german = new Set(Object.values(de));
    const english = Object.entries(en)
      .filter(([id, text]) => de[id] !== text && !german.has(text) && !/[{}]/.test(text) && text.length >= 6)
      .map(([, text]) => text);
    const page = await signIn(await signInAdmin(app), 'de');
    const tabs = {
      '': 'Personen & Plätze',
      timesheet: 'Meine Zeiterfassung',
      approvals: 'Freigaben',
      budgets: 'Budgets',
      invoices: 'Rechnungen',
      reports: 'Berichte',
      preview: 'Als Kunde ansehen',
      settings: 'Einstellungen',
    };
    for (const [route, tab] of Object.entries(tabs)) {
      await page.goto(`${app.baseUrl}/admin/plugins/client-portal/${route}`);
      const nav = page.getByRole('navigation', { name: de['plugin.name'] });
      await nav.waitFor();
      expect(await nav.getByRole('tab', { name: tab }).getAttribute('aria-selected')).toBe('true');
      await page.getByText(/^Handelt als .* \(Owner\)/).waitFor();
      await page.waitForLoadState('networkidle');
      const text = await page.locator('main').innerText();
      // A label is a line of its own; a longer sentence may sit inside a line.
      const lines = new Set(text.split('\n').map((line) => line.trim()));
      expect(english.filter((phrase) => lines.has(phrase) || (phrase.length >= 15 && text.includes(phrase)))).toEqual(
        []
      );
      expect(text).not.toMatch(/client-portal\.[a-z]/);
    }
    // Budgets: amounts as Germans write them (300,00 €), forecast and chart in German.
    await page.goto(`${app.baseUrl}/admin/plugins/client-portal/budgets`);
    await page
      .getByText(formatMoney(30000, 'EUR', 'de'))
      .first()
      .waitFor();
    expect(formatMoney(30000, 'EUR', 'de')).toMatch(/^300,00\s€$/);
    await screenshot(page, 'budgets-de', { docs: 'viewport' });
    await page.context().close();
  });
});
