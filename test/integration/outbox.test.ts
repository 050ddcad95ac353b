import { startApp, type TestApp } from '../harness/app';
import { databaseClient } from '../harness/database';
import { fixtures, type Fixtures, type Person, type Row } from '../harness/fixtures';
import { startSecondProcess } from '../harness/second-process';
import { startSmtp, type TestSmtp } from '../harness/smtp';
import { until } from '../harness/until';

/**
 * docs/operations.md#mail-outbox: every mail goes through the outbox table. It is written in the transaction
 * of the change that causes it, delivered by a worker in every instance with retries,
 * never lost while the SMTP server is down, never sent twice when an instance dies.
 */
const MAIL = 'plugin::client-portal.mail';

interface OutboxRow {
  to: string;
  kind: string;
  state: string;
  attempts: number;
  lastError: string | null;
}

const recipientsOf = (smtp: TestSmtp) =>
  smtp.messages.map((mail) => (mail.to && !Array.isArray(mail.to) ? mail.to.text : ''));

describe(`mail outbox on ${databaseClient()}`, () => {
  let smtp: TestSmtp;
  let app: TestApp;
  let make: Fixtures;
  let owner: Person;
  let acme: Row;

  const outbox = () => app.strapi.db.query(MAIL as never);
  const rowsTo = async (addresses: string[]) =>
    (await outbox().findMany({ where: { to: { $in: addresses } }, orderBy: { id: 'asc' } })) as OutboxRow[];
  const invite = (email: string, via = app.http) =>
    via.post('/api/client-portal/invitations', { email, role: 'client', company: acme.documentId }, owner.jwt);

  beforeAll(async () => {
    smtp = await startSmtp();
    // Retries a second apart and a short lease, so a whole outage and a dead instance fit in a test.
    app = await startApp({
      env: { ...smtp.env, PORTAL_MAIL_RETRY_SECONDS: '1', PORTAL_MAIL_LEASE_SECONDS: '5' },
    });
    make = fixtures(app);
    acme = await make.company({ name: 'Acme' });
    owner = await make.person({ role: 'owner' });
  });

  afterAll(async () => {
    await app?.stop();
    await smtp?.stop();
  });

  it('loses nothing while the SMTP server is down, and delivers each mail once when it is back', async () => {
    const { port } = smtp;
    await smtp.stop();
    const member = await make.person({ role: 'member' });
    const colleague = await make.person({ role: 'member' });
    const project = await make.project(acme, { leader: member, members: [colleague] });

    // Three kinds of mail while nothing listens: an invitation, a password reset, an assignment.
    expect((await invite('outage-invite@acme.test')).status).toBe(201);
    const reset = await app.http.post('/api/auth/forgot-password', { email: colleague.email });
    expect(reset.status).toBe(200);
    const assigned = await app.http.post(
      '/api/tasks',
      { data: { project: project.documentId, title: 'Outage task', assignees: [colleague.documentId] } },
      member.jwt
    );
    expect(assigned.status).toBe(201);

    const addresses = ['outage-invite@acme.test', colleague.email];
    const failing = await until(
      () => rowsTo(addresses),
      (rows) => rows.length === 3 && rows.every((row) => row.lastError !== null)
    );
    expect(failing.map((row) => [row.to, row.kind, row.state]).sort()).toEqual(
      [
        ['outage-invite@acme.test', 'invitation', 'pending'],
        [colleague.email, 'notification', 'pending'],
        [colleague.email, 'password-reset', 'pending'],
      ].sort()
    );
    expect(failing.every((row) => /ECONNREFUSED|connect/i.test(row.lastError ?? ''))).toBe(true);

    smtp = await startSmtp(port);
    const delivered = await until(
      () => rowsTo(addresses),
      (rows) => rows.every((row) => row.state === 'sent')
    );
    expect(delivered.map((row) => row.state)).toEqual(['sent', 'sent', 'sent']);
    await new Promise((resolve) => setTimeout(resolve, 1500)); // a duplicate would arrive by now
    expect(recipientsOf(smtp).sort()).toEqual([colleague.email, colleague.email, 'outage-invite@acme.test'].sort());
    const subjects = smtp.messages.map((mail) => mail.subject ?? '');
    expect(subjects.some((subject) => subject.includes('Outage task'))).toBe(true);
  });

  it('sends nothing for a change that was rolled back', async () => {
    // An invitation beyond the seat limit is written, counted and rolled back (409): its mail with it.
    const settings = app.strapi.plugin('client-portal').service('settings');
    const seats = app.strapi.plugin('client-portal').service('seats');
    await settings.update({ seatLimit: (await seats.usage()).used });
    try {
      const refused = await app.http.post(
        '/api/client-portal/invitations',
        { email: 'over-limit@agency.test', role: 'member' },
        owner.jwt
      );
      expect(refused.status).toBe(409);
      expect(refused.body.error.details.code).toBe('SEAT_LIMIT_REACHED');
    } finally {
      await settings.update({ seatLimit: null });
    }
    expect(await rowsTo(['over-limit@agency.test'])).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(recipientsOf(smtp)).not.toContain('over-limit@agency.test');
  });

  it('with two instances on one database, each mail is sent once', async () => {
    // SQLite serves one instance (one writer): there, the same claims run in one instance.
    const second = databaseClient() === 'postgres' ? await startSecondProcess(app.env) : null;
    try {
      const addresses = Array.from({ length: 24 }, (_, index) => `pair-${index}@acme.test`);
      const before = smtp.messages.length;
      // Half the invitations through each instance; both workers claim from the same table.
      const statuses = await Promise.all(
        addresses.map((address, index) => invite(address, second && index % 2 === 1 ? second.http : app.http))
      );
      expect(statuses.map((response) => response.status)).toEqual(addresses.map(() => 201));
      const rows = await until(
        () => rowsTo(addresses),
        (found) => found.length === addresses.length && found.every((row) => row.state === 'sent')
      );
      expect(rows.map((row) => row.state)).toEqual(addresses.map(() => 'sent'));
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(recipientsOf(smtp).slice(before).sort()).toEqual([...addresses].sort());
    } finally {
      await second?.stop();
    }
  });

  it('a mail whose instance dies while sending is sent once, by another instance, after the lease', async () => {
    const worker = app.strapi.plugin('client-portal').service('outbox') as { start(): void; stop(): Promise<void> };
    // Only the second instance works: it claims the mail and dies while the SMTP server has it.
    await worker.stop();
    const second = await startSecondProcess(app.env);
    try {
      smtp.holding = true;
      expect((await invite('dies-mid-send@acme.test', second.http)).status).toBe(201);
      await until(
        async () => smtp.held,
        (held) => held > 0
      );
      const [claimed] = await rowsTo(['dies-mid-send@acme.test']);
      expect(claimed).toMatchObject({ state: 'sending', attempts: 1 });
      await second.kill();
    } finally {
      smtp.holding = false;
    }
    // The message the dead instance was sending was never accepted; this instance takes over.
    worker.start();
    const [row] = await until(
      () => rowsTo(['dies-mid-send@acme.test']),
      (rows) => rows[0]?.state === 'sent',
      30_000
    );
    expect(row).toMatchObject({ state: 'sent', attempts: 2 });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(recipientsOf(smtp).filter((to) => to === 'dies-mid-send@acme.test')).toEqual(['dies-mid-send@acme.test']);
  }, 60_000);
});
