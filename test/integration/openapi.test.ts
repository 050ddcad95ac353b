import { startApp, type TestApp } from '../harness/app';
import { databaseClient } from '../harness/database';
import { fixtures, type Person, type Row } from '../harness/fixtures';
import { buildWorld } from '../harness/world';
import type { HttpResponse } from '../harness/http';
import { openApiValidator, type OpenApiValidator } from '../harness/openapi';
import type { OpenApiDocument, OpenApiRole } from '../../src/plugins/client-portal/shared/contracts';

const ROLES: OpenApiRole[] = ['client', 'client-plus', 'client-manager'];
const DECLARED = 'client-portal';

/** What clients never reach (docs/visibility.md, docs/http-api.md): staff routes and the upload plugin's files. */
const STAFF_PATHS = [
  '/api/client-portal/seats',
  '/api/client-portal/invitations',
  '/api/client-portal/people',
  '/api/client-portal/trash',
  '/api/client-portal/preview/{userId}',
  '/api/client-portal/budgets/{documentId}/access',
  '/api/invoices/generate',
  '/api/reports/{report}',
  '/api/upload/files',
];
/** Types only Client Managers read among clients (budgets with client access, their services and time, invoices, estimates). */
const MANAGER_TYPES = [
  '/api/budgets',
  '/api/budget-services',
  '/api/time-entries',
  '/api/expenses',
  '/api/invoices',
  '/api/estimates',
];

