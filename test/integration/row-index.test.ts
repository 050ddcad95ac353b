import { startApp, type TestApp } from '../harness/app';
import { databaseClient } from '../harness/database';
import { fixtures, type Fixtures, type Person, type Row } from '../harness/fixtures';
import { buildWorld } from '../harness/world';
import { installRowIndex } from '../../src/plugins/client-portal/server/src/utils/row-index';

/**
 * The copies the rules read instead of joining (utils/row-index.ts): a row's project
 * id and whether a parent it inherits from is trashed or hidden. Whatever way the
 * relation or the parent changes, the client sees exactly what the rules say.
 */
const CANARY = 'CANARY-row-index-5c1e';

describe(`row index (project copy, inherited trash and hidden) on ${databaseClient()}`, () => {
  let app: TestApp;
  let make: Fixtures;
  let client: Person;
  let acme: Row;
  let globex: Row;

  const titles = async (path: string, who: Person = client) => {
    const response = await app.http.get(path, who.jwt);
    expect(response.status).toBe(200);
    return {
      names: (response.body.data as { title?: string; body?: string }[]).map((row) => row.title ?? row.body).sort(),
      total: response.body.meta.pagination.total as number,
      text: response.text,
    };
  };

  const copyOf = async (table: string, id: number) =>
    (await app.strapi.db.connection(table).where({ id }).first()) as Record<string, unknown>;

  beforeAll(async () => {
    app = await startApp();
    const world = await buildWorld(fixtures(app), {
      people: { client: { clientManager: true }, leader: {} },
      project: { name: 'Acme site', leader: 'leader' },
      globexProject: { name: 'Globex site', leader: 'leader' },
    });
    ({ make, project: acme, globexProject: globex } = world);
    ({ client } = world.people);
  });

  afterAll(() => app?.stop());

  it('a task moved to another project through the inverse side (project.tasks) leaves the client at once', async () => {
    const task = await make.create('api::task.task', { project: acme.documentId, title: `${CANARY} moving` });
    expect((await titles('/api/tasks')).names).toEqual([`${CANARY} moving`]);
    expect((await copyOf('tasks', task.id)).portal_project_id).toBe(acme.id);

    await app.strapi.documents('api::project.project').update({
      documentId: globex.documentId,
      data: { tasks: { connect: [task.documentId] } },
    } as never);
    expect((await copyOf('tasks', task.id)).portal_project_id).toBe(globex.id);
    const after = await titles('/api/tasks');
    expect(after.names).toEqual([]);
    expect(after.total).toBe(0);
    expect(after.text).not.toContain(CANARY);
    expect((await app.http.get(`/api/tasks/${task.documentId}`, client.jwt)).status).toBe(404);
  });

  it('a project link written with plain SQL is copied too, and cleared when the link goes', async () => {
    const task = await make.create('api::task.task', { project: globex.documentId, title: 'Plain SQL' });
    const link = app.strapi.db.connection('tasks_project_lnk');
    await link.where({ task_id: task.id }).update({ project_id: acme.id });
    expect((await copyOf('tasks', task.id)).portal_project_id).toBe(acme.id);
    expect((await titles('/api/tasks')).names).toEqual(['Plain SQL']);
    await link.where({ task_id: task.id }).delete();
    expect((await copyOf('tasks', task.id)).portal_project_id).toBeNull();
    expect((await titles('/api/tasks')).names).toEqual([]);
    await app.strapi.db.query('api::task.task').delete({ where: { id: task.id } });
  });

  it('hiding, trashing and restoring a task reaches its comments at once', async () => {
    const task = await make.create('api::task.task', { project: acme.documentId, title: 'Parent' });
    const comment = await make.create('api::comment.comment', {
      project: acme.documentId,
      task: task.documentId,
      body: `${CANARY} comment`,
    });
    const visible = () => titles('/api/comments');
    expect((await visible()).names).toEqual([`${CANARY} comment`]);

    await app.strapi.documents('api::task.task').update({
      documentId: task.documentId,
      data: { hiddenFromClients: true },
    } as never);
    const hidden = await visible();
    expect(hidden.names).toEqual([]);
    expect(hidden.total).toBe(0);
    expect(hidden.text).not.toContain(CANARY);
    expect(Boolean((await copyOf('comments', comment.id)).portal_parent_hidden)).toBe(true);

    await app.strapi.db.query('api::task.task').update({
      where: { id: task.id },
      data: { hiddenFromClients: false, deletedAt: new Date() },
    });
    expect((await visible()).names).toEqual([]);
    const copy = await copyOf('comments', comment.id);
    expect([Boolean(copy.portal_parent_hidden), Boolean(copy.portal_parent_trashed)]).toEqual([false, true]);

    await app.strapi.db.query('api::task.task').update({ where: { id: task.id }, data: { deletedAt: null } });
    expect((await visible()).names).toEqual([`${CANARY} comment`]);
  });

  it('a comment re-attached to a hidden discussion follows its new parent', async () => {
    const discussion = await make.create('api::discussion.discussion', {
      project: acme.documentId,
      title: 'Internal',
      hiddenFromClients: true,
    });
    const comment = await make.create('api::comment.comment', { project: acme.documentId, body: 'Loose comment' });
    expect((await titles('/api/comments')).names).toContain('Loose comment');
    await app.strapi.documents('api::comment.comment').update({
      documentId: comment.documentId,
      data: { discussion: discussion.documentId },
    } as never);
    expect((await titles('/api/comments')).names).not.toContain('Loose comment');
  });

  it('a comment attached while its task is being hidden ends up hidden', async () => {
    const knex = app.strapi.db.connection;
    const task = await make.create('api::task.task', { project: acme.documentId, title: 'Racing' });
    const comment = await make.create('api::comment.comment', { project: acme.documentId, body: 'Racing comment' });
    const attach = (trx: typeof knex) =>
      trx('comments_task_lnk').insert({ comment_id: comment.id, task_id: task.id, comment_ord: 1 });
    const hiding = await knex.transaction();
    await hiding('tasks').where({ id: task.id }).update({ hidden_from_clients: true });
    if (databaseClient() === 'postgres') {
      // Interleaved: the link is written while the hide is not committed yet.
      const attaching = knex.transaction((trx) => attach(trx));
      await new Promise((resolve) => setTimeout(resolve, 300));
      await hiding.commit();
      await attaching;
    } else {
      // SQLite has one writer at a time: the two transactions can only follow each other.
      await hiding.commit();
      await attach(knex);
    }
    expect(Boolean((await copyOf('comments', comment.id)).portal_parent_hidden)).toBe(true);
    expect((await titles('/api/comments')).names).not.toContain('Racing comment');
  });

  it("a time entry moved to another budget or person leaves the first budget's summary and person's timesheet", async () => {
    const owner = await make.person({ role: 'owner' });
    const [first, second] = await Promise.all(
      ['First', 'Second'].map((name) =>
        make.create('api::budget.budget', { project: acme.documentId, name, amountCents: 100000, clientAccess: true })
      )
    );
    const [ann, bob] = await Promise.all([make.person({ role: 'member' }), make.person({ role: 'member' })]);
    const entry = await make.create('api::time-entry.time-entry', {
      project: acme.documentId,
      budget: first.documentId,
      person: ann.documentId,
      date: '2026-03-02',
      minutes: 77,
      billable: true,
      state: 'approved',
    });
    const minutesOf = async (budget: Row) => {
      const response = await app.http.get(`/api/budgets/${budget.documentId}/summary`, client.jwt);
      expect(response.status).toBe(200);
      return response.body.data.billableMinutes as number;
    };
    const sheetOf = async (person: Person) => {
      const response = await app.http.get(
        `/api/timesheets?from=2026-03-01&to=2026-03-31&person=${person.id}`,
        owner.jwt
      );
      expect(response.status).toBe(200);
      return (response.body.data as { date: string; minutes: number }[]).map((row) => [row.date, row.minutes]);
    };
    expect([await minutesOf(first), await minutesOf(second)]).toEqual([77, 0]);
    expect([await sheetOf(ann), await sheetOf(bob)]).toEqual([[['2026-03-02', 77]], []]);
    expect(await copyOf('time_entries', entry.id)).toMatchObject({
      portal_budget_id: first.id,
      portal_person_id: ann.id,
    });

    await app.strapi.documents('api::time-entry.time-entry').update({
      documentId: entry.documentId,
      data: { budget: second.documentId, person: bob.documentId },
    } as never);
    expect([await minutesOf(first), await minutesOf(second)]).toEqual([0, 77]);
    expect([await sheetOf(ann), await sheetOf(bob)]).toEqual([[], [['2026-03-02', 77]]]);

    // Through the inverse side, and then with plain SQL: the copy follows the link table.
    await app.strapi.documents('api::budget.budget').update({
      documentId: first.documentId,
      data: { timeEntries: { connect: [entry.documentId] } },
    } as never);
    expect([await minutesOf(first), await minutesOf(second)]).toEqual([77, 0]);
    await app.strapi.db.connection('time_entries_person_lnk').where({ time_entry_id: entry.id }).delete();
    expect((await copyOf('time_entries', entry.id)).portal_person_id).toBeNull();
    expect(await sheetOf(bob)).toEqual([]);
  });

  it('the boot brings copies written wrongly while no trigger ran back in line', async () => {
    const task = await make.create('api::task.task', { project: acme.documentId, title: 'Drifted' });
    await app.strapi.db.connection('tasks').where({ id: task.id }).update({ portal_project_id: globex.id });
    expect((await titles('/api/tasks')).names).not.toContain('Drifted');
    await installRowIndex(app.strapi);
    expect((await copyOf('tasks', task.id)).portal_project_id).toBe(acme.id);
    expect((await titles('/api/tasks')).names).toContain('Drifted');
  });

  it('indexes what the rules read: the live rows of a type with a trash, the project copy where no index is declared', async () => {
    const knex = app.strapi.db.connection;
    const indexesOf = async (table: string): Promise<Record<string, string>> => {
      const rows = (
        databaseClient() === 'postgres'
          ? await knex('pg_indexes').select('indexname as name', 'indexdef as sql').where({ tablename: table })
          : await knex('sqlite_master').select('name', 'sql').where({ type: 'index', tbl_name: table })
      ) as { name: string; sql: string | null }[];
      return Object.fromEntries(rows.map((row) => [row.name, (row.sql ?? '').replace(/["`]/g, '').toLowerCase()]));
    };
    const tasks = await indexesOf('tasks');
    expect(tasks.tasks_live_idx).toMatch(/\(id\) where \(?deleted_at is null\)?$/);
    expect(tasks.tasks_project_copy_idx).toMatch(/\(portal_project_id\)$/);
    const comments = await indexesOf('comments');
    expect(comments.comments_project_copy_idx).toMatch(/\(portal_project_id\)$/);
    expect(Object.keys(comments).filter((name) => name.endsWith('_live_idx'))).toEqual([]);
    // Time entries declare their aggregates' indexes: those, and no index of the project copy the planner could prefer.
    // The columns the rules read end each of them.
    const entries = await indexesOf('time_entries');
    expect(entries.time_entries_budget_copy_idx).toMatch(
      /\(portal_budget_id, state, billable, portal_service_id, minutes, cost_cents, rate_cents, portal_project_id, portal_parent_trashed, portal_parent_hidden\)$/
    );
    expect(entries.time_entries_person_copy_idx).toMatch(
      /\(portal_person_id, date, state, billable, minutes, portal_project_id, portal_parent_trashed, portal_parent_hidden\)$/
    );
    expect(entries.time_entries_project_copy_idx).toBeUndefined();
    // A second boot's install finds them there and keeps them.
    await installRowIndex(app.strapi);
    expect(await indexesOf('tasks')).toEqual(tasks);
  });

  it("a person's timesheet and a budget's summary are read from their indexes alone, never from the table", async () => {
    const knex = app.strapi.db.connection;
    const [owner, member] = await Promise.all([
      make.person({ role: 'owner' }),
      make.person({ role: 'member', canManageFinances: true, projects: [acme] }),
    ]);
    const budget = await make.create('api::budget.budget', {
      project: acme.documentId,
      name: 'Covered',
      amountCents: 9000,
    });
    await make.create('api::time-entry.time-entry', {
      project: acme.documentId,
      person: member.documentId,
      budget: budget.documentId,
      date: '2026-04-06',
      minutes: 45,
      billable: true,
      state: 'approved',
    });
    const connection = knex as unknown as {
      on(event: string, fn: (query: { sql: string; bindings?: unknown[] }) => void): void;
      off(event: string, fn: (query: { sql: string; bindings?: unknown[] }) => void): void;
    };
    /** The plan of the one sum over time entries that `path` runs for `reader`, and the answer. */
    const planOf = async (reader: Person, path: string) => {
      const statements: { sql: string; bindings?: unknown[] }[] = [];
      const listener = (query: { sql: string; bindings?: unknown[] }) => statements.push(query);
      connection.on('query', listener);
      const response = await app.http.get(path, reader.jwt);
      connection.off('query', listener);
      expect(response.status).toBe(200);
      const sums = statements.filter(({ sql }) => /from ["`]time_entries["`]/.test(sql) && /sum\(/i.test(sql));
      expect(sums).toHaveLength(1);
      const [{ sql, bindings = [] }] = sums;
      const placeholders = sql.replace(/\$\d+/g, '?');
      if (databaseClient() === 'postgres') {
        // Forbid the table scans, so the plan names the index the statement can use, if any.
        const plan = await knex.transaction(async (trx) => {
          await trx.raw('SET LOCAL enable_seqscan = off');
          await trx.raw('SET LOCAL enable_bitmapscan = off');
          const rows = (await trx.raw(`EXPLAIN ${placeholders}`, bindings as never[])).rows as {
            'QUERY PLAN': string;
          }[];
          return rows.map((row) => row['QUERY PLAN']).join('\n');
        });
        return { plan, body: response.body };
      }
      const rows = (await knex.raw(`EXPLAIN QUERY PLAN ${placeholders}`, bindings as never[])) as { detail: string }[];
      return { plan: rows.map((row) => row.detail).join('\n'), body: response.body };
    };
    const readsIndexAlone = (index: string) =>
      databaseClient() === 'postgres'
        ? new RegExp(`Index Only Scan using ${index}`)
        : new RegExp(`USING COVERING INDEX ${index}`);
    // The Owner's rules (the trash) and a Member+ F's (their projects): the row's own columns.
    for (const reader of [owner, member]) {
      const timesheet = await planOf(reader, `/api/timesheets?from=2026-04-01&to=2026-04-30&person=${member.id}`);
      expect(timesheet.body.meta.totalMinutes).toBe(45);
      expect(timesheet.plan).toMatch(readsIndexAlone('time_entries_person_copy_idx'));
      const summary = await planOf(reader, `/api/budgets/${budget.documentId}/summary`);
      expect(summary.body.data).toMatchObject({ billableMinutes: 45, unitemizedMinutes: 0 });
      expect(summary.plan).toMatch(readsIndexAlone('time_entries_budget_copy_idx'));
    }
  });

  it('the copies are neither readable nor writable through the API', async () => {
    const owner = await make.person({ role: 'owner' });
    const read = await app.http.get('/api/tasks?fields[0]=portalProjectId', owner.jwt);
    expect(read.status).toBe(400);
    const filter = await app.http.get('/api/comments?filters[portalParentHidden][$eq]=true', owner.jwt);
    expect(filter.status).toBe(400);
    const list = await app.http.get('/api/tasks', owner.jwt);
    expect(list.text).not.toMatch(/portal(ProjectId|ParentHidden|ParentTrashed)/);
    for (const copy of ['portalBudgetId', 'portalPersonId']) {
      expect((await app.http.get(`/api/time-entries?filters[${copy}][$eq]=1`, owner.jwt)).status).toBe(400);
      expect((await app.http.get(`/api/time-entries?fields[0]=${copy}`, owner.jwt)).status).toBe(400);
      expect((await app.http.get(`/api/time-entries?sort=${copy}`, owner.jwt)).status).toBe(400);
    }
    const write = await app.http.post(
      '/api/tasks',
      { data: { project: acme.documentId, title: 'Forged', portalProjectId: globex.id } },
      owner.jwt
    );
    expect(write.status).toBe(400);
    expect(await app.strapi.db.query('api::task.task').count({ where: { title: 'Forged' } })).toBe(0);
  });
});
