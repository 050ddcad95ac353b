import { factories, type Core } from '@strapi/strapi';
import { startApp, type TestApp } from '../harness/app';
import { databaseClient } from '../harness/database';
import { fixtures, type Person, type Row } from '../harness/fixtures';
import { buildWorld } from '../harness/world';

/**
 * A developer adds content types of their own. One declares its access in
 * pluginOptions["client-portal"] and nothing else; one declares nothing; one lets
 * clients write but has no author, and is refused at boot.
 */
const HIDDEN_GADGET = 'CANARY-hidden-gadget-2f9e';
const PRICE = 31337;
const GADGET = 'api::gadget.gadget';
const USER = 'plugin::users-permissions.user';

const gadgetSchema = {
  kind: 'collectionType',
  collectionName: 'gadgets',
  info: { singularName: 'gadget', pluralName: 'gadgets', displayName: 'Gadget' },
  options: { draftAndPublish: false },
  pluginOptions: {
    'client-portal': {
      project: 'project',
      hideable: true,
      clientRead: ['name', 'project'],
      clientWrite: ['name', 'project'],
      financial: ['priceCents'],
      serverManaged: ['author'],
    },
  },
  attributes: {
    name: { type: 'string', required: true },
    priceCents: { type: 'integer' },
    hiddenFromClients: { type: 'boolean', default: false },
    project: { type: 'relation', relation: 'manyToOne', target: 'api::project.project' },
    author: { type: 'relation', relation: 'manyToOne', target: USER },
  },
};

/** Clients may write it, but nothing says who wrote a row: refused at boot (fail closed). */
const gizmoSchema = {
  kind: 'collectionType',
  collectionName: 'gizmos',
  info: { singularName: 'gizmo', pluralName: 'gizmos', displayName: 'Gizmo' },
  options: { draftAndPublish: false },
  pluginOptions: { 'client-portal': { project: 'project', clientRead: ['name'], clientWrite: ['name', 'project'] } },
  attributes: {
    name: { type: 'string' },
    project: { type: 'relation', relation: 'manyToOne', target: 'api::project.project' },
  },
};

const secretSchema = {
  kind: 'collectionType',
  collectionName: 'secrets',
  info: { singularName: 'secret', pluralName: 'secrets', displayName: 'Secret' },
  options: { draftAndPublish: false },
  attributes: { name: { type: 'string' } },
};

const api = (name: string, schema: object) => ({
  contentTypes: { [name]: { schema } },
  controllers: { [name]: factories.createCoreController(`api::${name}.${name}` as never) },
  services: { [name]: factories.createCoreService(`api::${name}.${name}` as never) },
  routes: { [name]: factories.createCoreRouter(`api::${name}.${name}` as never) },
  config: {},
  policies: {},
  middlewares: {},
});

