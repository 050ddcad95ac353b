import { signInAdmin } from '../harness/admin';
import { startApp, type TestApp } from '../harness/app';
import { databaseClient } from '../harness/database';
import { fixtures, type Fixtures, type Person, type Row } from '../harness/fixtures';
import { buildWorld } from '../harness/world';

const HIDDEN_CANARY = 'CANARY-admin-preview-hidden-0c4b';

/** docs/admin-panel.md#the-admin-api: the admin panel's API, guarded by the plugin's admin permissions. */
describe(`the admin panel API on ${databaseClient()}`, () => {
  let app: TestApp;
  let make: Fixtures;
  let admin: string;
  let editor: string;
  let manager: Person;
  let project: Row;
  let budget: Row;

  beforeAll(async () => {
    app = await startApp({ env: { PORTAL_SEAT_LIMIT: '5' } });
    make = fixtures(app);
    admin = (await signInAdmin(app)).token;
    editor = (await signInAdmin(app, 'strapi-editor')).token;
    const world = await buildWorld(make, {
      people: { manager: { firstName: 'Cora', lastName: 'Acme' } },
      project: { name: 'Website' },
      privateBudget: { name: 'Design', amountCents: 5000 },
      visibleTask: { title: 'Shown' },
      hiddenTask: { title: HIDDEN_CANARY },
    });
    ({ project, privateBudget: budget } = world);
    ({ manager } = world.people);
  });
  afterAll(() => app?.stop());

  const as = (token: string) => ({ authorization: `Bearer ${token}` });
  const get = (path: string, token: string) => app.http.request('GET', path, { headers: as(token) });
  const send = (method: string, path: string, body: unknown, token: string) =>
    app.http.request(method, path, { headers: as(token), body });

  it('refuses admins without the plugin permissions, and anonymous callers', async () => {
    for (const [method, path] of [
      ['GET', '/client-portal/people'],
      ['GET', '/client-portal/directory'],
      ['GET', '/client-portal/seats'],
      ['GET', '/client-portal/invitations'],
      ['GET', '/client-portal/budgets'],
      ['PUT', `/client-portal/budgets/${budget.documentId}/access`],
      ['GET', `/client-portal/preview/${manager.id}?path=/api/tasks`],
      ['GET', '/client-portal/settings'],
      ['PUT', '/client-portal/settings'],
      ['POST', '/client-portal/invitations'],
      ['DELETE', `/client-portal/people/${manager.id}`],
    ]) {
      const refused = await send(method, path, method === 'GET' ? undefined : {}, editor);
      expect({ method, path, status: refused.status }).toEqual({ method, path, status: 403 });
      const anonymous = await app.http.request(method, path, {});
      expect({ method, path, status: anonymous.status }).toEqual({ method, path, status: 401 });
    }
  });

  it('shows seats and people, and invites within the seat limit', async () => {
    const seats = await get('/client-portal/seats', admin);
    expect(seats.status).toBe(200);
    expect(seats.body.data).toMatchObject({ limit: 5 });
    const before = seats.body.data.used;
    const invited = await send(
      'POST',
      '/client-portal/invitations',
      { email: 'new@agency.test', role: 'member' },
      admin
    );
    expect(invited.status).toBe(201);
    expect((await get('/client-portal/seats', admin)).body.data.used).toBe(before + 1);
    const directory = await get('/client-portal/directory', admin);
    expect(directory.body.data.projects).toContainEqual({
      documentId: project.documentId,
      name: 'Website',
      company: 'Acme',
    });
    expect(directory.body.data.companies.map((company: { name: string }) => company.name)).toContain('Acme');
    const people = await get('/client-portal/people', admin);
    expect(people.body.data.map((person: { email: string }) => person.email)).toContain(manager.email);
  });

  it('lists budgets with their toggle and the Client Managers they reach, and toggles them', async () => {
    const overview = await get('/client-portal/budgets', admin);
    expect(overview.status).toBe(200);
    const website = overview.body.data.find((row: { name: string }) => row.name === 'Website');
    expect(website).toMatchObject({
      company: 'Acme',
      clientManagers: [{ id: manager.id, name: 'Cora Acme', email: manager.email }],
      budgets: [
        { documentId: budget.documentId, name: 'Design', clientAccess: false, usedCents: 0, remainingCents: 5000 },
      ],
    });
    expect((await app.http.get('/api/budgets', manager.jwt)).body.data).toEqual([]);
    const on = await send('PUT', `/client-portal/budgets/${budget.documentId}/access`, { clientAccess: true }, admin);
    expect(on.status).toBe(200);
    expect((await app.http.get('/api/budgets', manager.jwt)).body.data.map((row: Row) => row.name)).toEqual(['Design']);
  });

  it('previews exactly what a client gets', async () => {
    const own = await app.http.get('/api/tasks?sort=title', manager.jwt);
    const seen = await get(
      `/client-portal/preview/${manager.id}?path=${encodeURIComponent('/api/tasks?sort=title')}`,
      admin
    );
    expect(seen.status).toBe(200);
    expect(seen.text).toBe(own.text);
    expect(seen.text).not.toContain(HIDDEN_CANARY);
  });

  it('stores settings in the plugin store, validated, and applies them', async () => {
    expect((await get('/client-portal/settings', admin)).body.data).toEqual({
      seatLimit: 5,
      defaultCurrency: 'EUR',
      requireTimeApprovalByDefault: false,
    });
    const bad = await send('PUT', '/client-portal/settings', { seatLimit: -1, defaultCurrency: 'euro' }, admin);
    expect(bad.status).toBe(400);
    // The message names the fields in words; the paths stay in details for the form.
    expect(bad.body.error.message).toBe(
      'Seat limit must be a whole number of at least 1, or empty for no limit. ' +
        'Default currency must be an ISO 4217 code such as EUR.'
    );
    expect(bad.body.error.details.errors.map((error: { path: string[] }) => error.path.join('.'))).toEqual([
      'seatLimit',
      'defaultCurrency',
    ]);
    for (const seatLimit of ['abc', '5', 2.5, 0, true, 1_000_001]) {
      const refused = await send('PUT', '/client-portal/settings', { seatLimit }, admin);
      expect({ seatLimit, status: refused.status }).toEqual({ seatLimit, status: 400 });
      expect(refused.body.error.message).toMatch(/^Seat limit must be/);
      expect(refused.body.error.details.errors[0].path).toEqual(['seatLimit']);
    }
    for (const defaultCurrency of ['eur', 'EURO', 'XYZ', 12, '']) {
      const refused = await send('PUT', '/client-portal/settings', { defaultCurrency }, admin);
      expect({ defaultCurrency, status: refused.status }).toEqual({ defaultCurrency, status: 400 });
      expect(refused.body.error.message).toBe('Default currency must be an ISO 4217 code such as EUR.');
    }
    // Nothing of the refused changes was stored.
    expect((await get('/client-portal/settings', admin)).body.data).toEqual({
      seatLimit: 5,
      defaultCurrency: 'EUR',
      requireTimeApprovalByDefault: false,
    });
    const saved = await send(
      'PUT',
      '/client-portal/settings',
      { seatLimit: 2, defaultCurrency: 'CHF', requireTimeApprovalByDefault: true },
      admin
    );
    expect(saved.body.data).toEqual({ seatLimit: 2, defaultCurrency: 'CHF', requireTimeApprovalByDefault: true });
    expect((await get('/client-portal/seats', admin)).body.data.limit).toBe(2);
    const full = await send('POST', '/client-portal/invitations', { email: 'late@agency.test', role: 'member' }, admin);
    expect(full.status).toBe(409);
    expect(full.body.error.details.code).toBe('SEAT_LIMIT_REACHED');
    const company = await make.company();
    const created = await app.strapi.documents('api::project.project').create({
      data: { name: 'Defaults', company: company.documentId },
    } as never);
    expect(created).toMatchObject({ currency: 'CHF', requireTimeApproval: true });
    const unlimited = await send('PUT', '/client-portal/settings', { seatLimit: null }, admin);
    expect(unlimited.body.data.seatLimit).toBeNull();
  });
});
