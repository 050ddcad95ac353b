import { startApp, type TestApp } from '../harness/app';
import { databaseClient } from '../harness/database';
import { fixtures, type Fixtures, type Person, type Row } from '../harness/fixtures';

/**
 * The collaboration rows of the capability matrix (docs/roles-and-capabilities.md) and the trash (docs/collaboration.md#the-trash),
 * generated: every actor × every action, on fresh rows, against an oracle written
 * from the SPEC table (not from the code).
 */
type ActorKey = 'owner' | 'member' | 'memberP' | 'memberF' | 'clientPlus' | 'client' | 'manager';
const ACTORS: ActorKey[] = ['owner', 'member', 'memberP', 'memberF', 'clientPlus', 'client', 'manager'];
const STAFF = new Set<ActorKey>(['owner', 'member', 'memberP', 'memberF']);
/** "create/edit tasks, be assigned, complete/reopen": everyone but the plain Client (a Client Manager is a Client). */
const WORKS_ON_TASKS = new Set<ActorKey>(['owner', 'member', 'memberP', 'memberF', 'clientPlus']);

interface World {
  app: TestApp;
  make: Fixtures;
  people: Record<ActorKey | 'colleague', Person>;
  project: Row;
}

interface Action {
  name: string;
  /** The status the SPEC gives this actor. */
  expected: (actor: ActorKey) => number;
  run: (world: World, actor: ActorKey) => Promise<{ status: number }>;
}

const task = (world: World, data: Record<string, unknown> = {}) =>
  world.make.create('api::task.task', {
    project: world.project.documentId,
    title: 'Fixture task',
    author: world.people.colleague.documentId,
    ...data,
  });
const item = (world: World, type: 'discussion' | 'note', author: Person) =>
  world.make.create(type === 'note' ? 'api::note.note' : 'api::discussion.discussion', {
    project: world.project.documentId,
    title: `Fixture ${type}`,
    author: author.documentId,
  });
const comment = async (world: World, author: Person) =>
  world.make.create('api::comment.comment', {
    project: world.project.documentId,
    task: (await task(world)).documentId,
    body: 'Fixture comment',
    author: author.documentId,
  });
const as = (world: World, actor: ActorKey) => world.people[actor].jwt;

const onTasks = (ok: number) => (actor: ActorKey) => (WORKS_ON_TASKS.has(actor) ? ok : 403);
const everyone = (ok: number) => () => ok;
const ownOnlyForClients = (ok: number) => (actor: ActorKey) => (STAFF.has(actor) ? ok : 403);
const staffOnly = (ok: number) => (actor: ActorKey) => (STAFF.has(actor) ? ok : 403);

