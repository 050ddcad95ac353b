import { startApp, type TestApp } from '../harness/app';
import { databaseClient } from '../harness/database';
import { fixtures, type Fixtures, type Person, type Row } from '../harness/fixtures';
import { buildWorld } from '../harness/world';
import { startSmtp, type TestSmtp } from '../harness/smtp';

const HIDDEN_CANARY = 'CANARY-activity-hidden-7f2e';
const LATER_CANARY = 'CANARY-activity-later-hidden-19ab';

/** docs/collaboration.md: tasks, comments, the trash, the activity feed and notifications, through real HTTP and a real SMTP server. */
describe(`collaboration on ${databaseClient()}`, () => {
  let app: TestApp;
  let smtp: TestSmtp;
  let make: Fixtures;
  let owner: Person;
  let leader: Person;
  let member: Person;
  let clientPlus: Person;
  let client: Person;
  let outsider: Person;
  let project: Row;
  let other: Row;

  beforeAll(async () => {
    smtp = await startSmtp();
    app = await startApp({ env: smtp.env });
    const world = await buildWorld(fixtures(app), {
      people: {
        owner: {},
        leader: { firstName: 'Lea' },
        member: { firstName: 'Max' },
        clientPlus: { firstName: 'Cleo' },
        client: { firstName: 'Cora' },
        outsider: { role: 'member', firstName: 'Olaf' },
      },
      project: { leader: 'leader', members: ['member', 'clientPlus', 'client'] },
    });
    ({ make, project } = world);
    ({ owner, leader, member, clientPlus, client, outsider } = world.people);
    other = await make.project(world.acme, { members: [outsider, member] });
  });
  afterAll(async () => {
    await app?.stop();
    await smtp?.stop();
  });

  const expectOk = <T extends { status: number; text: string }>(response: T, path: string) => {
    expect({ path, status: response.status, text: response.status === 200 ? '' : response.text }).toEqual({
      path,
      status: 200,
      text: '',
    });
    return response;
  };
  const count = async (path: string, person: Person) => {
    const response = await app.http.get(path, person.jwt);
    return expectOk(response, path).body.meta.pagination.total;
  };
  /** What reached the SMTP server for a person once the outbox has sent everything queued so far. */
  const mailsTo = async (person: Person) => {
    const deadline = Date.now() + 10_000;
    const queued = () =>
      app.strapi.db
        .query('plugin::client-portal.mail' as never)
        .count({ where: { state: { $in: ['pending', 'sending'] } } });
    while ((await queued()) > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
    return smtp.messages.filter((mail) => (mail.to && !Array.isArray(mail.to) ? mail.to.text : '') === person.email);
  };

  describe('tasks and comments', () => {
    it('completes and reopens a task, stamping completedAt', async () => {
      const created = await app.http.post(
        '/api/tasks',
        { data: { project: project.documentId, title: 'Copy deck' } },
        clientPlus.jwt
      );
      expect(created.status).toBe(201);
      const id = created.body.data.documentId;
      await app.http.put(`/api/tasks/${id}`, { data: { state: 'completed' } }, clientPlus.jwt);
      const done = await app.strapi.db.query('api::task.task').findOne({ where: { documentId: id } });
      expect(done.state).toBe('completed');
      expect(done.completedAt).not.toBeNull();
      await app.http.put(`/api/tasks/${id}`, { data: { state: 'open' } }, clientPlus.jwt);
      const reopened = await app.strapi.db.query('api::task.task').findOne({ where: { documentId: id } });
      expect(reopened.completedAt).toBeNull();
      const verbs = await app.strapi.db.query('api::activity.activity').findMany({
        where: { subjectId: id },
        orderBy: { id: 'asc' },
      });
      expect(verbs.map((row: Row) => row.verb)).toEqual(['created', 'completed', 'reopened']);
    });

    it('assigns only project members, and emails new assignees', async () => {
      const before = await app.strapi.db.query('api::task.task').count({});
      const stranger = await app.http.post(
        '/api/tasks',
        { data: { project: project.documentId, title: 'Nope', assignees: [outsider.documentId] } },
        owner.jwt
      );
      expect(stranger.status).toBe(400);
      expect(stranger.body.error.message).toContain('assignees');
      expect(await app.strapi.db.query('api::task.task').count({})).toBe(before);

      const assigned = await app.http.post(
        '/api/tasks',
        { data: { project: project.documentId, title: 'Review homepage', assignees: [clientPlus.documentId] } },
        leader.jwt
      );
      expect(assigned.status).toBe(201);
      const mail = (await mailsTo(clientPlus)).find((message) => message.subject?.includes('Review homepage'));
      expect(mail?.subject).toBe('[Test Agency] You were assigned "Review homepage"');
      expect(mail?.text).toContain('Lea');

      const hidden = await app.http.post(
        '/api/tasks',
        {
          data: {
            project: project.documentId,
            title: HIDDEN_CANARY,
            hiddenFromClients: true,
            assignees: [clientPlus.documentId, member.documentId],
          },
        },
        leader.jwt
      );
      expect(hidden.status).toBe(201);
      expect((await mailsTo(member)).some((message) => message.subject?.includes(HIDDEN_CANARY))).toBe(true);
      expect(smtp.messages.filter((message) => message.text?.includes(HIDDEN_CANARY)).length).toBe(1);
      expect((await mailsTo(clientPlus)).some((message) => message.text?.includes(HIDDEN_CANARY))).toBe(false);
    });

    it('attaches a comment to exactly one visible item of its project', async () => {
      const task = await make.create('api::task.task', { project: project.documentId, title: 'Visible' });
      const elsewhere = await make.create('api::task.task', { project: other.documentId, title: 'Elsewhere' });
      const comment = (data: Record<string, unknown>, person: Person = client) =>
        app.http.post('/api/comments', { data: { body: 'Looks good', ...data } }, person.jwt);

      const filled = await comment({ task: task.documentId });
      expect(filled.status).toBe(201);
      const stored = await app.strapi.db
        .query('api::comment.comment')
        .findOne({ where: { documentId: filled.body.data.documentId }, populate: ['project', 'author'] });
      expect(stored.project.documentId).toBe(project.documentId);
      expect(stored.author.id).toBe(client.id);

      const none = await comment({ project: project.documentId });
      expect(none.status).toBe(400);
      expect(none.body.error.message).toContain('task');
      const mismatch = await comment({ project: project.documentId, task: elsewhere.documentId }, owner);
      expect(mismatch.status).toBe(400);
      expect(mismatch.body.error.message).toContain('task');
      const invisible = await comment({ task: elsewhere.documentId });
      expect(invisible.status).toBe(400);
    });

    it('emails discussion participants about new comments, never clients about hidden discussions', async () => {
      const discussion = await app.http.post(
        '/api/discussions',
        { data: { project: project.documentId, title: 'Launch date' } },
        client.jwt
      );
      const id = discussion.body.data.documentId;
      await app.http.post('/api/comments', { data: { discussion: id, body: 'How about May?' } }, member.jwt);
      const toClient = (await mailsTo(client)).find((mail) => mail.subject?.includes('Launch date'));
      expect(toClient?.subject).toBe('[Test Agency] New comment on "Launch date"');
      expect(toClient?.text).toContain('How about May?');
      await app.http.post('/api/comments', { data: { discussion: id, body: 'May works' } }, client.jwt);
      expect((await mailsTo(member)).some((mail) => mail.text?.includes('May works'))).toBe(true);

      const internal = await make.create('api::discussion.discussion', {
        project: project.documentId,
        title: 'Internal pricing',
        hiddenFromClients: true,
        author: client.documentId,
      });
      await app.http.post(
        '/api/comments',
        { data: { discussion: internal.documentId, body: 'Margin talk' } },
        member.jwt
      );
      expect((await mailsTo(client)).some((mail) => mail.text?.includes('Margin talk'))).toBe(false);
    });
  });

  describe('the trash', () => {
    it('moves a deleted note to the trash, gone from every read and count, and back', async () => {
      const baseline = await count('/api/notes', member);
      const note = await app.http.post(
        '/api/notes',
        { data: { project: project.documentId, title: 'Meeting notes', body: 'Agenda' } },
        client.jwt
      );
      const id = note.body.data.documentId;
      await app.http.post('/api/comments', { data: { note: id, body: 'Added item' } }, member.jwt);
      expect(await count('/api/notes', member)).toBe(baseline + 1);
      const commentsBefore = await count('/api/comments', member);

      expect((await app.http.del(`/api/notes/${id}`, client.jwt)).status).toBe(204);
      expect(await count('/api/notes', member)).toBe(baseline);
      expect(await count('/api/comments', member)).toBe(commentsBefore - 1);
      expect((await app.http.get(`/api/notes/${id}`, member.jwt)).status).toBe(404);
      const project_ = await app.http.get(`/api/projects/${project.documentId}?populate[notes]=true`, member.jwt);
      expect(project_.body.data.notes.map((row: Row) => row.documentId)).not.toContain(id);

      const trash = await app.http.get('/api/client-portal/trash', member.jwt);
      expect(trash.status).toBe(200);
      const item = trash.body.data.find((row: Row) => row.documentId === id);
      expect(item).toMatchObject({ type: 'api::note.note', title: 'Meeting notes', deletedBy: { id: client.id } });
      expect((await app.http.get('/api/client-portal/trash', client.jwt)).status).toBe(403);

      expect((await app.http.del(`/api/client-portal/trash/api::note.note/${id}`, leader.jwt)).status).toBe(403);
      expect(
        (await app.http.post(`/api/client-portal/trash/api::note.note/${id}/restore`, {}, client.jwt)).status
      ).toBe(403);
      expect(
        (await app.http.post(`/api/client-portal/trash/api::note.note/${id}/restore`, {}, outsider.jwt)).status
      ).toBe(404);
      const restored = await app.http.post(`/api/client-portal/trash/api::note.note/${id}/restore`, {}, member.jwt);
      expect(restored.status).toBe(200);
      expect(await count('/api/notes', member)).toBe(baseline + 1);
      expect(await count('/api/comments', member)).toBe(commentsBefore);

      await app.http.del(`/api/notes/${id}`, member.jwt);
      expect((await app.http.del(`/api/client-portal/trash/api::note.note/${id}`, owner.jwt)).status).toBe(204);
      expect(await app.strapi.db.query('api::note.note').count({ where: { documentId: id } })).toBe(0);
      expect((await app.http.del(`/api/client-portal/trash/api::note.note/${id}`, owner.jwt)).status).toBe(404);
      expect((await app.http.del(`/api/client-portal/trash/api::budget.budget/${id}`, owner.jwt)).status).toBe(404);
    });

    it('lets only an Owner empty the trash', async () => {
      const task = await make.create('api::task.task', { project: project.documentId, title: 'Old task' });
      await app.http.del(`/api/tasks/${task.documentId}`, leader.jwt);
      expect((await app.http.del('/api/client-portal/trash', leader.jwt)).status).toBe(403);
      const emptied = await app.http.del('/api/client-portal/trash', owner.jwt);
      expect(emptied.status).toBe(200);
      expect(emptied.body.data.deleted).toBeGreaterThanOrEqual(1);
      expect((await app.http.get('/api/client-portal/trash', owner.jwt)).body.data).toEqual([]);
    });
  });

  describe('the activity feed', () => {
    it('shows a client only activity about what they can see, newest first', async () => {
      const feed = (person: Person) =>
        app.http.get(`/api/activities?project=${project.documentId}&pagination[pageSize]=100`, person.jwt);
      const before = (await feed(client)).body.meta.pagination.total;
      const staffBefore = (await feed(member)).body.meta.pagination.total;

      await app.http.post(
        '/api/tasks',
        { data: { project: project.documentId, title: `${HIDDEN_CANARY} plan`, hiddenFromClients: true } },
        leader.jwt
      );
      const visible = await app.http.post(
        '/api/tasks',
        { data: { project: project.documentId, title: LATER_CANARY } },
        leader.jwt
      );
      const asClient = await feed(client);
      expect(asClient.status).toBe(200);
      expect(asClient.text).not.toContain(HIDDEN_CANARY);
      expect(asClient.body.meta.pagination.total).toBe(before + 1);
      expect(asClient.body.data[0]).toMatchObject({ verb: 'created', subjectType: 'api::task.task' });
      expect(asClient.body.data[0].summary).toContain(LATER_CANARY);
      expect(asClient.body.data).not.toContainEqual(expect.objectContaining({ hiddenFromClients: expect.anything() }));

      const asStaff = await feed(member);
      expect(asStaff.body.meta.pagination.total).toBe(staffBefore + 2);
      expect(asStaff.text).toContain(HIDDEN_CANARY);

      // Hiding the visible task later takes its activity away from clients too.
      await app.http.put(
        `/api/tasks/${visible.body.data.documentId}`,
        { data: { hiddenFromClients: true } },
        leader.jwt
      );
      const later = await feed(client);
      expect(later.text).not.toContain(LATER_CANARY);
      expect(later.body.meta.pagination.total).toBe(before);
      const times = (await feed(member)).body.data.map((row: Row) => row.createdAt);
      expect([...times].sort().reverse()).toEqual(times);
    });
  });
});
