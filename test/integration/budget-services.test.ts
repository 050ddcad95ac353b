// pdf-parse's index runs a self-test when required directly; its library entry is the parser.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pdfParser = require('pdf-parse/lib/pdf-parse.js') as (data: Uint8Array) => Promise<{ text: string }>;
import { startApp, type TestApp } from '../harness/app';
import { databaseClient } from '../harness/database';
import { fixtures, type Fixtures, type Person, type Row } from '../harness/fixtures';
import { buildWorld } from '../harness/world';

/**
 * docs/time-budgets-invoices.md#budget-services: a budget's work split into services (name, rate
 * override, optional cap); entries and invoice lines carry the service; whoever sees the budget
 * sees its services, clients never their rates.
 */
const SERVICE = 'api::budget-service.budget-service';
const BUDGET = 'api::budget.budget';
const TIME = 'api::time-entry.time-entry';
const EXPENSE = 'api::expense.expense';
const TASK = 'api::task.task';

/** Canaries: the service's rate override, and the name of a service on a budget clients may not see. */
const SERVICE_RATE = 17389;
const HIDDEN_SERVICE = `CANARY-hidden-service-${Math.random().toString(36).slice(2, 8)}`;
const BUDGET_RATE = 12000;
const PERSON_RATE = 10000;
const PERSON_COST = 4000;

/** The stated rounding: minutes × hourly cents / 60, half up, per entry. */
const amount = (rate: number, minutes: number) => Math.floor((rate * minutes + 30) / 60);

interface Work {
  service: 'design' | 'development' | null;
  minutes: number;
  billable: boolean;
  rate: number;
  hidden?: boolean;
}
interface Spent {
  service: 'design' | 'development' | null;
  amountCents: number;
  billable: boolean;
}

/** What the summary should say of some work, for a reader with or without the financial capability. */
const figures = (work: Work[], spent: Spent[], financial: boolean) => {
  const billable = work.filter((entry) => entry.billable);
  const timeCents = billable.reduce((sum, entry) => sum + amount(entry.rate, entry.minutes), 0);
  const expensesCents = spent.filter((e) => e.billable).reduce((sum, e) => sum + e.amountCents, 0);
  const usedCents = timeCents + expensesCents;
  const unitemized = billable.filter((entry) => entry.hidden);
  const base = {
    usedCents,
    timeCents,
    expensesCents,
    billableMinutes: billable.reduce((sum, entry) => sum + entry.minutes, 0),
    unitemizedMinutes: unitemized.reduce((sum, entry) => sum + entry.minutes, 0),
    unitemizedCents: unitemized.reduce((sum, entry) => sum + amount(entry.rate, entry.minutes), 0),
  };
  if (!financial) return base;
  const costCents =
    work.reduce((sum, entry) => sum + amount(PERSON_COST, entry.minutes), 0) +
    spent.reduce((sum, e) => sum + e.amountCents, 0);
  return {
    ...base,
    workedMinutes: work.reduce((sum, entry) => sum + entry.minutes, 0),
    costCents,
    profitCents: usedCents - costCents,
    marginPercent: usedCents === 0 ? null : Math.round(((usedCents - costCents) * 1000) / usedCents) / 10,
  };
};