describe(`a developer's own content types on ${databaseClient()}`, () => {
  let app: TestApp;
  let owner: Person;
  let member: Person;
  let client: Person;
  let clientPlus: Person;
  let otherClient: Person;
  let project: Row;
  let visibleGadget: Row;
  let hiddenGadget: Row;

  beforeAll(async () => {
    app = await startApp({
      beforeLoad: (strapi: Core.Strapi) => {
        strapi.get('apis').add('gadget', api('gadget', gadgetSchema));
        strapi.get('apis').add('secret', api('secret', secretSchema));
      },
    });
    const world = await buildWorld(fixtures(app), {
      people: { owner: {}, member: {}, client: {}, clientPlus: {}, otherClient: { role: 'client', company: 'globex' } },
      project: { leader: 'member' },
      globexProject: true,
    });
    ({ owner, member, client, clientPlus, otherClient } = world.people);
    ({ project } = world);
    const { make, globexProject: other } = world;
    visibleGadget = await make.create(GADGET as never, {
      name: 'Visible gadget',
      priceCents: PRICE,
      project: project.documentId,
    });
    hiddenGadget = await make.create(GADGET as never, {
      name: HIDDEN_GADGET,
      priceCents: PRICE,
      hiddenFromClients: true,
      project: project.documentId,
    });
    await make.create('api::gadget.gadget' as never, { name: 'Globex gadget', project: other.documentId });
    await make.create('api::secret.secret' as never, { name: 'undeclared' });
  });

  afterAll(() => app?.stop());

  it('protects the declared type by project, hidden flag and financial fields', async () => {
    const asOwner = await app.http.get('/api/gadgets', owner.jwt);
    expect(asOwner.body.meta.pagination.total).toBe(3);
    expect(asOwner.body.data[0].priceCents).toBe(PRICE);

    const asMember = await app.http.get('/api/gadgets?sort=name:asc', member.jwt);
    expect(asMember.body.data.map((gadget: Row) => gadget.name)).toEqual([HIDDEN_GADGET, 'Visible gadget']);
    expect(asMember.text).not.toContain(String(PRICE));

    const asClient = await app.http.get('/api/gadgets?populate=*', client.jwt);
    expect(asClient.status).toBe(200);
    expect(asClient.body.data.map((gadget: Row) => gadget.name)).toEqual(['Visible gadget']);
    expect(asClient.body.meta.pagination.total).toBe(1);
    expect(Object.keys(asClient.body.data[0]).sort()).toEqual(
      ['createdAt', 'documentId', 'id', 'name', 'project', 'publishedAt', 'updatedAt'].sort()
    );
    for (const canary of [HIDDEN_GADGET, String(PRICE), 'Globex', 'hiddenFromClients']) {
      expect(asClient.text).not.toContain(canary);
    }
    expect((await app.http.get('/api/gadgets?filters[priceCents][$gt]=0', client.jwt)).status).toBe(400);
  });

  it('lets clients write what the declaration allows, in their own projects only', async () => {
    const created = await app.http.post(
      '/api/gadgets',
      { data: { name: 'Made by client', project: project.documentId } },
      client.jwt
    );
    expect(created.status).toBe(201);
    expect(await authorOf(created.body.data.documentId)).toBe(client.id);
    const priced = await app.http.post(
      '/api/gadgets',
      { data: { name: 'x', project: project.documentId, priceCents: 1 } },
      client.jwt
    );
    expect(priced.status).toBe(400);
    expect(priced.body.error.message).toContain('priceCents');
    const elsewhere = await app.http.get('/api/gadgets', otherClient.jwt);
    expect(elsewhere.body.data.map((gadget: Row) => gadget.name)).toEqual(['Globex gadget']);
  });

  /** The gadget as stored: its name and author, read directly from the database. */
  const stored = async (documentId: string) =>
    (await app.strapi.db.query(GADGET as never).findOne({ where: { documentId }, populate: ['author'] })) as {
      name: string;
      author: { id: number } | null;
    } | null;
  const authorOf = async (documentId: string) => (await stored(documentId))?.author?.id ?? null;

  it('lets a Client+ edit and delete only the gadgets they wrote, and read every visible one', async () => {
    const write = (name: string, person: Person) =>
      app.http.post('/api/gadgets', { data: { name, project: project.documentId } }, person.jwt);
    const mine = (await write('Written by Client+', clientPlus)).body.data.documentId as string;
    const theirs = (await write('Written by Client', client)).body.data.documentId as string;
    expect(await authorOf(mine)).toBe(clientPlus.id);
    expect(await authorOf(theirs)).toBe(client.id);
    // Clients may not choose the author: the server sets it.
    const posing = await app.http.post(
      '/api/gadgets',
      { data: { name: 'Posing', project: project.documentId, author: client.documentId } },
      clientPlus.jwt
    );
    expect(posing.status).toBe(400);
    expect(posing.body.error.message).toContain('author');

    // Reads are not narrowed by authorship: every visible gadget of the project, whoever wrote it.
    const listed = await app.http.get('/api/gadgets?pagination[pageSize]=100', clientPlus.jwt);
    const names = listed.body.data.map((gadget: Row) => gadget.name);
    expect(names).toEqual(expect.arrayContaining(['Visible gadget', 'Written by Client+', 'Written by Client']));
    expect(listed.text).not.toContain(HIDDEN_GADGET);
    for (const documentId of [mine, theirs, visibleGadget.documentId]) {
      expect((await app.http.get(`/api/gadgets/${documentId}`, clientPlus.jwt)).status).toBe(200);
    }

    // Someone else's gadget (another client's, or staff's without a client author): 403, and unchanged.
    for (const documentId of [theirs, visibleGadget.documentId]) {
      const before = await stored(documentId);
      const edit = await app.http.put(`/api/gadgets/${documentId}`, { data: { name: 'Taken over' } }, clientPlus.jwt);
      expect(edit.status).toBe(403);
      expect((await app.http.del(`/api/gadgets/${documentId}`, clientPlus.jwt)).status).toBe(403);
      expect(await stored(documentId)).toEqual(before);
    }
    // A gadget hidden from clients is not there at all: 404, and unchanged.
    expect(
      (await app.http.put(`/api/gadgets/${hiddenGadget.documentId}`, { data: { name: 'Found' } }, clientPlus.jwt))
        .status
    ).toBe(404);
    expect((await app.http.del(`/api/gadgets/${hiddenGadget.documentId}`, clientPlus.jwt)).status).toBe(404);
    expect((await stored(hiddenGadget.documentId))?.name).toBe(HIDDEN_GADGET);

    // Their own: edited, then deleted.
    const renamed = await app.http.put(
      `/api/gadgets/${mine}`,
      { data: { name: 'Renamed by Client+' } },
      clientPlus.jwt
    );
    expect(renamed.status).toBe(200);
    expect((await stored(mine))?.name).toBe('Renamed by Client+');
    expect((await app.http.del(`/api/gadgets/${mine}`, clientPlus.jwt)).status).toBe(204);
    expect(await stored(mine)).toBeNull();

    // The other client still edits their own; staff edit any gadget they see.
    expect((await app.http.put(`/api/gadgets/${theirs}`, { data: { name: 'Mine still' } }, client.jwt)).status).toBe(
      200
    );
    expect((await app.http.put(`/api/gadgets/${theirs}`, { data: { name: 'Tidied' } }, member.jwt)).status).toBe(200);
    expect((await stored(theirs))?.name).toBe('Tidied');
  });

  it('denies an undeclared type to every portal role, the Owner included', async () => {
    for (const person of [owner, member, client]) {
      const response = await app.http.get('/api/secrets', person.jwt);
      expect(response.status).toBe(403);
      expect(response.text).not.toContain('undeclared');
    }
  });
});

describe(`a declared type clients may write but without an author, on ${databaseClient()}`, () => {
  it('stops the boot with a message naming the type and the missing author', async () => {
    await expect(
      startApp({ beforeLoad: (strapi: Core.Strapi) => strapi.get('apis').add('gizmo', api('gizmo', gizmoSchema)) })
    ).rejects.toThrow(
      'api::gizmo.gizmo: pluginOptions["client-portal"].clientWrite lets clients write, so the type needs an "author" attribute'
    );
  });
});
