import { startApp, type TestApp } from '../harness/app';
import { createTestDatabase, databaseClient, type TestDatabase } from '../harness/database';
import { fixtures, type Row } from '../harness/fixtures';

/**
 * docs/time-budgets-invoices.md#conventions: the lifecycle field was renamed from `status` (reserved by Strapi 5) to
 * `state`; a database created before the rename keeps every value. The old database is
 * made the way the previous release left it: `status` columns, and Strapi's stored
 * schema naming them, with the rename migration not yet run.
 */
const TABLES = {
  projects: 'api::project.project',
  tasks: 'api::task.task',
  time_entries: 'api::time-entry.time-entry',
  expenses: 'api::expense.expense',
  invoices: 'api::invoice.invoice',
} as const;
type Table = keyof typeof TABLES;
const MIGRATION = '2026.11.29T00.00.00.status-to-state.js';

const columnsOf = async (app: TestApp, table: string): Promise<string[]> =>
  Object.keys(await app.strapi.db.connection(table).columnInfo());

/** Turns the current schema back into the one the previous release created. */
const downgrade = async (app: TestApp) => {
  const knex = app.strapi.db.connection;
  for (const table of Object.keys(TABLES)) {
    await knex.schema.alterTable(table, (builder) => builder.renameColumn('state', 'status'));
  }
  const stored = await knex('strapi_database_schema').first();
  const schema = typeof stored.schema === 'string' ? JSON.parse(stored.schema) : stored.schema;
  for (const table of schema.tables as { name: string; columns: { name: string }[] }[]) {
    if (!(table.name in TABLES)) continue;
    for (const column of table.columns) if (column.name === 'state') column.name = 'status';
  }
  await knex('strapi_database_schema')
    .where({ id: stored.id })
    .update({ schema: JSON.stringify(schema), hash: 'before-the-rename' });
  await knex('strapi_migrations').where({ name: MIGRATION }).delete();
};

describe(`the status → state migration on ${databaseClient()}`, () => {
  let database: TestDatabase;
  let app: TestApp | undefined;
  const before = new Map<Table, Map<number, string>>();

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await startApp({ database, keepDatabase: true });
    const make = fixtures(app);
    const acme = await make.company({ name: 'Acme' });
    const member = await make.person({ role: 'member' });
    const projects: Row[] = [];
    for (const state of ['active', 'completed', 'archived']) {
      projects.push(await make.project(acme, { leader: member, state }));
    }
    for (const state of ['open', 'completed', 'open']) {
      await make.create(TABLES.tasks, { project: projects[0].documentId, title: `Task ${state}`, state });
    }
    for (const state of ['pending', 'approved', 'rejected', 'approved']) {
      await make.create(TABLES.time_entries, {
        project: projects[0].documentId,
        person: member.documentId,
        date: '2026-11-02',
        minutes: 30,
        state,
      });
      await make.create(TABLES.expenses, {
        project: projects[0].documentId,
        person: member.documentId,
        date: '2026-11-02',
        description: `Taxi ${state}`,
        amountCents: 1200,
        currency: 'EUR',
        state,
      });
    }
    for (const [state, number] of [
      ['draft', undefined],
      ['issued', 'INV-2026-0001'],
      ['paid', 'INV-2026-0002'],
      ['void', 'INV-2026-0003'],
    ]) {
      await make.create(TABLES.invoices, { company: acme.documentId, project: projects[0].documentId, state, number });
    }
    await downgrade(app);
    for (const table of Object.keys(TABLES) as Table[]) {
      const rows = await app.strapi.db.connection(table).select('id', 'status');
      before.set(table, new Map(rows.map((row: { id: number; status: string }) => [row.id, row.status])));
    }
    await app.stop();
    app = undefined;
  });

  afterAll(async () => {
    await app?.stop();
    await database.drop();
  });

  it('starts from the old schema: status columns with every value, no state column', () => {
    expect([...before.get('projects')!.values()].sort()).toEqual(['active', 'archived', 'completed']);
    expect([...before.get('tasks')!.values()].sort()).toEqual(['completed', 'open', 'open']);
    expect([...before.get('time_entries')!.values()].sort()).toEqual(['approved', 'approved', 'pending', 'rejected']);
    expect([...before.get('expenses')!.values()].sort()).toEqual(['approved', 'approved', 'pending', 'rejected']);
    expect([...before.get('invoices')!.values()].sort()).toEqual(['draft', 'issued', 'paid', 'void']);
  });

  it('boots the new release on it and keeps every value, row by row, under state', async () => {
    app = await startApp({ database, keepDatabase: true });
    for (const table of Object.keys(TABLES) as Table[]) {
      const columns = await columnsOf(app, table);
      expect(columns).toContain('state');
      expect(columns).not.toContain('status');
      const rows = await app.strapi.db.connection(table).select('id', 'state');
      expect(new Map(rows.map((row: { id: number; state: string }) => [row.id, row.state]))).toEqual(before.get(table));
    }
    const ran = await app.strapi.db.connection('strapi_migrations').where({ name: MIGRATION });
    expect(ran).toHaveLength(1);
  });

  it('serves the kept values through the document service and filters on state', async () => {
    const issued = await app!.strapi.documents(TABLES.invoices).findMany({ filters: { state: 'issued' } } as never);
    expect(issued.map((invoice: Record<string, unknown>) => invoice.number)).toEqual(['INV-2026-0001']);
    const pending = await app!.strapi.documents(TABLES.time_entries).count({ filters: { state: 'pending' } } as never);
    expect(pending).toBe(1);
  });
});
