import { startApp, type TestApp } from '../harness/app';
import { databaseClient } from '../harness/database';
import { fixtures, type Person, type Row } from '../harness/fixtures';

interface Case {
  path: string;
  uid: string;
  create: () => Record<string, unknown>;
  update: Record<string, unknown>;
  invalid: { data: () => Record<string, unknown>; field: string };
}

describe(`Owner CRUD over REST on ${databaseClient()}`, () => {
  let app: TestApp;
  let owner: Person;
  let company: Row;
  let project: Row;
  let task: Row;
  let discussion: Row;
  let note: Row;
  let budget: Row;
  let invoice: Row;

  beforeAll(async () => {
    app = await startApp();
    const make = fixtures(app);
    company = await make.company({ name: 'Globex' });
    owner = await make.person({ role: 'owner' });
    project = await make.project(company, { leader: owner });
    task = await make.create('api::task.task', { title: 'Design', project: project.documentId });
    discussion = await make.create('api::discussion.discussion', { title: 'Kick-off', project: project.documentId });
    note = await make.create('api::note.note', { title: 'Minutes', project: project.documentId });
    budget = await make.create('api::budget.budget', {
      name: 'Phase 1',
      amountCents: 100000,
      project: project.documentId,
    });
    invoice = await make.create('api::invoice.invoice', { company: company.documentId, project: project.documentId });
  });

  afterAll(() => app?.stop());

  const cases: Case[] = [
    {
      path: 'companies',
      uid: 'api::company.company',
      create: () => ({ name: 'Initech', billingEmail: 'billing@initech.test', address: '1 Main St' }),
      update: { name: 'Initech Ltd' },
      invalid: { data: () => ({ billingEmail: 'not-an-email', name: 'X' }), field: 'billingEmail' },
    },
    {
      path: 'projects',
      uid: 'api::project.project',
      create: () => ({
        name: 'Website',
        company: company.documentId,
        leader: owner.documentId,
        requireTimeApproval: true,
      }),
      update: { state: 'completed' },
      invalid: { data: () => ({ name: 'Website', currency: 'euro' }), field: 'currency' },
    },
    {
      path: 'tasks',
      uid: 'api::task.task',
      create: () => ({ title: 'Wireframes', project: project.documentId, estimateMinutes: 120, dueOn: '2026-12-01' }),
      update: { state: 'completed' },
      invalid: { data: () => ({ title: 'Wireframes', state: 'done' }), field: 'state' },
    },
    {
      path: 'discussions',
      uid: 'api::discussion.discussion',
      create: () => ({ title: 'Colours', body: 'Blue or green?', project: project.documentId }),
      update: { title: 'Colours (decided)' },
      invalid: { data: () => ({ title: '' }), field: 'title' },
    },
    {
      path: 'comments',
      uid: 'api::comment.comment',
      create: () => ({ body: 'Looks good', task: task.documentId, project: project.documentId }),
      update: { body: 'Looks great' },
      invalid: { data: () => ({ task: task.documentId }), field: 'body' },
    },
    {
      path: 'notes',
      uid: 'api::note.note',
      create: () => ({ title: 'Brief', body: 'Scope', project: project.documentId }),
      update: { body: 'Scope v2' },
      invalid: { data: () => ({ body: 'no title' }), field: 'title' },
    },
    {
      path: 'documents',
      uid: 'api::document.document',
      create: () => ({ title: 'Contract', project: project.documentId }),
      update: { title: 'Signed contract' },
      invalid: { data: () => ({ title: 'x'.repeat(301) }), field: 'title' },
    },
    {
      path: 'budgets',
      uid: 'api::budget.budget',
      create: () => ({
        name: 'Retainer',
        kind: 'retainer',
        amountCents: 250000,
        currency: 'EUR',
        project: project.documentId,
      }),
      update: { clientAccess: true },
      invalid: { data: () => ({ name: 'Retainer', amountCents: -5 }), field: 'amountCents' },
    },
    {
      path: 'time-entries',
      uid: 'api::time-entry.time-entry',
      create: () => ({
        date: '2026-11-02',
        minutes: 90,
        project: project.documentId,
        task: task.documentId,
        budget: budget.documentId,
        person: owner.documentId,
      }),
      update: { minutes: 120 },
      invalid: { data: () => ({ date: '2026-11-02', minutes: 1441 }), field: 'minutes' },
    },
    {
      path: 'expenses',
      uid: 'api::expense.expense',
      create: () => ({ date: '2026-11-02', description: 'Fonts', amountCents: 4900, project: project.documentId }),
      update: { billable: false },
      invalid: {
        data: () => ({ date: '2026-11-02', description: 'Fonts', amountCents: 'lots', project: project.documentId }),
        field: 'amountCents',
      },
    },
    {
      path: 'invoices',
      uid: 'api::invoice.invoice',
      create: () => ({
        company: company.documentId,
        project: project.documentId,
        lines: [{ description: 'Design', quantity: 1.5, unit: 'hour', unitPriceCents: 10000, amountCents: 15000 }],
        subtotalCents: 15000,
        totalCents: 15000,
      }),
      update: { dueOn: '2026-12-31' },
      invalid: { data: () => ({ taxRateBasisPoints: 20000 }), field: 'taxRateBasisPoints' },
    },
  ];

  it.each(cases.map((entry) => [entry.path, entry] as const))(
    'creates, reads, updates and deletes %s',
    async (_path, entry) => {
      const { http } = app;
      const before = await app.strapi.db.query(entry.uid as any).count({});

      const created = await http.post(`/api/${entry.path}`, { data: entry.create() }, owner.jwt);
      expect(created.status).toBe(201);
      const documentId: string = created.body.data.documentId;
      expect(documentId).toEqual(expect.any(String));
      for (const [field, value] of Object.entries(entry.create())) {
        if (typeof value !== 'object' && !/^[a-z0-9]{24}$/.test(String(value))) {
          expect(created.body.data[field]).toEqual(value);
        }
      }

      const list = await http.get(`/api/${entry.path}?pagination[pageSize]=100`, owner.jwt);
      expect(list.status).toBe(200);
      expect(list.body.meta.pagination.total).toBe(before + 1);
      expect(list.body.data.map((row: Row) => row.documentId)).toContain(documentId);

      const updated = await http.put(`/api/${entry.path}/${documentId}`, { data: entry.update }, owner.jwt);
      expect(updated.status).toBe(200);
      expect(updated.body.data).toMatchObject(entry.update);

      const read = await http.get(`/api/${entry.path}/${documentId}`, owner.jwt);
      expect(read.status).toBe(200);
      expect(read.body.data).toMatchObject({ documentId, ...entry.update });

      const removed = await http.del(`/api/${entry.path}/${documentId}`, owner.jwt);
      expect(removed.status).toBe(204);
      expect((await http.get(`/api/${entry.path}/${documentId}`, owner.jwt)).status).toBe(404);
      // Tasks, discussions, notes and documents go to the trash (docs/collaboration.md#the-trash): still stored, deleted for every read.
      const trashable = ['tasks', 'discussions', 'notes', 'documents'].includes(entry.path);
      expect(await app.strapi.db.query(entry.uid as any).count({})).toBe(trashable ? before + 1 : before);
      if (trashable) {
        const trashed = await app.strapi.db.query(entry.uid as any).findOne({ where: { documentId } });
        expect(trashed.deletedAt).not.toBeNull();
      }
    }
  );

  it.each(cases.map((entry) => [entry.path, entry] as const))(
    'answers invalid %s input with 400 naming the field, and writes nothing',
    async (_path, entry) => {
      const before = await app.strapi.db.query(entry.uid as any).count({});
      const response = await app.http.post(`/api/${entry.path}`, { data: entry.invalid.data() }, owner.jwt);
      expect(response.status).toBe(400);
      expect(response.body.error.name).toBe('ValidationError');
      const paths = response.body.error.details.errors.map((error: { path: string[] }) => error.path.join('.'));
      expect(paths).toContain(entry.invalid.field);
      expect(response.body.error.message).toContain(entry.invalid.field);
      expect(await app.strapi.db.query(entry.uid as any).count({})).toBe(before);
    }
  );

  it('keeps activity read-only: only the server writes it', async () => {
    const make = fixtures(app);
    const task = await make.create('api::task.task', { title: 'Logged', project: project.documentId });
    await make.create('api::activity.activity', {
      verb: 'created',
      subjectType: 'api::task.task',
      subjectId: task.documentId,
      project: project.documentId,
      summary: 'Created a task',
    });
    const list = await app.http.get(`/api/activities?filters[subjectId][$eq]=${task.documentId}`, owner.jwt);
    expect(list.status).toBe(200);
    expect(list.body.data.map((row: Row) => row.summary)).toEqual(['Created a task']);
    const stored = await app.strapi.db.query('api::activity.activity').count({});
    const created = await app.http.post(
      '/api/activities',
      { data: { verb: 'created', subjectType: 'x', subjectId: 'y', project: project.documentId } },
      owner.jwt
    );
    expect(created.status).toBe(403);
    const id = list.body.data[0].documentId;
    expect((await app.http.put(`/api/activities/${id}`, { data: { summary: 'forged' } }, owner.jwt)).status).toBe(403);
    expect((await app.http.del(`/api/activities/${id}`, owner.jwt)).status).toBe(403);
    expect(await app.strapi.db.query('api::activity.activity').count({})).toBe(stored);
  });

  it('keeps the relations it was given', async () => {
    const response = await app.http.get(
      `/api/time-entries?populate[project][fields][0]=name&populate[task][fields][0]=title&populate[budget][fields][0]=name`,
      owner.jwt
    );
    expect(response.status).toBe(200);
    expect(response.body.data).toEqual([]);

    const created = await app.http.post(
      '/api/time-entries',
      {
        data: {
          date: '2026-11-03',
          minutes: 30,
          project: project.documentId,
          task: task.documentId,
          budget: budget.documentId,
        },
      },
      owner.jwt
    );
    expect(created.status).toBe(201);
    const read = await app.http.get(
      `/api/time-entries/${created.body.data.documentId}?populate[project][fields][0]=name&populate[task][fields][0]=title&populate[budget][fields][0]=name`,
      owner.jwt
    );
    expect(read.body.data).toMatchObject({
      minutes: 30,
      billable: true,
      // The project does not require approval: approved on creation (docs/time-budgets-invoices.md#approval).
      state: 'approved',
      project: { documentId: project.documentId, name: project.name },
      task: { documentId: task.documentId, title: 'Design' },
      budget: { documentId: budget.documentId, name: 'Phase 1' },
    });
    expect(discussion.documentId).toBeDefined();
    expect(note.documentId).toBeDefined();
    expect(invoice.documentId).toBeDefined();
  });
});
