import { startApp, type TestApp } from '../harness/app';
import { databaseClient } from '../harness/database';
import { fixtures, type Fixtures, type Person, type Row } from '../harness/fixtures';
import { buildWorld } from '../harness/world';

/**
 * docs/http-api.md#graphql: /graphql answers under the rules of REST (docs/visibility.md). Canaries planted in what
 * a client must not see — hidden and trashed tasks, another company's project, comments
 * on a hidden task, rates, a budget not shared — must be absent from the whole response
 * body at any depth, and totals must equal the REST baseline.
 */
const HIDDEN = 'CANARY-gql-hidden-4b1d';
const TRASHED = 'CANARY-gql-trashed-77aa';
const OTHER = 'CANARY-gql-globex-0c3e';
const SECRET_COMMENT = 'CANARY-gql-comment-91f0';
const PRIVATE_BUDGET = 'CANARY-gql-budget-5e2a';
const RATE = 86753;
const CANARIES = [HIDDEN, TRASHED, OTHER, SECRET_COMMENT, PRIVATE_BUDGET, String(RATE)];

interface GraphQLResponse {
  status: number;
  text: string;
  data: any;
  errors: { message: string; extensions?: { code?: string; error?: { name?: string } } }[] | undefined;
}

describe(`GraphQL under the access rules on ${databaseClient()}`, () => {
  let app: TestApp;
  let make: Fixtures;
  let manager: Person;
  let client: Person;
  let member: Person;
  let owner: Person;
  let acme: Row;
  let visibleTask: Row;
  let hiddenTask: Row;

  const gql = async (query: string, who?: Person, variables?: Record<string, unknown>): Promise<GraphQLResponse> => {
    const response = await app.http.post('/graphql', { query, variables }, who?.jwt);
    return { status: response.status, text: response.text, data: response.body?.data, errors: response.body?.errors };
  };

  const expectNoCanary = (text: string) => {
    for (const canary of CANARIES) expect(text).not.toContain(canary);
  };

  beforeAll(async () => {
    app = await startApp();
    const world = await buildWorld(fixtures(app), {
      people: { owner: {}, member: { hourlyRateCents: RATE, costRateCents: RATE }, manager: {}, client: {} },
      project: { name: 'Acme site', leader: 'member' },
      globexProject: { name: `${OTHER} site`, leader: 'member' },
      sharedBudget: { amountCents: 500000 },
      privateBudget: { name: `${PRIVATE_BUDGET} internal`, amountCents: 900000 },
      visibleTask: true,
      hiddenTask: { title: `${HIDDEN} task` },
    });
    ({ make, project: acme, visibleTask, hiddenTask } = world);
    ({ owner, member, manager, client } = world.people);
    const { globexProject: globex } = world;

    await make.create('api::task.task', { project: acme.documentId, title: `${TRASHED} task`, deletedAt: new Date() });
    await make.create('api::task.task', { project: globex.documentId, title: `${OTHER} task` });
    await make.create('api::comment.comment', {
      project: acme.documentId,
      task: visibleTask.documentId,
      body: 'Visible comment',
    });
    await make.create('api::comment.comment', {
      project: acme.documentId,
      task: hiddenTask.documentId,
      body: `${SECRET_COMMENT} on the hidden task`,
    });
    await make.create('api::time-entry.time-entry', {
      project: acme.documentId,
      task: visibleTask.documentId,
      budget: world.sharedBudget.documentId,
      person: member.documentId,
      date: '2026-03-02',
      minutes: 90,
      billable: true,
      state: 'approved',
      rateCents: RATE,
      costCents: RATE,
    });
  });

  afterAll(() => app?.stop());

  it('a relation nested in a relation (project.tasks) holds no hidden, trashed or other company’s task', async () => {
    const response = await gql('{ tasks { title project { name tasks { title } } } }', manager);
    expect(response.errors).toBeUndefined();
    expect(response.data.tasks).toEqual([
      { title: 'Visible task', project: { name: 'Acme site', tasks: [{ title: 'Visible task' }] } },
    ]);
    expectNoCanary(response.text);
  });

  it('every relation of a project, at depth, is scoped as a REST populate is', async () => {
    const query = `{
      projects {
        name
        company { name }
        tasks { title comments { body task { title } } timeEntries { minutes rateCents costCents } }
        comments { body }
        budgets { name amountCents hourlyRateCents timeEntries { minutes rateCents } }
        timeEntries { minutes rateCents person { firstName email } }
      }
    }`;
    for (const who of [manager, client]) {
      const response = await gql(query, who);
      expect(response.errors).toBeUndefined();
      expect(response.data.projects.map((project: Row) => project.name)).toEqual(['Acme site']);
      const [project] = response.data.projects;
      expect(project.tasks.map((task: Row) => task.title)).toEqual(['Visible task']);
      expect(project.tasks[0].comments).toEqual([{ body: 'Visible comment', task: { title: 'Visible task' } }]);
      expect(project.comments).toEqual([{ body: 'Visible comment' }]);
      // Client Managers see the budgets shared with clients and their approved, billable time; Clients neither.
      if (who === manager) {
        expect(project.budgets).toEqual([
          {
            name: 'Shared budget',
            amountCents: 500000,
            hourlyRateCents: null,
            timeEntries: [{ minutes: 90, rateCents: null }],
          },
        ]);
        expect(project.timeEntries).toEqual([
          { minutes: 90, rateCents: null, person: { firstName: 'member', email: null } },
        ]);
        expect(project.tasks[0].timeEntries).toEqual([{ minutes: 90, rateCents: null, costCents: null }]);
      } else {
        expect(project.budgets).toEqual([]);
        expect(project.timeEntries).toEqual([]);
        expect(project.tasks[0].timeEntries).toEqual([]);
      }
      expectNoCanary(response.text);
    }
  });

  it('lists, totals and single reads match REST', async () => {
    const rest = await app.http.get('/api/tasks', manager.jwt);
    expect(rest.body.meta.pagination.total).toBe(1);
    const response = await gql(
      '{ tasks_connection { nodes { title } pageInfo { total pageCount } } comments_connection { pageInfo { total } } }',
      manager
    );
    expect(response.data.tasks_connection).toEqual({
      nodes: [{ title: 'Visible task' }],
      pageInfo: { total: 1, pageCount: 1 },
    });
    expect(response.data.comments_connection.pageInfo.total).toBe(1);
    // A hidden row does not exist for the client: null, as REST answers 404.
    const hidden = await gql(`{ task(documentId: "${hiddenTask.documentId}") { title } }`, manager);
    expect(hidden.data.task).toBeNull();
    expectNoCanary(hidden.text);
    const nested = await gql(`{ projects { tasks_connection { nodes { title } } } }`, manager);
    expect(nested.errors).toBeUndefined();
    expect(nested.data.projects[0].tasks_connection.nodes).toEqual([{ title: 'Visible task' }]);
    expectNoCanary(nested.text);
  });

  it('filters through relations never widen what is visible, and a filter on an unreadable field names it', async () => {
    const byOther = await gql(`{ tasks(filters: { project: { name: { contains: "${OTHER}" } } }) { title } }`, manager);
    expect(byOther.data.tasks).toEqual([]);
    const byHiddenComment = await gql(
      `{ tasks(filters: { comments: { body: { contains: "${SECRET_COMMENT}" } } }) { title } }`,
      manager
    );
    expect(byHiddenComment.data.tasks).toEqual([]);
    const nestedFilter = await gql(
      `{ projects { tasks(filters: { title: { contains: "${HIDDEN}" } }) { title } } }`,
      manager
    );
    expect(nestedFilter.data.projects[0].tasks).toEqual([]);
    const byRate = await gql('{ timeEntries(filters: { rateCents: { gt: 0 } }) { minutes } }', manager);
    expect(byRate.data?.timeEntries ?? null).toBeNull();
    expect(byRate.errors?.[0].message).toContain('rateCents');
    const nestedByRate = await gql(
      '{ budgets { timeEntries(filters: { rateCents: { gt: 0 } }) { minutes } } }',
      manager
    );
    expect(nestedByRate.errors?.[0].message).toContain('rateCents');
    for (const response of [byOther, byHiddenComment, nestedFilter, byRate, nestedByRate])
      expectNoCanary(response.text);
  });

  it('people: other companies and staff rates stay out, `me` is the caller', async () => {
    const response = await gql('{ usersPermissionsUsers { documentId email company { name } } }', manager);
    expect(response.errors).toBeUndefined();
    const rest = await app.http.get('/api/users', manager.jwt);
    expect(response.data.usersPermissionsUsers.map((person: Row) => person.documentId).sort()).toEqual(
      rest.body.map((person: Row) => person.documentId).sort()
    );
    // People are visible by name and title (docs/visibility.md#type-specific-rows): not by email.
    expect(response.data.usersPermissionsUsers.map((person: Row) => person.email)).toEqual(rest.body.map(() => null));
    expect(response.text).not.toContain(String(RATE));
    expect(response.text).not.toContain('Globex');
    const me = await gql('{ me { email } }', client);
    expect(me.data.me.email).toBe(client.email);
  });

  it('staff without finances never read rates; the Owner does', async () => {
    // A Member+ P reads every entry of their projects (docs/visibility.md#type-specific-rows), but no rate.
    const staff = await make.person({ role: 'member', canManageProjects: true, projects: [acme] });
    const query = '{ timeEntries { minutes rateCents } budgets { name hourlyRateCents } }';
    const withoutFinances = await gql(query, staff);
    expect(withoutFinances.data.timeEntries).toEqual([{ minutes: 90, rateCents: null }]);
    expect(withoutFinances.text).not.toContain(String(RATE));
    const asOwner = await gql(query, owner);
    expect(asOwner.data.timeEntries).toEqual([{ minutes: 90, rateCents: RATE }]);
    // The Owner reads every task, hidden ones too, but never the trash.
    const tasks = await gql('{ tasks(sort: "title") { title } }', owner);
    expect(tasks.data.tasks.map((task: Row) => task.title).sort()).toEqual(
      [`${HIDDEN} task`, `${OTHER} task`, 'Visible task'].sort()
    );
  });

  it('mutations keep the REST write rules', async () => {
    const created = await gql(
      `mutation { createComment(data: { body: "From GraphQL", project: "${acme.documentId}", task: "${visibleTask.documentId}" }) { body author { documentId } } }`,
      client
    );
    expect(created.errors).toBeUndefined();
    expect(created.data.createComment).toEqual({ body: 'From GraphQL', author: { documentId: client.documentId } });
    // A hidden task does not exist for the client: its update is refused and changes nothing.
    const update = await gql(
      `mutation { updateTask(documentId: "${hiddenTask.documentId}", data: { title: "Renamed" }) { title } }`,
      manager
    );
    expect(update.errors?.length).toBeGreaterThan(0);
    const stored = await app.strapi.db.query('api::task.task').findOne({ where: { id: hiddenTask.id } });
    expect(stored.title).toBe(`${HIDDEN} task`);
    // A comment attached to a hidden task is refused, naming the relation.
    const intoHidden = await gql(
      `mutation { createComment(data: { body: "Sneaky", project: "${acme.documentId}", task: "${hiddenTask.documentId}" }) { body } }`,
      client
    );
    expect(intoHidden.errors?.[0].message).toContain('task');
    expect(await app.strapi.db.query('api::comment.comment').count({ where: { body: 'Sneaky' } })).toBe(0);
    // Server-managed and unreadable fields cannot be written.
    const rate = await gql(
      `mutation { updateTimeEntry(documentId: "${(await app.strapi.db.query('api::time-entry.time-entry').findOne({}))!.documentId}", data: { minutes: 1 }) { minutes } }`,
      client
    );
    expect(rate.errors?.length).toBeGreaterThan(0);
    expect((await app.strapi.db.query('api::time-entry.time-entry').findOne({}))!.minutes).toBe(90);
  });

  it('anonymous callers read nothing; depth and page size are bounded', async () => {
    const anonymous = await gql('{ tasks { title } }');
    expect(anonymous.data?.tasks ?? null).toBeNull();
    expect(anonymous.errors?.[0].message).toMatch(/Forbidden/);
    expectNoCanary(anonymous.text);

    let deep = 'title';
    for (let level = 0; level < 6; level += 1) deep = `project { tasks { ${deep} } }`;
    const tooDeep = await gql(`{ tasks { ${deep} } }`, owner);
    expect(tooDeep.status).toBe(400);
    expect(tooDeep.errors?.[0].message).toMatch(/exceeds maximum operation depth/);

    const many = await gql('{ tasks(pagination: { limit: 1000 }) { title } }', owner);
    expect(many.errors).toBeUndefined();
    expect(many.data.tasks.length).toBeLessThanOrEqual(100);
  });
});
