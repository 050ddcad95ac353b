import { startApp, type TestApp } from '../harness/app';
import { databaseClient } from '../harness/database';
import { fixtures, type Person, type Row } from '../harness/fixtures';
import { buildWorld } from '../harness/world';

const CANARY = 'CANARY-other-company-project-7f3a';

describe(`project scope for portal roles on ${databaseClient()}`, () => {
  let app: TestApp;
  let owner: Person;
  let member: Person;
  let client: Person;
  let ownProject: Row;
  let otherProject: Row;

  beforeAll(async () => {
    app = await startApp();
    const world = await buildWorld(fixtures(app), {
      people: { owner: {}, member: {}, client: {} },
      project: { name: 'Acme website', leader: 'member' },
      globexProject: { name: CANARY, leader: 'member' },
    });
    ({ owner, member, client } = world.people);
    ({ project: ownProject, globexProject: otherProject } = world);
    await world.make.project(world.globex, { name: 'Globex internal' });
  });

  afterAll(() => app?.stop());

  it('shows a Client only the projects they are a member of, with an exact total', async () => {
    const response = await app.http.get('/api/projects', client.jwt);
    expect(response.status).toBe(200);
    expect(response.body.data.map((project: Row) => project.name)).toEqual(['Acme website']);
    expect(response.body.meta.pagination).toEqual({ page: 1, pageSize: 25, pageCount: 1, total: 1 });
    expect(response.text).not.toContain(CANARY);
  });

  it('answers 404 for a project the Client may not see, exactly as for one that does not exist', async () => {
    const hidden = await app.http.get(`/api/projects/${otherProject.documentId}`, client.jwt);
    const missing = await app.http.get('/api/projects/doesnotexist000000000000', client.jwt);
    expect(hidden.status).toBe(404);
    expect(hidden.body).toEqual(missing.body);
    expect(hidden.text).not.toContain(CANARY);
  });

  it('does not let a filter widen the scope', async () => {
    const response = await app.http.get(`/api/projects?filters[name][$eq]=${CANARY}`, client.jwt);
    expect(response.status).toBe(200);
    expect(response.body.data).toEqual([]);
    expect(response.body.meta.pagination.total).toBe(0);
  });

  it('shows a Member the projects they lead or belong to', async () => {
    const response = await app.http.get('/api/projects?sort=name:asc', member.jwt);
    expect(response.body.data.map((project: Row) => project.name)).toEqual(['Acme website', CANARY]);
    expect(response.body.meta.pagination.total).toBe(2);
  });

  it('shows the Owner every project', async () => {
    const response = await app.http.get('/api/projects?sort=name:asc', owner.jwt);
    expect(response.body.data.map((project: Row) => project.name)).toEqual(['Acme website', CANARY, 'Globex internal']);
  });

  it('lets only the Owner write projects for now', async () => {
    const write = await app.http.put(
      `/api/projects/${ownProject.documentId}`,
      { data: { name: 'Renamed' } },
      client.jwt
    );
    expect(write.status).toBe(403);
    const create = await app.http.post('/api/projects', { data: { name: 'Mine' } }, member.jwt);
    expect(create.status).toBe(403);
    expect(
      await app.strapi.db.query('api::project.project').count({ where: { name: { $in: ['Renamed', 'Mine'] } } })
    ).toBe(0);
  });

  it('populates only what the Client may read: own company, people by name, no emails', async () => {
    const response = await app.http.get('/api/projects?populate=*', client.jwt);
    expect(response.status).toBe(200);
    expect(response.body.data).toHaveLength(1);
    const [project] = response.body.data;
    expect(project.company.name).toBe('Acme');
    expect(project.members.map((person: Row) => person.id).sort()).toEqual([member.id, client.id].sort());
    for (const person of [...project.members, project.leader]) {
      expect(Object.keys(person).sort()).toEqual(
        ['createdAt', 'documentId', 'firstName', 'id', 'lastName', 'publishedAt', 'title', 'updatedAt'].sort()
      );
    }
    expect(response.text).not.toContain('@people.test');
    expect(response.text).not.toContain('Globex');
    expect(response.text).not.toContain(CANARY);
  });
});
