import type { ParsedMail } from 'mailparser';
import { startApp, type TestApp } from '../harness/app';
import { databaseClient } from '../harness/database';
import { fixtures, type Fixtures, type Person, type Row } from '../harness/fixtures';
import { buildWorld } from '../harness/world';
import { startSmtp, type TestSmtp } from '../harness/smtp';

const MAIL = 'plugin::client-portal.mail';
const USER = 'plugin::users-permissions.user';
const TIME = 'api::time-entry.time-entry';
const PREFERENCES_CANARY = 'CANARY-preferences-5d1c';
const HIDDEN_CANARY = 'CANARY-hidden-mention-e41a';
const ALL_ON = {
  assigned: true,
  comment: true,
  mention: true,
  'time-rejected': true,
  'invoice-issued': true,
  'estimate-sent': true,
  'scheduled-report': true,
};

/**
 * docs/collaboration.md#notification-preferences: each person chooses which notification mails
 * they get; every such mail carries a signed one-click unsubscribe link for its topic (body and
 * List-Unsubscribe header), through real HTTP and a real SMTP server.
 */
describe(`notification preferences on ${databaseClient()}`, () => {
  let app: TestApp;
  let smtp: TestSmtp;
  let make: Fixtures;
  let owner: Person;
  let leader: Person;
  let member: Person;
  let colleague: Person;
  let clientPlus: Person;
  let manager: Person;
  let outsider: Person;
  let acme: Row;
  let project: Row;

  beforeAll(async () => {
    smtp = await startSmtp();
    app = await startApp({ env: smtp.env });
    const world = await buildWorld(fixtures(app), {
      people: {
        owner: { firstName: 'Olga' },
        leader: { firstName: 'Lea', lastName: 'Lund' },
        member: { firstName: 'Max' },
        colleague: { role: 'member', firstName: 'Cem' },
        clientPlus: { firstName: 'Cleo' },
        manager: { firstName: 'Cora' },
        outsider: { role: 'member', firstName: 'Otto' },
      },
      project: {
        leader: 'leader',
        members: ['member', 'colleague', 'clientPlus', 'manager'],
        requireTimeApproval: true,
      },
    });
    ({ make, acme, project } = world);
    ({ owner, leader, member, colleague, clientPlus, manager, outsider } = world.people);
  });
  afterAll(async () => {
    await app?.stop();
    await smtp?.stop();
  });

  /** What reached the SMTP server for an address once the outbox has sent everything queued so far. */
  const mailsTo = async (address: string) => {
    const deadline = Date.now() + 10_000;
    const queued = () =>
      app.strapi.db.query(MAIL as never).count({ where: { state: { $in: ['pending', 'sending'] } } });
    while ((await queued()) > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
    return smtp.messages.filter((mail) => (mail.to && !Array.isArray(mail.to) ? mail.to.text : '') === address);
  };
  const mailAbout = async (person: Person, text: string) =>
    (await mailsTo(person.email)).filter((mail) => `${mail.subject}\n${mail.text}`.includes(text));
  const header = (mail: ParsedMail, name: string) =>
    mail.headerLines.find((line) => line.key === name.toLowerCase())?.line.replace(/^[^:]+:\s*/, '');
  /** The link of a mail's List-Unsubscribe header, checked against its bodies. */
  const unsubscribeLink = (mail: ParsedMail) => {
    const url = /^<(.+)>$/.exec(header(mail, 'List-Unsubscribe') ?? '')?.[1];
    expect(url).toMatch(
      /^http:\/\/portal\.test\/api\/client-portal\/unsubscribe\?token=[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/
    );
    expect(header(mail, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    expect(mail.text).toContain(url);
    expect(mail.html).toContain(`href="${url}"`);
    return url!;
  };
  const tokenOf = (url: string) => new URL(url).searchParams.get('token')!;
  /** What a mail client does with List-Unsubscribe-Post (RFC 8058): a form POST, no credentials. */
  const oneClick = (token: string, accept = '*/*') =>
    fetch(`${app.baseUrl}/api/client-portal/unsubscribe?token=${encodeURIComponent(token)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept },
      body: 'List-Unsubscribe=One-Click',
    });
  const preferencesOf = async (person: Person) =>
    (await app.http.get('/api/client-portal/me', person.jwt)).body.data.notifications;
  const setPreferences = async (person: Person, notifications: Record<string, boolean>) => {
    const response = await app.http.put('/api/client-portal/me', { notifications }, person.jwt);
    expect(response.status).toBe(200);
    return response.body.data.notifications;
  };
  const assign = async (title: string, assignees: Person[], hiddenFromClients = false) => {
    const response = await app.http.post(
      '/api/tasks',
      {
        data: {
          project: project.documentId,
          title,
          hiddenFromClients,
          assignees: assignees.map((person) => person.documentId),
        },
      },
      leader.jwt
    );
    expect(response.status).toBe(201);
    return response.body.data as Row;
  };
  const comment = async (task: Row, body: string, author: Person) => {
    const response = await app.http.post('/api/comments', { data: { task: task.documentId, body } }, author.jwt);
    expect(response.status).toBe(201);
  };

  describe('preferences through /api/client-portal/me', () => {
    it('lists every topic, on until turned off, and merges partial changes', async () => {
      expect(await preferencesOf(colleague)).toEqual(ALL_ON);
      expect(await setPreferences(colleague, { comment: false })).toEqual({ ...ALL_ON, comment: false });
      expect(await setPreferences(colleague, { 'estimate-sent': false, mention: true })).toEqual({
        ...ALL_ON,
        comment: false,
        'estimate-sent': false,
      });
      expect(await preferencesOf(colleague)).toEqual({ ...ALL_ON, comment: false, 'estimate-sent': false });
      // Other profile fields change beside them and leave them as they are.
      const renamed = await app.http.put('/api/client-portal/me', { title: 'Designer' }, colleague.jwt);
      expect(renamed.body.data).toMatchObject({ title: 'Designer', notifications: { comment: false } });
      expect(await setPreferences(colleague, { comment: true, 'estimate-sent': true })).toEqual(ALL_ON);
    });

    it('refuses an unknown topic or a value that is not a boolean, naming it, and changes nothing', async () => {
      await setPreferences(colleague, { assigned: false });
      const unknown = await app.http.put(
        '/api/client-portal/me',
        { notifications: { comment: false, newsletter: false } },
        colleague.jwt
      );
      expect(unknown.status).toBe(400);
      expect(unknown.body.error.message).toContain('notifications.newsletter');
      const notBoolean = await app.http.put(
        '/api/client-portal/me',
        { notifications: { comment: 'no' } },
        colleague.jwt
      );
      expect(notBoolean.status).toBe(400);
      expect(notBoolean.body.error.message).toContain('notifications.comment');
      expect(await preferencesOf(colleague)).toEqual({ ...ALL_ON, assigned: false });
      await setPreferences(colleague, { assigned: true });
    });

    it('shows a person’s choices to nobody else, on no path', async () => {
      // A stored key no topic has: it must never leave the server.
      await app.strapi.db.query(USER).update({
        where: { id: clientPlus.id },
        data: { notificationPreferences: { comment: false, [PREFERENCES_CANARY]: false } },
      });
      const reads = [
        await app.http.get('/api/users?populate=*', owner.jwt),
        await app.http.get(`/api/users/${clientPlus.id}?populate=*`, owner.jwt),
        await app.http.get(`/api/users/${clientPlus.id}`, leader.jwt),
        await app.http.get('/api/users?populate=*', manager.jwt),
        await app.http.get('/api/users/me?populate=*', clientPlus.jwt),
        await app.http.get('/api/client-portal/people', owner.jwt),
        await app.http.get(`/api/projects/${project.documentId}?populate=members`, manager.jwt),
        await app.http.get('/api/client-portal/me', clientPlus.jwt),
      ];
      for (const [index, read] of reads.entries()) {
        expect({ index, status: read.status, text: read.status === 200 ? '' : read.text }).toEqual({
          index,
          status: 200,
          text: '',
        });
        expect(read.text).not.toContain(PREFERENCES_CANARY);
        expect(read.text).not.toContain('notificationPreferences');
      }
      expect(JSON.stringify(reads[0].body)).toContain(clientPlus.email);
      // Not a filter, a field or a sort either (an oracle).
      for (const path of [
        `/api/users?filters[notificationPreferences][$containsi]=${PREFERENCES_CANARY}`,
        '/api/users?fields[0]=notificationPreferences',
        '/api/users?sort=notificationPreferences',
      ]) {
        const refused = await app.http.get(path, owner.jwt);
        expect({ path, status: refused.status }).toEqual({ path, status: 400 });
        expect(refused.text).not.toContain(PREFERENCES_CANARY);
      }
      // Nor written through the generic endpoints.
      const written = await app.http.put(
        `/api/users/${clientPlus.id}`,
        { notificationPreferences: { comment: true } },
        clientPlus.jwt
      );
      expect(written.status).toBeGreaterThanOrEqual(400);
      expect(await preferencesOf(clientPlus)).toEqual({ ...ALL_ON, comment: false });
      await setPreferences(clientPlus, { comment: true });
    });
  });

  describe('one-click unsubscribe', () => {
    let assignedToken: string;

    it('puts a signed link for the topic in the body and the List-Unsubscribe headers of an assignment', async () => {
      await assign('Homepage copy', [member]);
      const [mail] = await mailAbout(member, 'Homepage copy');
      expect(mail.subject).toBe('[Test Agency] You were assigned "Homepage copy"');
      assignedToken = tokenOf(unsubscribeLink(mail));
    });

    it('shows a page that asks before unsubscribing (a GET changes nothing)', async () => {
      const page = await fetch(`${app.baseUrl}/api/client-portal/unsubscribe?token=${assignedToken}`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toContain('text/html');
      const html = await page.text();
      expect(html).toContain(member.email);
      expect(html).toContain('<form method="post">');
      expect(html).toContain('name="List-Unsubscribe" value="One-Click"');
      expect((await preferencesOf(member)).assigned).toBe(true);
    });

    it('turns exactly that topic off with the one-click POST; the next such mail is not sent', async () => {
      const response = await oneClick(assignedToken);
      expect(response.status).toBe(200);
      expect(response.headers.get('x-ratelimit-limit')).toBeTruthy();
      expect(await response.text()).toContain('no longer gets emails about tasks assigned to you');
      expect(await preferencesOf(member)).toEqual({ ...ALL_ON, assigned: false });

      // Assigned together: Cleo hears of it, Max (turned off) does not, and no row was queued for him.
      await assign('Footer links', [member, clientPlus]);
      expect(await mailAbout(clientPlus, 'Footer links')).toHaveLength(1);
      expect(await mailAbout(member, 'Footer links')).toHaveLength(0);
      expect(
        await app.strapi.db
          .query(MAIL as never)
          .count({ where: { to: member.email, subject: { $contains: 'Footer' } } })
      ).toBe(0);

      // Other topics still reach him: a comment on a task he is assigned to.
      const task = await assign('Pricing table', [member]);
      await comment(task, 'Numbers are in', clientPlus);
      const [commented] = await mailAbout(member, 'Numbers are in');
      expect(commented.subject).toBe('[Test Agency] New comment on "Pricing table"');
      expect(tokenOf(unsubscribeLink(commented))).not.toBe(assignedToken);
      await setPreferences(member, { assigned: true });
    });

    it('refuses a token for another topic or person, a tampered or a malformed one: 400, nothing changes', async () => {
      const [payload, signature] = assignedToken.split('.');
      const encode = (text: string) => Buffer.from(text).toString('base64url');
      expect(Buffer.from(payload, 'base64url').toString()).toBe(`${member.id}:assigned`);
      const forged = [
        `${encode(`${member.id}:comment`)}.${signature}`,
        `${encode(`${clientPlus.id}:assigned`)}.${signature}`,
        `${payload}.${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`,
        'not-a-token',
      ];
      for (const token of forged) {
        const response = await oneClick(token);
        expect({ token, status: response.status }).toEqual({ token, status: 400 });
        expect(await response.text()).toContain('not valid');
      }
      const json = await oneClick(forged[0], 'application/json');
      expect(json.status).toBe(400);
      expect(await json.json()).toMatchObject({ data: null, error: { status: 400, name: 'ValidationError' } });
      const page = await fetch(`${app.baseUrl}/api/client-portal/unsubscribe?token=${forged[1]}`);
      expect(page.status).toBe(400);
      expect(await preferencesOf(member)).toEqual(ALL_ON);
      expect(await preferencesOf(clientPlus)).toEqual(ALL_ON);
    });
  });

  describe('mentions', () => {
    it('mails people mentioned by email once, as a mention, and stops only when mention is off', async () => {
      const task = await assign('Launch plan', [member, colleague]);
      await comment(task, `@${member.email} and @${owner.email.toUpperCase()}: please check.`, leader);
      const [mention] = await mailAbout(member, 'please check');
      expect(mention.subject).toBe('[Test Agency] Lea Lund mentioned you on "Launch plan"');
      expect(mention.text).toContain('please check');
      expect(tokenOf(unsubscribeLink(mention)).split('.')[0]).toBe(
        Buffer.from(`${member.id}:mention`).toString('base64url')
      );
      // Mentioned and a participant: one mail, the mention.
      expect(await mailAbout(member, 'please check')).toHaveLength(1);
      // Not mentioned, a participant: the comment mail.
      const [participant] = await mailAbout(colleague, 'please check');
      expect(participant.subject).toBe('[Test Agency] New comment on "Launch plan"');
      // The Owner sees every project: mentioned without being a member.
      expect((await mailAbout(owner, 'please check')).map((mail) => mail.subject)).toEqual([
        '[Test Agency] Lea Lund mentioned you on "Launch plan"',
      ]);

      // Comment off, mention on: the mention still arrives; mention off: nothing does.
      await setPreferences(member, { comment: false });
      await comment(task, `Ping @${member.email} again`, leader);
      expect((await mailAbout(member, 'again')).map((mail) => mail.subject)).toEqual([
        '[Test Agency] Lea Lund mentioned you on "Launch plan"',
      ]);
      await setPreferences(member, { mention: false });
      await comment(task, `Last ping @${member.email}`, leader);
      expect(await mailAbout(member, 'Last ping')).toHaveLength(0);
      await setPreferences(member, { comment: true, mention: true });

      // Mentions off, comments on: a mentioned participant hears of the comment as a comment.
      await setPreferences(colleague, { mention: false });
      await comment(task, `@${colleague.email} over to you`, leader);
      expect((await mailAbout(colleague, 'over to you')).map((mail) => mail.subject)).toEqual([
        '[Test Agency] New comment on "Launch plan"',
      ]);
      await setPreferences(colleague, { mention: true });
    });

    it('never mails a mention to someone who may not read the item', async () => {
      const hidden = await assign(HIDDEN_CANARY, [member], true);
      await comment(
        hidden,
        `@${clientPlus.email} @${manager.email} @${outsider.email} @${member.email} hidden note`,
        leader
      );
      expect(await mailAbout(member, 'hidden note')).toHaveLength(1);
      for (const person of [clientPlus, manager, outsider]) {
        expect(await mailAbout(person, 'hidden note')).toHaveLength(0);
        expect(await mailAbout(person, HIDDEN_CANARY)).toHaveLength(0);
      }
      // On a visible item the client is mentioned; the member of another project still is not.
      const visible = await assign('Visible item', [member]);
      await comment(visible, `@${clientPlus.email} @${outsider.email} visible note`, leader);
      expect(await mailAbout(clientPlus, 'visible note')).toHaveLength(1);
      expect(await mailAbout(outsider, 'visible note')).toHaveLength(0);
      // Mentioning oneself sends nothing.
      await comment(visible, `Note to self @${leader.email}`, leader);
      expect(await mailAbout(leader, 'Note to self')).toHaveLength(0);
    });
  });

  describe('time rejected', () => {
    const pending = (note: string) =>
      make.create(TIME, {
        project: project.documentId,
        person: member.documentId,
        date: '2026-11-05',
        minutes: 90,
        billable: true,
        note,
        state: 'pending',
      });

    it('tells the person whose entries were rejected why, once per decision', async () => {
      const one = await pending('Wireframes');
      const rejected = await app.http.post(
        `/api/time-entries/${one.documentId}/reject`,
        { reason: 'Book it on the design budget' },
        leader.jwt
      );
      expect(rejected.status).toBe(200);
      const [mail] = await mailAbout(member, 'Book it on the design budget');
      expect(mail.subject).toBe('[Test Agency] Lea Lund rejected your time entry');
      expect(mail.text).toContain('Wireframes');
      expect(mail.text).toContain(project.name);
      unsubscribeLink(mail);

      const two = [await pending('Call A'), await pending('Call B')];
      const bulk = await app.http.post(
        '/api/time-entries/reject',
        { documentIds: two.map((entry) => entry.documentId), reason: 'Not billable calls' },
        leader.jwt
      );
      expect(bulk.status).toBe(200);
      const mails = await mailAbout(member, 'Not billable calls');
      expect(mails).toHaveLength(1);
      expect(mails[0].subject).toBe('[Test Agency] Lea Lund rejected 2 of your time entries');
      expect(mails[0].text).toContain('Call A');
      expect(mails[0].text).toContain('Call B');
    });

    it('sends nothing once the person turned it off through the page’s form', async () => {
      const entry = await pending('Research');
      await app.http.post(`/api/time-entries/${entry.documentId}/reject`, { reason: 'Duplicate entry' }, leader.jwt);
      const [mail] = await mailAbout(member, 'Duplicate entry');
      // The page's button posts the form back to the link.
      expect((await oneClick(tokenOf(unsubscribeLink(mail)))).status).toBe(200);
      expect((await preferencesOf(member))['time-rejected']).toBe(false);

      const next = await pending('Research again');
      const rejected = await app.http.post(
        `/api/time-entries/${next.documentId}/reject`,
        { reason: 'Still a duplicate' },
        leader.jwt
      );
      expect(rejected.status).toBe(200);
      expect(await mailAbout(member, 'Still a duplicate')).toHaveLength(0);
      await setPreferences(member, { 'time-rejected': true });
    });
  });

  describe('invoice issued', () => {
    const billTo = (billingEmail: string | null) =>
      app.strapi.db.query('api::company.company').update({ where: { id: acme.id }, data: { billingEmail } });
    const issueInvoice = async () => {
      await make.create(TIME, {
        project: project.documentId,
        person: member.documentId,
        date: '2026-10-10',
        minutes: 60,
        billable: true,
        state: 'approved',
        rateCents: 10000,
      });
      const draft = await app.http.post(
        '/api/invoices/generate',
        { project: project.documentId, from: '2026-10-01', to: '2026-10-31' },
        owner.jwt
      );
      expect(draft.status).toBe(201);
      const issued = await app.http.post(`/api/invoices/${draft.body.data.documentId}/issue`, {}, owner.jwt);
      expect(issued.status).toBe(200);
      return issued.body.data as { documentId: string; number: string };
    };
    const withNumber = (mails: ParsedMail[], number: string) => mails.filter((mail) => mail.subject?.includes(number));

    it('sends a plain billing address (no person) the invoice without a link', async () => {
      await billTo('accounts@acme.test');
      const { number } = await issueInvoice();
      const [mail] = withNumber(await mailsTo('accounts@acme.test'), number);
      expect(mail.attachments.map((file) => file.filename)).toEqual([`${number}.pdf`]);
      expect(header(mail, 'List-Unsubscribe')).toBeUndefined();
      expect(mail.text).not.toContain('nsubscribe');
    });

    it('gives a billing contact who is a person the link; once they turn it off, the invoice records why it was not sent', async () => {
      await billTo(manager.email);
      const first = await issueInvoice();
      const [mail] = withNumber(await mailsTo(manager.email), first.number);
      expect(mail.attachments.map((file) => file.filename)).toEqual([`${first.number}.pdf`]);
      const url = unsubscribeLink(mail);
      expect(Buffer.from(tokenOf(url).split('.')[0], 'base64url').toString()).toBe(`${manager.id}:invoice-issued`);

      const json = await oneClick(tokenOf(url), 'application/json');
      expect(json.status).toBe(200);
      expect(await json.json()).toEqual({ data: { topic: 'invoice-issued', subscribed: false } });

      // Without a billing email the Client Managers are the contacts: the same person, the same choice.
      await billTo(null);
      const second = await issueInvoice();
      expect(withNumber(await mailsTo(manager.email), second.number)).toHaveLength(0);
      const stored = await app.strapi.db
        .query('api::invoice.invoice')
        .findOne({ where: { documentId: second.documentId } });
      expect(stored).toMatchObject({
        state: 'issued',
        sentAt: null,
        sendError: 'Every billing contact turned invoice emails off',
      });
    });
  });
});