describe(`the OpenAPI document of each client role on ${databaseClient()}`, () => {
  let app: TestApp;
  let owner: Person;
  let leader: Person;
  let worker: Person;
  let people: Record<OpenApiRole, Person>;
  let project: Row;
  let budget: Row;
  let task: Row;
  let pendingEntry: string;
  let invoice: string;
  const documents = {} as Record<OpenApiRole, OpenApiDocument>;
  const texts = {} as Record<OpenApiRole, string>;
  const validators = {} as Record<OpenApiRole, OpenApiValidator>;

  /** `pluginOptions["client-portal"]` of every declared type, as its schema says. */
  const declarations = () =>
    Object.entries(
      app.strapi.contentTypes as unknown as Record<string, { pluginOptions?: Record<string, any> }>
    ).flatMap(([uid, schema]) =>
      schema.pluginOptions?.[DECLARED] ? [{ uid, declaration: schema.pluginOptions[DECLARED] }] : []
    );

  beforeAll(async () => {
    app = await startApp();
    const world = await buildWorld(fixtures(app), {
      people: {
        owner: {},
        leader: {},
        worker: { role: 'member', hourlyRateCents: 12000, costRateCents: 7000 },
        client: {},
        clientPlus: {},
        manager: {},
      },
      acme: { billingEmail: 'billing@acme.test' },
      project: { name: 'Acme site', leader: 'leader', requireTimeApproval: true, clientsCanApproveTime: true },
      sharedBudget: { name: 'Launch', amountCents: 500000, startsOn: '2026-11-01' },
    });
    const { make, acme } = world;
    ({ owner, leader, worker } = world.people);
    people = {
      client: world.people.client,
      'client-plus': world.people.clientPlus,
      'client-manager': world.people.manager,
    };
    ({ project, sharedBudget: budget } = world);
    const inProject = { project: project.documentId };
    await make.create('api::budget-service.budget-service', {
      budget: budget.documentId,
      name: 'Design',
      capCents: 9000,
    });
    task = await make.create('api::task.task', {
      ...inProject,
      title: 'Homepage',
      estimateMinutes: 480,
      dueOn: '2026-11-30',
      author: leader.documentId,
      assignees: [people['client-plus'].documentId],
    });
    await make.create('api::task.task', { ...inProject, title: 'Internal', hiddenFromClients: true });
    await make.create('api::note.note', { ...inProject, title: 'Minutes', body: 'Agreed', author: leader.documentId });
    await make.create('api::document.document', { ...inProject, title: 'Sitemap', author: leader.documentId });
    // Through the API, so the project's activity feed has something for clients too.
    for (const [path, data] of [
      ['/api/discussions', { title: 'Kickoff', body: 'Agenda' }],
      ['/api/comments', { task: task.documentId, body: 'Started' }],
    ] as const) {
      expect((await app.http.post(path, { data: { ...inProject, ...data } }, leader.jwt)).status).toBe(201);
    }

    // Time and money through the API, as the agency works: logged, approved, invoiced.
    const log = async (path: string, data: Record<string, unknown>) => {
      const created = await app.http.post(
        path,
        { data: { ...inProject, budget: budget.documentId, ...data } },
        worker.jwt
      );
      expect(created.status).toBe(201);
      return created.body.data.documentId as string;
    };
    const entry = await log('/api/time-entries', {
      task: task.documentId,
      date: '2026-11-10',
      minutes: 150,
      note: 'Hero',
    });
    const expense = await log('/api/expenses', { date: '2026-11-11', description: 'Fonts', amountCents: 4900 });
    expect((await app.http.post(`/api/time-entries/${entry}/approve`, {}, leader.jwt)).status).toBe(200);
    expect((await app.http.post(`/api/expenses/${expense}/approve`, {}, leader.jwt)).status).toBe(200);
    const draft = await app.http.post(
      '/api/invoices/generate',
      { project: project.documentId, from: '2026-11-01', to: '2026-11-30' },
      owner.jwt
    );
    expect(draft.status).toBe(201);
    invoice = draft.body.data.documentId;
    expect((await app.http.post(`/api/invoices/${invoice}/issue`, {}, owner.jwt)).status).toBe(200);
    const estimate = await make.create('api::estimate.estimate', {
      title: 'Relaunch',
      company: acme.documentId,
      lines: [{ description: 'Design', quantity: 2, unit: 'day', unitPriceCents: 80000 }],
    });
    expect((await app.http.post(`/api/estimates/${estimate.documentId}/send`, {}, owner.jwt)).status).toBe(200);
    pendingEntry = await log('/api/time-entries', { task: task.documentId, date: '2026-11-12', minutes: 45 });

    for (const role of ROLES) {
      const response = await app.http.get(`/api/client-portal/openapi.json?role=${role}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('application/json');
      documents[role] = response.body;
      texts[role] = response.text;
      validators[role] = openApiValidator(response.body);
    }
  });
  afterAll(() => app?.stop());

  it('answers 400 naming role for a missing or unknown role, without signing in', async () => {
    for (const query of ['', '?role=owner', '?role=member', '?role=client&extra=1']) {
      const response = await app.http.get(`/api/client-portal/openapi.json${query}`);
      expect({ query, status: response.status }).toEqual({ query, status: 400 });
      expect(response.body.error.message).toMatch(/role|extra/);
    }
    const unknown = await app.http.get('/api/client-portal/openapi.json?role=owner');
    expect(unknown.body.error.message).toContain('role');
    expect(unknown.body.error.details.errors[0].path).toEqual(['role']);
    // Built once per role: the same document again.
    expect((await app.http.get('/api/client-portal/openapi.json?role=client')).text).toBe(texts.client);
  });

  it.each(ROLES)('is a structurally valid OpenAPI 3.1 document for %s', (role) => {
    const document = documents[role];
    expect(document.openapi).toBe('3.1.0');
    expect(document.jsonSchemaDialect).toBe('https://spec.openapis.org/oas/3.1/dialect/base');
    expect(typeof document.info.title).toBe('string');
    expect(typeof document.info.version).toBe('string');
    expect(document.servers).toEqual([{ url: 'http://portal.test' }]);
    expect(document.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(document.security).toEqual([{ bearerAuth: [] }]);

    const operationIds = new Set<string>();
    const tags = new Set(document.tags.map((tag) => tag.name));
    for (const { template, method, operation } of validators[role].operations()) {
      expect(['get', 'put', 'post', 'delete']).toContain(method);
      expect(operationIds.has(operation.operationId)).toBe(false);
      operationIds.add(operation.operationId);
      for (const tag of operation.tags) expect(tags.has(tag)).toBe(true);
      // Every {parameter} of the path is declared, required, in the path.
      const inPath = [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
      const declared = (operation.parameters ?? []).filter((parameter: any) => parameter.in === 'path');
      expect(declared.map((parameter: any) => parameter.name).sort()).toEqual(inPath);
      for (const parameter of declared) expect(parameter.required).toBe(true);
      expect(Object.keys(operation.responses).length).toBeGreaterThan(0);
      for (const status of Object.keys(operation.responses)) expect(status).toMatch(/^[1-5]\d\d$/);
      expect(operation.security === undefined || Array.isArray(operation.security)).toBe(true);
    }
    // Every reference resolves.
    for (const [, section, name] of texts[role].matchAll(/"#\/components\/(\w+)\/([^"]+)"/g)) {
      expect({ section, name, found: name in (document.components as any)[section] }).toEqual({
        section,
        name,
        found: true,
      });
    }
    // Every schema compiles with ajv's JSON Schema 2020-12 (strict: no unknown keyword or format).
    expect(validators[role].compileAll()).toBeGreaterThan(20);
  });

  it.each(ROLES)('shows %s no financial field, and no field of Client Managers to the others', (role) => {
    for (const { uid, declaration } of declarations()) {
      for (const field of declaration.financial ?? []) {
        expect({ uid, field, present: texts[role].includes(field) }).toEqual({ uid, field, present: false });
      }
      if (role === 'client-manager') continue;
      for (const field of declaration.clientManagerRead ?? []) {
        expect({ uid, field, present: texts[role].includes(field) }).toEqual({ uid, field, present: false });
      }
    }
    for (const field of ['hiddenFromClients', 'deletedAt', 'portalProjectId']) {
      expect({ field, present: texts[role].includes(field) }).toEqual({ field, present: false });
    }
  });

  it.each(ROLES)('gives %s row schemas of exactly the attributes its declaration lets it read', (role) => {
    const document = documents[role];
    const identity = ['id', 'documentId', 'createdAt', 'updatedAt', 'publishedAt'];
    for (const { uid, declaration } of declarations()) {
      const schema = app.strapi.getModel(uid as never) as { info: { singularName: string } };
      const name = schema.info.singularName.replace(/(^|-)(\w)/g, (_match, _dash, letter: string) =>
        letter.toUpperCase()
      );
      const row = document.components.schemas[name] as { properties: Record<string, unknown> } | undefined;
      if (!row) continue;
      const readable = [
        ...identity,
        ...(declaration.clientRead ?? []),
        ...(role === 'client-manager' ? (declaration.clientManagerRead ?? []) : []),
      ];
      for (const property of Object.keys(row.properties)) {
        expect({ uid, property, readable: readable.includes(property) }).toEqual({ uid, property, readable: true });
      }
    }
  });

  it('lists only what each role may use', () => {
    const paths = (role: OpenApiRole) => documents[role].paths;
    for (const role of ROLES) {
      for (const path of STAFF_PATHS)
        expect({ role, path, listed: path in paths(role) }).toEqual({ role, path, listed: false });
      for (const schema of ['File', 'Invitation', 'PasswordReset', 'Role']) {
        expect({ role, schema, listed: schema in documents[role].components.schemas }).toEqual({
          role,
          schema,
          listed: false,
        });
      }
      // Everyone reads projects, tasks, discussions…; nobody but staff writes projects or activity.
      for (const path of ['/api/projects', '/api/tasks', '/api/discussions', '/api/comments', '/api/activities']) {
        expect({ role, path, listed: path in paths(role) }).toEqual({ role, path, listed: true });
      }
      expect(paths(role)['/api/projects'].post).toBeUndefined();
      expect(paths(role)['/api/projects/{documentId}'].put).toBeUndefined();
      expect(paths(role)['/api/activities'].post).toBeUndefined();
      expect(paths(role)['/api/tasks/{documentId}'].delete).toBeUndefined();
      expect(paths(role)['/api/comments'].post).toBeDefined();
      expect(paths(role)['/api/client-portal/me'].put).toBeDefined();
      expect(paths(role)['/api/documents/upload'].post).toBeDefined();
    }
    for (const role of ['client', 'client-plus'] as const) {
      for (const path of [
        ...MANAGER_TYPES,
        '/api/budgets/{documentId}/summary',
        '/api/invoices/{documentId}/pdf',
        '/api/timesheets',
        '/api/client-portal/approvals',
        '/api/time-entries/{documentId}/approve',
      ]) {
        expect({ role, path, listed: path in paths(role) }).toEqual({ role, path, listed: false });
      }
      for (const schema of ['Budget', 'TimeEntry', 'Expense', 'Invoice', 'InvoiceLine', 'BudgetSummary']) {
        expect({ role, schema, listed: schema in documents[role].components.schemas }).toEqual({
          role,
          schema,
          listed: false,
        });
      }
    }
    for (const path of [
      ...MANAGER_TYPES,
      '/api/budgets/{documentId}/summary',
      '/api/invoices/{documentId}/pdf',
      '/api/estimates/{documentId}/accept',
      '/api/estimates/{documentId}/pdf',
      '/api/timesheets',
      '/api/client-portal/approvals',
      '/api/time-entries/{documentId}/approve',
      '/api/expenses/reject',
    ]) {
      expect({ path, listed: path in paths('client-manager') }).toEqual({ path, listed: true });
    }
    // Client+ creates and edits tasks (docs/roles-and-capabilities.md); a Client does not.
    expect(paths('client-plus')['/api/tasks'].post).toBeDefined();
    expect(paths('client-plus')['/api/tasks/{documentId}'].put).toBeDefined();
    expect(paths('client')['/api/tasks'].post).toBeUndefined();
    expect(paths('client-manager')['/api/tasks'].post).toBeUndefined();
    // Filters name readable attributes only: a client filters tasks by title, never by the hidden flag.
    const taskFilters = documents.client.components.schemas.TaskFilters as { properties: Record<string, unknown> };
    expect(Object.keys(taskFilters.properties)).toEqual(expect.arrayContaining(['title', 'state', 'project']));
    expect(taskFilters.properties).not.toHaveProperty('estimateMinutes');
  });

  describe.each(ROLES)('real responses to a %s', (role) => {
    const person = () => people[role];
    const get = (path: string) => app.http.get(path, person().jwt);
    /** Asserts the status, then that the body is exactly what the document says of that operation and status. */
    const conforms = (method: string, template: string, response: HttpResponse, status: number) => {
      expect({ template, status: response.status }).toEqual({ template, status });
      const problems = validators[role].problems(method, template, response.status, response.body);
      expect({ template, problems }).toEqual({ template, problems: null });
    };

    it('match the document on every listed type, as lists, single rows and with populate', async () => {
      const listed = Object.keys(documents[role].paths).filter(
        (path) => documents[role].paths[`${path}/{documentId}`]?.get && !path.includes('{')
      );
      expect(listed.length).toBeGreaterThanOrEqual(role === 'client-manager' ? 12 : 8);
      for (const path of listed) {
        conforms('GET', path, await get(path), 200);
        const populated = await get(`${path}?populate=*`);
        conforms('GET', path, populated, 200);
        expect({ path, rows: populated.body.data.length > 0 }).toEqual({ path, rows: true });
        const first = populated.body.data[0].documentId;
        conforms('GET', `${path}/{documentId}`, await get(`${path}/${first}?populate=*`), 200);
      }
      // Deeper populate, filters, sort, fields and paging as the parameters describe them.
      conforms('GET', '/api/tasks', await get('/api/tasks?populate[project][populate]=*&populate[author]=true'), 200);
      conforms(
        'GET',
        '/api/projects/{documentId}',
        await get(`/api/projects/${project.documentId}?populate[tasks][populate]=*&populate[company]=true`),
        200
      );
      const filtered = await get(
        '/api/tasks?filters[title][$containsi]=home&sort=title:asc,id&fields=title,state&pagination[pageSize]=5'
      );
      conforms('GET', '/api/tasks', filtered, 200);
      expect(filtered.body.data.map((row: Row) => row.title)).toEqual(['Homepage']);
      if (role === 'client-manager') {
        conforms('GET', '/api/invoices', await get('/api/invoices?populate[lines]=true&populate[company]=true'), 200);
        conforms(
          'GET',
          '/api/budgets/{documentId}',
          await get(`/api/budgets/${budget.documentId}?populate[timeEntries][populate]=*`),
          200
        );
      }
    });

    it('fails a row the document lacks an attribute of (the schemas are closed)', async () => {
      const row = (await get(`/api/tasks/${task.documentId}`)).body.data;
      expect(validators[role].matches('Task', row)).toBe(true);
      expect(validators[role].matches('Task', { ...row, hiddenFromClients: false })).toBe(false);
      expect(validators[role].matches('Task', { ...row, title: 42 })).toBe(false);
    });

    it('match the document on people, the profile and sign-in', async () => {
      const list = await get('/api/users?populate=*');
      conforms('GET', '/api/users', list, 200);
      expect(list.body.length).toBeGreaterThan(1);
      conforms('GET', '/api/users/{id}', await get(`/api/users/${worker.id}`), 200);
      conforms('GET', '/api/users/me', await get('/api/users/me'), 200);
      const signIn = await app.http.post('/api/auth/local', {
        identifier: person().email,
        password: person().password,
      });
      conforms('POST', '/api/auth/local', signIn, 200);
      const refused = await app.http.post('/api/auth/local', {
        identifier: person().email,
        password: 'wrong-password',
      });
      conforms('POST', '/api/auth/local', refused, 400);
    });

    it('match the document on the plugin’s own routes', async () => {
      conforms('GET', '/api/client-portal/me', await get('/api/client-portal/me'), 200);
      const changed = await app.http.put('/api/client-portal/me', { title: 'Head of Marketing' }, person().jwt);
      conforms('PUT', '/api/client-portal/me', changed, 200);
      conforms(
        'PUT',
        '/api/client-portal/me',
        await app.http.put('/api/client-portal/me', { role: 'owner' }, person().jwt),
        400
      );

      const form = new FormData();
      form.append('project', project.documentId);
      form.append('title', `Brief from ${role}`);
      form.append('file', new Blob([Buffer.from('%PDF-1.4 brief')], { type: 'application/pdf' }), 'brief.pdf');
      const upload = await fetch(`${app.baseUrl}/api/documents/upload`, {
        method: 'POST',
        headers: { authorization: `Bearer ${person().jwt}` },
        body: form,
      });
      const uploaded = { status: upload.status, body: await upload.json() } as HttpResponse;
      conforms('POST', '/api/documents/upload', uploaded, 201);
      const download = await fetch(`${app.baseUrl}/api/documents/${uploaded.body.data.documentId}/download`, {
        headers: { authorization: `Bearer ${person().jwt}` },
      });
      expect(download.status).toBe(200);
      expect(documents[role].paths['/api/documents/{documentId}/download'].get).toBeDefined();

      if (role !== 'client-manager') return;
      conforms('GET', '/api/budgets/{documentId}/summary', await get(`/api/budgets/${budget.documentId}/summary`), 200);
      conforms('GET', '/api/budgets/{documentId}/burn', await get(`/api/budgets/${budget.documentId}/burn`), 200);
      const sheet = await get('/api/timesheets?from=2026-11-01&to=2026-11-30');
      conforms('GET', '/api/timesheets', sheet, 200);
      expect(sheet.body.data.length).toBeGreaterThan(0);
      const queue = await get('/api/client-portal/approvals');
      conforms('GET', '/api/client-portal/approvals', queue, 200);
      expect(queue.body.data.map((entry: Row) => entry.documentId)).toContain(pendingEntry);
      const approved = await app.http.post(`/api/time-entries/${pendingEntry}/approve`, {}, person().jwt);
      conforms('POST', '/api/time-entries/{documentId}/approve', approved, 200);
      conforms(
        'POST',
        '/api/time-entries/reject',
        await app.http.post('/api/time-entries/reject', {}, person().jwt),
        400
      );
      const pdf = await fetch(`${app.baseUrl}/api/invoices/${invoice}/pdf`, {
        headers: { authorization: `Bearer ${person().jwt}` },
      });
      expect(pdf.status).toBe(200);
      expect(pdf.headers.get('content-type')).toContain('application/pdf');
    });

    it('match the document on writes and refusals', async () => {
      const created = await app.http.post(
        '/api/comments',
        { data: { project: project.documentId, task: task.documentId, body: `From ${role}` } },
        person().jwt
      );
      conforms('POST', '/api/comments', created, 201);
      const edited = await app.http.put(
        `/api/comments/${created.body.data.documentId}`,
        { data: { body: 'Edited' } },
        person().jwt
      );
      conforms('PUT', '/api/comments/{documentId}', edited, 200);
      if (role === 'client-plus') {
        const newTask = await app.http.post(
          '/api/tasks',
          { data: { project: project.documentId, title: 'Client task', dueOn: '2026-12-01' } },
          person().jwt
        );
        conforms('POST', '/api/tasks', newTask, 201);
      }
      // Refusals in Strapi's error format, as documented.
      conforms('GET', '/api/tasks', await get('/api/tasks?filters[hiddenFromClients][$eq]=true'), 400);
      conforms('GET', '/api/tasks/{documentId}', await get('/api/tasks/not-a-task'), 404);
      conforms(
        'POST',
        '/api/comments',
        await app.http.post('/api/comments', { data: { body: 'x', author: owner.documentId } }, person().jwt),
        400
      );
      const anonymous = await app.http.get('/api/tasks');
      expect([401, 403]).toContain(anonymous.status);
      conforms('GET', '/api/tasks', anonymous, anonymous.status);
    });
  });
});
