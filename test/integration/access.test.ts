import { signInStaffAdmin } from '../harness/admin';
import { startApp, type TestApp } from '../harness/app';
import { databaseClient } from '../harness/database';
import { fixtures, type Person, type Row } from '../harness/fixtures';
import type { HttpResponse } from '../harness/http';
import { buildWorld } from '../harness/world';

/**
 * The access-control core (docs/roles-and-capabilities.md, docs/visibility.md, docs/time-budgets-invoices.md) seen from outside: every read path a
 * client login can try, with canaries planted in what it must never see and
 * totals compared with the Owner's baseline.
 */
const HIDDEN_TASK = 'CANARY-hidden-task-91c2';
const HIDDEN_COMMENT = 'CANARY-comment-on-hidden-task-5d0e';
const HIDDEN_DOCUMENT = 'CANARY-attachment-of-hidden-task-77aa';
const HIDDEN_DISCUSSION = 'CANARY-hidden-discussion-3b1f';
const HIDDEN_ACTIVITY = 'CANARY-hidden-activity-0c4d';
const PRIVATE_BUDGET = 'CANARY-budget-without-client-access-8e21';
const PENDING_NOTE = 'CANARY-pending-entry-a913';
const NON_BILLABLE_NOTE = 'CANARY-non-billable-entry-6f02';
const HIDDEN_TASK_ENTRY_NOTE = 'CANARY-entry-on-hidden-task-1d7b';
const OTHER_COMPANY_TASK = 'CANARY-globex-task-44e0';
const OTHER_COMPANY_PERSON = 'CANARY-globex-person-b5c6';
const DRAFT_INVOICE_TOTAL = 424242;
const RATE = 87654;
const BUDGET_RATE = 98765;

