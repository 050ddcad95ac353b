// pdf-parse's index runs a self-test when required directly; its library entry is the parser.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pdfParser = require('pdf-parse/lib/pdf-parse.js') as (
  data: Uint8Array
) => Promise<{ text: string; numpages: number }>;
/** Its pdf.js reads a Buffer's whole backing store (Node pools small buffers): hand it bytes of their own. */
const pdfParse = (data: Buffer) => pdfParser(new Uint8Array(data));
import { startApp, type TestApp } from '../harness/app';
import { databaseClient } from '../harness/database';
import { fixtures, type Fixtures, type Person, type Row } from '../harness/fixtures';
import { buildWorld } from '../harness/world';
import { startSecondProcess, type SecondProcess } from '../harness/second-process';
import { startSmtp, type TestSmtp } from '../harness/smtp';

const TIME = 'api::time-entry.time-entry';
const EXPENSE = 'api::expense.expense';
const INVOICE = 'api::invoice.invoice';

const prng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
/** The stated rounding: each entry minutes × rate / 60 half up; tax half up once on the subtotal. */
const entryAmount = (rate: number | null, minutes: number) => Math.floor(((rate ?? 0) * minutes + 30) / 60);
const taxOf = (subtotal: number, basisPoints: number) => Math.floor((subtotal * basisPoints + 5000) / 10000);

