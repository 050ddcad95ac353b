import { startApp, type TestApp } from '../harness/app';
import { databaseClient } from '../harness/database';
import { fixtures, type Fixtures, type Person, type Row } from '../harness/fixtures';
import { buildWorld } from '../harness/world';

const TIME = 'api::time-entry.time-entry';
type ActorKey = 'owner' | 'member' | 'memberP' | 'memberF' | 'clientPlus' | 'client' | 'manager';
const REPORTS = ['time', 'budgets', 'uninvoiced', 'invoices'] as const;

/** Report rules (docs/roles-and-capabilities.md#capability-matrix): Owner all; Member+ P all but financial; Member+ F financial only; nobody else. */
const mayRead = (actor: ActorKey, report: (typeof REPORTS)[number]) =>
  actor === 'owner' || (report === 'time' ? actor === 'memberP' : actor === 'memberF');

describe(`reports on ${databaseClient()}`, () => {
  let app: TestApp;
  let make: Fixtures;
  let people: Record<ActorKey, Person>;
  let project: Row;
  let budget: Row;

  beforeAll(async () => {
    app = await startApp();
    const world = await buildWorld(fixtures(app), {
      people: {
        owner: {},
        member: { firstName: 'Mia', lastName: 'Meyer' },
        memberP: { firstName: 'Paul', lastName: 'Park' },
        memberF: {},
        clientPlus: {},
        client: {},
        manager: {},
      },
      project: { name: 'Website' },
      privateBudget: { name: 'Design', amountCents: 100000 },
    });
    ({ make, people, project, privateBudget: budget } = world);
    const { acme } = world;
    const log = (person: Person, date: string, minutes: number, data: Record<string, unknown> = {}) =>
      make.create(TIME, {
        project: project.documentId,
        budget: budget.documentId,
        person: person.documentId,
        date,
        minutes,
        billable: true,
        state: 'approved',
        rateCents: 12000,
        costCents: minutes * 50,
        ...data,
      });
    await log(people.member, '2026-10-02', 90);
    await log(people.member, '2026-10-20', 45, { billable: false });
    await log(people.memberP, '2026-11-03', 120);
    await log(people.memberP, '2026-11-04', 30, { state: 'rejected' });
    await log(people.member, '2026-11-05', 61, { state: 'pending' });
    await make.create('api::expense.expense', {
      project: project.documentId,
      budget: budget.documentId,
      person: people.member.documentId,
      date: '2026-10-05',
      description: 'Fonts',
      amountCents: 4900,
      state: 'approved',
    });
    await make.create('api::invoice.invoice', {
      project: project.documentId,
      company: acme.documentId,
      number: 'INV-2026-0042',
      state: 'issued',
      issuedOn: '2026-11-10',
      currency: 'EUR',
      totalCents: 30000,
    });
  });
  afterAll(() => app?.stop());

  const report = (person: Person, query: string) => app.http.get(`/api/reports/${query}`, person.jwt);

  it.each(
    (
      Object.keys({ owner: 1, member: 1, memberP: 1, memberF: 1, clientPlus: 1, client: 1, manager: 1 }) as ActorKey[]
    ).flatMap((actor) => REPORTS.map((name) => [actor, name] as const))
  )('%s reads the %s report only as the SPEC says', async (actor, name) => {
    const response = await report(people[actor], name);
    expect(response.status).toBe(mayRead(actor, name) ? 200 : 403);
  });

  it('sums time per project, person and month, rejected time left out', async () => {
    const byPerson = await report(people.owner, 'time?groupBy=person');
    expect(byPerson.body.data).toEqual([
      { person: people.member.documentId, name: 'Mia Meyer', minutes: 196, billableMinutes: 151 },
      { person: people.memberP.documentId, name: 'Paul Park', minutes: 120, billableMinutes: 120 },
    ]);
    const byMonth = await report(people.memberP, 'time?groupBy=month&from=2026-10-01&to=2026-11-30');
    // Member+ P does not see others' non-billable time (financial, docs/visibility.md#field-rules).
    expect(byMonth.body.data).toEqual([
      { month: '2026-10', minutes: 90, billableMinutes: 90 },
      { month: '2026-11', minutes: 181, billableMinutes: 181 },
    ]);
    const byProject = await report(people.owner, 'time?groupBy=project&from=2026-11-01');
    expect(byProject.body.data).toEqual([
      { project: project.documentId, name: 'Website', minutes: 181, billableMinutes: 181 },
    ]);
    const bad = await report(people.owner, 'time?groupBy=week');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('groupBy');
  });

  it('compares budgets with cost, and lists uninvoiced work and invoices', async () => {
    const budgets = await report(people.memberF, 'budgets');
    // Approved billable time 90 + 120 min at 120.00, the 49.00 expense; cost 50 ct a minute of approved time.
    expect(budgets.body.data).toEqual([
      {
        budget: budget.documentId,
        name: 'Design',
        project: 'Website',
        currency: 'EUR',
        amountCents: 100000,
        usedCents: 18000 + 24000 + 4900,
        remainingCents: 100000 - 46900,
        costCents: (90 + 45 + 120) * 50 + 4900,
        profitCents: 46900 - 17650,
        marginPercent: Math.round(((46900 - 17650) * 1000) / 46900) / 10,
        mixedCurrencies: false,
      },
    ]);
    const summary = await app.http.get(`/api/budgets/${budget.documentId}/summary`, people.owner.jwt);
    expect(summary.body.data.usedCents).toBe(46900);

    const uninvoiced = await report(people.owner, 'uninvoiced');
    expect(uninvoiced.body.data).toEqual([
      {
        project: project.documentId,
        name: 'Website',
        currency: 'EUR',
        minutes: 210,
        timeCents: 42000,
        expensesCents: 4900,
        totalCents: 46900,
        mixedCurrencies: false,
      },
    ]);
    // Work on a draft is no longer uninvoiced (for a Member+ F too); voiding the draft releases it.
    const draft = await app.http.post(
      '/api/invoices/generate',
      { project: project.documentId, from: '2000-01-01', to: '2030-12-31', includeExpenses: true },
      people.owner.jwt
    );
    expect(draft.status).toBe(201);
    expect((await report(people.owner, 'uninvoiced')).body.data).toEqual([]);
    expect((await report(people.memberF, 'uninvoiced')).body.data).toEqual([]);
    const voided = await app.http.post(`/api/invoices/${draft.body.data.documentId}/void`, {}, people.owner.jwt);
    expect(voided.status).toBe(200);
    expect((await report(people.memberF, 'uninvoiced')).body.data).toEqual(uninvoiced.body.data);

    const invoices = await report(people.owner, 'invoices?from=2026-11-01&to=2026-11-30');
    expect(invoices.body.data).toEqual([
      expect.objectContaining({ number: 'INV-2026-0042', company: 'Acme', totalCents: 30000, outstandingCents: 30000 }),
    ]);
  });

  it('exports CSV', async () => {
    const response = await app.http.get('/api/reports/time?groupBy=person&format=csv', people.owner.jwt);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    expect(response.text).toBe(
      `person,name,minutes,billableMinutes\r\n${people.member.documentId},Mia Meyer,196,151\r\n${people.memberP.documentId},Paul Park,120,120\r\n`
    );
  });
});
