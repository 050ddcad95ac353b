import path from 'path';
import { createStrapi } from '@strapi/strapi';
import { PORTAL_ROLE_TYPES } from '../../src/plugins/client-portal/shared/contracts';
import { AGENCY_NAME, OWNER_EMAIL, OWNER_PASSWORD, startApp, type TestApp } from '../harness/app';
import { APP_ROOT, createTestDatabase, databaseClient, type TestDatabase } from '../harness/database';

const ROLE_UID = 'plugin::users-permissions.role';
const USER_UID = 'plugin::users-permissions.user';

const portalRoles = async (app: TestApp) =>
  (await app.strapi.db
    .query(ROLE_UID)
    .findMany({ where: { type: { $in: [...PORTAL_ROLE_TYPES] } }, orderBy: { id: 'asc' } })) as {
    id: number;
    type: string;
    name: string;
  }[];

const permissionsOf = async (app: TestApp, roleId: number) =>
  (
    (await app.strapi.db
      .query('plugin::users-permissions.permission')
      .findMany({ where: { role: { id: roleId } } })) as {
      action: string;
    }[]
  )
    .map((permission) => permission.action)
    .sort();

describe(`boot and bootstrap on ${databaseClient()}`, () => {
  let database: TestDatabase;
  let app: TestApp;

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await startApp({ database, keepDatabase: true });
  });

  afterAll(async () => {
    await app?.stop();
    await database?.drop();
  });

  it(`runs on the database the suite was asked for (${databaseClient()})`, () => {
    expect(app.strapi.db.dialect.client).toBe(databaseClient() === 'postgres' ? 'postgres' : 'sqlite');
  });

  it('creates the four portal roles once, named as in the SPEC', async () => {
    const roles = await portalRoles(app);
    expect(roles.map((role) => [role.type, role.name])).toEqual([
      ['owner', 'Owner'],
      ['member', 'Member'],
      ['client-plus', 'Client+'],
      ['client', 'Client'],
    ]);
  });

  it('gives every portal role exactly its declared content-API permissions', async () => {
    const expected = (type: string) =>
      app.strapi.plugin('client-portal').service('roles').permissionsOf(type).slice().sort();
    const roles = await portalRoles(app);
    for (const role of roles) {
      expect(await permissionsOf(app, role.id)).toEqual(expected(role.type));
    }
    const client = roles.find((role) => role.type === 'client')!;
    expect(await permissionsOf(app, client.id)).not.toContain('api::invoice.invoice.create');
    expect(await permissionsOf(app, client.id)).not.toContain('plugin::upload.content-api.find');
    expect(await permissionsOf(app, client.id)).toContain('api::comment.comment.create');
  });

  it('creates the agency company and the first Owner, who can sign in over HTTP', async () => {
    const agencies = await app.strapi.db.query('api::company.company').findMany({ where: { isAgency: true } });
    expect(agencies).toHaveLength(1);
    expect(agencies[0].name).toBe(AGENCY_NAME);

    const owners = await app.strapi.db
      .query(USER_UID)
      .findMany({ where: { role: { type: 'owner' } }, populate: ['company', 'role'] });
    expect(owners).toHaveLength(1);
    expect(owners[0]).toMatchObject({ email: OWNER_EMAIL, confirmed: true, blocked: false });
    expect(owners[0].company.id).toBe(agencies[0].id);

    const login = await app.http.post('/api/auth/local', { identifier: OWNER_EMAIL, password: OWNER_PASSWORD });
    expect(login.status).toBe(200);
    expect(login.body.user.email).toBe(OWNER_EMAIL);
    expect(login.text).not.toContain('password');
    const me = await app.http.get('/api/users/me', login.body.jwt);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: owners[0].id, email: OWNER_EMAIL });
  });

  it('turns public registration off', async () => {
    const response = await app.http.post('/api/auth/local/register', {
      username: 'walk-in',
      email: 'walk-in@example.com',
      password: 'walk-in-password',
    });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toBe('Register action is currently disabled');
    expect(await app.strapi.db.query(USER_UID).count({ where: { email: 'walk-in@example.com' } })).toBe(0);
  });

  it('refuses anonymous reads of the domain', async () => {
    const response = await app.http.get('/api/projects');
    expect(response.status).toBe(403);
    expect(response.body).toEqual({
      data: null,
      error: { status: 403, name: 'ForbiddenError', message: 'Forbidden', details: {} },
    });
  });

  it('is idempotent: a second boot on the same data duplicates nothing and restores the role permissions', async () => {
    const clientRole = (await portalRoles(app)).find((role) => role.type === 'client')!;
    // Someone grants Clients more than the portal allows; the next boot takes it back.
    await app.strapi.db
      .query('plugin::users-permissions.permission')
      .create({ data: { action: 'api::invoice.invoice.create', role: clientRole.id } });
    const rolesBefore = await portalRoles(app);
    await app.stop();

    app = await startApp({ database, keepDatabase: true, env: { PORTAL_AGENCY_NAME: 'Renamed Agency' } });
    expect(await portalRoles(app)).toEqual(rolesBefore);
    expect(await app.strapi.db.query(ROLE_UID).count({})).toBe(rolesBefore.length + 2); // + public, authenticated
    expect(await permissionsOf(app, clientRole.id)).toEqual(
      app.strapi.plugin('client-portal').service('roles').permissionsOf('client').slice().sort()
    );
    expect(await permissionsOf(app, clientRole.id)).not.toContain('api::invoice.invoice.create');
    expect(await app.strapi.db.query(USER_UID).count({ where: { role: { type: 'owner' } } })).toBe(1);
    const agencies = await app.strapi.db.query('api::company.company').findMany({ where: { isAgency: true } });
    expect(agencies.map((company: { name: string }) => company.name)).toEqual([AGENCY_NAME]);
  });
});

describe('no first Owner configured', () => {
  let app: TestApp;
  afterAll(() => app?.stop());

  it('boots without creating an Owner or an agency', async () => {
    app = await startApp({ env: { PORTAL_OWNER_EMAIL: '', PORTAL_OWNER_PASSWORD: '' } });
    expect(await app.strapi.db.query(USER_UID).count({})).toBe(0);
    expect(await app.strapi.db.query('api::company.company').count({})).toBe(0);
    expect(await portalRoles(app)).toHaveLength(4);
  });
});

describe('production mode', () => {
  const withEnvironment = (values: Record<string, string | undefined>, work: () => void) => {
    const previous = Object.fromEntries(Object.keys(values).map((name) => [name, process.env[name]]));
    Object.assign(process.env, values);
    try {
      work();
    } finally {
      for (const [name, value] of Object.entries(previous)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  };

  it('refuses to start on the development placeholder and names the variable', () => {
    withEnvironment(
      {
        NODE_ENV: 'production',
        APP_KEYS: 'a-real-key,another-real-key',
        API_TOKEN_SALT: 'change-me',
        ADMIN_JWT_SECRET: 'x'.repeat(32),
        TRANSFER_TOKEN_SALT: 'x'.repeat(32),
        JWT_SECRET: 'x'.repeat(32),
        ENCRYPTION_KEY: 'x'.repeat(32),
      },
      () => {
        expect(() => createStrapi({ appDir: APP_ROOT, distDir: path.join(APP_ROOT, 'dist') })).toThrow(
          'API_TOKEN_SALT is not set or still holds the development placeholder'
        );
      }
    );
  });
});
