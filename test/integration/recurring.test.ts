import { startApp, type TestApp } from '../harness/app';
import { databaseClient } from '../harness/database';
import { fixtures, type Fixtures, type Person, type Row } from '../harness/fixtures';
import { buildWorld } from '../harness/world';
import { startSecondProcess, type SecondProcess } from '../harness/second-process';
import { startSmtp, type TestSmtp } from '../harness/smtp';

const RECURRING = 'api::recurring-invoice.recurring-invoice';
const INVOICE = 'api::invoice.invoice';
const BUDGET = 'api::budget.budget';
const TASK = 'api::task.task';
const TIME = 'api::time-entry.time-entry';
const PROJECT = 'api::project.project';

const at = (day: string) => new Date(`${day}T09:00:00Z`);
const dayOf = (value: unknown) =>
  value instanceof Date
    ? `${value.getFullYear()}-${String(value.getMonth() + 1).padStart(2, '0')}-${String(value.getDate()).padStart(2, '0')}`
    : value === null || value === undefined
      ? null
      : String(value).slice(0, 10);

/** Money as the mails write it: 1234567 → "12,345.67 EUR". */
const euros = (cents: number) =>
  `${(cents / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} EUR`;
/** A retainer of 1,000.00 and 2.5 hours at 80.00: 1,200.00 before tax, 19 % tax. */
const LINES = [
  { description: 'Monthly retainer', quantity: 1, unit: 'item', unitPriceCents: 100000, amountCents: 100000 },
  { description: 'Support hours', quantity: 2.5, unit: 'hour', unitPriceCents: 8000, amountCents: 20000 },
];
const SUBTOTAL = 120000;
const TAX = 22800;

interface Queued {
  kind: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  topic?: string;
  recipientId?: number;
}