describe(`budget services on ${databaseClient()}`, () => {
  let app: TestApp;
  let make: Fixtures;
  let owner: Person;
  let leader: Person;
  let worker: Person;
  let manager: Person;
  let plainClient: Person;
  let project: Row;
  let shared: Row;
  let unshared: Row;
  let elsewhere: Row;
  let hiddenTask: Row;
  let visibleTask: Row;
  const services: Record<string, Row> = {};

  beforeAll(async () => {
    app = await startApp();
    const world = await buildWorld(fixtures(app), {
      people: {
        owner: {},
        leader: {},
        worker: { role: 'member', hourlyRateCents: PERSON_RATE, costRateCents: PERSON_COST },
        manager: {},
        plainClient: { role: 'client-plus', company: 'acme' },
      },
      project: { leader: 'leader' },
      sharedBudget: { name: 'Website', amountCents: 500000, hourlyRateCents: BUDGET_RATE },
      privateBudget: { name: 'Internal', amountCents: 90000 },
      visibleTask: { title: 'Homepage' },
      hiddenTask: { title: 'Pitch' },
    });
    ({ make, project, sharedBudget: shared, privateBudget: unshared, visibleTask, hiddenTask } = world);
    ({ owner, leader, worker, manager, plainClient } = world.people);
    const other = await make.project(world.acme, { leader: owner });
    elsewhere = await make.create(BUDGET, { project: other.documentId, name: 'Elsewhere', amountCents: 1000 });
    services.hidden = await make.create(SERVICE, { budget: unshared.documentId, name: HIDDEN_SERVICE, capCents: 500 });
    services.elsewhere = await make.create(SERVICE, { budget: elsewhere.documentId, name: 'Far away' });
  });
  afterAll(() => app?.stop());

  const post = (path: string, data: Record<string, unknown>, person: Person) =>
    app.http.post(path, { data }, person.jwt);
  const fieldOf = (response: { body: any }) =>
    (response.body?.error?.details?.errors ?? []).map((error: { path: string[] }) => error.path.join('.'));

  describe('writing services', () => {
    it('lets the Owner create services with a rate override and a cap', async () => {
      const design = await post(
        '/api/budget-services',
        { budget: shared.documentId, name: 'Design', hourlyRateCents: SERVICE_RATE, capCents: 50000, position: 1 },
        owner
      );
      expect(design.status).toBe(201);
      expect(design.body.data).toMatchObject({ name: 'Design', hourlyRateCents: SERVICE_RATE, capCents: 50000 });
      services.design = design.body.data;
      const development = await post(
        '/api/budget-services',
        { budget: shared.documentId, name: 'Development', position: 2 },
        leader
      );
      expect(development.status).toBe(201);
      services.development = development.body.data;
    });

    it('refuses rates to staff without the finance permission, and services to clients', async () => {
      const rated = await post(
        '/api/budget-services',
        { budget: shared.documentId, name: 'QA', hourlyRateCents: 1 },
        leader
      );
      expect(rated.status).toBe(400);
      expect(fieldOf(rated)).toEqual(['hourlyRateCents']);
      expect((await post('/api/budget-services', { budget: shared.documentId, name: 'QA' }, manager)).status).toBe(403);
      // Only those who may edit the budget edit its services: the leader yes, another Member no.
      const renamed = await app.http.put(
        `/api/budget-services/${services.development.documentId}`,
        { data: { name: 'Development' } },
        leader.jwt
      );
      expect(renamed.status).toBe(200);
      const byWorker = await app.http.put(
        `/api/budget-services/${services.development.documentId}`,
        { data: { name: 'Mine' } },
        worker.jwt
      );
      expect(byWorker.status).toBe(403);
      expect(await app.strapi.db.query(SERVICE).count({ where: { name: 'QA' } })).toBe(0);
    });

    it('keeps every service on one budget', async () => {
      const orphan = await post('/api/budget-services', { name: 'Orphan' }, owner);
      expect(orphan.status).toBe(400);
      expect(fieldOf(orphan)).toEqual(['budget']);
      const moved = await app.http.put(
        `/api/budget-services/${services.development.documentId}`,
        { data: { budget: unshared.documentId } },
        owner.jwt
      );
      expect(moved.status).toBe(400);
      expect(fieldOf(moved)).toEqual(['budget']);
      // A budget the person cannot see is no budget at all.
      const foreign = await post('/api/budget-services', { budget: elsewhere.documentId, name: 'Sneaky' }, leader);
      expect(foreign.status).toBe(400);
      expect(fieldOf(foreign)).toEqual(['budget']);
    });
  });

  describe('time on services', () => {
    const log = (data: Record<string, unknown>) =>
      post(
        '/api/time-entries',
        { project: project.documentId, date: '2026-11-10', minutes: 60, billable: true, ...data },
        worker
      );
    const rateOf = async (documentId: string) =>
      ((await app.strapi.db.query(TIME).findOne({ where: { documentId } })) as { rateCents: number }).rateCents;

    it("snapshots the service's rate, else the budget's, else the person's", async () => {
      const onDesign = await log({ budget: shared.documentId, service: services.design.documentId });
      expect(onDesign.status).toBe(201);
      expect(await rateOf(onDesign.body.data.documentId)).toBe(SERVICE_RATE);
      const onDevelopment = await log({ budget: shared.documentId, service: services.development.documentId });
      expect(onDevelopment.status).toBe(201);
      expect(await rateOf(onDevelopment.body.data.documentId)).toBe(BUDGET_RATE);
      const onBudget = await log({ budget: shared.documentId });
      expect(await rateOf(onBudget.body.data.documentId)).toBe(BUDGET_RATE);
      const onNothing = await log({ budget: unshared.documentId });
      expect(await rateOf(onNothing.body.data.documentId)).toBe(PERSON_RATE);
      // Moving an entry to another service snapshots again.
      const moved = await app.http.put(
        `/api/time-entries/${onDevelopment.body.data.documentId}`,
        { data: { service: services.design.documentId } },
        worker.jwt
      );
      expect(moved.status).toBe(200);
      expect(await rateOf(onDevelopment.body.data.documentId)).toBe(SERVICE_RATE);
      // These entries were only for the rates: the summaries below start from nothing.
      for (const response of [onDesign, onDevelopment, onBudget, onNothing]) {
        await app.strapi.db.query(TIME).delete({ where: { documentId: response.body.data.documentId } });
      }
    });

    it("refuses a service that is not one of the entry's budget", async () => {
      const wrong = await log({ budget: shared.documentId, service: services.hidden.documentId });
      expect(wrong.status).toBe(400);
      expect(fieldOf(wrong)).toEqual(['service']);
      const withoutBudget = await log({ service: services.design.documentId });
      expect(withoutBudget.status).toBe(400);
      expect(fieldOf(withoutBudget)).toEqual(['service']);
      // A service of a budget the person cannot see: as if it did not exist.
      const invisible = await log({ budget: shared.documentId, service: services.elsewhere.documentId });
      expect(invisible.status).toBe(400);
      expect(fieldOf(invisible)).toEqual(['service']);
      const expense = await post(
        '/api/expenses',
        {
          project: project.documentId,
          budget: shared.documentId,
          service: services.hidden.documentId,
          date: '2026-11-10',
          description: 'Fonts',
          amountCents: 100,
        },
        worker
      );
      expect(expense.status).toBe(400);
      expect(fieldOf(expense)).toEqual(['service']);
      // Changing the budget under a service leaves the entry with a service of another budget: refused.
      const entry = await log({ budget: shared.documentId, service: services.design.documentId });
      const rebudgeted = await app.http.put(
        `/api/time-entries/${entry.body.data.documentId}`,
        { data: { budget: unshared.documentId } },
        worker.jwt
      );
      expect(rebudgeted.status).toBe(400);
      expect(fieldOf(rebudgeted)).toEqual(['service']);
      await app.strapi.db.query(TIME).delete({ where: { documentId: entry.body.data.documentId } });
      expect(await app.strapi.db.query(TIME).count({ where: { service: { id: { $notNull: true } } } })).toBe(0);
    });
  });

  describe('the summary per service', () => {
    const work: Work[] = [
      { service: 'design', minutes: 90, billable: true, rate: SERVICE_RATE },
      { service: 'design', minutes: 30, billable: false, rate: SERVICE_RATE },
      { service: 'design', minutes: 45, billable: true, rate: SERVICE_RATE, hidden: true },
      { service: 'development', minutes: 120, billable: true, rate: BUDGET_RATE },
      { service: 'development', minutes: 75, billable: true, rate: BUDGET_RATE, hidden: true },
      { service: null, minutes: 60, billable: true, rate: BUDGET_RATE },
      { service: null, minutes: 15, billable: false, rate: BUDGET_RATE },
    ];
    const spent: Spent[] = [
      { service: 'design', amountCents: 5000, billable: true },
      { service: 'development', amountCents: 700, billable: false },
      { service: null, amountCents: 1500, billable: true },
    ];

    beforeAll(async () => {
      for (const entry of work) {
        const response = await post(
          '/api/time-entries',
          {
            project: project.documentId,
            budget: shared.documentId,
            task: entry.hidden ? hiddenTask.documentId : visibleTask.documentId,
            ...(entry.service ? { service: services[entry.service].documentId } : {}),
            date: '2026-11-11',
            minutes: entry.minutes,
            billable: entry.billable,
            note: `${entry.service ?? 'none'} ${entry.minutes}`,
          },
          worker
        );
        expect(response.status).toBe(201);
      }
      for (const expense of spent) {
        const response = await post(
          '/api/expenses',
          {
            project: project.documentId,
            budget: shared.documentId,
            ...(expense.service ? { service: services[expense.service].documentId } : {}),
            date: '2026-11-11',
            description: `Expense ${expense.amountCents}`,
            amountCents: expense.amountCents,
            billable: expense.billable,
          },
          worker
        );
        expect(response.status).toBe(201);
      }
    });

    const expected = (financial: boolean) => {
      const of = (service: Work['service']) =>
        figures(
          work.filter((entry) => entry.service === service),
          spent.filter((expense) => expense.service === service),
          financial
        );
      const design = of('design');
      const development = of('development');
      const whole = figures(work, spent, financial);
      return {
        documentId: shared.documentId,
        name: 'Website',
        kind: 'fixed',
        currency: 'EUR',
        amountCents: 500000,
        ...whole,
        remainingCents: 500000 - whole.usedCents,
        services: [
          {
            documentId: services.design.documentId,
            name: 'Design',
            position: 1,
            capCents: 50000,
            ...(financial ? { hourlyRateCents: SERVICE_RATE } : {}),
            ...design,
            remainingCents: 50000 - design.usedCents,
          },
          {
            documentId: services.development.documentId,
            name: 'Development',
            position: 2,
            capCents: null,
            ...(financial ? { hourlyRateCents: null } : {}),
            ...development,
            remainingCents: null,
          },
        ],
        unassigned: of(null),
      };
    };

    it('gives the Owner every service with its rate, cost and profit, adding up to the budget', async () => {
      const response = await app.http.get(`/api/budgets/${shared.documentId}/summary`, owner.jwt);
      expect(response.status).toBe(200);
      expect(response.body.data).toEqual(expected(true));
      const data = response.body.data;
      for (const key of ['usedCents', 'timeCents', 'expensesCents', 'billableMinutes', 'costCents', 'workedMinutes']) {
        const parts = [...data.services, data.unassigned].reduce((sum, part) => sum + part[key], 0);
        expect({ key, parts }).toEqual({ key, parts: data[key] });
      }
    });

    it('gives the Client Manager the same figures per service, without rates or cost', async () => {
      const response = await app.http.get(`/api/budgets/${shared.documentId}/summary`, manager.jwt);
      expect(response.status).toBe(200);
      expect(response.body.data).toEqual(expected(false));
      expect(response.text).not.toContain(String(SERVICE_RATE));
      expect(response.text).not.toContain('hourlyRateCents');
      expect(response.text).not.toContain(HIDDEN_SERVICE);
      // Staff without finances: the same as the client's.
      const staff = await app.http.get(`/api/budgets/${shared.documentId}/summary`, leader.jwt);
      expect(staff.body.data).toEqual(expected(false));
    });

    it('lists services without work, and leaves the summary of a budget without services as it was', async () => {
      const response = await app.http.get(`/api/budgets/${unshared.documentId}/summary`, owner.jwt);
      expect(response.status).toBe(200);
      // The unshared budget has a service (the canary) but no work.
      expect(response.body.data.services).toEqual([
        expect.objectContaining({ name: HIDDEN_SERVICE, capCents: 500, usedCents: 0, remainingCents: 500 }),
      ]);
      const bare = await make.create(BUDGET, { project: project.documentId, name: 'Bare', amountCents: 100 });
      const plain = await app.http.get(`/api/budgets/${bare.documentId}/summary`, owner.jwt);
      expect(plain.body.data.services).toBeUndefined();
      expect(plain.body.data.unassigned).toBeUndefined();
    });
  });

  describe('what clients read of services', () => {
    const reads = (person: Person) => {
      const get = (path: string) => app.http.get(path, person.jwt);
      return Promise.all([
        get('/api/budget-services?populate=*'),
        get(`/api/budget-services/${services.design.documentId}?populate=*`),
        get(`/api/budgets?populate[services]=*`),
        get(`/api/projects/${project.documentId}?populate[budgets][populate][services]=*`),
        get(`/api/time-entries?populate[service]=*&pagination[pageSize]=100`),
        get(`/api/expenses?populate[service]=*`),
        get(`/api/time-entries?populate[budget][populate][services][populate]=*`),
      ]);
    };

    it('never shows a client a service rate, at any depth', async () => {
      for (const person of [manager, plainClient]) {
        for (const response of await reads(person)) {
          expect(response.text).not.toContain(String(SERVICE_RATE));
          expect(response.text).not.toContain('hourlyRateCents');
          expect(response.text).not.toContain(HIDDEN_SERVICE);
        }
      }
      const filtered = await app.http.get(
        `/api/budget-services?filters[hourlyRateCents][$eq]=${SERVICE_RATE}`,
        manager.jwt
      );
      expect(filtered.status).toBe(400);
      // Nor through a relation, nor as a sort: the rate is no oracle.
      for (const path of [
        `/api/time-entries?filters[service][hourlyRateCents][$gt]=0`,
        `/api/budgets?filters[services][hourlyRateCents][$eq]=${SERVICE_RATE}`,
        '/api/budget-services?sort=hourlyRateCents',
      ]) {
        const response = await app.http.get(path, manager.jwt);
        expect({ path, status: response.status }).toEqual({ path, status: 400 });
      }
    });

    it('shows the Client Manager the services of the shared budget only, and their entries per service', async () => {
      const list = await app.http.get('/api/budget-services?sort=position', manager.jwt);
      expect(list.status).toBe(200);
      expect(list.body.data.map((row: Row) => row.name)).toEqual(['Design', 'Development']);
      expect(list.body.meta.pagination.total).toBe(2);
      expect((await app.http.get(`/api/budget-services/${services.hidden.documentId}`, manager.jwt)).status).toBe(404);
      // A filter through the relation is no oracle.
      const probe = await app.http.get(`/api/budget-services?filters[name][$eq]=${HIDDEN_SERVICE}`, manager.jwt);
      expect(probe.body.data).toEqual([]);
      const entries = await app.http.get(
        `/api/time-entries?filters[service][documentId][$eq]=${services.development.documentId}&populate[service][fields][0]=name`,
        manager.jwt
      );
      // Approved billable work on the service, itemised where its task is visible.
      expect(entries.body.data.map((row: Row) => [row.minutes, row.service?.name])).toEqual([[120, 'Development']]);
    });

    it('shows clients without budget access no service at all', async () => {
      for (const path of ['/api/budget-services', `/api/budget-services/${services.design.documentId}`]) {
        const response = await app.http.get(path, plainClient.jwt);
        expect(response.text).not.toContain('Design');
        expect(response.text).not.toContain(HIDDEN_SERVICE);
      }
      expect((await app.http.get('/api/budget-services', plainClient.jwt)).body.data).toEqual([]);
      expect((await app.http.get(`/api/budget-services/${services.design.documentId}`, plainClient.jwt)).status).toBe(
        404
      );
      // Staff off the project do not see its services either.
      const outsider = await make.person({ role: 'member' });
      expect((await app.http.get('/api/budget-services', outsider.jwt)).body.data).toEqual([]);
    });
  });

  describe('invoice lines', () => {
    it('never lets work of two services share a line, hidden work included', async () => {
      const finance = await make.person({ role: 'member', canManageFinances: true });
      const acme = await make.company({ name: 'Acme invoicing' });
      const target = await make.project(acme, { name: 'Invoiced', leader: worker });
      const budget = await make.create(BUDGET, {
        project: target.documentId,
        name: 'Build',
        amountCents: 100000,
        clientAccess: true,
      });
      const frontend = await make.create(SERVICE, { budget: budget.documentId, name: 'Frontend' });
      const backend = await make.create(SERVICE, { budget: budget.documentId, name: 'Backend' });
      const task = await make.create(TASK, { project: target.documentId, title: 'Checkout' });
      const secret = await make.create(TASK, {
        project: target.documentId,
        title: 'CANARY-secret-task',
        hiddenFromClients: true,
      });
      const entry = (service: Row | null, on: Row, minutes: number) =>
        make.create(TIME, {
          project: target.documentId,
          budget: budget.documentId,
          ...(service ? { service: service.documentId } : {}),
          task: on.documentId,
          person: worker.documentId,
          date: '2026-10-10',
          minutes,
          billable: true,
          state: 'approved',
          rateCents: 9000,
        });
      await entry(frontend, task, 60);
      await entry(backend, task, 30);
      await entry(frontend, task, 30);
      await entry(null, task, 15);
      await entry(frontend, secret, 45);
      await entry(backend, secret, 20);
      await make.create(EXPENSE, {
        project: target.documentId,
        budget: budget.documentId,
        service: backend.documentId,
        person: worker.documentId,
        date: '2026-10-11',
        description: 'Server',
        amountCents: 2500,
        state: 'approved',
        billable: true,
      });
      const response = await app.http.post(
        '/api/invoices/generate',
        { project: target.documentId, from: '2026-10-01', to: '2026-10-31', includeExpenses: true },
        finance.jwt
      );
      expect(response.status).toBe(201);
      const lines = (response.body.data.lines as Row[]).map((line) => [
        line.description,
        line.service ?? null,
        Number(line.quantity),
        line.amountCents,
      ]);
      expect(lines).toEqual([
        ['Checkout', 'Frontend', 1.5, 13500],
        ['Checkout', 'Backend', 0.5, 4500],
        ['Checkout', null, 0.25, 2250],
        ['Build — Frontend — further work', 'Frontend', 0.75, 6750],
        ['Build — Backend — further work', 'Backend', 0.33, 3000],
        ['2026-10-11 — Server', 'Backend', 1, 2500],
      ]);
      expect(response.body.data.subtotalCents).toBe(13500 + 4500 + 2250 + 6750 + 3000 + 2500);
      expect(response.text).not.toContain('CANARY-secret-task');
      // The PDF names the service of each line.
      const pdf = await fetch(`${app.baseUrl}/api/invoices/${response.body.data.documentId}/pdf`, {
        headers: { authorization: `Bearer ${finance.jwt}` },
      });
      expect(pdf.status).toBe(200);
      const text = (await pdfParser(new Uint8Array(await pdf.arrayBuffer()))).text;
      expect(text).toContain('Frontend: Checkout');
      expect(text).toContain('Backend: Checkout');
      expect(text).toContain('Build — Backend — further work');
      expect(text).not.toContain('CANARY-secret-task');
    });
  });

  describe('the cost of a summary', () => {
    it('costs the same number of queries however many services and entries a budget has', async () => {
      const queriesFor = async (path: string, jwt: string) => {
        let count = 0;
        const listener = () => {
          count += 1;
        };
        const connection = app.strapi.db.connection as unknown as {
          on(event: string, fn: () => void): void;
          off(event: string, fn: () => void): void;
        };
        // The mail worker polls its table: paused, so only the request's statements count.
        const outbox = app.strapi.plugin('client-portal').service('outbox') as { start(): void; stop(): Promise<void> };
        await outbox.stop();
        connection.on('query', listener);
        const response = await app.http.get(path, jwt);
        connection.off('query', listener);
        outbox.start();
        expect(response.status).toBe(200);
        return count;
      };
      const large = await make.create(BUDGET, {
        project: project.documentId,
        name: 'Large',
        amountCents: 1,
        clientAccess: true,
      });
      for (let index = 0; index < 6; index += 1) {
        const service = await make.create(SERVICE, {
          budget: large.documentId,
          name: `Part ${index}`,
          position: index,
        });
        for (let entry = 0; entry < 3; entry += 1) {
          await make.create(TIME, {
            project: project.documentId,
            budget: large.documentId,
            service: service.documentId,
            person: worker.documentId,
            date: '2026-11-12',
            minutes: 10 + entry,
            billable: true,
            state: 'approved',
            rateCents: 6000,
          });
        }
      }
      for (const person of [owner, manager]) {
        await queriesFor(`/api/budgets/${shared.documentId}/summary`, person.jwt); // warm-up
        const small = await queriesFor(`/api/budgets/${shared.documentId}/summary`, person.jwt);
        const big = await queriesFor(`/api/budgets/${large.documentId}/summary`, person.jwt);
        expect(big).toBe(small);
      }
      const summary = await app.http.get(`/api/budgets/${large.documentId}/summary`, manager.jwt);
      expect(summary.body.data.services.map((row: { billableMinutes: number }) => row.billableMinutes)).toEqual(
        Array(6).fill(33)
      );
    });
  });
});
