import path from 'path';
import type { Browser, Page } from 'playwright-core';
import { addDays, formatDay, localDate, weekStart } from '../../src/plugins/client-portal/admin/src/utils/time-logic';
import { launchChromium } from '../harness/browser';
import { signInStaffAdmin } from '../harness/admin';
import {
  ARTIFACTS,
  eventually,
  openPortalPage,
  requireBuiltAdminPanel,
  screenshot,
  signInBrowser,
} from '../harness/admin-page';
import { startApp, type TestApp } from '../harness/app';
import { databaseClient } from '../harness/database';
import { fixtures, type Person, type Row } from '../harness/fixtures';

const REASON = 'Please split design and build';

/**
 * "My timesheet" and "Approvals" (docs/admin-panel.md) in a real Chromium against the built admin panel:
 * admins linked to a Member and to the project's leader work as those people, and every
 * change is checked through the REST API as the person it belongs to.
 */
describe(`the timesheet and approvals pages in Chromium on ${databaseClient()}`, () => {
  let app: TestApp;
  let browser: Browser;
  let member: Person;
  let colleague: Person;
  let leader: Person;
  let manager: Person;
  let project: Row;
  let task: Row;
  let toDelete: Row;
  let invoiced: Row;
  let memberPage: Page;
  let leaderPage: Page;

  const monday = weekStart(localDate(new Date()));
  const day = (offset: number) => addDays(monday, offset);
  const cell = (row: string, offset: number) => `${row}, ${formatDay(day(offset), 'en', 'short')}`;

  /** The member's own entries through REST: {documentId: [date, minutes, state, rejectionReason]}. */
  const entriesOf = async (person: Person) => {
    const response = await app.http.get(
      '/api/time-entries?pagination[pageSize]=100&populate[task][fields][0]=title',
      person.jwt
    );
    expect(response.status).toBe(200);
    return response.body.data as Row[];
  };
  const logAs = async (person: Person, data: Record<string, unknown>) => {
    const response = await app.http.post(
      '/api/time-entries',
      { data: { project: project.documentId, ...data } },
      person.jwt
    );
    expect(response.status).toBe(201);
    return response.body.data as Row;
  };
  /** A fresh browser session of an admin linked to `person`. */
  const signIn = async (person: Person) => signInBrowser(browser, app, await signInStaffAdmin(app, person.email));

  beforeAll(async () => {
    requireBuiltAdminPanel();
    app = await startApp({ serveAdminPanel: true });
    const make = fixtures(app);
    const acme = await make.company({ name: 'Acme' });
    leader = await make.person({ role: 'member', firstName: 'Leo', lastName: 'Leader' });
    member = await make.person({ role: 'member', firstName: 'Mia', lastName: 'Member', hourlyRateCents: 9000 });
    colleague = await make.person({ role: 'member', firstName: 'Noah', lastName: 'Colleague' });
    manager = await make.person({ role: 'client', company: acme, clientManager: true, firstName: 'Cora' });
    project = await make.project(acme, {
      name: 'Website',
      leader,
      members: [member, colleague, manager],
      requireTimeApproval: true,
      clientsCanApproveTime: false,
    });
    task = await make.create('api::task.task', { project: project.documentId, title: 'Design' });
    toDelete = await logAs(member, { task: task.documentId, date: day(1), minutes: 45, note: 'Moodboard' });
    await logAs(member, { date: day(2), minutes: 60, note: 'Kick-off call' });
    invoiced = await logAs(member, { date: day(3), minutes: 30, note: 'Already billed' });
    const invoice = await make.create('api::invoice.invoice', {
      company: acme.documentId,
      project: project.documentId,
    });
    await app.strapi.db
      .query('api::time-entry.time-entry')
      .update({ where: { documentId: invoiced.documentId }, data: { invoice: invoice.id } });
    await logAs(colleague, { task: task.documentId, date: day(0), minutes: 240, note: 'Wireframes' });
    await logAs(colleague, { task: task.documentId, date: day(1), minutes: 150, note: 'Design review' });

    browser = await launchChromium();
    memberPage = await signIn(member);
    leaderPage = await signIn(leader);
  }, 240_000);
  afterEach(async () => {
    // What each page showed when a test ended, to read after a failure.
    for (const [name, page] of [
      ['member', memberPage],
      ['leader', leaderPage],
    ] as const) {
      await page
        ?.screenshot({ path: path.join(ARTIFACTS, `${databaseClient()}-time-${name}-last.png`), fullPage: true })
        .catch(() => undefined);
    }
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('lets a member log, edit and delete their time in the week grid, with totals per day and week', async () => {
    const page = memberPage;
    await openPortalPage(page, `/timesheet?week=${monday}`);
    const design = 'Website / Design';
    await page.getByRole('button', { name: `Edit 0:45 on ${cell(design, 1)}` }).waitFor();

    // Log 1:30 on Monday.
    await page.getByRole('button', { name: `Log time on ${cell(design, 0)}` }).click();
    await page.getByLabel('Duration').fill('1:30');
    await page.getByLabel('Note').fill('Homepage layout');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('button', { name: `Edit 1:30 on ${cell(design, 0)}` }).waitFor();
    const mine = async () =>
      (await entriesOf(member))
        .filter((entry) => entry.date === day(0))
        .map((entry) => [entry.minutes, entry.task?.title, entry.note, entry.state]);
    await eventually(mine, [[90, 'Design', 'Homepage layout', 'pending']]);

    // Edit it to 2:00 (decimal hours work too).
    await page.getByRole('button', { name: `Edit 1:30 on ${cell(design, 0)}` }).click();
    await page.getByLabel('Duration').fill('2');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('button', { name: `Edit 2:00 on ${cell(design, 0)}` }).waitFor();
    await eventually(mine, [[120, 'Design', 'Homepage layout', 'pending']]);

    // A duration the server would refuse is caught in the form.
    await page.getByRole('button', { name: `Log time on ${cell(design, 4)}` }).click();
    await page.getByLabel('Duration').fill('25:00');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Enter a duration from 0:01 to 24:00').waitFor();
    await page.getByRole('button', { name: 'Cancel' }).click();

    // Totals: Monday 2:00; the week 2:00 + 0:45 + 1:00 + 0:30.
    await eventually(() => page.getByTestId('day-total-0').innerText(), '2:00');
    await eventually(() => page.getByTestId('week-total').innerText(), '4:15');

    // Delete the Tuesday entry.
    await page.getByRole('button', { name: `Edit 0:45 on ${cell(design, 1)}` }).click();
    await page.getByRole('button', { name: 'Delete' }).click();
    await eventually(() => page.getByTestId('week-total').innerText(), '3:30');
    expect(await page.getByTestId('day-total-1').innerText()).toBe('0:00');
    await eventually(
      async () => (await entriesOf(member)).some((entry) => entry.documentId === toDelete.documentId),
      false
    );

    // An invoiced entry refuses with a message, not a raw error.
    await page.getByRole('button', { name: `Edit 0:30 on ${cell('Website', 3)}` }).click();
    await page.getByLabel('Duration').fill('0:40');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('alertdialog').getByText('This entry is on an invoice and can no longer change.').waitFor();
    await page.getByRole('button', { name: 'Cancel' }).click();
    expect((await entriesOf(member)).find((entry) => entry.documentId === invoiced.documentId)?.minutes).toBe(30);
  });

  it('lets the project leader approve one entry and reject another with a reason', async () => {
    const page = leaderPage;
    await openPortalPage(page, '/approvals');
    const miaMonday = `Mia Member, ${formatDay(day(0), 'en')}, 2:00`;
    const miaWednesday = `Mia Member, ${formatDay(day(2), 'en')}, 1:00`;
    await page.getByRole('button', { name: `Approve ${miaMonday}` }).waitFor();
    expect(await page.content()).not.toContain('rateCents');

    // Filter by person: only Noah's two entries; select both for the screenshot.
    await page.getByRole('combobox', { name: 'Person' }).click();
    await page.getByRole('option', { name: 'Noah Colleague' }).click();
    await eventually(() => page.getByRole('button', { name: /^Approve Noah Colleague/ }).count(), 2);
    expect(await page.getByRole('button', { name: /^Approve Mia Member/ }).count()).toBe(0);
    await page.getByRole('combobox', { name: 'Person' }).click();
    await page.getByRole('option', { name: 'All' }).click();
    await page.getByRole('button', { name: `Approve ${miaMonday}` }).waitFor();
    await page
      .getByRole('checkbox', { name: /^Select Noah Colleague/ })
      .first()
      .click();
    await page
      .getByRole('checkbox', { name: /^Select Noah Colleague/ })
      .nth(1)
      .click();
    await page.getByText('2 selected').waitFor();
    await screenshot(page, 'approvals', { docs: 'viewport' });

    // One row: approve Monday's entry.
    await page.getByRole('button', { name: `Approve ${miaMonday}` }).click();
    await page.getByText('Approved 1 entry').waitFor();
    const stateOf = async (date: string) =>
      (await entriesOf(member))
        .filter((entry) => entry.date === date)
        .map((entry) => [entry.state, entry.rejectionReason ?? null]);
    await eventually(() => stateOf(day(0)), [['approved', null]]);

    // One row: reject Wednesday's entry, with a reason asked in a dialog.
    await page.getByRole('button', { name: `Reject ${miaWednesday}` }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.getByRole('button', { name: 'Reject' }).click();
    await dialog.getByText('Say why, so that it can be corrected.').waitFor();
    await dialog.getByLabel('Reason').fill(REASON);
    await dialog.getByRole('button', { name: 'Reject' }).click();
    await page.getByText('Rejected 1 entry').waitFor();
    await eventually(() => stateOf(day(2)), [['rejected', REASON]]);

    // The invoiced entry: the server's refusal in words, never "Policy Failed".
    await page.getByRole('button', { name: `Approve Mia Member, ${formatDay(day(3), 'en')}, 0:30` }).click();
    await page.getByText('This entry is on an invoice and can no longer change.').waitFor();
    expect(await page.content()).not.toContain('Policy Failed');

    // Many at once: Noah's two entries, still selected.
    await page.getByText('2 selected').waitFor();
    await page.getByRole('button', { name: 'Approve selected' }).click();
    await page.getByText('Approved 2 entries').waitFor();
    await eventually(async () => (await entriesOf(colleague)).map((entry) => entry.state), ['approved', 'approved']);

    // A Client Manager of the project, without clientsCanApproveTime, has nothing waiting.
    const queue = await app.http.get('/api/client-portal/approvals?type=time-entries', manager.jwt);
    expect(queue.status).toBe(200);
    expect(queue.body.data).toEqual([]);
    const visible = await app.http.get('/api/time-entries', manager.jwt);
    expect(visible.body.data.filter((entry: Row) => entry.state === 'pending')).toEqual([]);
  });

  it('shows the member each entry’s state and the reason of a rejection', async () => {
    const page = memberPage;
    await openPortalPage(page, `/timesheet?week=${monday}`);
    await page.getByText(REASON).waitFor();
    expect(await page.getByText('Approved', { exact: true }).count()).toBeGreaterThan(0);
    expect(await page.getByText('Rejected', { exact: true }).count()).toBeGreaterThan(0);
    await screenshot(page, 'timesheet', { docs: 'viewport' });
  });

  it('keeps a running timer across reloads and logs the minutes for today when stopped', async () => {
    const page = memberPage;
    const today = localDate(new Date());
    await openPortalPage(page, `/timesheet?week=${weekStart(today)}`);
    await page.getByRole('button', { name: 'Start timer on Website / Design' }).click();
    await page.getByText('Timer running on Website / Design').waitFor();
    await page.reload();
    await page.getByText('Timer running on Website / Design').waitFor();
    const before = (await entriesOf(member)).length;
    await page.getByRole('button', { name: 'Stop and log' }).click();
    await page.getByText('Logged 0:01 on Website / Design').waitFor();
    await eventually(async () => (await entriesOf(member)).length, before + 1);
    const logged = (await entriesOf(member)).find(
      (entry) => entry.date === today && entry.minutes === 1 && entry.task?.title === 'Design'
    );
    expect(logged).toMatchObject({ state: 'pending', minutes: 1 });
    // The stored start is gone once logged.
    const stored = await page.evaluate('Object.keys(localStorage).filter((key) => key.includes("timer"))');
    expect(stored).toEqual([]);
  });
});