describe(`access control on every read path on ${databaseClient()}`, () => {
  let app: TestApp;
  let owner: Person;
  let member: Person;
  let memberF: Person;
  let client: Person;
  let clientPlus: Person;
  let manager: Person;
  let globexClient: Person;
  let projectA: Row;
  let projectB: Row;
  let visibleTask: Row;
  let hiddenTask: Row;
  let hiddenComment: Row;
  let clientComment: Row;

  beforeAll(async () => {
    app = await startApp();
    const world = await buildWorld(fixtures(app), {
      people: {
        owner: { company: 'agency' },
        member: { company: 'agency', hourlyRateCents: RATE },
        memberF: { company: 'agency' },
        client: {},
        clientPlus: {},
        manager: {},
        globexClient: { lastName: OTHER_COMPANY_PERSON },
      },
      project: { name: 'Acme site', leader: 'member', members: ['client', 'clientPlus', 'manager', 'memberF'] },
      globexProject: { name: 'Globex app', leader: 'owner' },
      sharedBudget: { hourlyRateCents: BUDGET_RATE },
      privateBudget: { name: PRIVATE_BUDGET },
      visibleTask: { estimateMinutes: 240 },
      hiddenTask: { title: HIDDEN_TASK },
    });
    ({ owner, member, memberF, client, clientPlus, manager, globexClient } = world.people);
    ({ project: projectA, globexProject: projectB, visibleTask, hiddenTask } = world);
    const { make, acme, globex } = world;
    const inA = { project: projectA.documentId };

    await make.create('api::task.task', { project: projectB.documentId, title: OTHER_COMPANY_TASK });
    clientComment = await make.create('api::comment.comment', {
      ...inA,
      task: visibleTask.documentId,
      body: 'Client wrote this',
      author: client.documentId,
    });
    await make.create('api::comment.comment', {
      ...inA,
      task: visibleTask.documentId,
      body: 'Staff reply',
      author: member.documentId,
    });
    hiddenComment = await make.create('api::comment.comment', {
      ...inA,
      task: hiddenTask.documentId,
      body: HIDDEN_COMMENT,
    });
    await make.create('api::document.document', { ...inA, task: hiddenTask.documentId, title: HIDDEN_DOCUMENT });
    await make.create('api::document.document', { ...inA, title: 'Visible document' });
    await make.create('api::discussion.discussion', { ...inA, title: HIDDEN_DISCUSSION, hiddenFromClients: true });
    await make.create('api::discussion.discussion', { ...inA, title: 'Visible discussion' });
    await make.create('api::activity.activity', {
      ...inA,
      verb: 'created',
      subjectType: 'api::task.task',
      subjectId: hiddenTask.documentId,
      summary: HIDDEN_ACTIVITY,
      hiddenFromClients: true,
    });
    await make.create('api::activity.activity', {
      ...inA,
      verb: 'created',
      subjectType: 'api::task.task',
      subjectId: visibleTask.documentId,
      summary: 'Created Visible task',
    });

    const entry = (data: Record<string, unknown>) =>
      make.create('api::time-entry.time-entry', {
        ...inA,
        budget: world.sharedBudget.documentId,
        person: member.documentId,
        date: '2026-11-02',
        minutes: 60,
        billable: true,
        state: 'approved',
        rateCents: RATE,
        costCents: 4321,
        ...data,
      });
    await entry({ task: visibleTask.documentId, note: 'Approved billable work' });
    await entry({ task: visibleTask.documentId, note: PENDING_NOTE, state: 'pending' });
    await entry({ task: visibleTask.documentId, note: NON_BILLABLE_NOTE, billable: false });
    await entry({ task: hiddenTask.documentId, note: HIDDEN_TASK_ENTRY_NOTE });
    await entry({ note: 'Own entry of the F member', person: memberF.documentId });

    await make.create('api::invoice.invoice', {
      company: acme.documentId,
      project: projectA.documentId,
      state: 'issued',
      number: 'INV-2026-0001',
      totalCents: 1000,
      subtotalCents: 1000,
    });
    await make.create('api::invoice.invoice', {
      company: acme.documentId,
      project: projectA.documentId,
      state: 'draft',
      totalCents: DRAFT_INVOICE_TOTAL,
      subtotalCents: DRAFT_INVOICE_TOTAL,
    });
    await make.create('api::invoice.invoice', {
      company: globex.documentId,
      project: projectB.documentId,
      state: 'issued',
      number: 'INV-2026-0002',
      totalCents: 777,
      subtotalCents: 777,
    });
  });

  afterAll(() => app?.stop());

  const expectNoCanary = (text: string) => {
    for (const canary of [
      HIDDEN_TASK,
      HIDDEN_COMMENT,
      HIDDEN_DOCUMENT,
      HIDDEN_DISCUSSION,
      HIDDEN_ACTIVITY,
      PRIVATE_BUDGET,
      PENDING_NOTE,
      NON_BILLABLE_NOTE,
      HIDDEN_TASK_ENTRY_NOTE,
      OTHER_COMPANY_TASK,
      OTHER_COMPANY_PERSON,
      String(DRAFT_INVOICE_TOTAL),
      String(RATE),
      String(BUDGET_RATE),
      'costCents',
      'rateCents',
      'hiddenFromClients',
    ]) {
      expect(text).not.toContain(canary);
    }
  };

  const totalOf = async (path: string, jwt: string) => {
    const response = await app.http.get(path, jwt);
    expect(response.status).toBe(200);
    return response.body.meta.pagination.total as number;
  };

  describe('hidden items and everything hanging off them', () => {
    it.each([
      ['tasks', 3, 1],
      ['comments', 3, 2],
      ['documents', 2, 1],
      ['discussions', 2, 1],
      ['activities', 2, 1],
    ])('/api/%s: the Owner sees %i, a Client exactly %i, and no canary', async (path, ownerTotal, clientTotal) => {
      expect(await totalOf(`/api/${path}`, owner.jwt)).toBe(ownerTotal);
      const response = await app.http.get(`/api/${path}?populate=*`, client.jwt);
      expect(response.status).toBe(200);
      expect(response.body.meta.pagination.total).toBe(clientTotal);
      expect(response.body.data).toHaveLength(clientTotal);
      expectNoCanary(response.text);
    });

    it('answers 404 for a hidden task and its comment, like for a missing one', async () => {
      for (const path of [`/api/tasks/${hiddenTask.documentId}`, `/api/comments/${hiddenComment.documentId}`]) {
        const response = await app.http.get(path, clientPlus.jwt);
        expect(response.status).toBe(404);
        expect(response.body.error).toMatchObject({ status: 404, name: 'NotFoundError' });
      }
      expect((await app.http.get(`/api/tasks/${hiddenTask.documentId}`, member.jwt)).status).toBe(200);
    });

    it('keeps hidden rows out of populated relations at every depth, including populate=*', async () => {
      const deep = await app.http.get(
        '/api/projects?populate[tasks][populate][comments][populate][task][populate][documents][populate]=comments&populate[discussions][populate]=comments&populate[activities]=true&populate[timeEntries][populate]=task&populate[documents]=true',
        client.jwt
      );
      expect(deep.status).toBe(200);
      const tasks = deep.body.data[0].tasks;
      expect(tasks.map((task: Row) => task.title)).toEqual(['Visible task']);
      expect(tasks[0].comments.map((comment: Row) => comment.body).sort()).toEqual([
        'Client wrote this',
        'Staff reply',
      ]);
      expectNoCanary(deep.text);
      const star = await app.http.get(`/api/projects/${projectA.documentId}?populate=*`, clientPlus.jwt);
      expect(star.status).toBe(200);
      expectNoCanary(star.text);
    });

    it('is no filter oracle: filters through relations carry the related rows’ rules', async () => {
      const probe = `filters[tasks][title][$eq]=${HIDDEN_TASK}`;
      expect(await totalOf(`/api/projects?${probe}`, owner.jwt)).toBe(1);
      expect(await totalOf(`/api/projects?${probe}`, client.jwt)).toBe(0);
      const viaComment = `/api/comments?filters[task][title][$startsWith]=CANARY`;
      expect(await totalOf(viaComment, owner.jwt)).toBe(1);
      expect(await totalOf(viaComment, client.jwt)).toBe(0);
      const viaPeople = `/api/projects?filters[members][lastName][$eq]=${OTHER_COMPANY_PERSON}`;
      expect(await totalOf(viaPeople, owner.jwt)).toBe(1);
      expect(await totalOf(viaPeople, globexClient.jwt)).toBe(1);
      expect(await totalOf(viaPeople, client.jwt)).toBe(0);
    });

    it('does not let clients sort through relations, nor read drafts', async () => {
      const sorted = await app.http.get('/api/comments?sort=task.title:asc', client.jwt);
      expect(sorted.status).toBe(400);
      expect(sorted.body.error.message).toContain('sort.task.title');
      expect((await app.http.get('/api/comments?sort=task.title:asc', member.jwt)).status).toBe(200);
      // Staff sort through a relation only where every related row is theirs to read: a Member may not
      // order time entries by the totals of invoices they may not read; the Owner reads them all.
      const byInvoice = '/api/time-entries?sort=invoice.totalCents:desc';
      const refused = await app.http.get(byInvoice, member.jwt);
      expect(refused.status).toBe(400);
      expect(refused.body.error.message).toContain('sort.invoice.totalCents');
      expect((await app.http.get(byInvoice, owner.jwt)).status).toBe(200);
      const drafts = await app.http.get('/api/tasks?status=draft', client.jwt);
      expect(drafts.status).toBe(200);
      expectNoCanary(drafts.text);
    });

    it('searches (_q) only what the person may read', async () => {
      expect(await totalOf('/api/tasks?_q=CANARY', owner.jwt)).toBe(2);
      expect(await totalOf('/api/tasks?_q=CANARY', client.jwt)).toBe(0);
      expect(await totalOf('/api/tasks?_q=visible', client.jwt)).toBe(1);
    });

    it('refuses to let clients filter, sort or select the hidden flag', async () => {
      for (const path of [
        '/api/tasks?filters[hiddenFromClients][$eq]=true',
        '/api/tasks?sort=hiddenFromClients:asc',
        '/api/tasks?fields[0]=hiddenFromClients',
        '/api/tasks?populate[comments][filters][task][hiddenFromClients][$eq]=true',
      ]) {
        const response = await app.http.get(path, client.jwt);
        expect(response.status).toBe(400);
        expect(response.body.error.message).toContain('hiddenFromClients');
      }
    });
  });

  describe('project scope and other companies', () => {
    it('shows a client their own company only, and a Globex client nothing of Acme', async () => {
      const companies = await app.http.get('/api/companies', client.jwt);
      expect(companies.body.data.map((company: Row) => company.name)).toEqual(['Acme']);
      const tasks = await app.http.get('/api/tasks?pagination[pageSize]=100', globexClient.jwt);
      expect(tasks.body.data.map((task: Row) => task.title)).toEqual([OTHER_COMPANY_TASK]);
      expect(tasks.text).not.toContain('Visible task');
    });

    it('shows people on own projects only, with name and title only', async () => {
      const people = await app.http.get('/api/users', client.jwt);
      expect(people.status).toBe(200);
      const ids = people.body.map((person: Row) => person.id).sort((a: number, b: number) => a - b);
      expect(ids).toEqual([member.id, memberF.id, client.id, clientPlus.id, manager.id].sort((a, b) => a - b));
      for (const person of people.body) {
        expect(Object.keys(person).sort()).toEqual([
          'createdAt',
          'documentId',
          'firstName',
          'id',
          'lastName',
          'publishedAt',
          'title',
          'updatedAt',
        ]);
      }
      expectNoCanary(people.text);
      expect(people.text).not.toContain('@people.test');
      expect((await app.http.get(`/api/users/${globexClient.id}`, client.jwt)).status).toBe(404);
      expect(await app.http.get('/api/users/count', client.jwt)).toMatchObject({ status: 200, body: 5 });
    });

    it('keeps /api/users/me populate inside the rules', async () => {
      const me = await app.http.get('/api/users/me?populate[projects][populate][tasks][populate]=comments', client.jwt);
      expect(me.status).toBe(200);
      expect(me.body.id).toBe(client.id);
      expect(me.body.projects.map((project: Row) => project.name)).toEqual(['Acme site']);
      expectNoCanary(me.text);
    });

    it('refuses the upload plugin’s file list to every portal role', async () => {
      for (const person of [client, clientPlus, manager, member]) {
        expect((await app.http.get('/api/upload/files', person.jwt)).status).toBe(403);
      }
    });
  });

  describe('budgets, time and money', () => {
    it('shows a plain Client no budget, time entry or invoice at all', async () => {
      for (const path of ['budgets', 'time-entries', 'invoices']) {
        const response = await app.http.get(`/api/${path}`, client.jwt);
        expect(response.status).toBe(200);
        expect(response.body.data).toEqual([]);
        expect(response.body.meta.pagination.total).toBe(0);
      }
    });

    it('shows a Client Manager shared budgets and their approved billable time, never rates or cost', async () => {
      const budgets = await app.http.get('/api/budgets?populate=*', manager.jwt);
      expect(budgets.body.data.map((budget: Row) => budget.name)).toEqual(['Shared budget']);
      const entries = await app.http.get(
        '/api/time-entries?populate[task][fields][0]=title&populate[person][fields][0]=firstName',
        manager.jwt
      );
      expect(entries.status).toBe(200);
      expect(entries.body.meta.pagination.total).toBe(2);
      expect(entries.body.data.map((entry: Row) => entry.note).sort()).toEqual([
        'Approved billable work',
        'Own entry of the F member',
      ]);
      expect(entries.body.data.find((entry: Row) => entry.task).task).toEqual({
        id: visibleTask.id,
        documentId: visibleTask.documentId,
        title: 'Visible task',
      });
      expectNoCanary(budgets.text + entries.text);
    });

    it('shows task estimates to Client Managers only', async () => {
      const asManager = await app.http.get(`/api/tasks/${visibleTask.documentId}`, manager.jwt);
      expect(asManager.body.data.estimateMinutes).toBe(240);
      const asClient = await app.http.get(`/api/tasks/${visibleTask.documentId}`, client.jwt);
      expect(asClient.body.data).not.toHaveProperty('estimateMinutes');
      expect((await app.http.get('/api/tasks?filters[estimateMinutes][$gt]=0', client.jwt)).status).toBe(400);
    });

    it('strips and refuses financial fields for staff without the finance permission', async () => {
      const entries = await app.http.get('/api/time-entries?populate=*', member.jwt);
      expect(entries.status).toBe(200);
      expect(entries.text).not.toContain(String(RATE));
      expect(entries.text).not.toContain('costCents');
      for (const path of [
        '/api/time-entries?filters[rateCents][$gt]=0',
        '/api/time-entries?sort=costCents',
        '/api/time-entries?fields[0]=rateCents',
        '/api/budgets?fields[0]=hourlyRateCents',
      ]) {
        const response = await app.http.get(path, member.jwt);
        expect(response.status).toBe(400);
      }
      const finance = await app.http.get('/api/time-entries?filters[rateCents][$eq]=87654', memberF.jwt);
      expect(finance.body.meta.pagination.total).toBe(5);
      expect(finance.body.data[0].rateCents).toBe(RATE);
    });

    it('shows a plain Member their own time entries and those on the project they lead', async () => {
      expect(await totalOf('/api/time-entries', member.jwt)).toBe(5);
      expect(await totalOf('/api/time-entries', owner.jwt)).toBe(5);
    });

    it('shows Client Managers issued invoices of their own company only', async () => {
      const invoices = await app.http.get('/api/invoices?populate=*', manager.jwt);
      expect(invoices.body.data.map((invoice: Row) => invoice.number)).toEqual(['INV-2026-0001']);
      expect(invoices.text).not.toContain('INV-2026-0002');
      expectNoCanary(invoices.text);
      expect(await totalOf('/api/invoices', memberF.jwt)).toBe(3);
      expect(await totalOf('/api/invoices', member.jwt)).toBe(0);
    });
  });

  describe('bad input is a 400 naming the problem', () => {
    it.each([
      ['/api/tasks?where[title]=x', 'where'],
      ['/api/users?where[email]=x', 'where'],
      ['/api/tasks?lookup[title]=x', 'lookup'],
      ['/api/tasks?pagination[pageSize]=1000', 'pagination.pageSize'],
      ['/api/users?pagination[limit]=101', 'pagination.limit'],
      ['/api/tasks?pagination[page]=0', 'pagination.page'],
      [
        '/api/tasks?populate[project][populate][tasks][populate][project][populate][tasks][populate][project][populate]=tasks',
        'populate',
      ],
      ['/api/tasks?populate=project.tasks.project.tasks.project.tasks', 'populate'],
      ['/api/tasks?status=everything', 'status'],
      ['/api/users?filters[password][$startsWith]=$2', 'password'],
      ['/api/tasks?filters[comments]=x', 'comments'],
      ['/api/tasks?filters[project][$notNull]=true', 'project'],
      ['/api/tasks?sort[0][title]=sideways', 'sort'],
      ['/api/tasks?populate[nonexistent]=true', 'nonexistent'],
      ['/api/tasks?pagination[pageSize]=ten', 'pagination.pageSize'],
    ])('%s', async (path, problem) => {
      const response = await app.http.get(path, owner.jwt);
      expect(response.status).toBe(400);
      expect(response.body.error.message).toContain(problem);
    });
  });

  describe('writes', () => {
    it('refuses references to rows the writer cannot see, naming the field', async () => {
      const before = await app.strapi.db.query('api::comment.comment').count({});
      const onHidden = await app.http.post(
        '/api/comments',
        { data: { body: 'peek', project: projectA.documentId, task: hiddenTask.documentId } },
        client.jwt
      );
      expect(onHidden.status).toBe(400);
      expect(onHidden.body.error.message).toContain('task');
      const otherProject = await app.http.post(
        '/api/tasks',
        { data: { title: 'Sneaky', project: projectB.documentId } },
        clientPlus.jwt
      );
      expect(otherProject.status).toBe(400);
      expect(otherProject.body.error.message).toContain('project');
      const connect = await app.http.put(
        `/api/tasks/${visibleTask.documentId}`,
        { data: { assignees: { connect: [globexClient.documentId] } } },
        clientPlus.jwt
      );
      expect(connect.status).toBe(400);
      expect(await app.strapi.db.query('api::comment.comment').count({})).toBe(before);
    });

    it('refuses set and disconnect of rows the writer cannot see', async () => {
      const set = await app.http.put(
        `/api/tasks/${visibleTask.documentId}`,
        { data: { assignees: { set: [clientPlus.documentId, globexClient.documentId] } } },
        clientPlus.jwt
      );
      expect(set.status).toBe(400);
      expect(set.body.error.details.errors[0].path).toEqual(['assignees']);
      const disconnect = await app.http.put(
        `/api/comments/${clientComment.documentId}`,
        { data: { task: { disconnect: [hiddenTask.documentId] } } },
        client.jwt
      );
      expect(disconnect.status).toBe(400);
      const stored = await app.strapi.db
        .query('api::task.task')
        .findOne({ where: { documentId: visibleTask.documentId }, populate: ['assignees'] });
      expect(stored.assignees).toEqual([]);
    });

    it('refuses fields the writer may not write, never keeping them silently', async () => {
      const hide = await app.http.post(
        '/api/tasks',
        { data: { title: 'Mine', project: projectA.documentId, hiddenFromClients: true } },
        clientPlus.jwt
      );
      expect(hide.status).toBe(400);
      expect(hide.body.error.details.errors[0].path).toEqual(['hiddenFromClients']);
      const rate = await app.http.post(
        '/api/time-entries',
        { data: { date: '2026-11-03', minutes: 5, project: projectA.documentId, rateCents: 1 } },
        member.jwt
      );
      expect(rate.status).toBe(400);
      expect(rate.body.error.message).toContain('rateCents');
    });

    it('lets a Client+ edit visible tasks, and a Client only their own comments', async () => {
      const edit = await app.http.put(
        `/api/tasks/${visibleTask.documentId}`,
        { data: { state: 'completed' } },
        clientPlus.jwt
      );
      expect(edit.status).toBe(200);
      expect(edit.body.data.state).toBe('completed');
      const own = await app.http.put(
        `/api/comments/${clientComment.documentId}`,
        { data: { body: 'Edited by me' } },
        client.jwt
      );
      expect(own.status).toBe(200);
      const othersComment = (await app.http.get('/api/comments?filters[body][$eq]=Staff reply', client.jwt)).body
        .data[0];
      expect(
        (await app.http.put(`/api/comments/${othersComment.documentId}`, { data: { body: 'x' } }, client.jwt)).status
      ).toBe(403);
      expect(
        (await app.http.put(`/api/comments/${hiddenComment.documentId}`, { data: { body: 'x' } }, client.jwt)).status
      ).toBe(404);
      expect(
        (await app.http.put(`/api/tasks/${visibleTask.documentId}`, { data: { title: 'x' } }, client.jwt)).status
      ).toBe(403);
    });

    it('sets the author of what a client creates to the client', async () => {
      const created = await app.http.post(
        '/api/comments?populate[author][fields][0]=firstName',
        { data: { body: 'New comment', project: projectA.documentId, task: visibleTask.documentId } },
        client.jwt
      );
      expect(created.status).toBe(201);
      const stored = await app.strapi.db
        .query('api::comment.comment')
        .findOne({ where: { documentId: created.body.data.documentId }, populate: ['author'] });
      expect(stored.author.id).toBe(client.id);
      const forged = await app.http.post(
        '/api/comments',
        {
          data: {
            body: 'Forged',
            project: projectA.documentId,
            task: visibleTask.documentId,
            author: member.documentId,
          },
        },
        client.jwt
      );
      expect(forged.status).toBe(400);
    });
  });
});

