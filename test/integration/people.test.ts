import fs from 'fs';
import path from 'path';
import { SEAT_LIMIT_REACHED } from '../../src/plugins/client-portal/shared/contracts';
import { OWNER_EMAIL, startApp, type TestApp } from '../harness/app';
import { APP_ROOT, databaseClient } from '../harness/database';
import { fixtures, type Person, type Row } from '../harness/fixtures';
import { startSecondProcess, type SecondProcess } from '../harness/second-process';
import { startSmtp, tokenFrom, type TestSmtp } from '../harness/smtp';
import { until } from '../harness/until';

const DAY = 24 * 3600 * 1000;

describe(`invitations by real email on ${databaseClient()}`, () => {
  let app: TestApp;
  let smtp: TestSmtp;
  let owner: Person;
  let memberP: Person;
  let acme: Row;
  let project: Row;
  let otherProject: Row;

  const moveClock = (offsetMs: number) => {
    app.strapi.plugin('client-portal').service('clock').now = () => new Date(Date.now() + offsetMs);
  };
  const invite = (body: Record<string, unknown>, jwt = owner.jwt) =>
    app.http.post('/api/client-portal/invitations', body, jwt);

  beforeAll(async () => {
    smtp = await startSmtp();
    // Retries a second apart, so a mail refused once is delivered within the test.
    app = await startApp({ env: { ...smtp.env, PORTAL_MAIL_RETRY_SECONDS: '1' } });
    const make = fixtures(app);
    acme = await make.company({ name: 'Acme' });
    owner = await make.person({ role: 'owner' });
    memberP = await make.person({ role: 'member', canManageProjects: true });
    project = await make.project(acme, { name: 'Acme site', leader: memberP });
    otherProject = await make.project(acme, { name: 'Acme internal', leader: owner });
  });

  afterEach(() => moveClock(0));
  afterAll(async () => {
    await app?.stop();
    await smtp?.stop();
  });

  it('invites, emails a single-use link in the invitee’s language, and accepting signs the person in', async () => {
    const response = await invite({
      email: 'Cleo@Acme.test',
      role: 'client',
      firstName: 'Cleo',
      lastName: 'Client',
      title: 'Marketing lead',
      company: acme.documentId,
      projects: [project.documentId],
      clientManager: true,
      language: 'de',
      message: 'Willkommen an Bord!',
    });
    expect(response.status).toBe(201);
    expect(response.body.data).toMatchObject({
      email: 'cleo@acme.test',
      role: 'client',
      clientManager: true,
      language: 'de',
      company: { documentId: acme.documentId, name: 'Acme' },
      projects: [{ documentId: project.documentId, name: 'Acme site' }],
    });
    expect(response.text).not.toContain('token');

    const [mail] = await smtp.waitFor(1);
    expect(mail.to).toMatchObject({ text: 'cleo@acme.test' });
    expect(mail.subject).toBe(`${owner.firstName} ${owner.lastName} hat Sie zu Test Agency eingeladen`);
    expect(mail.text).toContain('Willkommen an Bord!');
    expect(mail.text).toContain('http://portal.test/api/client-portal/invitations/accept?token=');
    const token = tokenFrom(mail);
    expect(Buffer.from(token, 'base64url').length).toBeGreaterThanOrEqual(16);
    const stored = await app.strapi.db
      .query('plugin::client-portal.invitation' as never)
      .findOne({ where: { email: 'cleo@acme.test' } });
    expect(JSON.stringify(stored)).not.toContain(token);

    const accepted = await app.http.post('/api/client-portal/invitations/accept', {
      token,
      password: 'cleo-password-1',
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body.jwt).toEqual(expect.any(String));
    expect(accepted.body.user).toMatchObject({
      email: 'cleo@acme.test',
      role: 'client',
      roleLabel: 'Client Manager',
      firstName: 'Cleo',
      title: 'Marketing lead',
      language: 'de',
      company: { name: 'Acme' },
      projects: [{ name: 'Acme site' }],
    });

    const login = await app.http.post('/api/auth/local', { identifier: 'cleo@acme.test', password: 'cleo-password-1' });
    expect(login.status).toBe(200);
    const projects = await app.http.get('/api/projects', login.body.jwt);
    expect(projects.body.data.map((row: Row) => row.name)).toEqual(['Acme site']);
    const me = await app.http.get('/api/client-portal/me', accepted.body.jwt);
    expect(me.body.data).toMatchObject({
      email: 'cleo@acme.test',
      clientManager: true,
      capabilities: { seeInvoices: true, seeHiddenItems: false },
    });

    const again = await app.http.post('/api/client-portal/invitations/accept', { token, password: 'another-password' });
    expect(again.status).toBe(410);
    expect(again.body.error.details.code).toBe('INVITATION_USED');
    expect(
      await app.strapi.db.query('plugin::users-permissions.user').count({ where: { email: 'cleo@acme.test' } })
    ).toBe(1);
  });

  it('serves the emailed link as a page whose form creates the account', async () => {
    await invite({ email: 'form@acme.test', role: 'client', company: acme.documentId, projects: [project.documentId] });
    const mail = await smtp.mailTo('form@acme.test');
    const link = /(http:\/\/portal\.test\S+)/.exec(mail.text ?? '')![1];
    const token = tokenFrom(mail);
    const page = await fetch(`${app.baseUrl}${new URL(link).pathname}${new URL(link).search}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(html).toContain(`name="token" value="${token}"`);
    expect(html).not.toContain('<script');

    const post = (password: string) =>
      fetch(`${app.baseUrl}/api/client-portal/invitations/accept`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token, password, firstName: 'Fran', lastName: '' }).toString(),
      });
    const short = await post('short');
    expect(short.status).toBe(400);
    expect(await short.text()).toContain('password');
    const done = await post('form-password-1');
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('form@acme.test');
    const login = await app.http.post('/api/auth/local', { identifier: 'form@acme.test', password: 'form-password-1' });
    expect(login.status).toBe(200);
    expect(login.body.user.firstName).toBe('Fran');
    const reused = await post('form-password-2');
    expect(reused.status).toBe(410);
  });

  it('opens the page in the invitation’s language with its names, and refuses a bad link before any form', async () => {
    await invite({
      email: 'greta@acme.test',
      role: 'client',
      company: acme.documentId,
      projects: [project.documentId],
      firstName: 'Greta',
      lastName: 'Gruber',
      language: 'de',
    });
    const token = tokenFrom(await smtp.mailTo('greta@acme.test'));
    const page = async (query: string) => {
      const response = await fetch(`${app.baseUrl}/api/client-portal/invitations/accept${query}`);
      return { status: response.status, html: await response.text() };
    };
    const german = await page(`?token=${encodeURIComponent(token)}`);
    expect(german.status).toBe(200);
    expect(german.html).toContain('<html lang="de">');
    expect(german.html).toContain('Einladung annehmen');
    expect(german.html).toContain('Sie treten mit greta@acme.test bei.');
    expect(german.html).toContain('name="firstName" autocomplete="given-name" value="Greta"');
    expect(german.html).toContain('name="lastName" autocomplete="family-name" value="Gruber"');

    for (const query of ['', '?token=', '?token=not-a-real-token']) {
      const refused = await page(query);
      expect({ query, status: refused.status, form: refused.html.includes('<form') }).toEqual({
        query,
        status: 200,
        form: false,
      });
      expect(refused.html).toContain('This invitation link is not valid');
    }
    await app.http.post('/api/client-portal/invitations/accept', { token, password: 'greta-password-1' });
    const used = await page(`?token=${encodeURIComponent(token)}`);
    expect(used.html).not.toContain('<form');
    expect(used.html).toContain('Diese Einladung wurde bereits angenommen');
  });

  it('refuses expired, revoked and unknown tokens, creating nobody', async () => {
    const users = () => app.strapi.db.query('plugin::users-permissions.user').count({});
    const before = await users();

    await invite({ email: 'late@acme.test', role: 'client', company: acme.documentId });
    const lateToken = tokenFrom(await smtp.mailTo('late@acme.test'));
    moveClock(7 * DAY + 60_000);
    const expired = await app.http.post('/api/client-portal/invitations/accept', {
      token: lateToken,
      password: 'password-123',
    });
    expect(expired.status).toBe(410);
    expect(expired.body.error.details.code).toBe('INVITATION_EXPIRED');
    moveClock(0);

    const created = await invite({ email: 'revoked@acme.test', role: 'client', company: acme.documentId });
    const revokedToken = tokenFrom(await smtp.mailTo('revoked@acme.test'));
    const pending = await app.http.get('/api/client-portal/invitations', owner.jwt);
    expect(pending.body.data.map((row: { email: string }) => row.email)).toEqual([
      'revoked@acme.test',
      'late@acme.test',
    ]);
    expect((await app.http.del(`/api/client-portal/invitations/${created.body.data.id}`, owner.jwt)).status).toBe(204);
    const revoked = await app.http.post('/api/client-portal/invitations/accept', {
      token: revokedToken,
      password: 'password-123',
    });
    expect(revoked.status).toBe(410);
    expect(revoked.body.error.details.code).toBe('INVITATION_REVOKED');

    const unknown = await app.http.post('/api/client-portal/invitations/accept', {
      token: 'x'.repeat(43),
      password: 'password-123',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toContain('token');
    expect(await users()).toBe(before);
  });

  it('answers 409 for an email that already has an account, 400 naming bad fields', async () => {
    const taken = await invite({ email: OWNER_EMAIL, role: 'member' });
    expect(taken.status).toBe(409);
    expect(taken.body.error.details.code).toBe('EMAIL_TAKEN');
    const bad = await invite({ email: 'not-an-email', role: 'boss' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('email');
    expect(bad.body.error.details.errors.map((error: { path: string[] }) => error.path[0]).sort()).toEqual([
      'email',
      'role',
    ]);
    const flag = await invite({
      email: 'flag@acme.test',
      role: 'client',
      company: acme.documentId,
      canManageFinances: true,
    });
    expect(flag.status).toBe(400);
    expect(flag.body.error.message).toContain('canManageFinances');
  });

  it('lets a Member+ with the people permission invite only lesser roles into projects they lead', async () => {
    const ok = await invite(
      { email: 'helper@agency.test', role: 'member', projects: [project.documentId] },
      memberP.jwt
    );
    expect(ok.status).toBe(201);
    expect(
      (await invite({ email: 'o2@agency.test', role: 'owner', projects: [project.documentId] }, memberP.jwt)).status
    ).toBe(403);
    expect(
      (
        await invite(
          { email: 'f@agency.test', role: 'member', canManageFinances: true, projects: [project.documentId] },
          memberP.jwt
        )
      ).status
    ).toBe(403);
    const notLed = await invite(
      { email: 'c@acme.test', role: 'client', company: acme.documentId, projects: [otherProject.documentId] },
      memberP.jwt
    );
    expect(notLed.status).toBe(400);
    expect(notLed.body.error.message).toContain('projects');
    const make = fixtures(app);
    const member = await make.person({ role: 'member' });
    expect(
      (await invite({ email: 'm@agency.test', role: 'client', company: acme.documentId }, member.jwt)).status
    ).toBe(403);
  });

  it('keeps the invitation when the mail server refuses it, and delivers its mail once the server is back', async () => {
    smtp.failing = true;
    const outbox = app.strapi.db.query('plugin::client-portal.mail' as never);
    try {
      const response = await invite({ email: 'bounce@agency.test', role: 'member' });
      expect(response.status).toBe(201);
      expect(
        await app.strapi.db
          .query('plugin::client-portal.invitation' as never)
          .count({ where: { email: 'bounce@agency.test' } })
      ).toBe(1);
      // The outbox tried, recorded why it failed and waits to try again.
      const deadline = Date.now() + 10_000;
      let row: { state: string; lastError: string | null } | null = null;
      while (!row?.lastError && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        row = await outbox.findOne({ where: { to: 'bounce@agency.test' } });
      }
      expect(row).toMatchObject({ state: 'pending', lastError: expect.stringContaining('mailbox unavailable') });
    } finally {
      smtp.failing = false;
    }
    const mail = await smtp.mailTo('bounce@agency.test', 15_000);
    expect(mail.text).toContain('/api/client-portal/invitations/accept?token=');
    // The server has the message before the outbox hears it was accepted: wait for the row to say so.
    const sent = await until(
      () => outbox.findOne({ where: { to: 'bounce@agency.test' } }) as Promise<{ state: string } | null>,
      (row) => row?.state === 'sent',
      10_000
    );
    expect(sent).toMatchObject({ state: 'sent' });
  });
});

describe(`mail without an SMTP server on ${databaseClient()}`, () => {
  it('writes mail to .tmp/mail as .eml files when no SMTP server is configured', async () => {
    const offline = await startApp({ env: { SMTP_HOST: '' } });
    try {
      const outbox = path.join(APP_ROOT, '.tmp', 'mail');
      const before = fs.existsSync(outbox) ? fs.readdirSync(outbox).length : 0;
      const offlineOwner = await fixtures(offline).person({ role: 'owner' });
      const response = await offline.http.post(
        '/api/client-portal/invitations',
        { email: 'eml@agency.test', role: 'member' },
        offlineOwner.jwt
      );
      expect(response.status).toBe(201);
      // The outbox worker writes it moments after the request committed.
      const emls = () => (fs.existsSync(outbox) ? fs.readdirSync(outbox) : []).filter((name) => name.endsWith('.eml'));
      const deadline = Date.now() + 10_000;
      while (emls().length < before + 1 && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 25));
      const files = emls();
      expect(files.length).toBe(before + 1);
      const newest = files.sort().at(-1)!;
      expect(fs.readFileSync(path.join(outbox, newest), 'utf8')).toContain('To: eml@agency.test');
    } finally {
      await offline.stop();
    }
  });
});

describe(`seats on ${databaseClient()}`, () => {
  let app: TestApp;
  let owner: Person;
  let acme: Row;
  const LIMIT = 4;

  beforeAll(async () => {
    app = await startApp({ env: { PORTAL_SEAT_LIMIT: String(LIMIT) } });
    const make = fixtures(app);
    acme = await make.company({ name: 'Acme' });
    owner = await make.person({ role: 'owner' });
  });
  afterAll(() => app?.stop());

  const seats = async () => (await app.http.get('/api/client-portal/seats', owner.jwt)).body.data;

  it('counts seat roles and pending seat invitations, never Clients', async () => {
    // The bootstrap Owner and the fixture Owner.
    expect(await seats()).toEqual({
      limit: LIMIT,
      used: 2,
      available: 2,
      byRole: { owner: 2, member: 0, 'client-plus': 0, client: 0 },
    });
    await app.http.post(
      '/api/client-portal/invitations',
      { email: 'c1@acme.test', role: 'client', company: acme.documentId },
      owner.jwt
    );
    expect((await seats()).used).toBe(2);
    const member = await app.http.post(
      '/api/client-portal/invitations',
      { email: 'm1@agency.test', role: 'member' },
      owner.jwt
    );
    expect(await seats()).toMatchObject({ used: 3, available: 1, byRole: { member: 1, client: 1 } });
    await app.http.del(`/api/client-portal/invitations/${member.body.data.id}`, owner.jwt);
    expect(await seats()).toMatchObject({ used: 2, available: 2 });
  });

  it('lets exactly one of many concurrent invitations take the last seat', async () => {
    const make = fixtures(app);
    await make.person({ role: 'client-plus', company: acme });
    expect((await seats()).available).toBe(1);
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        app.http.post(
          '/api/client-portal/invitations',
          { email: `race${index}@agency.test`, role: 'member' },
          owner.jwt
        )
      )
    );
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(19);
    for (const response of responses.filter((candidate) => candidate.status === 409)) {
      expect(response.body.error.details.code).toBe(SEAT_LIMIT_REACHED);
    }
    expect(await seats()).toMatchObject({ used: LIMIT, available: 0 });
  });

  it('checks the limit on role changes and unarchiving, and frees seats on archiving', async () => {
    const make = fixtures(app);
    const client = await make.person({ role: 'client', company: acme });
    const promote = await app.http.put(`/api/client-portal/people/${client.id}`, { role: 'client-plus' }, owner.jwt);
    expect(promote.status).toBe(409);
    expect(promote.body.error.details.code).toBe(SEAT_LIMIT_REACHED);
    const stored = await app.strapi.db
      .query('plugin::users-permissions.user')
      .findOne({ where: { id: client.id }, populate: ['role'] });
    expect(stored.role.type).toBe('client');

    const seated = await app.strapi.db
      .query('plugin::users-permissions.user')
      .findOne({ where: { role: { type: 'client-plus' } } });
    const archived = await app.http.post(`/api/client-portal/people/${seated.id}/archive`, {}, owner.jwt);
    expect(archived.status).toBe(200);
    expect(archived.body.data.archivedAt).toEqual(expect.any(String));
    expect((await seats()).available).toBe(1);
    expect(
      (await app.http.put(`/api/client-portal/people/${client.id}`, { role: 'client-plus' }, owner.jwt)).status
    ).toBe(200);
    const unarchive = await app.http.post(`/api/client-portal/people/${seated.id}/unarchive`, {}, owner.jwt);
    expect(unarchive.status).toBe(409);
    expect(unarchive.body.error.details.code).toBe(SEAT_LIMIT_REACHED);
    expect((await seats()).used).toBe(LIMIT);
  });
});

describe(`people management on ${databaseClient()}`, () => {
  let app: TestApp;
  let owner: Person;
  let acme: Row;

  beforeAll(async () => {
    app = await startApp({ env: { PORTAL_OWNER_EMAIL: '', PORTAL_OWNER_PASSWORD: '' } });
    const make = fixtures(app);
    acme = await make.company({ name: 'Acme' });
    owner = await make.person({ role: 'owner' });
  });
  afterAll(() => app?.stop());

  it('stops an archived person’s existing JWT at once and refuses their sign-in without telling why', async () => {
    const make = fixtures(app);
    const member = await make.person({ role: 'member' });
    expect((await app.http.get('/api/client-portal/me', member.jwt)).status).toBe(200);
    expect((await app.http.post(`/api/client-portal/people/${member.id}/archive`, {}, owner.jwt)).status).toBe(200);
    const afterArchive = await app.http.get('/api/client-portal/me', member.jwt);
    expect(afterArchive.status).toBe(401);
    const signIn = await app.http.post('/api/auth/local', { identifier: member.email, password: member.password });
    expect(signIn.status).toBe(400);
    expect(signIn.body.error.message).toBe('Invalid identifier or password');
    expect(signIn.text).not.toContain('jwt');
    expect((await app.http.post(`/api/client-portal/people/${member.id}/unarchive`, {}, owner.jwt)).status).toBe(200);
    expect((await app.http.get('/api/client-portal/me', member.jwt)).status).toBe(200);
  });

  it('refuses a blocked person’s JWT', async () => {
    const make = fixtures(app);
    const client = await make.person({ role: 'client', company: acme });
    await app.strapi.db
      .query('plugin::users-permissions.user')
      .update({ where: { id: client.id }, data: { blocked: true } });
    expect((await app.http.get('/api/client-portal/me', client.jwt)).status).toBe(401);
  });

  it('never leaves zero Owners', async () => {
    const demote = await app.http.put(`/api/client-portal/people/${owner.id}`, { role: 'member' }, owner.jwt);
    expect(demote.status).toBe(409);
    expect(demote.body.error.details.code).toBe('LAST_OWNER');
    expect((await app.http.del(`/api/client-portal/people/${owner.id}`, owner.jwt)).status).toBe(409);
    const make = fixtures(app);
    const second = await make.person({ role: 'owner' });
    expect((await app.http.post(`/api/client-portal/people/${owner.id}/archive`, {}, second.jwt)).status).toBe(200);
    // The only Owner left archiving themselves hears why: 409 LAST_OWNER, not a bare 403.
    const lastArchive = await app.http.post(`/api/client-portal/people/${second.id}/archive`, {}, second.jwt);
    expect(lastArchive.status).toBe(409);
    expect(lastArchive.body.error.details.code).toBe('LAST_OWNER');
    const lastDemote = await app.http.put(`/api/client-portal/people/${second.id}`, { role: 'member' }, second.jwt);
    expect(lastDemote.status).toBe(409);
    expect((await app.http.post(`/api/client-portal/people/${owner.id}/unarchive`, {}, second.jwt)).status).toBe(200);
  });

  it('lets people edit their own profile, never their role, company or flags', async () => {
    const make = fixtures(app);
    const client = await make.person({ role: 'client', company: acme });
    const update = await app.http.put(
      '/api/client-portal/me',
      { firstName: 'Renamed', language: 'de', password: 'new-password-1' },
      client.jwt
    );
    expect(update.status).toBe(200);
    expect(update.body.data).toMatchObject({ firstName: 'Renamed', language: 'de', role: 'client' });
    expect(
      (await app.http.post('/api/auth/local', { identifier: client.email, password: 'new-password-1' })).status
    ).toBe(200);
    for (const forbidden of [
      { role: 'owner' },
      { clientManager: true },
      { company: acme.documentId },
      { archivedAt: null },
    ]) {
      const response = await app.http.put('/api/client-portal/me', forbidden, client.jwt);
      expect(response.status).toBe(400);
      expect(response.body.error.message).toContain(Object.keys(forbidden)[0]);
    }
  });

  it('lists people with roles for staff, with rates for Owners only, and refuses clients', async () => {
    const make = fixtures(app);
    await make.person({ role: 'member', canManageProjects: true, hourlyRateCents: 12000 });
    const asOwner = await app.http.get('/api/client-portal/people', owner.jwt);
    expect(asOwner.status).toBe(200);
    expect(asOwner.body.data.find((person: { roleLabel: string }) => person.roleLabel === 'Member+')).toMatchObject({
      role: 'member',
      canManageProjects: true,
      hourlyRateCents: 12000,
    });
    const client = await make.person({ role: 'client', company: acme });
    expect((await app.http.get('/api/client-portal/people', client.jwt)).status).toBe(403);
    expect((await app.http.get('/api/client-portal/seats', client.jwt)).status).toBe(403);
  });

  it('lets only an Owner delete a person', async () => {
    const make = fixtures(app);
    const memberP = await make.person({ role: 'member', canManageProjects: true });
    const target = await make.person({ role: 'client', company: acme });
    expect((await app.http.del(`/api/client-portal/people/${target.id}`, memberP.jwt)).status).toBe(403);
    expect((await app.http.del(`/api/client-portal/people/${target.id}`, owner.jwt)).status).toBe(204);
    expect(await app.strapi.db.query('plugin::users-permissions.user').count({ where: { id: target.id } })).toBe(0);
  });
});

// Two Strapi processes share one database only on PostgreSQL (docs/operations.md#several-instances).
if (databaseClient() === 'postgres') {
  describe('seats across two Strapi processes on one PostgreSQL database', () => {
    let app: TestApp;
    let second: SecondProcess;
    let owner: Person;

    beforeAll(async () => {
      app = await startApp({ env: { PORTAL_SEAT_LIMIT: '3' } });
      owner = await fixtures(app).person({ role: 'owner' });
      second = await startSecondProcess(app.env);
    });
    afterAll(async () => {
      await second?.stop();
      await app?.stop();
    });

    it('gives the last seat to exactly one of many requests split over both processes', async () => {
      const before = (await app.http.get('/api/client-portal/seats', owner.jwt)).body.data;
      expect(before).toMatchObject({ limit: 3, used: 2, available: 1 });
      const responses = await Promise.all(
        Array.from({ length: 24 }, (_, index) =>
          (index % 2 === 0 ? app.http : second.http).post(
            '/api/client-portal/invitations',
            { email: `split${index}@agency.test`, role: 'member' },
            owner.jwt
          )
        )
      );
      const created = responses.filter((response) => response.status === 201);
      const refused = responses.filter((response) => response.status === 409);
      expect(created).toHaveLength(1);
      expect(refused).toHaveLength(23);
      expect(refused.every((response) => response.body.error.details.code === SEAT_LIMIT_REACHED)).toBe(true);
      const after = (await second.http.get('/api/client-portal/seats', owner.jwt)).body.data;
      expect(after).toMatchObject({ limit: 3, used: 3, available: 0 });
    });
  });
}

describe(`seats and admin-panel edits of people on ${databaseClient()}`, () => {
  let app: TestApp;
  let adminToken: string;

  beforeAll(async () => {
    app = await startApp({ env: { PORTAL_SEAT_LIMIT: '2' } });
    const superAdmin = await app.strapi.service('admin::role').getSuperAdmin();
    await app.strapi.service('admin::user').create({
      email: 'admin@agency.test',
      firstname: 'Ada',
      lastname: 'Admin',
      password: 'Admin-password-1',
      isActive: true,
      registrationToken: null,
      roles: [superAdmin.id],
    });
    const login = await app.http.post('/admin/login', { email: 'admin@agency.test', password: 'Admin-password-1' });
    expect(login.status).toBe(200);
    adminToken = login.body.data.token;
  });
  afterAll(() => app?.stop());

  it('refuses an unblock in the content manager that would exceed the seats, and allows it once a seat is free', async () => {
    const make = fixtures(app);
    const seated = await make.person({ role: 'member' });
    const blocked = await make.person({ role: 'client-plus', company: await make.company() });
    await app.strapi.db
      .query('plugin::users-permissions.user')
      .update({ where: { id: blocked.id }, data: { blocked: true } });
    const path = `/content-manager/collection-types/plugin::users-permissions.user/${blocked.documentId}`;
    const headers = { authorization: `Bearer ${adminToken}` };

    const refused = await app.http.request('PUT', path, { body: { blocked: false }, headers });
    expect(refused.status).toBe(409);
    expect(refused.body.error.details.code).toBe(SEAT_LIMIT_REACHED);
    const still = await app.strapi.db.query('plugin::users-permissions.user').findOne({ where: { id: blocked.id } });
    expect(still.blocked).toBe(true);

    await app.strapi.db
      .query('plugin::users-permissions.user')
      .update({ where: { id: seated.id }, data: { blocked: true } });
    const allowed = await app.http.request('PUT', path, { body: { blocked: false }, headers });
    expect(allowed.status).toBe(200);
    expect(
      (await app.strapi.db.query('plugin::users-permissions.user').findOne({ where: { id: blocked.id } })).blocked
    ).toBe(false);
  });
});
