// pdf-parse's index runs a self-test when required directly; its library entry is the parser.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pdfParser = require('pdf-parse/lib/pdf-parse.js') as (data: Uint8Array) => Promise<{ text: string }>;
const pdfParse = (data: Buffer) => pdfParser(new Uint8Array(data));
import { startApp, type TestApp } from '../harness/app';
import { databaseClient } from '../harness/database';
import { fixtures, type Fixtures, type Person, type Row } from '../harness/fixtures';
import { buildWorld } from '../harness/world';
import { startSecondProcess, type SecondProcess } from '../harness/second-process';
import { startSmtp, type TestSmtp } from '../harness/smtp';

const ESTIMATE = 'api::estimate.estimate';
const PROJECT = 'api::project.project';
const BUDGET = 'api::budget.budget';

/** Planted where a reader must not see it; searched for in the whole response body. */
const DRAFT_TITLE = 'CANARY-DRAFT-7f3a';
const OTHER_TITLE = 'CANARY-GLOBEX-91bc';
/** An amount only Owners, Member+ F and the company's Client Managers may see. */
const SECRET_PRICE = 4_242_427;

const taxOf = (subtotal: number, basisPoints: number) => Math.floor((subtotal * basisPoints + 5000) / 10000);
const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

describe(`estimates on ${databaseClient()}`, () => {
  let app: TestApp;
  let smtp: TestSmtp;
  let make: Fixtures;
  let owner: Person;
  let finance: Person;
  let member: Person;
  let manager: Person;
  let secondManager: Person;
  let archivedManager: Person;
  let plainClient: Person;
  let otherManager: Person;
  let acme: Row;
  let globex: Row;

  beforeAll(async () => {
    smtp = await startSmtp();
    app = await startApp({ env: { ...smtp.env, PORTAL_MAIL_RETRY_SECONDS: '1' } });
    // The Member sees Acme (a project of theirs), never Globex.
    const world = await buildWorld(fixtures(app), {
      people: {
        owner: {},
        finance: {},
        member: {},
        manager: {},
        secondManager: { role: 'client-plus', company: 'acme', clientManager: true },
        archivedManager: { role: 'client', company: 'acme', clientManager: true },
        plainClient: { role: 'client', company: 'acme' },
        globexManager: {},
      },
      project: { leader: 'member', members: ['manager', 'plainClient'] },
    });
    ({ make, acme, globex } = world);
    ({
      owner,
      finance,
      member,
      manager,
      secondManager,
      archivedManager,
      plainClient,
      globexManager: otherManager,
    } = world.people);
    await app.strapi.db
      .query('plugin::users-permissions.user')
      .update({ where: { id: archivedManager.id }, data: { archivedAt: new Date() } });
  });
  afterAll(async () => {
    await app?.stop();
    await smtp?.stop();
  });

  const line = (data: Record<string, unknown> = {}) => ({
    description: 'Design',
    quantity: 2,
    unit: 'day',
    unitPriceCents: 80000,
    ...data,
  });
  /** An estimate written straight to the database (no rules), totals counted by the server. */
  const estimate = (data: Record<string, unknown> = {}) =>
    make.create(ESTIMATE, { title: 'Website', company: acme.documentId, lines: [line()], ...data });
  const sent = async (data: Record<string, unknown> = {}) => {
    const draft = await estimate(data);
    const response = await app.http.post(`/api/estimates/${draft.documentId}/send`, {}, finance.jwt);
    expect(response.status).toBe(200);
    return response.body.data as Row;
  };
  const stored = (documentId: string) =>
    app.strapi.db.query(ESTIMATE).findOne({ where: { documentId }, populate: ['project', 'acceptedBy', 'lines'] });

  it('counts line amounts and totals on the server, whatever the writer sends', async () => {
    const created = await app.http.post(
      '/api/estimates',
      {
        data: {
          title: 'Shop',
          company: acme.documentId,
          taxRateBasisPoints: 1900,
          lines: [
            line({ quantity: 1.5, unit: 'hour', unitPriceCents: 10001, amountCents: 1 }),
            line({ description: 'Licences', quantity: 3, unit: 'item', unitPriceCents: 333 }),
          ],
          subtotalCents: 1,
          taxCents: 2,
          totalCents: 3,
        },
      },
      finance.jwt
    );
    expect(created.status).toBe(201);
    // 1.5 × 100.01 = 150.015 → 150.02 (half up); 3 × 3.33 = 9.99; tax 19 % of 160.01 = 30.4019 → 30.40.
    const subtotal = 15002 + 999;
    expect(created.body.data).toMatchObject({
      state: 'draft',
      number: null,
      subtotalCents: subtotal,
      taxCents: taxOf(subtotal, 1900),
      totalCents: subtotal + taxOf(subtotal, 1900),
    });
    const id = created.body.data.documentId;
    const read = await app.http.get(`/api/estimates/${id}?populate=lines`, finance.jwt);
    expect(read.body.data.lines.map((row: Row) => row.amountCents)).toEqual([15002, 999]);

    // A new rate alone: the stored lines are counted again.
    const rated = await app.http.put(`/api/estimates/${id}`, { data: { taxRateBasisPoints: 0 } }, finance.jwt);
    expect(rated.status).toBe(200);
    expect(rated.body.data).toMatchObject({ subtotalCents: subtotal, taxCents: 0, totalCents: subtotal });

    // The server's fields cannot be written by anyone; others may not write at all.
    for (const data of [{ state: 'accepted' }, { number: 'EST-2026-0999' }, { sentAt: new Date().toISOString() }]) {
      const forged = await app.http.put(`/api/estimates/${id}`, { data }, owner.jwt);
      expect(forged.status).toBe(400);
    }
    expect(
      (await app.http.post('/api/estimates', { data: { title: 'x', company: acme.documentId } }, member.jwt)).status
    ).toBe(403);
    expect((await app.http.put(`/api/estimates/${id}`, { data: { title: 'x' } }, member.jwt)).status).toBe(403);
    expect((await app.http.del(`/api/estimates/${id}`, member.jwt)).status).toBe(403);
    expect((await stored(id)).title).toBe('Shop');
  });

  it('hides drafts and other companies’ estimates from clients, and amounts from staff without F', async () => {
    const draft = await estimate({ title: DRAFT_TITLE, lines: [line({ unitPriceCents: SECRET_PRICE })] });
    const offer = await sent({ title: 'Acme offer', lines: [line({ quantity: 1, unitPriceCents: SECRET_PRICE })] });
    const foreign = await estimate({ title: OTHER_TITLE, company: globex.documentId });
    await app.http.post(`/api/estimates/${foreign.documentId}/send`, {}, finance.jwt);

    // The Client Manager: Acme's sent estimate with its amounts, nothing else.
    const list = await app.http.get('/api/estimates?populate=*&pagination[pageSize]=100', manager.jwt);
    expect(list.status).toBe(200);
    expect(list.text).not.toContain(DRAFT_TITLE);
    expect(list.text).not.toContain(OTHER_TITLE);
    const offered = list.body.data.find((row: Row) => row.documentId === offer.documentId);
    expect(offered).toMatchObject({ title: 'Acme offer', state: 'sent', totalCents: SECRET_PRICE });
    expect(list.body.data.every((row: Row) => row.state !== 'draft')).toBe(true);
    expect((await app.http.get(`/api/estimates/${draft.documentId}`, manager.jwt)).status).toBe(404);
    expect((await app.http.get(`/api/estimates/${foreign.documentId}`, manager.jwt)).status).toBe(404);
    const filtered = await app.http.get(`/api/estimates?filters[title][$eq]=${DRAFT_TITLE}`, manager.jwt);
    expect(filtered.body.meta.pagination.total).toBe(0);
    // From the company, estimates are no relation at all.
    const company = await app.http.get(`/api/companies/${acme.documentId}?populate=*`, manager.jwt);
    expect(company.status).toBe(200);
    expect(company.text).not.toContain(DRAFT_TITLE);
    // GraphQL follows the same rules.
    const graph = await app.http.post(
      '/graphql',
      { query: '{ estimates(pagination: { limit: 100 }) { documentId title state totalCents } }' },
      manager.jwt
    );
    expect(graph.text).not.toContain(DRAFT_TITLE);
    expect(graph.text).not.toContain(OTHER_TITLE);
    expect(graph.body.data.estimates.map((row: Row) => row.documentId)).toContain(offer.documentId);

    // Another company's manager and a client without the flag see none of Acme's.
    for (const person of [otherManager, plainClient]) {
      const theirs = await app.http.get('/api/estimates?populate=*', person.jwt);
      expect(theirs.text).not.toContain(DRAFT_TITLE);
      expect(theirs.body.data.map((row: Row) => row.documentId)).not.toContain(offer.documentId);
      expect((await app.http.get(`/api/estimates/${offer.documentId}`, person.jwt)).status).toBe(404);
    }
    expect((await app.http.get('/api/estimates', plainClient.jwt)).body.data).toEqual([]);

    // A Member without F: titles of the companies they see, never an amount (also not through populate or filters).
    const staffList = await app.http.get('/api/estimates?populate=*&pagination[pageSize]=100', member.jwt);
    expect(staffList.status).toBe(200);
    expect(staffList.text).not.toContain(String(SECRET_PRICE));
    expect(staffList.text).not.toContain(OTHER_TITLE);
    expect(staffList.body.data.map((row: Row) => row.title)).toEqual(
      expect.arrayContaining([DRAFT_TITLE, 'Acme offer'])
    );
    const single = await app.http.get(`/api/estimates/${offer.documentId}?populate[lines]=*`, member.jwt);
    expect(single.status).toBe(200);
    expect(single.text).not.toContain(String(SECRET_PRICE));
    expect(single.body.data).not.toHaveProperty('totalCents');
    expect(single.body.data).not.toHaveProperty('lines');
    expect((await app.http.get(`/api/estimates?filters[totalCents][$eq]=${SECRET_PRICE}`, member.jwt)).status).toBe(
      400
    );
    const memberGraph = await app.http.post('/graphql', { query: '{ estimates { title totalCents } }' }, member.jwt);
    expect(memberGraph.text).not.toContain(String(SECRET_PRICE));
    const pdf = (person: Person, id: string) =>
      fetch(`${app.baseUrl}/api/estimates/${id}/pdf`, { headers: { authorization: `Bearer ${person.jwt}` } });
    expect((await pdf(member, offer.documentId)).status).toBe(403);
    expect((await pdf(manager, draft.documentId)).status).toBe(404);
    expect((await pdf(otherManager, offer.documentId)).status).toBe(404);
    const readable = await pdf(manager, offer.documentId);
    expect(readable.status).toBe(200);
    expect(readable.headers.get('content-type')).toBe('application/pdf');
    expect((await pdfParse(Buffer.from(await readable.arrayBuffer()))).text).toContain(offer.number);

    // Clients never write estimates.
    expect(
      (await app.http.post('/api/estimates', { data: { title: 'x', company: acme.documentId } }, manager.jwt)).status
    ).toBe(403);
    expect(
      (await app.http.put(`/api/estimates/${offer.documentId}`, { data: { state: 'accepted' } }, manager.jwt)).status
    ).toBe(403);
    expect((await app.http.del(`/api/estimates/${offer.documentId}`, manager.jwt)).status).toBe(403);
    expect((await stored(offer.documentId)).state).toBe('sent');
  });

  it('numbers ten concurrent sends 0001..0010 without gaps, and mails the PDF to the active Client Managers only', async () => {
    const drafts: Row[] = [];
    for (let index = 0; index < 10; index += 1) drafts.push(await estimate({ title: `Batch ${index}` }));
    const before = smtp.messages.length;
    const responses = await Promise.all(
      drafts.map((draft) => app.http.post(`/api/estimates/${draft.documentId}/send`, {}, finance.jwt))
    );
    expect(responses.map((response) => response.status)).toEqual(Array(10).fill(200));
    const year = new Date().getUTCFullYear();
    const numbers = responses.map((response) => response.body.data.number as string);
    expect(new Set(numbers).size).toBe(10);
    const all = await app.strapi.db.query(ESTIMATE).findMany({ where: { number: { $startsWith: `EST-${year}-` } } });
    const sequences = all.map((row: Row) => Number(row.number.slice(9))).sort((a: number, b: number) => a - b);
    expect(sequences).toEqual(Array.from({ length: sequences.length }, (_value, index) => index + 1));

    // Two active Client Managers × ten estimates; the archived manager, the plain client and Globex get none.
    const batch = (message: { subject?: string }) => numbers.some((number) => message.subject?.includes(number));
    const deadline = Date.now() + 10_000;
    while (smtp.messages.slice(before).filter(batch).length < 20 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    const mails = smtp.messages.slice(before).filter(batch);
    expect(mails).toHaveLength(20);
    const recipients = mails.map((mail) => (mail.to as { text: string }).text);
    expect(recipients.sort()).toEqual(
      [...Array(10).fill(manager.email), ...Array(10).fill(secondManager.email)].sort()
    );
    const mail = mails.find((message) => message.subject?.includes(numbers[0]))!;
    const attachment = mail.attachments.find((file) => file.contentType === 'application/pdf')!;
    expect(attachment.filename).toBe(`${numbers[0]}.pdf`);
    const text = (await pdfParse(attachment.content)).text;
    const first = responses[0].body.data;
    expect(text).toContain(numbers[0]);
    expect(text).toContain(`${(first.totalCents / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })} EUR`);

    // Sending again mails again under the same number; a sent estimate is frozen.
    const resentBefore = smtp.messages.length;
    const again = await app.http.post(`/api/estimates/${first.documentId}/send`, {}, owner.jwt);
    expect(again.status).toBe(200);
    expect(again.body.data.number).toBe(first.number);
    const resent = (await smtp.waitFor(resentBefore + 2)).slice(resentBefore);
    expect(resent.every((message) => message.subject?.includes(first.number))).toBe(true);
    const edit = await app.http.put(`/api/estimates/${first.documentId}`, { data: { title: 'Changed' } }, owner.jwt);
    expect(edit.status).toBe(409);
    expect(edit.body.error.details.code).toBe('ESTIMATE_FROZEN');
    expect((await app.http.del(`/api/estimates/${first.documentId}`, owner.jwt)).status).toBe(409);

    // Only Owners and Member+ F send; a company without Client Managers cannot be sent to.
    const other = await estimate();
    expect((await app.http.post(`/api/estimates/${other.documentId}/send`, {}, member.jwt)).status).toBe(403);
    expect((await app.http.post(`/api/estimates/${other.documentId}/send`, {}, manager.jwt)).status).toBe(403);
    const lonely = await estimate({ company: (await make.company({ name: 'Nobody' })).documentId });
    const refused = await app.http.post(`/api/estimates/${lonely.documentId}/send`, {}, owner.jwt);
    expect(refused.status).toBe(409);
    expect(await stored(lonely.documentId)).toMatchObject({ state: 'draft', number: null });
  });

  it('lets only the company’s Client Managers accept or decline a sent, valid estimate', async () => {
    const offer = await sent({ validUntil: isoDay(30) });
    const draft = await estimate();
    const post = (person: Person, id: string, action: string, body: unknown = {}) =>
      app.http.post(`/api/estimates/${id}/${action}`, body, person.jwt);

    expect((await post(otherManager, offer.documentId, 'accept')).status).toBe(404);
    expect((await post(plainClient, offer.documentId, 'accept')).status).toBe(404);
    expect((await post(otherManager, offer.documentId, 'decline', { reason: 'no' })).status).toBe(404);
    expect((await post(manager, draft.documentId, 'accept')).status).toBe(404);
    expect((await post(owner, offer.documentId, 'accept')).status).toBe(403);
    expect((await post(finance, offer.documentId, 'decline')).status).toBe(403);
    expect((await stored(offer.documentId)).state).toBe('sent');

    const accepted = await post(manager, offer.documentId, 'accept');
    expect(accepted.status).toBe(200);
    expect(accepted.body.data).toMatchObject({ state: 'accepted', totalCents: offer.totalCents });
    expect((await stored(offer.documentId)).acceptedBy.id).toBe(manager.id);
    expect((await post(secondManager, offer.documentId, 'decline')).status).toBe(409);
    expect((await post(manager, offer.documentId, 'accept')).status).toBe(409);

    const second = await sent({ validUntil: isoDay(0) });
    expect((await post(secondManager, second.documentId, 'decline', { reason: 42 })).status).toBe(400);
    const declined = await post(secondManager, second.documentId, 'decline', { reason: 'Too expensive' });
    expect(declined.status).toBe(200);
    expect(declined.body.data).toMatchObject({ state: 'declined', declineReason: 'Too expensive' });

    // Past its validUntil day a sent estimate reads as expired and can no longer be answered.
    const late = await sent({ validUntil: isoDay(5) });
    await app.strapi.db
      .query(ESTIMATE)
      .update({ where: { documentId: late.documentId }, data: { validUntil: isoDay(-1) } });
    const answer = await post(manager, late.documentId, 'accept');
    expect(answer.status).toBe(409);
    expect((await app.http.get(`/api/estimates/${late.documentId}`, manager.jwt)).body.data.state).toBe('expired');
    expect((await app.http.post(`/api/estimates/${late.documentId}/send`, {}, owner.jwt)).status).toBe(409);
  });

  it('converts an accepted estimate into a project with a fixed budget, once, all or nothing', async () => {
    const offer = await sent({ title: 'Relaunch', lines: [line({ quantity: 3, unitPriceCents: 123457 })] });
    const pending = await sent({ title: 'Still pending' });
    await app.http.post(`/api/estimates/${offer.documentId}/accept`, {}, manager.jwt);
    const convert = (person: Person, id: string, body: Record<string, unknown> = {}) =>
      app.http.post(`/api/estimates/${id}/convert`, body, person.jwt);
    const projectsNamed = (name: string) => app.strapi.db.query(PROJECT).count({ where: { name } });

    expect((await convert(member, offer.documentId)).status).toBe(403);
    expect((await convert(manager, offer.documentId)).status).toBe(403);
    expect((await convert(finance, pending.documentId)).status).toBe(409);

    // An invalid leader: 400, nothing written.
    const badLeader = await convert(finance, offer.documentId, { leader: plainClient.id });
    expect(badLeader.status).toBe(400);
    expect(badLeader.body.error.message).toContain('leader');
    expect(await projectsNamed('Relaunch')).toBe(0);

    // A failure after the project was written (the budget): the project goes too.
    const real = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(app.strapi), 'documents')!.get!.bind(app.strapi);
    Object.defineProperty(app.strapi, 'documents', {
      configurable: true,
      get: () => {
        const service = real();
        return Object.assign((uid: string) => {
          const documents = service(uid as never);
          if (uid !== BUDGET) return documents;
          return {
            ...documents,
            create: () => Promise.reject(new Error('injected budget failure')),
          };
        }, service);
      },
    });
    try {
      expect((await convert(finance, offer.documentId)).status).toBe(500);
    } finally {
      delete (app.strapi as unknown as Record<string, unknown>).documents;
    }
    expect(await projectsNamed('Relaunch')).toBe(0);
    expect((await stored(offer.documentId)).project).toBeNull();

    const converted = await convert(finance, offer.documentId, { leader: member.id });
    expect(converted.status).toBe(201);
    expect(converted.body.data).toMatchObject({ name: 'Relaunch', company: { documentId: acme.documentId } });
    expect(converted.body.data.leader.id).toBe(member.id);
    expect(new Set(converted.body.data.members.map((person: Row) => person.id))).toEqual(
      new Set([member.id, finance.id, manager.id, secondManager.id])
    );
    const total = 3 * 123457;
    expect(converted.body.data.budgets).toEqual([
      expect.objectContaining({ kind: 'fixed', amountCents: total, currency: 'EUR', clientAccess: true }),
    ]);
    expect((await stored(offer.documentId)).project.documentId).toBe(converted.body.data.documentId);
    expect(
      await app.strapi.db.query(BUDGET).count({ where: { project: { documentId: converted.body.data.documentId } } })
    ).toBe(1);

    // A Member+ F converts without the projects permission; the new project is theirs to read.
    expect(converted.body.data.members.map((person: Row) => person.id)).toContain(finance.id);

    // Once only.
    const twice = await convert(owner, offer.documentId);
    expect(twice.status).toBe(409);
    expect(await projectsNamed('Relaunch')).toBe(1);
    // The Client Manager now sees the project and its budget.
    const theirs = await app.http.get(`/api/projects/${converted.body.data.documentId}?populate=budgets`, manager.jwt);
    expect(theirs.status).toBe(200);
    expect(theirs.body.data.budgets[0].amountCents).toBe(total);
  });

  it('adds a project template’s tasks, budgets and discussions to the converted project', async () => {
    const template = await make.create('api::project-template.project-template', {
      name: 'Website template',
      tasks: [
        { title: 'Kick-off', dueAfterDays: 2 },
        { title: 'Internal review', hiddenFromClients: true },
      ],
      budgets: [{ name: 'Support', kind: 'retainer', amountCents: 50000 }],
      discussions: [{ title: 'Welcome' }],
    });
    const offer = await sent({ title: 'Templated launch', lines: [line({ quantity: 1, unitPriceCents: 99900 })] });
    await app.http.post(`/api/estimates/${offer.documentId}/accept`, {}, manager.jwt);

    // An unknown template: 404 and nothing written.
    const unknown = await app.http.post(
      `/api/estimates/${offer.documentId}/convert`,
      { template: 'no-such-template' },
      finance.jwt
    );
    expect(unknown.status).toBe(404);
    expect(await app.strapi.db.query(PROJECT).count({ where: { name: 'Templated launch' } })).toBe(0);

    const converted = await app.http.post(
      `/api/estimates/${offer.documentId}/convert`,
      { template: template.documentId },
      finance.jwt
    );
    expect(converted.status).toBe(201);
    const id = converted.body.data.documentId;
    expect(converted.body.data.leader.id).toBe(finance.id);
    const budgets = await app.strapi.db.query(BUDGET).findMany({ where: { project: { documentId: id } } });
    expect(budgets.map((row: Row) => [row.name, row.kind, row.amountCents]).sort()).toEqual(
      [
        [`Estimate ${offer.number}`, 'fixed', 99900],
        ['Support', 'retainer', 50000],
      ].sort()
    );
    const tasks = await app.strapi.db.query('api::task.task').findMany({ where: { project: { documentId: id } } });
    expect(tasks.map((row: Row) => row.title).sort()).toEqual(['Internal review', 'Kick-off']);
    const discussions = await app.strapi.db
      .query('api::discussion.discussion')
      .findMany({ where: { project: { documentId: id } } });
    expect(discussions.map((row: Row) => row.title)).toEqual(['Welcome']);
    // The Client Manager, now a member, never sees the hidden task.
    const theirs = await app.http.get(`/api/tasks?filters[project][documentId][$eq]=${id}`, manager.jwt);
    expect(theirs.body.data.map((row: Row) => row.title)).toEqual(['Kick-off']);
  });
});

