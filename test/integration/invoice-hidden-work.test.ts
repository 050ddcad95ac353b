// pdf-parse's index runs a self-test when required directly; its library entry is the parser.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pdfParser = require('pdf-parse/lib/pdf-parse.js') as (data: Uint8Array) => Promise<{ text: string }>;
import { startApp, type TestApp } from '../harness/app';
import { databaseClient } from '../harness/database';
import { fixtures, type Fixtures, type Person, type Row } from '../harness/fixtures';
import { buildWorld } from '../harness/world';
import { startSmtp, type TestSmtp } from '../harness/smtp';

/**
 * docs/time-budgets-invoices.md: approved billable work on tasks hidden from clients (or trashed) is
 * billed, but no invoice line carries its task title or entry note — not in the JSON,
 * the PDF or the email, for any reader — and the client's budget summary counts it
 * like staff's, so summary and invoice agree to the cent.
 */
const TIME = 'api::time-entry.time-entry';
const canary = (name: string) => `CANARY-${name}-${Math.random().toString(36).slice(2, 8)}`;
const C = {
  hiddenTitle: canary('hidden-task-title'),
  hiddenNote: canary('hidden-entry-note'),
  trashedTitle: canary('trashed-task-title'),
  trashedNote: canary('trashed-entry-note'),
};
const CANARIES = Object.values(C);
const pdfText = async (bytes: Buffer) => (await pdfParser(new Uint8Array(bytes))).text;
const expectNoCanary = (label: string, text: string) => {
  for (const value of CANARIES)
    expect({ label, leaks: text.includes(value) ? value : null }).toEqual({ label, leaks: null });
};

