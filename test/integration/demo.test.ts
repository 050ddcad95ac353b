import { DEMO_PASSWORD, ensureDemoAdmin, seedDemo } from '../../src/demo/seed';
import { startApp, type TestApp } from '../harness/app';
import { databaseClient } from '../harness/database';

const OWNER = 'owner@demo.test';
const TYPES = [
  'api::company.company',
  'api::project.project',
  'api::task.task',
  'api::discussion.discussion',
  'api::comment.comment',
  'api::note.note',
  'api::document.document',
  'api::budget.budget',
  'api::time-entry.time-entry',
  'api::expense.expense',
  'api::invoice.invoice',
  'api::activity.activity',
  'api::estimate.estimate',
  'api::project-template.project-template',
  'api::team.team',
  'api::budget-service.budget-service',
  'api::recurring-invoice.recurring-invoice',
  'plugin::users-permissions.user',
] as const;

describe(`demo seed on ${databaseClient()}`, () => {
  let app: TestApp;
  const counts = async () =>
    Object.fromEntries(await Promise.all(TYPES.map(async (uid) => [uid, await app.strapi.db.query(uid).count({})])));
  /** Each login signs in once: sign-in allows 10 requests a minute per address. */
  const tokens = new Map<string, string>();
  const signIn = async (email: string) => {
    if (!tokens.has(email)) {
      const response = await app.http.post('/api/auth/local', { identifier: email, password: DEMO_PASSWORD });
      expect(response.status).toBe(200);
      tokens.set(email, response.body.jwt as string);
    }
    return tokens.get(email)!;
  };

  beforeAll(async () => {
    app = await startApp({ env: { PORTAL_OWNER_EMAIL: OWNER, PORTAL_OWNER_PASSWORD: DEMO_PASSWORD } });
  });
  afterAll(() => app?.stop());

  it('seeds every role, both client companies and the whole domain, reporting progress', async () => {
    const steps: string[] = [];
    const result = await seedDemo(app.strapi, {
      ownerEmail: OWNER,
      progress: (step, total) => steps.push(`${step}/${total}`),
    });
    expect(result.seeded).toBe(true);
    expect(steps).toEqual(['1/10', '2/10', '3/10', '4/10', '5/10', '6/10', '7/10', '8/10', '9/10', '10/10']);
    expect(await counts()).toEqual({
      'api::company.company': 3,
      'api::project.project': 4,
      'api::task.task': 9,
      'api::discussion.discussion': 3,
      'api::comment.comment': 4,
      'api::note.note': 3,
      'api::document.document': 3,
      'api::budget.budget': 4,
      'api::time-entry.time-entry': 9,
      'api::expense.expense': 2,
      'api::invoice.invoice': 1,
      'api::activity.activity': 18,
      'api::estimate.estimate': 1,
      'api::project-template.project-template': 1,
      'api::team.team': 1,
      'api::budget-service.budget-service': 2,
      'api::recurring-invoice.recurring-invoice': 1,
      'plugin::users-permissions.user': 10,
    });
    const roles = await app.strapi.db.query('plugin::users-permissions.user').findMany({ populate: ['role'] });
    const byRole = roles.reduce<Record<string, number>>((tally, person: { role: { type: string } }) => {
      tally[person.role.type] = (tally[person.role.type] ?? 0) + 1;
      return tally;
    }, {});
    expect(byRole).toEqual({ owner: 1, member: 3, 'client-plus': 2, client: 4 });
    const invoice = await app.strapi.db.query('api::invoice.invoice').findOne({ populate: ['timeEntries'] });
    expect(invoice).toMatchObject({
      number: 'INV-2026-0001',
      state: 'issued',
      subtotalCents: 63000,
      taxCents: 11970,
      totalCents: 74970,
    });
    expect(invoice.timeEntries).toHaveLength(2);
  });

  it('is idempotent', async () => {
    const before = await counts();
    const again = await seedDemo(app.strapi, { ownerEmail: OWNER });
    expect(again.seeded).toBe(false);
    expect(await counts()).toEqual(before);
  });

  it('serves GET /api/projects to the printed client logins, each seeing only their own', async () => {
    const { logins } = await seedDemo(app.strapi, { ownerEmail: OWNER });
    const acme = logins.find((login) => login.label === 'Acme Client')!;
    const globex = logins.find((login) => login.label === 'Globex Client')!;
    const acmeProjects = await app.http.get('/api/projects', await signIn(acme.email));
    expect(acmeProjects.status).toBe(200);
    expect(acmeProjects.body.data.map((project: { name: string }) => project.name)).toEqual(['Acme website redesign']);
    const globexProjects = await app.http.get('/api/projects', await signIn(globex.email));
    expect(globexProjects.body.data.map((project: { name: string }) => project.name)).toEqual(['Globex mobile app']);
    expect(globexProjects.text).not.toContain('Acme');
  });

  it('shows the Acme Client Manager a budget with approved time, and lets them approve pending time', async () => {
    const manager = await signIn('acme-manager@demo.test');
    const budgets = await app.http.get('/api/budgets?populate[timeEntries][populate][task][fields][0]=title', manager);
    expect(budgets.body.data.map((budget: { name: string }) => budget.name)).toEqual([
      'Design phase',
      'Estimate EST-2026-0001',
    ]);
    const entries = budgets.body.data[0].timeEntries as { note: string; minutes: number; task: unknown }[];
    expect(entries.map((entry) => `${entry.note} ${entry.minutes}`).sort()).toEqual([
      'Home page wireframes 240',
      'Revisions after feedback 180',
      'Workshop with Acme 60',
    ]);
    expect(budgets.text).not.toContain('Margin review');
    expect(budgets.text).not.toContain('Style guide');
    const design = budgets.body.data[0].documentId;
    const summary = await app.http.get(`/api/budgets/${design}/summary`, manager);
    // Mia 240 + 180 min at 90.00, Paul 60 min at 110.00, the 129.00 photo licence — and (docs/time-budgets-invoices.md#budgets) 45 min
    // on the hidden Margin review task, counted like staff count it but not itemised for the client.
    expect(summary.body.data).toEqual({
      documentId: design,
      name: 'Design phase',
      kind: 'fixed',
      currency: 'EUR',
      amountCents: 1_200_000,
      usedCents: 36000 + 27000 + 11000 + 7500 + 12900,
      timeCents: 81500,
      expensesCents: 12900,
      remainingCents: 1_200_000 - 94400,
      billableMinutes: 525,
      unitemizedMinutes: 45,
      unitemizedCents: 7500,
    });
    const pending = await app.strapi.db.query('api::time-entry.time-entry').findOne({ where: { note: 'Style guide' } });
    const approved = await app.http.post(`/api/time-entries/${pending.documentId}/approve`, {}, manager);
    expect(approved.status).toBe(200);
    const after = await app.http.get(`/api/budgets/${design}/summary`, manager);
    expect(after.body.data.billableMinutes).toBe(615);
  });

  it('shows a Member and a Client visibly different documents, discussions and activity', async () => {
    const mia = await signIn('mia@demo.test');
    const client = await signIn('acme-client@demo.test');
    const titles = async (path: string, jwt: string, field = 'title') =>
      ((await app.http.get(path, jwt)).body.data as Record<string, string>[]).map((row) => row[field]).sort();

    expect(await titles('/api/documents', client)).toEqual(['Signed statement of work']);
    expect(await titles('/api/documents', mia)).toEqual([
      'App store screenshots',
      'Internal: cost calculation',
      'Signed statement of work',
    ]);
    expect(await titles('/api/discussions', client)).toEqual(['Kick-off questions']);
    const kickoff = await app.http.get('/api/discussions?populate[comments][fields][0]=body', client);
    expect(kickoff.body.data[0].comments.map((comment: { body: string }) => comment.body).sort()).toEqual([
      'Great, we will start with the home page.',
      'Home, products and contact.',
    ]);

    const acme = (await app.http.get('/api/projects?filters[name][$eq]=Acme website redesign', mia)).body.data[0];
    const feed = (jwt: string) => app.http.get(`/api/activities?project=${acme.documentId}`, jwt);
    const asClient = await feed(client);
    const asMember = await feed(mia);
    expect(asClient.body.meta.pagination.total).toBe(9);
    // Staff also see the approval of the Style guide entry (an earlier test), money being staff business.
    expect(asMember.body.meta.pagination.total).toBe(15);
    for (const secret of ['Internal', 'margin', 'pricing', 'cost calculation', 'Keep this away']) {
      expect(asClient.text).not.toContain(secret);
    }
    expect(asMember.text).toContain('Internal: cost calculation');

    const documents = (await app.http.get('/api/documents', mia)).body.data as { documentId: string; title: string }[];
    const download = (title: string, jwt: string) =>
      fetch(`${app.baseUrl}/api/documents/${documents.find((row) => row.title === title)!.documentId}/download`, {
        headers: { authorization: `Bearer ${jwt}` },
      });
    const sow = await download('Signed statement of work', client);
    expect(sow.status).toBe(200);
    expect(await sow.text()).toContain('Signed statement of work (demo file)');
    expect((await download('Internal: cost calculation', client)).status).toBe(404);
  });

  it('serves the issued demo invoice as a PDF, to the Owner and to Acme’s Client Manager', async () => {
    const invoice = await app.strapi.db.query('api::invoice.invoice').findOne({ where: { number: 'INV-2026-0001' } });
    for (const email of [OWNER, 'acme-manager@demo.test']) {
      const response = await fetch(`${app.baseUrl}/api/invoices/${invoice.documentId}/pdf`, {
        headers: { authorization: `Bearer ${await signIn(email)}` },
      });
      expect(response.status).toBe(200);
      const pdf = Buffer.from(await response.arrayBuffer());
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(pdf.subarray(-6).toString()).toContain('%%EOF');
    }
    const globex = await fetch(`${app.baseUrl}/api/invoices/${invoice.documentId}/pdf`, {
      headers: { authorization: `Bearer ${await signIn('globex-manager@demo.test')}` },
    });
    expect(globex.status).toBe(404);
  });

  it('shows Acme’s Client Manager the estimate they accepted and the project it became; the plain client neither', async () => {
    const manager = await signIn('acme-manager@demo.test');
    const estimates = await app.http.get('/api/estimates?populate[project][fields][0]=name', manager);
    expect(estimates.status).toBe(200);
    expect(estimates.body.data).toEqual([
      expect.objectContaining({
        number: 'EST-2026-0001',
        state: 'accepted',
        subtotalCents: 810_000,
        taxCents: 153_900,
        totalCents: 963_900,
        project: expect.objectContaining({ name: 'Acme customer portal discovery' }),
      }),
    ]);
    const tasks = await app.http.get(
      '/api/tasks?filters[project][name][$eq]=Acme customer portal discovery&sort=title',
      manager
    );
    expect(tasks.body.data.map((task: { title: string }) => task.title)).toEqual([
      'Content inventory',
      'Kick-off workshop',
    ]);
    const client = await signIn('acme-client@demo.test');
    expect((await app.http.get('/api/estimates', client)).body.data).toEqual([]);
  });

  it('lets the Owner sign in with the demo password', async () => {
    const projects = await app.http.get('/api/projects', await signIn(OWNER));
    expect(projects.body.meta.pagination.total).toBe(4);
  });

  it('creates one admin-panel super admin', async () => {
    expect(await ensureDemoAdmin(app.strapi)).toBe(true);
    expect(await ensureDemoAdmin(app.strapi)).toBe(false);
    const admins = await app.strapi.db.query('admin::user').findMany({ populate: ['roles'] });
    expect(admins).toHaveLength(1);
    expect(admins[0].roles.map((role: { code: string }) => role.code)).toEqual(['strapi-super-admin']);
  });
});
