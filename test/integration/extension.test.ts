import { factories, type Core } from '@strapi/strapi';
import { startApp, type TestApp } from '../harness/app';
import { databaseClient } from '../harness/database';
import { fixtures, type Person, type Row } from '../harness/fixtures';

/**
 * A developer adds content types of their own. One declares its access in
 * pluginOptions["client-portal"] and nothing else; one declares nothing.
 */
const HIDDEN_GADGET = 'CANARY-hidden-gadget-2f9e';
const PRICE = 31337;

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
    },
  },
  attributes: {
    name: { type: 'string', required: true },
    priceCents: { type: 'integer' },
    hiddenFromClients: { type: 'boolean', default: false },
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
  let otherClient: Person;
  let project: Row;

  beforeAll(async () => {
    app = await startApp({
      beforeLoad: (strapi: Core.Strapi) => {
        strapi.get('apis').add('gadget', api('gadget', gadgetSchema));
        strapi.get('apis').add('secret', api('secret', secretSchema));
      },
    });
    const make = fixtures(app);
    const acme = await make.company({ name: 'Acme' });
    const globex = await make.company({ name: 'Globex' });
    owner = await make.person({ role: 'owner' });
    member = await make.person({ role: 'member' });
    client = await make.person({ role: 'client', company: acme });
    otherClient = await make.person({ role: 'client', company: globex });
    project = await make.project(acme, { leader: member, members: [client] });
    const other = await make.project(globex, { members: [otherClient] });
    await make.create('api::gadget.gadget' as never, {
      name: 'Visible gadget',
      priceCents: PRICE,
      project: project.documentId,
    });
    await make.create('api::gadget.gadget' as never, {
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

  it('denies an undeclared type to every portal role, the Owner included', async () => {
    for (const person of [owner, member, client]) {
      const response = await app.http.get('/api/secrets', person.jwt);
      expect(response.status).toBe(403);
      expect(response.text).not.toContain('undeclared');
    }
  });
});