describe(`recurring invoices and client reports on ${databaseClient()}`, () => {
  let app: TestApp;
  let smtp: TestSmtp;
  let make: Fixtures;
  let owner: Person;
  let finance: Person;
  let member: Person;
  let manager: Person;
  let client: Person;
  let outsider: Person;
  let acme: Row;
  let queued: Queued[];

  const schedules = () => app.strapi.plugin('client-portal').service('schedules');
  const runDue = (day: string) => schedules().runDue(at(day)) as Promise<{ invoices: string[]; reports: number }>;
  const invoicesOf = async (recurring: Row) =>
    (await app.strapi.db.query(INVOICE).findMany({
      where: { recurringInvoice: { id: recurring.id } },
      populate: { lines: true },
      orderBy: { period: 'asc' },
    })) as Row[];
  /** Waits until the outbox delivered what `matches`, a little longer for any duplicate, and returns them. */
  const delivery = async (matches: (mail: TestSmtp['messages'][number]) => boolean) => {
    const deadline = Date.now() + 10_000;
    while (!smtp.messages.some(matches) && Date.now() < deadline) await new Promise((done) => setTimeout(done, 50));
    await new Promise((done) => setTimeout(done, 1500));
    return smtp.messages.filter(matches);
  };
  const reload = (uid: string, row: Row) => app.strapi.db.query(uid as never).findOne({ where: { id: row.id } });
  const recurring = (data: Record<string, unknown>) =>
    make.create(RECURRING, {
      company: acme.documentId,
      currency: 'EUR',
      taxRateBasisPoints: 1900,
      interval: 'month',
      lines: LINES,
      ...data,
    });

  beforeAll(async () => {
    smtp = await startSmtp();
    app = await startApp({ env: { ...smtp.env, PORTAL_JOBS_CRON: 'off', PORTAL_MAIL_RETRY_SECONDS: '1' } });
    const world = await buildWorld(fixtures(app), {
      people: {
        owner: {},
        finance: {},
        member: { canManageProjects: true },
        manager: { firstName: 'Mia' },
        client: { role: 'client-plus' },
        globexManager: {},
      },
      acme: { billingEmail: 'billing@acme.test' },
      // The project comes with the describe that reports on it.
      project: false,
    });
    ({ make, acme } = world);
    ({ owner, finance, member, manager, client, globexManager: outsider } = world.people);
    // What each mail was queued with (the notification topic and its person are not in the SMTP message).
    queued = [];
    const outbox = app.strapi.plugin('client-portal').service('outbox');
    const queue = outbox.queue.bind(outbox);
    outbox.queue = async (kind: string, message: Omit<Queued, 'kind'>, ref?: unknown) => {
      queued.push({ kind, ...message });
      return queue(kind, message, ref);
    };
  });
  afterAll(async () => {
    await app?.stop();
    await smtp?.stop();
  });

  describe('who manages recurring invoices', () => {
    it('lets Owners and Member+ F manage them; nobody else reads or writes one', async () => {
      // Member+ F write relations to what they may see: a project they are on.
      const project = await make.project(acme, { members: [finance, member, manager, client] });
      const body = {
        data: {
          name: 'CANARY-RECURRING-9f3',
          company: acme.documentId,
          project: project.documentId,
          lines: LINES,
          interval: 'quarter',
          nextOn: '2027-01-01',
          autoIssue: true,
        },
      };
      const created = await app.http.post('/api/recurring-invoices', body, finance.jwt);
      expect(created.status).toBe(201);
      const id = created.body.data.documentId;
      expect(created.body.data).toMatchObject({
        interval: 'quarter',
        nextOn: '2027-01-01',
        autoIssue: true,
        active: true,
      });

      expect((await app.http.get(`/api/recurring-invoices/${id}`, owner.jwt)).status).toBe(200);
      const renamed = await app.http.put(`/api/recurring-invoices/${id}`, { data: { name: 'Quarterly' } }, owner.jwt);
      expect(renamed.status).toBe(200);
      // lastRunOn is the job's own record.
      expect(
        (await app.http.put(`/api/recurring-invoices/${id}`, { data: { lastRunOn: '2026-01-01' } }, owner.jwt)).status
      ).toBe(400);

      for (const person of [member, manager, client, outsider]) {
        const list = await app.http.get('/api/recurring-invoices', person.jwt);
        expect([200, 403]).toContain(list.status);
        expect(list.text).not.toContain(id);
        expect(list.text).not.toContain('Quarterly');
        const one = await app.http.get(`/api/recurring-invoices/${id}`, person.jwt);
        expect([403, 404]).toContain(one.status);
        expect(one.text).not.toContain('Quarterly');
        const write = await app.http.put(`/api/recurring-invoices/${id}`, { data: { autoIssue: false } }, person.jwt);
        expect([403, 404]).toContain(write.status);
        const create = await app.http.post('/api/recurring-invoices', body, person.jwt);
        expect(create.status).toBe(403);
      }
      // Clients' role never reaches the route at all.
      expect((await app.http.get('/api/recurring-invoices', manager.jwt)).status).toBe(403);
      expect((await reload(RECURRING, created.body.data)).autoIssue).toBe(true);
    });
  });

  describe('the scheduled job: recurring invoices', () => {
    it('drafts one invoice per missed period, month-end safe, tops up the retainer, advances nextOn', async () => {
      const project = await make.project(acme, { members: [member] });
      const retainer = await make.create(BUDGET, {
        project: project.documentId,
        name: 'Retainer',
        kind: 'retainer',
        amountCents: 5000,
        currency: 'EUR',
      });
      const plan = await recurring({ project: project.documentId, nextOn: '2026-01-31', budget: retainer.documentId });

      const run = await runDue('2026-05-02');
      expect(run.invoices.filter((made) => made.startsWith(plan.documentId))).toHaveLength(4);
      const invoices = await invoicesOf(plan);
      expect(invoices.map((invoice) => invoice.period)).toEqual([
        '2026-01-31',
        '2026-02-28',
        '2026-03-31',
        '2026-04-30',
      ]);
      for (const invoice of invoices) {
        expect(invoice).toMatchObject({
          state: 'draft',
          number: null,
          currency: 'EUR',
          taxRateBasisPoints: 1900,
          subtotalCents: SUBTOTAL,
          taxCents: TAX,
          totalCents: SUBTOTAL + TAX,
        });
        expect(
          invoice.lines.map((line: Row) => [
            line.description,
            Number(line.quantity),
            line.unitPriceCents,
            line.amountCents,
          ])
        ).toEqual([
          ['Monthly retainer', 1, 100000, 100000],
          ['Support hours', 2.5, 8000, 20000],
        ]);
      }
      const after = await reload(RECURRING, plan);
      expect(dayOf(after.nextOn)).toBe('2026-05-31');
      expect(dayOf(after.lastRunOn)).toBe('2026-05-02');
      expect(dayOf(after.startsOn)).toBe('2026-01-31');
      expect((await reload(BUDGET, retainer)).amountCents).toBe(5000 + 4 * SUBTOTAL);

      // The same day again: nothing more; the next period on its day.
      await runDue('2026-05-02');
      expect(await invoicesOf(plan)).toHaveLength(4);
      await runDue('2026-05-31');
      expect((await invoicesOf(plan)).map((invoice) => invoice.period).slice(-1)).toEqual(['2026-05-31']);
      expect(dayOf((await reload(RECURRING, plan)).nextOn)).toBe('2026-06-30');
      expect((await reload(BUDGET, retainer)).amountCents).toBe(5000 + 5 * SUBTOTAL);
    });

    it('stops after endsOn and skips paused schedules', async () => {
      const ending = await recurring({ nextOn: '2026-01-15', endsOn: '2026-02-20', interval: 'month' });
      const paused = await recurring({ nextOn: '2026-01-15', active: false });
      const yearly = await recurring({ nextOn: '2024-02-29', interval: 'year' });
      await runDue('2026-06-01');
      expect((await invoicesOf(ending)).map((invoice) => invoice.period)).toEqual(['2026-01-15', '2026-02-15']);
      expect(await invoicesOf(paused)).toHaveLength(0);
      expect((await invoicesOf(yearly)).map((invoice) => invoice.period)).toEqual([
        '2024-02-29',
        '2025-02-28',
        '2026-02-28',
      ]);
      expect(dayOf((await reload(RECURRING, yearly)).nextOn)).toBe('2027-02-28');
    });

    it('issues each period when autoIssue: gap-free numbers and the invoice mail with its PDF', async () => {
      const plan = await recurring({ nextOn: '2026-03-10', interval: 'quarter', autoIssue: true });
      await runDue('2026-07-01');
      const invoices = await invoicesOf(plan);
      expect(invoices.map((invoice) => [invoice.period, invoice.state])).toEqual([
        ['2026-03-10', 'issued'],
        ['2026-06-10', 'issued'],
      ]);
      const numbers = invoices.map((invoice) => invoice.number as string);
      expect(numbers.every((number) => /^INV-\d{4}-\d{4}$/.test(number))).toBe(true);
      expect(Number(numbers[1].slice(9))).toBe(Number(numbers[0].slice(9)) + 1);
      const sent = await delivery((mail) =>
        Boolean(mail.subject?.includes(numbers[0]) || mail.subject?.includes(numbers[1]))
      );
      expect(sent).toHaveLength(2);
      for (const mail of sent) {
        expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : '').toBe('billing@acme.test');
        expect(mail.attachments.map((file) => file.contentType)).toEqual(['application/pdf']);
      }
      // An issued recurring invoice reads like any other for the client; where it came from is staff business.
      const read = await app.http.get(`/api/invoices/${invoices[0].documentId}`, manager.jwt);
      expect(read.status).toBe(200);
      expect(read.body.data.number).toBe(numbers[0]);
      expect(read.body.data.recurringInvoice).toBeUndefined();
      expect(read.body.data.period).toBeUndefined();
      const populated = await app.http.get(
        `/api/invoices/${invoices[0].documentId}?populate=recurringInvoice`,
        manager.jwt
      );
      expect(populated.text).not.toContain(plan.documentId);
    });

    it('creates each period exactly once when the job runs twice at the same time', async () => {
      const plans = [];
      for (let index = 0; index < 3; index += 1) {
        plans.push(await recurring({ nextOn: '2026-01-05', autoIssue: index === 0 }));
      }
      await Promise.all([runDue('2026-04-06'), runDue('2026-04-06'), runDue('2026-04-06')]);
      for (const plan of plans) {
        expect((await invoicesOf(plan)).map((invoice) => invoice.period)).toEqual([
          '2026-01-05',
          '2026-02-05',
          '2026-03-05',
          '2026-04-05',
        ]);
      }
      const numbers = (await invoicesOf(plans[0])).map((invoice) => invoice.number);
      expect(new Set(numbers).size).toBe(4);
    });
  });

  describe('the scheduled job: client reports', () => {
    let project: Row;
    let shared: Row;

    beforeAll(async () => {
      project = await make.project(acme, { leader: member, members: [member, manager, client] });
      shared = await make.create(BUDGET, {
        project: project.documentId,
        name: 'Design phase',
        kind: 'fixed',
        amountCents: 500000,
        currency: 'EUR',
        clientAccess: true,
      });
      const secret = await make.create(BUDGET, {
        project: project.documentId,
        name: 'CANARY-BUDGET-71c',
        kind: 'fixed',
        amountCents: 900000,
        currency: 'EUR',
        clientAccess: false,
      });
      const visible = await make.create(TASK, { project: project.documentId, title: 'Wireframes' });
      const hidden = await make.create(TASK, {
        project: project.documentId,
        title: 'CANARY-TASK-4d2',
        hiddenFromClients: true,
      });
      const entry = (data: Record<string, unknown>) =>
        make.create(TIME, {
          project: project.documentId,
          person: member.documentId,
          budget: shared.documentId,
          task: visible.documentId,
          date: '2026-11-25',
          minutes: 90,
          billable: true,
          state: 'approved',
          rateCents: 10000,
          note: 'CANARY-NOTE-0aa',
          ...data,
        });
      await entry({});
      await entry({ date: '2026-11-23', minutes: 30 });
      await entry({ task: hidden.documentId, minutes: 45 });
      await entry({ date: '2026-11-20', minutes: 600 }); // the week before
      await entry({ state: 'pending', minutes: 333 });
      await entry({ billable: false, minutes: 444 });
      await entry({ budget: secret.documentId, minutes: 555 });
    });

    it('lets staff who edit the project switch reports on; clients never see or set them', async () => {
      const set = await app.http.put(
        `/api/projects/${project.documentId}`,
        { data: { clientReport: 'weekly' } },
        member.jwt
      );
      expect(set.status).toBe(200);
      expect(set.body.data.clientReport).toBe('weekly');
      const read = await app.http.get(`/api/projects/${project.documentId}`, manager.jwt);
      expect(read.status).toBe(200);
      expect(read.body.data.clientReport).toBeUndefined();
      expect(read.body.data.clientReportNextOn).toBeUndefined();
      const write = await app.http.put(
        `/api/projects/${project.documentId}`,
        { data: { clientReport: 'none' } },
        client.jwt
      );
      expect([400, 403]).toContain(write.status);
      expect((await reload(PROJECT, project)).clientReport).toBe('weekly');
    });

    it('schedules the first report for the next whole week without sending one', async () => {
      const before = queued.length;
      await runDue('2026-11-25');
      expect(queued.slice(before).filter((mail) => mail.topic === 'scheduled-report')).toHaveLength(0);
      expect(dayOf((await reload(PROJECT, project)).clientReportNextOn)).toBe('2026-11-30');
    });

    it('mails each Client Manager of the project once, with their own figures and no hidden names', async () => {
      const before = queued.length;
      // Three runs at once: one report per person and period.
      await Promise.all([runDue('2026-11-30'), runDue('2026-11-30'), runDue('2026-11-30')]);
      const reports = queued.slice(before).filter((mail) => mail.topic === 'scheduled-report');
      expect(reports.map((mail) => [mail.to, mail.recipientId, mail.kind])).toEqual([
        [manager.email, manager.id, 'notification'],
      ]);
      const [report] = reports;
      expect(report.subject).toContain('weekly report 2026-11-23 – 2026-11-29');
      expect(report.text).toContain('Hello Mia,');
      const summary = await app.http.get(`/api/budgets/${shared.documentId}/summary`, manager.jwt);
      expect(summary.status).toBe(200);
      const { amountCents, usedCents, remainingCents } = summary.body.data;
      expect(report.text).toContain(
        `Design phase: amount ${euros(amountCents)}, used ${euros(usedCents)}, remaining ${euros(remainingCents)}`
      );
      // The period: 90 + 30 on Wireframes, 45 on the hidden task counted but not named.
      expect(report.text).toContain('Approved time: 2:45 h');
      expect(report.text).toContain('Wireframes: 2:00 h');
      expect(report.text).toContain('Design phase — further work: 0:45 h');
      for (const part of [report.subject, report.text, report.html]) {
        expect(part).not.toContain('CANARY');
      }
      const delivered = await delivery((mail) => Boolean(mail.subject?.includes('weekly report')));
      expect(delivered).toHaveLength(1);
      expect(`${delivered[0].subject} ${delivered[0].text} ${delivered[0].html}`).not.toContain('CANARY');
      expect(dayOf((await reload(PROJECT, project)).clientReportNextOn)).toBe('2026-12-07');

      // Again the same day, and before the next week ends: nothing more.
      const again = queued.length;
      await runDue('2026-12-06');
      expect(queued.slice(again).filter((mail) => mail.topic === 'scheduled-report')).toHaveLength(0);
    });
  });
});

