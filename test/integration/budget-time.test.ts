import { startApp, type TestApp } from '../harness/app';
import { databaseClient } from '../harness/database';
import { fixtures, type Fixtures, type Person, type Row } from '../harness/fixtures';
import { buildWorld } from '../harness/world';

const TIME = 'api::time-entry.time-entry';
const EXPENSE = 'api::expense.expense';

/** Canary rates: these digits must never reach a client, at any depth. */
const RATE_CANARY = 97531;
const COST_CANARY = 86421;

/** A small deterministic PRNG (mulberry32), so a failing case can be replayed. */
const prng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

describe(`what clients see of time and money on ${databaseClient()}`, () => {
  let app: TestApp;
  let make: Fixtures;
  let owner: Person;
  let leader: Person;
  let worker: Person;
  let manager: Person;
  let client: Person;
  let project: Row;
  let budget: Row;
  let task: Row;

  beforeAll(async () => {
    app = await startApp();
    const world = await buildWorld(fixtures(app), {
      people: {
        owner: {},
        leader: {},
        worker: { role: 'member', hourlyRateCents: RATE_CANARY, costRateCents: COST_CANARY },
        manager: {},
        client: { role: 'client-plus' },
      },
      project: { leader: 'leader', requireTimeApproval: true },
      sharedBudget: { name: 'Launch', amountCents: 100000 },
      visibleTask: { title: 'Homepage', estimateMinutes: 480 },
    });
    ({ make, project, sharedBudget: budget, visibleTask: task } = world);
    ({ owner, leader, worker, manager, client } = world.people);
  });
  afterAll(() => app?.stop());

  describe('one entry, as a Client Manager sees it', () => {
    let entry: Row;

    /** Every way the entry could reach a reader: list, single, populate from three sides, the summary. */
    const views = async (person: Person) => {
      const get = (path: string) => app.http.get(path, person.jwt);
      const responses = {
        list: await get(`/api/time-entries?filters[documentId][$eq]=${entry.documentId}`),
        single: await get(`/api/time-entries/${entry.documentId}?populate=*`),
        budget: await get(`/api/budgets/${budget.documentId}?populate[timeEntries][populate]=*`),
        task: await get(`/api/tasks/${task.documentId}?populate[timeEntries][populate]=*`),
        project: await get(
          `/api/projects/${project.documentId}?populate[timeEntries][populate]=*&populate[budgets][populate]=*`
        ),
        summary: await get(`/api/budgets/${budget.documentId}/summary`),
      };
      for (const response of Object.values(responses)) {
        // Financial fields are absent at every depth, whatever else is visible.
        expect(response.text).not.toContain(String(RATE_CANARY));
        expect(response.text).not.toContain(String(COST_CANARY));
        expect(response.text).not.toContain('rateCents');
        expect(response.text).not.toContain('costCents');
      }
      const ids = (rows: Row[] | undefined) => (rows ?? []).map((row) => row.documentId);
      return {
        list: ids(responses.list.body.data),
        total: responses.list.body.meta?.pagination?.total,
        single: responses.single.status,
        viaBudget: responses.budget.status === 200 ? ids(responses.budget.body.data.timeEntries) : null,
        viaTask: responses.task.status === 200 ? ids(responses.task.body.data.timeEntries) : null,
        viaProject: ids(responses.project.body.data?.timeEntries),
        // docs/time-budgets-invoices.md#budgets: [billable minutes counted, of which not itemised for clients].
        summary:
          responses.summary.status === 200
            ? [responses.summary.body.data.billableMinutes, responses.summary.body.data.unitemizedMinutes]
            : null,
      };
    };
    const visible = () => ({
      list: [entry.documentId],
      total: 1,
      single: 200,
      viaBudget: [entry.documentId],
      viaTask: [entry.documentId],
      viaProject: [entry.documentId],
      summary: [150, 0],
    });
    /** `counted`: the entry still counts in the summary, unitemised (its task is hidden). */
    const invisible = (budgetShown: boolean, taskShown = true, counted = false) => ({
      list: [],
      total: 0,
      single: 404,
      viaBudget: budgetShown ? [] : null,
      viaTask: taskShown ? [] : null,
      viaProject: [],
      summary: budgetShown ? (counted ? [150, 150] : [0, 0]) : null,
    });

    it('is invisible while pending', async () => {
      const created = await app.http.post(
        '/api/time-entries',
        {
          data: {
            project: project.documentId,
            budget: budget.documentId,
            task: task.documentId,
            date: '2026-11-10',
            minutes: 150,
            note: 'Hero section',
          },
        },
        worker.jwt
      );
      expect(created.status).toBe(201);
      entry = created.body.data;
      expect(await app.strapi.db.query(TIME).findOne({ where: { documentId: entry.documentId } })).toMatchObject({
        state: 'pending',
        rateCents: RATE_CANARY,
      });
      expect(await views(manager)).toEqual(invisible(true));
      expect(await views(client)).toEqual(invisible(false));
    });

    it('is visible once approved, with date, minutes, note, task title and person name only', async () => {
      expect((await app.http.post(`/api/time-entries/${entry.documentId}/approve`, {}, leader.jwt)).status).toBe(200);
      expect(await views(manager)).toEqual(visible());
      const single = await app.http.get(`/api/time-entries/${entry.documentId}?populate=*`, manager.jwt);
      expect(single.body.data).toMatchObject({
        date: '2026-11-10',
        minutes: 150,
        note: 'Hero section',
        billable: true,
      });
      expect(single.body.data.task.title).toBe('Homepage');
      expect(single.body.data.person).toMatchObject({ firstName: worker.firstName, lastName: worker.lastName });
      for (const field of ['state', 'approvedBy', 'approvedAt', 'invoice', 'rejectionReason']) {
        expect(single.body.data).not.toHaveProperty(field);
      }
      expect(await views(client)).toEqual(invisible(false));
    });

    it('shows task estimates to Client Managers only', async () => {
      const estimate = async (person: Person) =>
        (await app.http.get(`/api/tasks/${task.documentId}`, person.jwt)).body.data.estimateMinutes;
      expect(await estimate(manager)).toBe(480);
      expect(await estimate(client)).toBeUndefined();
    });

    it('refuses financial fields in fields, filters and sort', async () => {
      for (const query of [
        'fields[0]=rateCents',
        'filters[rateCents][$gt]=0',
        'sort=costCents',
        'populate[timeEntries][fields][0]=rateCents',
      ]) {
        const path = query.startsWith('populate') ? `/api/budgets?${query}` : `/api/time-entries?${query}`;
        const response = await app.http.get(path, manager.jwt);
        expect({ query, status: response.status }).toEqual({ query, status: 400 });
      }
    });

    it('is invisible when the budget’s client access is turned off', async () => {
      const off = await app.http.put(
        `/api/client-portal/budgets/${budget.documentId}/access`,
        { clientAccess: false },
        leader.jwt
      );
      expect(off.status).toBe(200);
      expect(await views(manager)).toEqual(invisible(false));
      await app.http.put(`/api/client-portal/budgets/${budget.documentId}/access`, { clientAccess: true }, leader.jwt);
      expect(await views(manager)).toEqual(visible());
    });

    it('is invisible when its task becomes hidden from clients', async () => {
      const hide = await app.http.put(
        `/api/tasks/${task.documentId}`,
        { data: { hiddenFromClients: true } },
        leader.jwt
      );
      expect(hide.status).toBe(200);
      expect(await views(manager)).toEqual(invisible(true, false, true));
      await app.http.put(`/api/tasks/${task.documentId}`, { data: { hiddenFromClients: false } }, leader.jwt);
      expect(await views(manager)).toEqual(visible());
      expect(await views(client)).toEqual(invisible(false));
    });

    it('is invisible again once rejected, and while a non-billable entry', async () => {
      await app.http.put(`/api/time-entries/${entry.documentId}`, { data: { billable: false } }, worker.jwt);
      await app.http.post(`/api/time-entries/${entry.documentId}/approve`, {}, leader.jwt);
      expect(await views(manager)).toEqual(invisible(true));
      await app.http.put(`/api/time-entries/${entry.documentId}`, { data: { billable: true } }, worker.jwt);
      await app.http.post(`/api/time-entries/${entry.documentId}/reject`, { reason: 'Split it' }, owner.jwt);
      expect(await views(manager)).toEqual(invisible(true));
    });
  });

  describe('summaries and timesheets against a brute-force computation', () => {
    interface Entry {
      budget: number;
      person: Person;
      task: number;
      date: string;
      minutes: number;
      billable: boolean;
      state: 'pending' | 'approved' | 'rejected';
      rateCents: number | null;
      costCents: number | null;
    }
    interface Expense {
      budget: number;
      amountCents: number;
      billable: boolean;
      state: 'pending' | 'approved' | 'rejected';
    }
    const entries: Entry[] = [];
    const expenses: Expense[] = [];
    let budgets: Row[];
    let tasks: Row[];
    let people: Person[];
    let other: Person;

    const amount = (rate: number | null, minutes: number) => Math.floor(((rate ?? 0) * minutes + 30) / 60);

    beforeAll(async () => {
      const random = prng(20261124);
      const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
      other = await make.person({ role: 'member' });
      people = [leader, worker, other];
      const acme = await make.company({ name: 'Acme Two' });
      const target = await make.project(acme, { leader, members: [worker, other, manager] });
      budgets = [
        await make.create('api::budget.budget', {
          project: target.documentId,
          name: 'Shared',
          amountCents: 500000,
          clientAccess: true,
        }),
        await make.create('api::budget.budget', { project: target.documentId, name: 'Internal', amountCents: 250000 }),
      ];
      tasks = [
        await make.create('api::task.task', { project: target.documentId, title: 'Visible' }),
        await make.create('api::task.task', { project: target.documentId, title: 'Hidden', hiddenFromClients: true }),
      ];
      for (let index = 0; index < 80; index += 1) {
        const entry: Entry = {
          budget: Math.floor(random() * 2),
          person: pick(people),
          task: Math.floor(random() * 2),
          date: `2026-10-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`,
          minutes: 1 + Math.floor(random() * 600),
          billable: random() < 0.7,
          state: pick(['pending', 'approved', 'approved', 'rejected'] as const),
          rateCents: random() < 0.1 ? null : 5000 + Math.floor(random() * 10001),
          costCents: random() < 0.1 ? null : Math.floor(random() * 50000),
        };
        entries.push(entry);
        await make.create(TIME, {
          project: target.documentId,
          budget: budgets[entry.budget].documentId,
          task: tasks[entry.task].documentId,
          person: entry.person.documentId,
          date: entry.date,
          minutes: entry.minutes,
          billable: entry.billable,
          state: entry.state,
          rateCents: entry.rateCents,
          costCents: entry.costCents,
        });
      }
      for (let index = 0; index < 20; index += 1) {
        const expense: Expense = {
          budget: Math.floor(random() * 2),
          amountCents: Math.floor(random() * 100000),
          billable: random() < 0.6,
          state: pick(['pending', 'approved', 'rejected'] as const),
        };
        expenses.push(expense);
        await make.create(EXPENSE, {
          project: target.documentId,
          budget: budgets[expense.budget].documentId,
          person: pick(people).documentId,
          date: '2026-10-15',
          description: `Expense ${index}`,
          amountCents: expense.amountCents,
          billable: expense.billable,
          state: expense.state,
        });
      }
    });

    /**
     * docs/time-budgets-invoices.md#what-clients-see-of-budgets-and-time: every reader gets the same used/billable figures; work on the hidden task
     * (task 1) is counted but not itemised for clients, and the summary says how much.
     */
    const expectedSummary = (index: number, view: 'financial' | 'staff' | 'client') => {
      const time = entries.filter((entry) => entry.budget === index && entry.state === 'approved');
      const spent = expenses.filter((expense) => expense.budget === index && expense.state === 'approved');
      const billable = time.filter((entry) => entry.billable);
      const unitemized = billable.filter((entry) => entry.task === 1);
      const timeCents = billable.reduce((sum, entry) => sum + amount(entry.rateCents, entry.minutes), 0);
      const expensesCents = spent.filter((e) => e.billable).reduce((sum, e) => sum + e.amountCents, 0);
      const usedCents = timeCents + expensesCents;
      const amountCents = index === 0 ? 500000 : 250000;
      const base = {
        amountCents,
        currency: 'EUR',
        usedCents,
        timeCents,
        expensesCents,
        remainingCents: amountCents - usedCents,
        billableMinutes: billable.reduce((sum, entry) => sum + entry.minutes, 0),
        unitemizedMinutes: unitemized.reduce((sum, entry) => sum + entry.minutes, 0),
        unitemizedCents: unitemized.reduce((sum, entry) => sum + amount(entry.rateCents, entry.minutes), 0),
      };
      if (view !== 'financial') return base;
      const costCents =
        time.reduce((sum, entry) => sum + (entry.costCents ?? 0), 0) + spent.reduce((sum, e) => sum + e.amountCents, 0);
      return {
        ...base,
        workedMinutes: time.reduce((sum, entry) => sum + entry.minutes, 0),
        costCents,
        profitCents: usedCents - costCents,
        marginPercent: usedCents === 0 ? null : Math.round(((usedCents - costCents) * 1000) / usedCents) / 10,
      };
    };

    it('computes each budget’s summary exactly, per viewer', async () => {
      const summary = async (index: number, person: Person) => {
        const response = await app.http.get(`/api/budgets/${budgets[index].documentId}/summary`, person.jwt);
        return { status: response.status, data: response.body.data };
      };
      for (const index of [0, 1]) {
        expect(await summary(index, owner)).toEqual({
          status: 200,
          data: {
            documentId: budgets[index].documentId,
            name: budgets[index].name,
            kind: 'fixed',
            ...expectedSummary(index, 'financial'),
          },
        });
        const staff = await summary(index, leader);
        expect(staff.data).toEqual({
          documentId: budgets[index].documentId,
          name: budgets[index].name,
          kind: 'fixed',
          ...expectedSummary(index, 'staff'),
        });
      }
      const managerSummary = await summary(0, manager);
      expect(managerSummary.data).toEqual({
        documentId: budgets[0].documentId,
        name: budgets[0].name,
        kind: 'fixed',
        ...expectedSummary(0, 'client'),
      });
      // The entries the client reads itemised add up to the rest.
      const listed = await app.http.get(
        `/api/time-entries?filters[budget][documentId][$eq]=${budgets[0].documentId}&pagination[pageSize]=100`,
        manager.jwt
      );
      const itemised = listed.body.data.reduce((sum: number, row: { minutes: number }) => sum + row.minutes, 0);
      expect(itemised).toBe(managerSummary.data.billableMinutes - managerSummary.data.unitemizedMinutes);
      expect((await summary(1, manager)).status).toBe(404);
      expect((await summary(0, client)).status).toBe(404);
    });

    it('refuses to sum expenses in another currency', async () => {
      // Expenses are written in their budget's currency; a budget whose currency changes afterwards is not summed.
      const shared = budgets[0].documentId;
      const usd = await app.http.put(`/api/budgets/${shared}`, { data: { currency: 'USD' } }, owner.jwt);
      expect(usd.status).toBe(200);
      const response = await app.http.get(`/api/budgets/${shared}/summary`, owner.jwt);
      expect(response.status).toBe(409);
      expect(response.body.error.details).toMatchObject({
        code: 'MIXED_CURRENCIES',
        currency: 'USD',
        currencies: ['EUR'],
      });
      await app.http.put(`/api/budgets/${shared}`, { data: { currency: 'EUR' } }, owner.jwt);
      expect((await app.http.get(`/api/budgets/${shared}/summary`, owner.jwt)).status).toBe(200);
    });

    const expectedSheet = (visible: (entry: Entry) => boolean, from: string, to: string) => {
      const cells = new Map<string, { person: number; date: string; minutes: number; billableMinutes: number }>();
      for (const entry of entries) {
        if (entry.state === 'rejected' || entry.date < from || entry.date > to || !visible(entry)) continue;
        const key = `${entry.date}|${String(entry.person.id).padStart(9, '0')}`;
        const cell = cells.get(key) ?? { person: entry.person.id, date: entry.date, minutes: 0, billableMinutes: 0 };
        cell.minutes += entry.minutes;
        cell.billableMinutes += entry.billable ? entry.minutes : 0;
        cells.set(key, cell);
      }
      return [...cells.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, cell]) => cell);
    };
    const sheet = async (person: Person, query: string) => {
      const response = await app.http.get(`/api/timesheets?${query}`, person.jwt);
      expect(response.status).toBe(200);
      return response.body.data
        .filter((row: { date: string }) => row.date.startsWith('2026-10'))
        .map((row: { person: { id: number }; date: string; minutes: number; billableMinutes: number }) => ({
          person: row.person.id,
          date: row.date,
          minutes: row.minutes,
          billableMinutes: row.billableMinutes,
        }));
    };

    it('sums timesheets per person and day under each reader’s visibility', async () => {
      const range = 'from=2026-10-05&to=2026-10-20';
      expect(await sheet(owner, range)).toEqual(expectedSheet(() => true, '2026-10-05', '2026-10-20'));
      // A plain member: their own time only.
      expect(await sheet(other, range)).toEqual(
        expectedSheet((entry) => entry.person === other, '2026-10-05', '2026-10-20')
      );
      // The leader sees the project's time; non-billable time of others is financial.
      expect(await sheet(leader, range)).toEqual(
        expectedSheet((entry) => entry.person === leader || entry.billable, '2026-10-05', '2026-10-20')
      );
      // The Client Manager: approved, billable, on the shared budget, not on the hidden task.
      expect(await sheet(manager, 'from=2026-10-01&to=2026-10-31')).toEqual(
        expectedSheet(
          (entry) => entry.state === 'approved' && entry.billable && entry.budget === 0 && entry.task === 0,
          '2026-10-01',
          '2026-10-31'
        )
      );
      expect(await sheet(owner, `${range}&person=${worker.id}`)).toEqual(
        expectedSheet((entry) => entry.person === worker, '2026-10-05', '2026-10-20')
      );
      expect(await sheet(client, 'from=2026-10-01&to=2026-10-31')).toEqual([]);
    });

    it('answers bad timesheet input with 400 naming the field', async () => {
      for (const [query, field] of [
        ['from=2026-13-01', 'from'],
        ['from=2026-10-10&to=2026-10-01', 'from'],
        ['from=2025-01-01&to=2026-10-01', 'to'],
        ['person=abc', 'person'],
        ['where=1', 'where'],
      ]) {
        const response = await app.http.get(`/api/timesheets?${query}`, owner.jwt);
        expect({ query, status: response.status }).toEqual({ query, status: 400 });
        expect(response.body.error.message).toContain(field);
      }
      expect((await app.http.get('/api/timesheets')).status).toBe(403);
    });
  });
});