describe(`invoices of hidden work on ${databaseClient()}`, () => {
  let app: TestApp;
  let smtp: TestSmtp;
  let make: Fixtures;
  let owner: Person;
  let member: Person;
  let manager: Person;
  let project: Row;
  let budget: Row;

  beforeAll(async () => {
    smtp = await startSmtp();
    app = await startApp({ env: smtp.env });
    // No billing email: the invoice goes to the company's Client Managers.
    const world = await buildWorld(fixtures(app), {
      people: { owner: {}, member: {}, manager: {} },
      project: { name: 'Acme website', leader: 'member' },
      sharedBudget: { name: 'Design phase', kind: 'time-and-materials', amountCents: 100000, currency: 'EUR' },
      visibleTask: { title: 'Homepage layout' },
      hiddenTask: { title: C.hiddenTitle },
    });
    ({ make, project, sharedBudget: budget } = world);
    ({ owner, member, manager } = world.people);
    const { visibleTask: visible, hiddenTask: hidden } = world;
    const trashed = await make.create('api::task.task', {
      project: project.documentId,
      title: C.trashedTitle,
      deletedAt: new Date('2026-10-20T10:00:00Z'),
    });
    const entry = (target: Row, minutes: number, note: string) =>
      make.create(TIME, {
        project: project.documentId,
        budget: budget.documentId,
        task: target.documentId,
        person: member.documentId,
        date: '2026-10-10',
        minutes,
        note,
        billable: true,
        state: 'approved',
        rateCents: 10000,
      });
    await entry(visible, 60, 'Layout work');
    await entry(hidden, 90, C.hiddenNote);
    await entry(trashed, 30, C.trashedNote);
  });
  afterAll(async () => {
    await app?.stop();
    await smtp?.stop();
  });

  it("counts hidden work in the client's summary like staff's, and says how much is not itemised", async () => {
    const staff = await app.http.get(`/api/budgets/${budget.documentId}/summary`, owner.jwt);
    const client = await app.http.get(`/api/budgets/${budget.documentId}/summary`, manager.jwt);
    expect(staff.status).toBe(200);
    expect(client.status).toBe(200);
    const same = { usedCents: 30000, timeCents: 30000, billableMinutes: 180, remainingCents: 70000 };
    expect(staff.body.data).toMatchObject({ ...same, unitemizedMinutes: 120, unitemizedCents: 20000 });
    expect(client.body.data).toMatchObject({ ...same, unitemizedMinutes: 120, unitemizedCents: 20000 });
    expect(client.body.data.costCents).toBeUndefined();
    expectNoCanary('summary', client.text);

    // The itemised entries the client reads add up to the rest.
    const listed = await app.http.get(
      `/api/time-entries?filters[budget][documentId][$eq]=${budget.documentId}`,
      manager.jwt
    );
    expect(listed.status).toBe(200);
    expect(listed.body.data.map((row: Row) => [row.minutes, row.note])).toEqual([[60, 'Layout work']]);
    expectNoCanary('time entries', listed.text);
  });

  it('drafts lines that bill every minute without a word of the hidden work (grouped per entry)', async () => {
    const draft = await app.http.post(
      '/api/invoices/generate',
      { project: project.documentId, from: '2026-10-01', to: '2026-10-31', grouping: 'entry' },
      owner.jwt
    );
    expect(draft.status).toBe(201);
    const lines = (await app.http.get(`/api/invoices/${draft.body.data.documentId}?populate=lines`, owner.jwt)).body
      .data.lines;
    expect(lines.map((line: Row) => [line.description, line.quantity, line.amountCents])).toEqual([
      ['2026-10-10 — Homepage layout — Layout work', 1, 10000],
      ['Design phase — further work', 2, 20000],
    ]);
    expectNoCanary('draft as Owner', JSON.stringify(lines));
    // Void it so the work can go on the invoice the client receives.
    expect((await app.http.post(`/api/invoices/${draft.body.data.documentId}/void`, {}, owner.jwt)).status).toBe(200);
  });

  it('issues an invoice whose JSON, PDF and email never name the hidden work, and that matches the summary', async () => {
    const draft = await app.http.post(
      '/api/invoices/generate',
      { project: project.documentId, from: '2026-10-01', to: '2026-10-31' },
      owner.jwt
    );
    expect(draft.status).toBe(201);
    const id = draft.body.data.documentId;
    const sent = smtp.messages.length;
    expect((await app.http.post(`/api/invoices/${id}/issue`, {}, owner.jwt)).status).toBe(200);

    const read = await app.http.get(`/api/invoices/${id}?populate=lines`, manager.jwt);
    expect(read.status).toBe(200);
    expect(read.body.data.lines.map((line: Row) => [line.description, line.amountCents])).toEqual([
      ['Homepage layout', 10000],
      ['Design phase — further work', 20000],
    ]);
    const summary = (await app.http.get(`/api/budgets/${budget.documentId}/summary`, manager.jwt)).body.data;
    expect(read.body.data.subtotalCents).toBe(summary.usedCents);
    expectNoCanary('invoice JSON as Client Manager', read.text);
    // Staff may populate the invoice's time entries (their notes are staff data); its lines are the same for all.
    const ownerRead = await app.http.get(`/api/invoices/${id}?populate=lines`, owner.jwt);
    expect(ownerRead.body.data.lines).toEqual(read.body.data.lines);
    expectNoCanary('invoice lines as Owner', ownerRead.text);

    const pdf = await fetch(`${app.baseUrl}/api/invoices/${id}/pdf`, {
      headers: { authorization: `Bearer ${manager.jwt}` },
    });
    expect(pdf.status).toBe(200);
    const text = await pdfText(Buffer.from(await pdf.arrayBuffer()));
    expect(text).toContain('Design phase — further work');
    expectNoCanary('PDF', text);

    const [mail] = await smtp.waitFor(sent + 1);
    const message = smtp.messages.slice(sent).find((candidate) => candidate.subject?.includes(read.body.data.number))!;
    expect((message.to as { text: string }).text).toBe(manager.email);
    expectNoCanary('mail text', `${message.subject} ${message.text} ${message.html}`);
    const attachment = message.attachments.find((file) => file.contentType === 'application/pdf')!;
    const attached = await pdfText(attachment.content);
    expect(attached).toContain('Design phase — further work');
    expectNoCanary('mailed PDF', attached);
    expect(mail).toBeDefined();
  });
});