describe(`what the rules cost on ${databaseClient()}`, () => {
  let app: TestApp;
  let owner: Person;
  let client: Person;
  let otherClient: Person;

  beforeAll(async () => {
    app = await startApp();
    const make = fixtures(app);
    const acme = await make.company({ name: 'Acme' });
    const globex = await make.company({ name: 'Globex' });
    owner = await make.person({ role: 'owner' });
    client = await make.person({ role: 'client', company: acme });
    otherClient = await make.person({ role: 'client', company: globex });
    for (const [company, person] of [
      [acme, client],
      [globex, otherClient],
    ] as const) {
      for (let index = 0; index < 3; index += 1) {
        const project = await make.project(company, { members: [person], name: `${company.name} project ${index}` });
        for (let task = 0; task < 4; task += 1) {
          const row = await make.create('api::task.task', {
            project: project.documentId,
            title: `${company.name} task ${task}`,
          });
          await make.create('api::comment.comment', {
            project: project.documentId,
            task: row.documentId,
            body: `${company.name} note`,
          });
        }
      }
    }
  });

  afterAll(() => app?.stop());

  /** The SQL of every statement one request ran, and its answer. */
  const statementsOf = async (request: () => Promise<HttpResponse>) => {
    const statements: string[] = [];
    const listener = (query: { sql: string }) => {
      statements.push(query.sql);
    };
    const connection = app.strapi.db.connection as unknown as {
      on(event: string, fn: (query: { sql: string }) => void): void;
      off(event: string, fn: (query: { sql: string }) => void): void;
    };
    // The mail worker polls its table every second: paused, so only the request's statements count.
    const outbox = app.strapi.plugin('client-portal').service('outbox') as { start(): void; stop(): Promise<void> };
    await outbox.stop();
    connection.on('query', listener);
    const response = await request();
    connection.off('query', listener);
    outbox.start();
    return { statements, response };
  };

  const queriesFor = async (path: string, jwt: string) => {
    const { statements, response } = await statementsOf(() => app.http.get(path, jwt));
    expect(response.status).toBe(200);
    return statements.length;
  };

  it('adds no query to a read: a client costs what the Owner costs for the same populate', async () => {
    const path = '/api/projects?populate[tasks][populate][comments]=true&populate[company]=true';
    await queriesFor(path, owner.jwt); // warm-up: first requests load caches
    await queriesFor(path, client.jwt);
    const ownerQueries = await queriesFor(path, owner.jwt);
    const clientQueries = await queriesFor(path, client.jwt);
    expect(clientQueries).toBeGreaterThan(0);
    expect(clientQueries).toBe(ownerQueries);
    // One query per relation level, whatever the number of rows (no N+1).
    expect(await queriesFor('/api/tasks?pagination[pageSize]=100&populate=comments', client.jwt)).toBe(
      await queriesFor('/api/tasks?pagination[pageSize]=1&populate=comments', client.jwt)
    );
  });

  it('reads the people a client shares a project with by their ids, in the statement that loads the client', async () => {
    const make = fixtures(app);
    const colleague = await make.person({ role: 'member' });
    const acme = await app.strapi.db.query('api::company.company').findOne({ where: { name: 'Acme' } });
    await make.project(acme, { members: [client, colleague], name: 'Acme shared project' });
    const ids = (people: Row[]) => people.map((person) => person.id).sort((a: number, b: number) => a - b);
    const expected = [client.id, colleague.id].sort((a, b) => a - b);

    const { statements, response } = await statementsOf(() => app.http.get('/api/users', client.jwt));
    expect(response.status).toBe(200);
    expect(ids(response.body)).toEqual(expected);
    // One statement loads the client's company, projects and colleagues; the read itself joins no project.
    expect(statements.filter((sql) => sql.includes("'colleague'"))).toHaveLength(1);
    // (The project's creation may still be writing its activity: only the people read counts.)
    const peopleReads = statements.filter(
      (sql) => /from .up_users. as .t0. where/.test(sql) && sql.includes('first_name')
    );
    expect(peopleReads).toHaveLength(1);
    expect(peopleReads[0]).not.toMatch(/join|projects/);

    // A request that may change memberships loads no colleagues: its reads join, and find the same people.
    const written = await statementsOf(() =>
      app.http.post('/api/comments', { data: { body: 'Hello', project: 'nope' } }, client.jwt)
    );
    expect(written.statements.some((sql) => sql.includes("'colleague'"))).toBe(false);
    const populated = await app.http.get(
      '/api/projects?filters[name][$eq]=Acme shared project&populate[members][fields][0]=firstName',
      client.jwt
    );
    expect(ids(populated.body.data[0].members)).toEqual(expected);
  });

  it("reads colleagues' ids at sign-in only for the roles whose people rule uses them, and a role changed since shows no one more", async () => {
    const signInOf = async (jwt: string) => {
      const { statements, response } = await statementsOf(() => app.http.get('/api/users', jwt));
      expect(response.status).toBe(200);
      const people = (response.body as Row[]).map((person) => Number(person.id)).sort((a, b) => a - b);
      return { signedIn: statements[1], people };
    };
    // The first sign-in asks the role in SQL; from then on the role type seen last decides.
    await signInOf(owner.jwt);
    const ownerSignIn = (await signInOf(owner.jwt)).signedIn;
    expect(ownerSignIn).toContain("'project' as kind");
    expect(ownerSignIn).not.toContain("'colleague'");
    await signInOf(client.jwt);
    const clientSignIn = (await signInOf(client.jwt)).signedIn;
    expect(clientSignIn).toContain("'colleague' as kind");
    expect(clientSignIn).not.toMatch(/exists/i);

    // An Owner made a Client: the guess is stale for one request, which joins instead, and sees
    // exactly what the next request (ids read again) sees: themselves and who shares a project.
    const make = fixtures(app);
    const acme = await app.strapi.db.query('api::company.company').findOne({ where: { name: 'Acme' } });
    const demoted = await make.person({ role: 'owner' });
    const colleague = await make.person({ role: 'member' });
    await make.project(acme, { members: [demoted, colleague], name: 'Demotion project' });
    const everyone = await app.strapi.db.query('plugin::users-permissions.user').count();
    expect((await signInOf(demoted.jwt)).people).toHaveLength(everyone);
    await app.strapi.db
      .query('plugin::users-permissions.user')
      .update({ where: { id: demoted.id }, data: { role: await make.roleId('client'), company: acme.id } });
    const stale = await signInOf(demoted.jwt);
    expect(stale.signedIn).not.toContain("'colleague'");
    const fresh = await signInOf(demoted.jwt);
    expect(fresh.signedIn).toContain("'colleague' as kind");
    expect(fresh.people).toEqual(expect.arrayContaining([demoted.id, colleague.id]));
    expect(fresh.people.length).toBeLessThan(everyone);
    expect(stale.people).toEqual(fresh.people);
  });

  it("reads colleagues' ids at sign-in only on routes whose last read asked the people rule; a route that asks again sees the same people", async () => {
    const colleague = await fixtures(app).person({ role: 'member' });
    const project = await fixtures(app).project(
      await app.strapi.db.query('api::company.company').findOne({ where: { name: 'Acme' } }),
      { members: [client, colleague], name: 'Route hint project' }
    );
    const readProject = async (query: string) => {
      const { statements, response } = await statementsOf(() =>
        app.http.get(`/api/projects/${project.documentId}${query}`, client.jwt)
      );
      expect(response.status).toBe(200);
      const members = ((response.body.data as Row).members as Row[] | undefined)?.map((person) => Number(person.id));
      const signedIn = statements.find((sql) => sql.includes("'role' as kind"));
      return { signedIn, members: members?.sort((a, b) => a - b), body: response.body };
    };
    // A project without its members: the first request reads the colleagues, the next does not.
    const first = await readProject('');
    expect(first.signedIn).toContain("'colleague' as kind");
    const plain = await readProject('');
    expect(plain.signedIn).toContain("'project' as kind");
    expect(plain.signedIn).not.toContain("'colleague'");
    expect(plain.body).toEqual(first.body);
    // Its members on the same route: no ids this time (the people rule joins), then ids again; the same people.
    const joined = await readProject('?populate[members]=true');
    expect(joined.signedIn).not.toContain("'colleague'");
    const listed = await readProject('?populate[members]=true');
    expect(listed.signedIn).toContain("'colleague' as kind");
    expect(joined.members).toEqual([client.id, colleague.id].sort((a, b) => a - b));
    expect(joined.body).toEqual(listed.body);
  });

  it("reads a staff member's colleagues on the admin routes only where the route's last read asked the people rule", async () => {
    const member = await fixtures(app).person({ role: 'member' });
    await fixtures(app).project(
      await app.strapi.db.query('api::company.company').findOne({ where: { name: 'Acme' } }),
      { members: [client, member], name: 'Staff hint project' }
    );
    const staff = await signInStaffAdmin(app, member.email);
    const adminGet = async (path: string) => {
      const { statements, response } = await statementsOf(() =>
        app.http.request('GET', path, { headers: { authorization: `Bearer ${staff.token}` } })
      );
      expect(response.status).toBe(200);
      return { memberships: statements.find((sql) => sql.includes("'project' as kind")), body: response.body };
    };
    // The budgets overview never asks the people rule: from its second request on, no colleague branch.
    const first = await adminGet('/client-portal/budgets');
    expect(first.memberships).toContain("'colleague' as kind");
    const second = await adminGet('/client-portal/budgets');
    expect(second.memberships).toContain("'company' as kind");
    expect(second.memberships).not.toContain("'colleague'");
    expect(second.body).toEqual(first.body);
    // The people list asks it every time: the colleagues are read on each request, the same people.
    const people = await adminGet('/client-portal/people');
    const again = await adminGet('/client-portal/people');
    expect(again.memberships).toContain("'colleague' as kind");
    expect(again.body).toEqual(people.body);
    const ids = (people.body.data as Row[]).map((person) => Number(person.id)).sort((a, b) => a - b);
    expect(ids).toEqual([member.id, client.id].sort((a, b) => a - b));
  });

  it('signs a person in with three statements: their row, then their role, its actions and their projects together, then the settings', async () => {
    await statementsOf(() => app.http.get('/api/users/me', client.jwt)); // warm-up: first requests load caches
    const { statements, response } = await statementsOf(() => app.http.get('/api/users/me', client.jwt));
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: client.id, email: client.email });
    // A JWT is never looked up as an API token.
    expect(statements.filter((sql) => sql.includes('strapi_api_tokens'))).toEqual([]);
    const [row, signedIn, settings, ...read] = statements;
    expect(row).toMatch(/^select .t0.\.\* from .up_users. as .t0. where \(.t0.\..id. = /);
    for (const kind of ['role', 'action', 'company', 'project']) expect(signedIn).toContain(`'${kind}' as kind`);
    // `me` never asks the people rule: after the first request its route reads no colleagues.
    expect(signedIn).not.toContain("'colleague'");
    expect(settings).toMatch(/from .strapi_core_store_settings./);
    // Then the read itself (users-permissions' `me`), nothing else of the sign-in.
    expect(read).toHaveLength(1);
    expect(read.filter((sql) => /up_permissions|up_users_company_lnk|projects_members_lnk/.test(sql))).toEqual([]);

    // GraphQL's `me` answers from the signed-in person as loaded: the role with its name and type.
    const me = await app.http.post('/graphql', { query: '{ me { id role { name type } } }' }, client.jwt);
    expect(me.body).toEqual({ data: { me: { id: String(client.id), role: { name: 'Client', type: 'client' } } } });
  });

  it("signs in with the role's permissions as they are now: a revoked action is refused on the next request", async () => {
    const roles = app.strapi.db.query('plugin::users-permissions.role');
    const role = await roles.findOne({ where: { type: 'client' }, populate: ['permissions'] });
    const permission = (role.permissions as { id: number; action: string }[]).find(
      (candidate) => candidate.action === 'api::note.note.find'
    );
    expect(permission).toBeDefined();
    expect((await app.http.get('/api/notes', client.jwt)).status).toBe(200);
    await app.strapi.db
      .query('plugin::users-permissions.permission')
      .update({ where: { id: permission!.id }, data: { role: null } });
    try {
      expect((await app.http.get('/api/notes', client.jwt)).status).toBe(403);
      expect((await app.http.get('/api/tasks', client.jwt)).status).toBe(200);
    } finally {
      await app.strapi.db
        .query('plugin::users-permissions.permission')
        .update({ where: { id: permission!.id }, data: { role: role.id } });
    }
    expect((await app.http.get('/api/notes', client.jwt)).status).toBe(200);
  });

  it('still signs in an API token (a reader who is no person, who reads nothing); a dotted token that is no JWT is refused', async () => {
    const tokens = app.strapi.service('admin::api-token-content-api') as unknown as {
      create(attributes: Record<string, unknown>): Promise<{ id: number; accessKey: string }>;
      revoke(id: number): Promise<unknown>;
    };
    const token = await tokens.create({ name: 'access test', type: 'read-only', lifespan: null, kind: 'content-api' });
    try {
      const { statements, response } = await statementsOf(() => app.http.get('/api/projects', token.accessKey));
      expect(response.status).toBe(200);
      expect(response.body.data).toEqual([]);
      expect(response.body.meta.pagination.total).toBe(0);
      expect(statements.filter((sql) => sql.includes('strapi_api_tokens')).length).toBeGreaterThan(0);
      // Read-only: a write is refused before any rule.
      expect((await app.http.post('/api/notes', { data: { title: 'x' } }, token.accessKey)).status).toBe(403);
    } finally {
      await tokens.revoke(token.id);
    }
    expect((await app.http.get('/api/projects', token.accessKey)).status).toBe(401);
    expect((await app.http.get('/api/projects', 'not.a.jwt')).status).toBe(401);
    expect((await app.http.get('/api/projects', `${client.jwt}x`)).status).toBe(401);
  });

  it("reads a to-one relation filtered through by the row's indexed copy, joining nothing, with the same rows", async () => {
    const projects = await app.strapi.db
      .query('api::project.project')
      .findMany({ where: { name: { $in: ['Acme project 0', 'Globex project 0'] } }, orderBy: { name: 'asc' } });
    const [acmeProject, globexProject] = projects;
    const commentsOf = async (project: Row, person: Person, condition = `[documentId][$eq]=${project.documentId}`) => {
      const { statements, response } = await statementsOf(() =>
        app.http.get(`/api/comments?filters[project]${condition}&pagination[pageSize]=100`, person.jwt)
      );
      expect(response.status).toBe(200);
      const reads = statements.filter((sql) => /from .comments. as .t0./.test(sql));
      return {
        reads,
        total: response.body.meta.pagination.total,
        bodies: response.body.data.map((row: Row) => row.body),
      };
    };
    for (const person of [owner, client]) {
      const own = await commentsOf(acmeProject, person);
      expect(own.total).toBe(4);
      expect(own.bodies).toEqual(['Acme note', 'Acme note', 'Acme note', 'Acme note']);
      // The list and its count: the project's id read off each comment, the project matched in a subquery.
      expect(own.reads).toHaveLength(2);
      for (const sql of own.reads) {
        expect(sql).not.toMatch(/ join /);
        expect(sql).toMatch(/.portal_project_id. in \(select .t0.\..id. from .projects. as .t0. where/);
      }
    }
    // The rules of the projects are in the subquery: another company's project matches nothing.
    expect(await commentsOf(globexProject, client)).toMatchObject({ total: 0, bodies: [] });
    expect((await commentsOf(globexProject, owner)).total).toBe(4);
    // The Owner sees every activity (no rows handed to the statement): the list and the count still read the copy.
    for (const [project, count] of [
      [acmeProject, 3],
      [globexProject, 1],
    ] as const) {
      for (let index = 0; index < count; index += 1) {
        await fixtures(app).create('api::activity.activity', {
          project: project.documentId,
          verb: 'created',
          subjectType: 'task',
          subjectId: `task-${index}`,
        });
      }
    }
    const activities = await statementsOf(() =>
      app.http.get(`/api/activities?filters[project][documentId]=${acmeProject.documentId}`, owner.jwt)
    );
    const recorded = await app.strapi.db
      .query('api::activity.activity')
      .count({ where: { project: { documentId: acmeProject.documentId } } });
    expect(recorded).toBe(3);
    expect(activities.response.body.meta.pagination.total).toBe(3);
    const activityReads = activities.statements.filter((sql) => /from .activities. as .t0./.test(sql));
    expect(activityReads).toHaveLength(2);
    for (const sql of activityReads) expect(sql).not.toMatch(/ join /);
    // A condition a comment without a project would meet keeps Strapi's join, and its meaning.
    const unnamed = await commentsOf(acmeProject, owner, '[name][$null]=true');
    expect(unnamed.total).toBe(0);
    expect(unnamed.reads.every((sql) => / join .projects. /.test(sql))).toBe(true);
  });

  it("hands a read's rows to the statements of its call, leaving its filters as the reader wrote them", async () => {
    const seen: { filters?: unknown; inner?: number } = {};
    let probing = true;
    // Runs after the rules: what the rest of the call is given, and a statement of the read's type made inside it.
    app.strapi.documents.use(async (context, next) => {
      if (probing && context.uid === 'api::task.task' && context.action === 'findMany') {
        seen.filters = (context.params as { filters?: unknown }).filters;
        seen.inner = await app.strapi.db.query('api::task.task').count({});
      }
      return next();
    });
    try {
      const response = await app.http.get(
        '/api/tasks?filters[title][$startsWith]=Acme&pagination[pageSize]=100',
        client.jwt
      );
      expect(response.status).toBe(200);
      expect(response.body.meta.pagination.total).toBe(12);
      // Strapi validates and converts the reader's filter alone: the rows reach the statement by the hook.
      expect(seen.filters).toEqual({ title: { $startsWith: 'Acme' } });
      // Any statement of the read's type in its call is narrowed to the client's rows, never widened.
      expect(seen.inner).toBe(12);
      await app.http.get('/api/tasks?pagination[pageSize]=100', owner.jwt);
      expect(seen.inner).toBe(24);
    } finally {
      probing = false;
    }
    // Outside a read's call, the same statement counts every task.
    expect(await app.strapi.db.query('api::task.task').count({})).toBe(24);
  });

  it('keeps each person in their own scope under concurrent requests', async () => {
    const requests = Array.from({ length: 30 }, (_, index) => {
      const person = [owner, client, otherClient][index % 3];
      return app.http.get('/api/tasks?pagination[pageSize]=100', person.jwt).then((response) => ({ person, response }));
    });
    for (const { person, response } of await Promise.all(requests)) {
      const titles: string[] = response.body.data.map((task: Row) => task.title);
      if (person === owner) expect(titles).toHaveLength(24);
      else {
        const own = person === client ? 'Acme' : 'Globex';
        expect(titles).toHaveLength(12);
        expect(titles.every((title) => title.startsWith(own))).toBe(true);
      }
    }
  });

  it('fails closed when the rows cannot reach the statement (database lifecycle hooks off)', async () => {
    const path = '/api/tasks?pagination[pageSize]=100';
    const before = await app.http.get(path, client.jwt);
    expect(before.status).toBe(200);
    expect(before.body.meta.pagination.total).toBe(12);
    // The rows are put into the statement by a lifecycle hook (adapters/row-handoff.ts): without it,
    // the read must not answer with rows, neither the client's nor anyone else's.
    app.strapi.db.lifecycles.disable();
    try {
      const response = await app.http.get(path, client.jwt);
      expect(response.status).toBe(500);
      expect(response.text).not.toContain('Globex');
      expect(response.text).not.toContain('Acme task');
      const one = await app.http.get(`/api/tasks/${before.body.data[0].documentId}`, client.jwt);
      expect(one.status).toBe(500);
      expect(one.text).not.toContain('Acme task');
      // The populated relations' rows are handed over the same way.
      const populated = await app.http.get(`${path}&populate[comments]=true&populate[project]=true`, client.jwt);
      expect(populated.status).toBe(500);
      expect(populated.text).not.toContain('Acme');
    } finally {
      app.strapi.db.lifecycles.enable();
    }
    const after = await app.http.get(path, client.jwt);
    expect(after.body.meta.pagination.total).toBe(12);
  });
});