// Two Strapi processes share one database only on PostgreSQL (docs/operations.md#several-instances).
if (databaseClient() === 'postgres') {
  describe('estimate numbers across two Strapi processes on one PostgreSQL database', () => {
    let app: TestApp;
    let second: SecondProcess;

    beforeAll(async () => {
      app = await startApp();
      second = await startSecondProcess(app.env);
    });
    afterAll(async () => {
      await second?.stop();
      await app?.stop();
    });

    it('gives no number twice and leaves no gap when both send at once', async () => {
      const make = fixtures(app);
      const company = await make.company({ name: 'Split' });
      await make.person({ role: 'client', company, clientManager: true });
      const finance = await make.person({ role: 'member', canManageFinances: true });
      const drafts: Row[] = [];
      for (let index = 0; index < 10; index += 1) {
        drafts.push(
          await make.create(ESTIMATE, {
            title: `Split ${index}`,
            company: company.documentId,
            lines: [{ description: 'Work', quantity: 1, unit: 'item', unitPriceCents: 1000 + index }],
          })
        );
      }
      const responses = await Promise.all(
        drafts.map((draft, index) =>
          (index % 2 === 0 ? app.http : second.http).post(`/api/estimates/${draft.documentId}/send`, {}, finance.jwt)
        )
      );
      expect(responses.map((response) => response.status)).toEqual(Array(10).fill(200));
      const sequences = responses
        .map((response) => Number(String(response.body.data.number).slice(9)))
        .sort((a: number, b: number) => a - b);
      expect(sequences).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    });
  });
}