const ACTIONS: Action[] = [
  {
    name: 'creates a task',
    expected: onTasks(201),
    run: (world, actor) =>
      world.app.http.post(
        '/api/tasks',
        { data: { project: world.project.documentId, title: 'New' } },
        as(world, actor)
      ),
  },
  {
    name: 'edits someone else’s task',
    expected: onTasks(200),
    run: async (world, actor) =>
      world.app.http.put(
        `/api/tasks/${(await task(world)).documentId}`,
        { data: { title: 'Edited' } },
        as(world, actor)
      ),
  },
  {
    name: 'completes a task',
    expected: onTasks(200),
    run: async (world, actor) =>
      world.app.http.put(
        `/api/tasks/${(await task(world)).documentId}`,
        { data: { state: 'completed' } },
        as(world, actor)
      ),
  },
  {
    name: 'reopens a task',
    expected: onTasks(200),
    run: async (world, actor) =>
      world.app.http.put(
        `/api/tasks/${(await task(world, { state: 'completed' })).documentId}`,
        { data: { state: 'open' } },
        as(world, actor)
      ),
  },
  {
    name: 'is assigned a task (by the Owner)',
    expected: (actor) => (WORKS_ON_TASKS.has(actor) ? 201 : 400),
    run: (world, actor) =>
      world.app.http.post(
        '/api/tasks',
        { data: { project: world.project.documentId, title: 'Yours', assignees: [world.people[actor].documentId] } },
        as(world, 'owner')
      ),
  },
  {
    name: 'comments on a visible task',
    expected: everyone(201),
    run: async (world, actor) =>
      world.app.http.post(
        '/api/comments',
        { data: { task: (await task(world)).documentId, body: 'Hi' } },
        as(world, actor)
      ),
  },
  {
    name: 'comments on a hidden task',
    expected: (actor) => (STAFF.has(actor) ? 201 : 400),
    run: async (world, actor) =>
      world.app.http.post(
        '/api/comments',
        { data: { task: (await task(world, { hiddenFromClients: true })).documentId, body: 'Hi' } },
        as(world, actor)
      ),
  },
  {
    name: 'starts a discussion',
    expected: everyone(201),
    run: (world, actor) =>
      world.app.http.post(
        '/api/discussions',
        { data: { project: world.project.documentId, title: 'Question' } },
        as(world, actor)
      ),
  },
  {
    name: 'comments on a discussion',
    expected: everyone(201),
    run: async (world, actor) =>
      world.app.http.post(
        '/api/comments',
        { data: { discussion: (await item(world, 'discussion', world.people.colleague)).documentId, body: 'Hi' } },
        as(world, actor)
      ),
  },
  {
    name: 'uploads a document',
    expected: everyone(201),
    run: async (world, actor) => {
      const form = new FormData();
      form.append('project', world.project.documentId);
      form.append('file', new Blob([Buffer.from('%PDF-1.4\n%%EOF\n')], { type: 'application/pdf' }), 'a.pdf');
      const response = await fetch(`${world.app.baseUrl}/api/documents/upload`, {
        method: 'POST',
        headers: { authorization: `Bearer ${as(world, actor)}` },
        body: form,
      });
      return { status: response.status };
    },
  },
  {
    name: 'creates a note',
    expected: everyone(201),
    run: (world, actor) =>
      world.app.http.post(
        '/api/notes',
        { data: { project: world.project.documentId, title: 'Note' } },
        as(world, actor)
      ),
  },
  ...(['discussion', 'note'] as const).flatMap((type): Action[] => [
    {
      name: `edits their own ${type}`,
      expected: everyone(200),
      run: async (world, actor) =>
        world.app.http.put(
          `/api/${type}s/${(await item(world, type, world.people[actor])).documentId}`,
          { data: { title: 'Mine' } },
          as(world, actor)
        ),
    },
    {
      name: `edits someone else’s ${type}`,
      expected: ownOnlyForClients(200),
      run: async (world, actor) =>
        world.app.http.put(
          `/api/${type}s/${(await item(world, type, world.people.colleague)).documentId}`,
          { data: { title: 'Theirs' } },
          as(world, actor)
        ),
    },
    {
      name: `deletes (trashes) their own ${type}`,
      expected: everyone(204),
      run: async (world, actor) =>
        world.app.http.del(
          `/api/${type}s/${(await item(world, type, world.people[actor])).documentId}`,
          as(world, actor)
        ),
    },
    {
      name: `deletes (trashes) someone else’s ${type}`,
      expected: ownOnlyForClients(204),
      run: async (world, actor) =>
        world.app.http.del(
          `/api/${type}s/${(await item(world, type, world.people.colleague)).documentId}`,
          as(world, actor)
        ),
    },
  ]),
  {
    name: 'edits their own comment',
    expected: everyone(200),
    run: async (world, actor) =>
      world.app.http.put(
        `/api/comments/${(await comment(world, world.people[actor])).documentId}`,
        { data: { body: 'Edited' } },
        as(world, actor)
      ),
  },
  {
    name: 'edits someone else’s comment',
    expected: ownOnlyForClients(200),
    run: async (world, actor) =>
      world.app.http.put(
        `/api/comments/${(await comment(world, world.people.colleague)).documentId}`,
        { data: { body: 'Edited' } },
        as(world, actor)
      ),
  },
  {
    name: 'deletes someone else’s comment',
    expected: ownOnlyForClients(204),
    run: async (world, actor) =>
      world.app.http.del(
        `/api/comments/${(await comment(world, world.people.colleague)).documentId}`,
        as(world, actor)
      ),
  },
  {
    name: 'lists the trash',
    expected: staffOnly(200),
    run: (world, actor) => world.app.http.get('/api/client-portal/trash', as(world, actor)),
  },
  {
    name: 'restores a trashed task',
    expected: staffOnly(200),
    run: async (world, actor) => {
      const trashed = await task(world, { deletedAt: new Date(), deletedBy: world.people.colleague.documentId });
      return world.app.http.post(
        `/api/client-portal/trash/api::task.task/${trashed.documentId}/restore`,
        {},
        as(world, actor)
      );
    },
  },
  {
    name: 'deletes a trashed task permanently',
    expected: (actor) => (actor === 'owner' ? 204 : 403),
    run: async (world, actor) => {
      const trashed = await task(world, { deletedAt: new Date(), deletedBy: world.people.colleague.documentId });
      return world.app.http.del(`/api/client-portal/trash/api::task.task/${trashed.documentId}`, as(world, actor));
    },
  },
  {
    name: 'empties the trash',
    expected: (actor) => (actor === 'owner' ? 200 : 403),
    run: (world, actor) => world.app.http.del('/api/client-portal/trash', as(world, actor)),
  },
];

describe(`collaboration matrix on ${databaseClient()}`, () => {
  const world = {} as World;

  beforeAll(async () => {
    world.app = await startApp();
    world.make = fixtures(world.app);
    const acme = await world.make.company({ name: 'Acme' });
    const person = (role: Person['role'], flags: Record<string, unknown> = {}) =>
      world.make.person({ role, ...(role.startsWith('client') ? { company: acme } : {}), ...flags });
    world.people = {
      owner: await person('owner'),
      member: await person('member'),
      memberP: await person('member', { canManageProjects: true }),
      memberF: await person('member', { canManageFinances: true }),
      clientPlus: await person('client-plus'),
      client: await person('client'),
      manager: await person('client', { clientManager: true }),
      colleague: await person('member'),
    };
    world.project = await world.make.project(acme, {
      members: [...ACTORS, 'colleague'].map((key) => world.people[key as ActorKey | 'colleague']),
    });
  });
  afterAll(() => world.app?.stop());

  const cells = ACTIONS.flatMap((action) => ACTORS.map((actor) => [actor, action.name, action] as const));

  it('covers every actor and action', () => {
    expect(cells).toHaveLength(ACTORS.length * ACTIONS.length);
  });

  it.each(cells)('%s %s', async (actor, _name, action) => {
    const response = await action.run(world, actor);
    expect(response.status).toBe(action.expected(actor));
  });
});
