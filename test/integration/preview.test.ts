import { startApp, type TestApp } from '../harness/app';
import { databaseClient } from '../harness/database';
import { fixtures, type Person, type Row } from '../harness/fixtures';
import { buildWorld } from '../harness/world';

const HIDDEN_CANARY = 'CANARY-preview-hidden-3c9d';

/** "View as client" (docs/http-api.md): exactly the response that person would get for that GET. */
describe(`view as client on ${databaseClient()}`, () => {
  let app: TestApp;
  let owner: Person;
  let leader: Person;
  let member: Person;
  let manager: Person;
  let stranger: Person;

  beforeAll(async () => {
    app = await startApp();
    const world = await buildWorld(fixtures(app), {
      people: {
        owner: {},
        leader: {},
        member: {},
        manager: {},
        stranger: { role: 'client-plus', company: 'globex' },
      },
      project: { leader: 'leader' },
      globexProject: true,
      sharedBudget: { name: 'Shared', amountCents: 1000 },
      visibleTask: { title: 'Shown', estimateMinutes: 60 },
      hiddenTask: { title: HIDDEN_CANARY },
    });
    ({ owner, leader, member, manager, stranger } = world.people);
  });
  afterAll(() => app?.stop());

  const preview = (actor: Person, person: Person, path: string) =>
    app.http.get(`/api/client-portal/preview/${person.id}?path=${encodeURIComponent(path)}`, actor.jwt);

  it.each([
    '/api/tasks?populate=*&sort=title',
    '/api/projects?populate[tasks][populate]=*&populate[budgets]=true',
    '/api/budgets?pagination[pageSize]=1&pagination[withCount]=true',
    '/api/users/me',
    '/api/client-portal/me',
    '/api/tasks?filters[title][$eq]=' + HIDDEN_CANARY,
    '/api/tasks?fields[0]=hiddenFromClients',
    '/api/no-such-collection',
  ])('returns byte for byte what the client gets for %s', async (path) => {
    const own = await app.http.get(path, manager.jwt);
    for (const actor of [owner, leader]) {
      const seen = await preview(actor, manager, path);
      expect(seen.status).toBe(own.status);
      expect(seen.text).toBe(own.text);
      expect(seen.headers.get('content-type')).toBe(own.headers.get('content-type'));
      expect(seen.text).not.toContain(HIDDEN_CANARY);
    }
  });

  it('differs from what the previewer sees', async () => {
    const asOwner = await app.http.get('/api/tasks', owner.jwt);
    const asClient = await preview(owner, manager, '/api/tasks');
    expect(asOwner.body.meta.pagination.total).toBe(2);
    expect(asClient.body.meta.pagination.total).toBe(1);
    expect(asClient.body.data.map((task: Row) => task.title)).toEqual(['Shown']);
  });

  it('is for Owners and for project leaders previewing their own projects’ clients', async () => {
    expect((await preview(member, manager, '/api/tasks')).status).toBe(403);
    expect((await preview(manager, manager, '/api/tasks')).status).toBe(403);
    expect((await preview(leader, member, '/api/tasks')).status).toBe(403);
    // A person the leader cannot see (not on their projects) does not exist for them.
    expect((await preview(leader, owner, '/api/tasks')).status).toBe(404);
    expect((await preview(leader, stranger, '/api/tasks')).status).toBe(404);
    expect((await app.http.get(`/api/client-portal/preview/999999?path=/api/tasks`, owner.jwt)).status).toBe(404);
    expect((await app.http.get(`/api/client-portal/preview/${manager.id}?path=/api/tasks`)).status).toBe(403);
    expect((await preview(owner, stranger, '/api/projects')).status).toBe(200);
  });

  it('accepts only content-API paths', async () => {
    for (const path of [
      '',
      'https://example.com/api/tasks',
      '//example.com/api/tasks',
      '/admin/users',
      '/api/../admin/users',
      `/api/client-portal/preview/${manager.id}?path=/api/tasks`,
      'api/tasks',
    ]) {
      const response = await app.http.get(
        `/api/client-portal/preview/${manager.id}?path=${encodeURIComponent(path)}`,
        owner.jwt
      );
      expect({ path, status: response.status }).toEqual({ path, status: 400 });
      expect(response.body.error.message).toContain('path');
    }
    const missing = await app.http.get(`/api/client-portal/preview/${manager.id}`, owner.jwt);
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toContain('path');
    const badId = await app.http.get(`/api/client-portal/preview/abc?path=/api/tasks`, owner.jwt);
    expect(badId.status).toBe(400);
    expect(badId.body.error.message).toContain('userId');
  });
});