// Two Strapi processes share one database only on PostgreSQL (docs/operations.md#several-instances).
if (databaseClient() === 'postgres') {
  describe('the scheduled job in two Strapi processes on one PostgreSQL database', () => {
    let app: TestApp;
    let second: SecondProcess;
    let make: Fixtures;

    beforeAll(async () => {
      app = await startApp({ env: { PORTAL_JOBS_CRON: 'off' } });
      make = fixtures(app);
    });
    afterAll(async () => {
      await second?.stop();
      await app?.stop();
    });

    it('creates each period once and sends each report once while both run the job', async () => {
      const today = new Date().toISOString().slice(0, 10);
      const monthsAgo = (count: number) => {
        const date = new Date(`${today}T00:00:00Z`);
        date.setUTCDate(1);
        date.setUTCMonth(date.getUTCMonth() - count);
        return date.toISOString().slice(0, 10);
      };
      const company = await make.company({ name: 'Twice', billingEmail: 'billing@twice.test' });
      const plans: Row[] = [];
      for (let index = 0; index < 8; index += 1) {
        plans.push(
          await make.create(RECURRING, {
            company: company.documentId,
            lines: LINES,
            interval: 'month',
            nextOn: monthsAgo(5),
            autoIssue: index % 2 === 0,
          })
        );
      }
      const managers = [
        await make.person({ role: 'client', company, clientManager: true }),
        await make.person({ role: 'client-plus', company, clientManager: true }),
      ];
      const projects: Row[] = [];
      for (let index = 0; index < 3; index += 1) {
        projects.push(
          await make.project(company, {
            members: managers,
            clientReport: 'monthly',
            clientReportNextOn: monthsAgo(2),
          })
        );
      }
      const queuedReports: number[] = [];
      const outbox = app.strapi.plugin('client-portal').service('outbox');
      const queue = outbox.queue.bind(outbox);
      outbox.queue = async (kind: string, message: { topic?: string; recipientId?: number }, ref?: unknown) => {
        if (message.topic === 'scheduled-report') queuedReports.push(message.recipientId ?? 0);
        return queue(kind, message, ref);
      };

      // The second process runs the job every second on its own; this one runs it at the same time.
      second = await startSecondProcess({ ...app.env, PORTAL_JOBS_CRON: '* * * * * *' });
      const schedules = app.strapi.plugin('client-portal').service('schedules');
      // Its cron fired (the job is wired in a real process), and is still at it when this one joins.
      const deadline = Date.now() + 30_000;
      while ((await app.strapi.db.query(INVOICE).count({ where: { period: { $notNull: true } } })) === 0) {
        if (Date.now() > deadline) throw new Error('the second process never ran the job');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      for (let round = 0; round < 4; round += 1) {
        await Promise.all([schedules.runDue(new Date()), schedules.runDue(new Date())]);
        await new Promise((resolve) => setTimeout(resolve, 400));
      }
      await new Promise((resolve) => setTimeout(resolve, 1500));

      for (const plan of plans) {
        const invoices = (await app.strapi.db.query(INVOICE).findMany({
          where: { recurringInvoice: { id: plan.id } },
          select: ['period', 'number', 'state'],
        })) as Row[];
        const periods = invoices.map((invoice) => invoice.period).sort();
        expect(periods).toEqual([5, 4, 3, 2, 1, 0].map(monthsAgo));
      }
      const numbers = ((await app.strapi.db.query(INVOICE).findMany({ select: ['number'] })) as Row[])
        .map((invoice) => invoice.number)
        .filter(Boolean);
      // Half of them issue: 4 × 6 numbers, none twice.
      expect(numbers).toHaveLength(24);
      expect(new Set(numbers).size).toBe(24);

      // One report mail per person and project, queued by whichever process got there first.
      const mails = (await app.strapi.db.query('plugin::client-portal.mail').findMany({
        where: { kind: 'notification' },
        select: ['to', 'subject'],
      })) as Row[];
      const reports = mails.filter((mail) => mail.subject.includes('monthly report'));
      expect(reports).toHaveLength(projects.length * managers.length);
      expect(new Set(reports.map((mail) => `${mail.to} ${mail.subject}`)).size).toBe(reports.length);
      expect(queuedReports.length).toBeLessThanOrEqual(reports.length);
    });
  });
}
