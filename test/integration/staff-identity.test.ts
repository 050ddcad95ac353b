import { signInAdmin, signInStaffAdmin } from '../harness/admin';
import { OWNER_EMAIL, startApp, type TestApp } from '../harness/app';
import { databaseClient } from '../harness/database';
import { fixtures, type Fixtures, type Person, type Row } from '../harness/fixtures';
import { buildWorld } from '../harness/world';

/**
 * Staff identity (docs/admin-panel.md#staff-identity): an admin acts in the plugin as their linked portal person
 * (explicit link, else the same email), under that person's rules; a super admin with
 * no linked person acts as an Owner; any other admin is told they are not linked.
 */
describe(`staff identity in the admin panel on ${databaseClient()}`, () => {
  let app: TestApp;
  let make: Fixtures;
  let member: Person;
  let memberF: Person;
  let mine: Row;
  let theirs: Row;

  const as = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });
  const get = (path: string, token: string) => app.http.request('GET', path, as(token));
  const send = (method: string, path: string, body: unknown, token: string) =>
    app.http.request(method, path, { ...as(token), body });

  beforeAll(async () => {
    app = await startApp();
    const world = await buildWorld(fixtures(app), {
      people: {
        member: { firstName: 'Mia', lastName: 'Member' },
        memberF: { firstName: 'Fynn', lastName: 'Finance' },
      },
      project: { name: 'Mine', leader: 'member', members: [] },
    });
    ({ make, project: mine } = world);
    ({ member, memberF } = world.people);
    theirs = await make.project(world.acme, { name: 'Theirs' });
    for (const project of [mine, theirs]) {
      await make.create('api::budget.budget', {
        project: project.documentId,
        name: `${project.name} budget`,
        amountCents: 90000,
      });
    }
  });
  afterAll(() => app?.stop());

  it('lets a super admin with no linked person act as the Owner', async () => {
    const admin = await signInAdmin(app);
    const session = await get('/client-portal/session', admin.token);
    expect(session.status).toBe(200);
    expect(session.body.data).toMatchObject({
      acting: 'owner',
      person: { email: OWNER_EMAIL, role: 'owner' },
      capabilities: { manageInvoices: true, seeFinancials: true, managePeople: true },
    });
    const me = await app.http.get('/api/client-portal/me', session.body.data.jwt);
    expect(me.status).toBe(200);
    expect(me.body.data.role).toBe('owner');
    const budgets = await get('/client-portal/budgets', admin.token);
    expect(budgets.body.data.map((project: Row) => project.name).sort()).toEqual(['Mine', 'Theirs']);
  });

  it('acts as the person with the same email, under that person’s rules', async () => {
    const staff = await signInStaffAdmin(app, member.email);
    const session = await get('/client-portal/session', staff.token);
    expect(session.body.data).toMatchObject({
      acting: 'linked',
      person: { id: member.id, name: 'Mia Member', role: 'member' },
      capabilities: { logTime: true, manageInvoices: false, seeFinancials: false, managePeople: false },
    });
    // The content-API token is the member's: their projects only.
    const projects = await app.http.get('/api/projects', session.body.data.jwt);
    expect(projects.body.data.map((project: Row) => project.name)).toEqual(['Mine']);
    // The admin routes too: the member's projects, and no settings change.
    const budgets = await get('/client-portal/budgets', staff.token);
    expect(budgets.status).toBe(200);
    expect(budgets.body.data.map((project: Row) => project.name)).toEqual(['Mine']);
    const settings = await send('PUT', '/client-portal/settings', { seatLimit: 3 }, staff.token);
    expect(settings.status).toBe(403);
    const invite = await send(
      'POST',
      '/client-portal/invitations',
      { email: 'x@acme.test', role: 'owner' },
      staff.token
    );
    expect(invite.status).toBe(403);
  });

  it('names in the people list only the projects the acting person sees', async () => {
    const cole = await make.person({ role: 'member', firstName: 'Cole', lastName: 'Colleague' });
    const acme = await make.company({ name: 'Acme Two' });
    await make.project(acme, { name: 'Shared', leader: member, members: [cole] });
    await make.project(acme, { name: 'CANARY-people-project', members: [cole] });
    const staff = await signInStaffAdmin(app, member.email);
    const owner = await signInAdmin(app);

    const people = await get('/client-portal/people', staff.token);
    expect(people.status).toBe(200);
    const colesRow = (people.body.data as { id: number; projects: { name: string }[] }[]).find(
      (person) => person.id === cole.id
    )!;
    expect(colesRow.projects.map((project) => project.name)).toEqual(['Shared']);
    expect(JSON.stringify(people.body)).not.toContain('CANARY');
    // The Owner sees both.
    const all = (await get('/client-portal/people', owner.token)).body.data as { id: number; projects: Row[] }[];
    expect(
      all
        .find((person) => person.id === cole.id)!
        .projects.map((project) => project.name)
        .sort()
    ).toEqual(['CANARY-people-project', 'Shared']);
  });

  it('tells an admin who is neither linked nor super admin so, on every plugin route', async () => {
    const stranger = await signInStaffAdmin(app, 'stranger@agency.test');
    const session = await get('/client-portal/session', stranger.token);
    expect(session.status).toBe(200);
    expect(session.body.data).toEqual({
      acting: 'unlinked',
      person: null,
      jwt: null,
      expiresAt: null,
      capabilities: {
        logTime: false,
        approve: false,
        seeFinancials: false,
        manageInvoices: false,
        reports: false,
        managePeople: false,
        createProjects: false,
      },
    });
    for (const path of ['/client-portal/people', '/client-portal/budgets', '/client-portal/seats']) {
      const refused = await get(path, stranger.token);
      expect({ path, status: refused.status, code: refused.body.error?.details?.code }).toEqual({
        path,
        status: 403,
        code: 'ADMIN_NOT_LINKED',
      });
    }
  });

  it('lets an Owner link an admin to a person, which then wins over the email', async () => {
    const owner = await signInAdmin(app);
    const other = await signInStaffAdmin(app, 'finance-desk@agency.test');
    const users = await get('/client-portal/admin-users', owner.token);
    expect(users.body.data.map((user: { email: string }) => user.email)).toContain('finance-desk@agency.test');

    const bad = await send('PUT', `/client-portal/people/${memberF.id}/admin-link`, { adminUserId: 'x' }, owner.token);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('adminUserId');
    const linked = await send(
      'PUT',
      `/client-portal/people/${memberF.id}/admin-link`,
      { adminUserId: other.id },
      owner.token
    );
    expect(linked.status).toBe(200);
    const session = await get('/client-portal/session', other.token);
    expect(session.body.data).toMatchObject({
      acting: 'linked',
      person: { id: memberF.id },
      capabilities: { manageInvoices: true, seeFinancials: true },
    });
    // One admin acts as one person.
    const twice = await send(
      'PUT',
      `/client-portal/people/${member.id}/admin-link`,
      { adminUserId: other.id },
      owner.token
    );
    expect(twice.status).toBe(409);

    const links = await get('/client-portal/admin-links', owner.token);
    expect(links.body.data).toEqual(
      expect.arrayContaining([
        {
          personId: memberF.id,
          admin: { id: other.id, email: 'finance-desk@agency.test', name: 'Staff Admin' },
          via: 'link',
          contentManagerWithoutOwner: false,
        },
        expect.objectContaining({ personId: member.id, via: 'email', contentManagerWithoutOwner: false }),
      ])
    );
    // A linked person who is not an Owner, with Content Manager rights: flagged.
    const editor = await signInAdmin(app);
    await send('PUT', `/client-portal/people/${member.id}/admin-link`, { adminUserId: null }, owner.token);
    const superAdmins = await app.strapi.db.query('admin::user').findOne({ where: { email: editor.email } });
    await send('PUT', `/client-portal/people/${member.id}/admin-link`, { adminUserId: superAdmins.id }, owner.token);
    const flagged = (await get('/client-portal/admin-links', owner.token)).body.data.find(
      (link: { personId: number; admin: { email: string } }) =>
        link.personId === member.id && link.admin.email === editor.email
    );
    expect(flagged).toMatchObject({ via: 'link', contentManagerWithoutOwner: true });

    const unlinked = await send(
      'PUT',
      `/client-portal/people/${memberF.id}/admin-link`,
      { adminUserId: null },
      owner.token
    );
    expect(unlinked.status).toBe(200);
    expect((await get('/client-portal/session', other.token)).body.data.acting).toBe('unlinked');
  });
});