describe(`invoicing on ${databaseClient()}`, () => {
  let app: TestApp;
  let smtp: TestSmtp;
  let make: Fixtures;
  let owner: Person;
  let finance: Person;
  let member: Person;
  let manager: Person;
  let otherManager: Person;
  let acme: Row;

  beforeAll(async () => {
    smtp = await startSmtp();
    app = await startApp({ env: { ...smtp.env, PORTAL_MAIL_RETRY_SECONDS: '1' } });
    const world = await buildWorld(fixtures(app), {
      people: { owner: {}, finance: {}, member: {}, manager: {}, globexManager: {} },
      acme: { billingEmail: 'billing@acme.test' },
      project: false,
    });
    ({ make, acme } = world);
    ({ owner, finance, member, manager, globexManager: otherManager } = world.people);
  });
  afterAll(async () => {
    await app?.stop();
    await smtp?.stop();
  });

  const project = (data: Record<string, unknown> = {}) => make.project(acme, { members: [member, manager], ...data });
  const generate = (person: Person, body: Record<string, unknown>) =>
    app.http.post('/api/invoices/generate', body, person.jwt);
  const entry = (target: Row, data: Record<string, unknown>) =>
    make.create(TIME, {
      project: target.documentId,
      person: member.documentId,
      date: '2026-10-10',
      minutes: 60,
      billable: true,
      state: 'approved',
      rateCents: 10000,
      ...data,
    });

  it('drafts an invoice whose totals match a brute-force computation over random entries', async () => {
    const random = prng(7);
    const target = await project();
    const tasks = [
      await make.create('api::task.task', { project: target.documentId, title: 'Design' }),
      await make.create('api::task.task', { project: target.documentId, title: 'Build' }),
    ];
    const made: {
      minutes: number;
      rate: number | null;
      billable: boolean;
      state: string;
      date: string;
      invoiced: boolean;
    }[] = [];
    const invoiced = await make.create(INVOICE, {
      project: target.documentId,
      state: 'issued',
      number: 'INV-2001-0001',
    });
    for (let index = 0; index < 60; index += 1) {
      const row = {
        minutes: 1 + Math.floor(random() * 500),
        rate: random() < 0.1 ? null : 5000 + Math.floor(random() * 9999),
        billable: random() < 0.8,
        state: random() < 0.75 ? 'approved' : 'pending',
        date: `2026-10-${String(1 + Math.floor(random() * 30)).padStart(2, '0')}`,
        invoiced: random() < 0.1,
      };
      made.push(row);
      await entry(target, {
        minutes: row.minutes,
        rateCents: row.rate,
        billable: row.billable,
        state: row.state,
        date: row.date,
        task: tasks[index % 2].documentId,
        ...(row.invoiced ? { invoice: invoiced.documentId } : {}),
      });
    }
    const spent = [1999, 5000, 333];
    for (const amountCents of spent) {
      await make.create(EXPENSE, {
        project: target.documentId,
        person: member.documentId,
        date: '2026-10-12',
        description: `Expense ${amountCents}`,
        amountCents,
        state: 'approved',
        billable: true,
      });
    }
    const inPeriod = made.filter(
      (row) =>
        row.billable &&
        row.state === 'approved' &&
        !row.invoiced &&
        row.date >= '2026-10-05' &&
        row.date <= '2026-10-25'
    );
    const subtotal =
      inPeriod.reduce((sum, row) => sum + entryAmount(row.rate, row.minutes), 0) + spent.reduce((a, b) => a + b, 0);

    const response = await generate(finance, {
      project: target.documentId,
      from: '2026-10-05',
      to: '2026-10-25',
      includeExpenses: true,
      taxRateBasisPoints: 1900,
    });
    expect(response.status).toBe(201);
    expect(response.body.data).toMatchObject({
      state: 'draft',
      number: null,
      currency: 'EUR',
      subtotalCents: subtotal,
      taxCents: taxOf(subtotal, 1900),
      totalCents: subtotal + taxOf(subtotal, 1900),
    });
    const lines = response.body.data.lines as { amountCents: number; unit: string }[];
    expect(lines.reduce((sum, line) => sum + line.amountCents, 0)).toBe(subtotal);
    expect(lines.filter((line) => line.unit === 'item')).toHaveLength(3);
    const linked = await app.strapi.db.query(TIME).count({
      where: { invoice: { documentId: response.body.data.documentId } },
    });
    expect(linked).toBe(inPeriod.length);

    // Nothing is left to invoice in that period: no entry goes on two invoices.
    const again = await generate(owner, { project: target.documentId, from: '2026-10-05', to: '2026-10-25' });
    expect(again.status).toBe(409);
    expect(again.body.error.details.code).toBe('NOTHING_TO_INVOICE');
  });

  it('invoices a month of 1,200 entries in one draft, and voiding releases all of them', async () => {
    const target = await project();
    const events: { event: string; uid: string; entry: Row }[] = [];
    const listen = (event: string) =>
      app.strapi.eventHub.on(event, async (payload: { uid: string; entry: Row }) => {
        events.push({ event, uid: payload.uid, entry: payload.entry });
      });
    const stopListening = [listen('entry.create'), listen('entry.update')];
    const [projectId, personId] = [target.id, member.id];
    for (let index = 0; index < 1200; index += 1) {
      await app.strapi.db.query(TIME).create({
        data: {
          project: projectId,
          person: personId,
          date: `2026-09-${String((index % 30) + 1).padStart(2, '0')}`,
          minutes: 30,
          billable: true,
          state: 'approved',
          rateCents: 12000,
        },
      });
    }
    const response = await generate(finance, { project: target.documentId, from: '2026-09-01', to: '2026-09-30' });
    expect(response.status).toBe(201);
    expect(response.body.data).toMatchObject({ state: 'draft', subtotalCents: 1200 * 6000 });
    const invoiced = { project: { id: projectId }, invoice: { id: { $notNull: true } } };
    expect(await app.strapi.db.query(TIME).count({ where: invoiced })).toBe(1200);
    const voided = await app.http.post(`/api/invoices/${response.body.data.documentId}/void`, {}, finance.jwt);
    expect(voided.status).toBe(200);
    expect(await app.strapi.db.query(TIME).count({ where: invoiced })).toBe(0);

    // The events' payloads (webhooks) count the ledger rows instead of carrying all 1,200.
    const renamed = await app.http.put(`/api/projects/${target.documentId}`, { data: { name: 'Renamed' } }, owner.jwt);
    expect(renamed.status).toBe(200);
    const payloadOf = async (event: string, uid: string) => {
      for (let wait = 0; wait < 100; wait += 1) {
        const found = events.find((candidate) => candidate.event === event && candidate.uid === uid);
        if (found) return found.entry;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`no ${event} event for ${uid}`);
    };
    const invoice = await payloadOf('entry.create', INVOICE);
    const renamedProject = await payloadOf('entry.update', 'api::project.project');
    stopListening.forEach((stop) => stop());
    expect(invoice.documentId).toBe(response.body.data.documentId);
    expect(invoice.timeEntries).toEqual({ count: 1200 });
    expect(invoice.expenses).toEqual({ count: 0 });
    expect(invoice.lines).toHaveLength(response.body.data.lines.length);
    expect(invoice.project).toMatchObject({ documentId: target.documentId });
    expect(renamedProject).toMatchObject({ documentId: target.documentId, name: 'Renamed' });
    expect(renamedProject.timeEntries).toEqual({ count: 1200 });
    expect(renamedProject.members.map((person: Row) => person.id).sort()).toEqual([member.id, manager.id].sort());
  });

  it('never puts an entry on two invoices, even when generations run at once', async () => {
    const target = await project();
    for (let index = 0; index < 12; index += 1) await entry(target, { minutes: 30 + index });
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        generate(owner, { project: target.documentId, from: '2026-10-01', to: '2026-10-31' })
      )
    );
    expect(results.map((result) => result.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    const entries = await app.strapi.db
      .query(TIME)
      .findMany({ where: { project: { id: target.id } }, populate: ['invoice'] });
    expect(new Set(entries.map((row: Row) => row.invoice?.id)).size).toBe(1);
    expect(entries.every((row: Row) => row.invoice)).toBe(true);
  });

  it('issues gap-free numbers under concurrency, emails the PDF, and freezes the invoice', async () => {
    const drafts: string[] = [];
    for (let index = 0; index < 5; index += 1) {
      const target = await project();
      await entry(target, { minutes: 90 + index, rateCents: 12000 });
      drafts.push(
        (await generate(owner, { project: target.documentId, from: '2026-10-01', to: '2026-10-31' })).body.data
          .documentId
      );
    }
    const before = smtp.messages.length;
    const issued = await Promise.all(drafts.map((id) => app.http.post(`/api/invoices/${id}/issue`, {}, finance.jwt)));
    expect(issued.map((response) => response.status)).toEqual([200, 200, 200, 200, 200]);
    const year = new Date().getUTCFullYear();
    const numbers = issued.map((response) => response.body.data.number).sort();
    const all = await app.strapi.db.query(INVOICE).findMany({ where: { number: { $startsWith: `INV-${year}-` } } });
    const sequences = all.map((row: Row) => Number(row.number.slice(9))).sort((a: number, b: number) => a - b);
    expect(sequences).toEqual(Array.from({ length: sequences.length }, (_value, index) => index + 1));
    expect(new Set(numbers).size).toBe(5);

    await smtp.waitFor(before + 5);
    const mail = smtp.messages.slice(before).find((message) => message.subject?.includes(numbers[0]))!;
    expect((mail.to as { text: string }).text).toBe('billing@acme.test');
    const attachment = mail.attachments.find((file) => file.contentType === 'application/pdf')!;
    expect(attachment.filename).toBe(`${numbers[0]}.pdf`);
    const parsed = await pdfParse(attachment.content);
    const invoice = issued.find((response) => response.body.data.number === numbers[0])!.body.data;
    expect(parsed.text).toContain(numbers[0]);
    expect(parsed.text).toContain(`${(invoice.totalCents / 100).toFixed(2)} EUR`);
    // The outbox records the delivery on the invoice once the mail was accepted.
    const deadline = Date.now() + 10_000;
    let stored = await app.strapi.db.query(INVOICE).findOne({ where: { documentId: invoice.documentId } });
    while (!stored.sentAt && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      stored = await app.strapi.db.query(INVOICE).findOne({ where: { documentId: invoice.documentId } });
    }
    expect(stored).toMatchObject({ sendError: null });
    expect(stored.sentAt).not.toBeNull();

    const edit = await app.http.put(
      `/api/invoices/${invoice.documentId}`,
      { data: { dueOn: '2030-01-01' } },
      owner.jwt
    );
    expect(edit.status).toBe(409);
    expect(edit.body.error.details.code).toBe('INVOICE_FROZEN');
    expect((await app.http.del(`/api/invoices/${invoice.documentId}`, owner.jwt)).status).toBe(409);
    expect((await app.http.post(`/api/invoices/${invoice.documentId}/issue`, {}, owner.jwt)).status).toBe(409);
  });

  it('recounts a draft’s totals from its lines whatever the writer sends', async () => {
    const target = await project();
    await entry(target, { minutes: 90, rateCents: 10000 });
    const draft = (
      await generate(owner, { project: target.documentId, from: '2026-10-01', to: '2026-10-31', taxRateBasisPoints: 0 })
    ).body.data;
    expect(draft).toMatchObject({ subtotalCents: 15000, taxCents: 0, totalCents: 15000 });

    // A new rate with forged totals: the server counts 19 % of the lines' 150.00 (half up).
    const rated = await app.http.put(
      `/api/invoices/${draft.documentId}`,
      { data: { taxRateBasisPoints: 1900, subtotalCents: 1, taxCents: 2, totalCents: 3 } },
      finance.jwt
    );
    expect(rated.status).toBe(200);
    expect(rated.body.data).toMatchObject({ subtotalCents: 15000, taxCents: 2850, totalCents: 17850 });

    // Edited lines (as the Content Manager sends them): the totals follow, the rate stays.
    const lines = [
      { description: 'Design', quantity: 1.5, unit: 'hour', unitPriceCents: 10000, amountCents: 15000 },
      { description: 'Travel', quantity: 1, unit: 'item', unitPriceCents: 1234, amountCents: 1234 },
    ];
    const relined = await app.http.put(
      `/api/invoices/${draft.documentId}`,
      { data: { lines, totalCents: 0 } },
      owner.jwt
    );
    expect(relined.status).toBe(200);
    expect(relined.body.data).toMatchObject({ subtotalCents: 16234, taxCents: 3084, totalCents: 19318 });
    const stored = await app.strapi.db.query(INVOICE).findOne({ where: { documentId: draft.documentId } });
    expect(stored).toMatchObject({ subtotalCents: 16234, taxCents: 3084, totalCents: 19318, taxRateBasisPoints: 1900 });

    // A due date alone leaves the counted totals as they are.
    const dated = await app.http.put(`/api/invoices/${draft.documentId}`, { data: { dueOn: '2026-12-31' } }, owner.jwt);
    expect(dated.body.data).toMatchObject({ dueOn: '2026-12-31', totalCents: 19318 });
  });

  it('keeps an invoice issued and retryable when the mail server fails', async () => {
    const target = await project();
    await entry(target, {});
    const draft = (await generate(owner, { project: target.documentId, from: '2026-10-01', to: '2026-10-31' })).body
      .data;
    smtp.failing = true;
    const issued = await app.http.post(`/api/invoices/${draft.documentId}/issue`, {}, owner.jwt);
    expect(issued.status).toBe(200);
    expect(issued.body.data).toMatchObject({ state: 'issued', sentAt: null });
    expect(issued.body.data.number).toMatch(/^INV-\d{4}-\d{4}$/);
    const stored = () => app.strapi.db.query(INVOICE).findOne({ where: { documentId: draft.documentId } });
    const until = async (done: (row: { sentAt: unknown; sendError: string | null }) => boolean) => {
      const deadline = Date.now() + 15_000;
      for (;;) {
        const row = await stored();
        if (done(row) || Date.now() > deadline) return row;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    // The outbox records the refusal on the invoice and keeps the mail for another attempt…
    expect((await until((row) => Boolean(row.sendError))).sendError).toContain('mailbox unavailable');
    smtp.failing = false;
    // …which succeeds once the server is back: sent, the error cleared, the state unchanged.
    const sent = await until((row) => Boolean(row.sentAt));
    expect(sent).toMatchObject({ state: 'issued', sendError: null });
    expect(sent.sentAt).not.toBeNull();
    // Sending again by hand queues it once more.
    const before = smtp.messages.length;
    const retried = await app.http.post(`/api/invoices/${draft.documentId}/send`, {}, owner.jwt);
    expect(retried.status).toBe(200);
    const [again] = (await smtp.waitFor(before + 1)).slice(before);
    expect(again.subject).toContain(issued.body.data.number);
  });

  it('voids (releasing the work) and records payments', async () => {
    const target = await project();
    await entry(target, { minutes: 45 });
    const first = (await generate(owner, { project: target.documentId, from: '2026-10-01', to: '2026-10-31' })).body
      .data;
    await app.http.post(`/api/invoices/${first.documentId}/issue`, {}, owner.jwt);
    const voided = await app.http.post(`/api/invoices/${first.documentId}/void`, {}, owner.jwt);
    expect(voided.body.data.state).toBe('void');
    const second = await generate(owner, { project: target.documentId, from: '2026-10-01', to: '2026-10-31' });
    expect(second.status).toBe(201);
    expect(second.body.data.totalCents).toBe(first.totalCents);
    await app.http.post(`/api/invoices/${second.body.data.documentId}/issue`, {}, owner.jwt);
    const paid = await app.http.post(
      `/api/invoices/${second.body.data.documentId}/mark-paid`,
      { paidOn: '2026-11-20' },
      owner.jwt
    );
    expect(paid.body.data).toMatchObject({ state: 'paid', paidOn: '2026-11-20', paidAmountCents: first.totalCents });
    expect((await app.http.post(`/api/invoices/${second.body.data.documentId}/void`, {}, owner.jwt)).status).toBe(409);
  });

  it('lets only Owners and Member+ F manage invoices, and shows clients their issued ones', async () => {
    const target = await project();
    await entry(target, {});
    expect((await generate(member, { project: target.documentId, from: '2026-10-01', to: '2026-10-31' })).status).toBe(
      403
    );
    expect((await generate(manager, { project: target.documentId, from: '2026-10-01', to: '2026-10-31' })).status).toBe(
      403
    );
    const bad = await generate(owner, { project: target.documentId, from: '2026-10-31', to: '2026-10-01' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('from');
    const draft = (await generate(owner, { project: target.documentId, from: '2026-10-01', to: '2026-10-31' })).body
      .data;
    const pdf = (person: Person) =>
      fetch(`${app.baseUrl}/api/invoices/${draft.documentId}/pdf`, {
        headers: { authorization: `Bearer ${person.jwt}` },
      });
    expect((await pdf(manager)).status).toBe(404);
    expect((await app.http.get(`/api/invoices/${draft.documentId}`, manager.jwt)).status).toBe(404);
    expect((await app.http.post(`/api/invoices/${draft.documentId}/issue`, {}, member.jwt)).status).toBe(403);
    await app.http.post(`/api/invoices/${draft.documentId}/issue`, {}, owner.jwt);
    const visible = await pdf(manager);
    expect(visible.status).toBe(200);
    expect(visible.headers.get('content-type')).toBe('application/pdf');
    expect((await pdfParse(Buffer.from(await visible.arrayBuffer()))).numpages).toBeGreaterThanOrEqual(1);
    expect((await pdf(otherManager)).status).toBe(404);
    expect((await app.http.get(`/api/invoices/${draft.documentId}`, manager.jwt)).status).toBe(200);
  });
});

// Two Strapi processes share one database only on PostgreSQL (docs/operations.md#several-instances).
if (databaseClient() === 'postgres') {
  describe('invoicing across two Strapi processes on one PostgreSQL database', () => {
    let app: TestApp;
    let second: SecondProcess;
    let owner: Person;
    let make: Fixtures;

    beforeAll(async () => {
      app = await startApp();
      make = fixtures(app);
      owner = await make.person({ role: 'owner' });
      second = await startSecondProcess(app.env);
    });
    afterAll(async () => {
      await second?.stop();
      await app?.stop();
    });

    it('puts no entry on two invoices and gives no number twice', async () => {
      const company = await make.company({ name: 'Split' });
      const worker = await make.person({ role: 'member' });
      const targets: Row[] = [];
      for (let index = 0; index < 4; index += 1) {
        const target = await make.project(company, { members: [worker] });
        for (let entry = 0; entry < 5; entry += 1) {
          await make.create(TIME, {
            project: target.documentId,
            person: worker.documentId,
            date: '2026-10-10',
            minutes: 15 + entry,
            billable: true,
            state: 'approved',
            rateCents: 9000,
          });
        }
        targets.push(target);
      }
      const generated = await Promise.all(
        targets.flatMap((target) =>
          [app.http, second.http].map((http, side) =>
            http.post(
              '/api/invoices/generate',
              { project: target.documentId, from: '2026-10-01', to: '2026-10-31', grouping: side ? 'entry' : 'task' },
              owner.jwt
            )
          )
        )
      );
      expect(generated.filter((response) => response.status === 201)).toHaveLength(4);
      expect(generated.filter((response) => response.status === 409)).toHaveLength(4);
      const drafts = generated
        .filter((response) => response.status === 201)
        .map((response) => response.body.data.documentId);
      const issued = await Promise.all(
        drafts.map((id, index) =>
          (index % 2 === 0 ? app.http : second.http).post(`/api/invoices/${id}/issue`, {}, owner.jwt)
        )
      );
      expect(issued.map((response) => response.status)).toEqual([200, 200, 200, 200]);
      const numbers = issued.map((response) => response.body.data.number);
      expect(new Set(numbers).size).toBe(4);
      const sequences = numbers.map((number: string) => Number(number.slice(9))).sort((a: number, b: number) => a - b);
      expect(sequences).toEqual([1, 2, 3, 4]);
      const entries = await app.strapi.db.query(TIME).findMany({ populate: ['invoice'] });
      expect(entries.every((row: Row) => row.invoice)).toBe(true);
    });
  });
}
