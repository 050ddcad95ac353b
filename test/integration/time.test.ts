import { startApp, type TestApp } from '../harness/app';
import { databaseClient } from '../harness/database';
import { fixtures, type Fixtures, type Person, type Row } from '../harness/fixtures';
import { buildWorld } from '../harness/world';

const TIME = 'api::time-entry.time-entry';
const EXPENSE = 'api::expense.expense';

/** Time and expense writes (docs/time-budgets-invoices.md): who logs for whom, snapshots, statuses, edits, invoiced entries, approval and rejection. */
describe(`time entries and expenses on ${databaseClient()}`, () => {
  let app: TestApp;
  let make: Fixtures;
  let owner: Person;
  let leader: Person;
  let member: Person;
  let colleague: Person;
  let memberP: Person;
  let memberF: Person;
  let clientPlus: Person;
  let manager: Person;
  let approving: Row;
  let open: Row;
  let untracked: Row;
  let elsewhere: Row;
  let budget: Row;
  let override: Row;

  beforeAll(async () => {
    app = await startApp();
    const world = await buildWorld(fixtures(app), {
      people: {
        owner: {},
        leader: { hourlyRateCents: 12000, costRateCents: 6000 },
        member: { hourlyRateCents: 9000, costRateCents: 4500 },
        colleague: { role: 'member', hourlyRateCents: 8000, costRateCents: 3000 },
        memberP: { hourlyRateCents: 1 },
        memberF: { hourlyRateCents: 10000 },
        clientPlus: {},
        manager: {},
      },
      project: { leader: 'leader', requireTimeApproval: true },
    });
    ({ make, project: approving } = world);
    ({ owner, leader, member, colleague, memberP, memberF, clientPlus, manager } = world.people);
    const { acme } = world;
    const team = { leader, members: [member, colleague, memberP, memberF, clientPlus, manager] };
    open = await make.project(acme, team);
    untracked = await make.project(acme, { ...team, trackingEnabled: false });
    elsewhere = await make.project(acme, { members: [member] });
    budget = await make.create('api::budget.budget', { project: approving.documentId, name: 'Design', amountCents: 1 });
    override = await make.create('api::budget.budget', {
      project: approving.documentId,
      name: 'Build',
      amountCents: 1,
      hourlyRateCents: 15000,
    });
  });
  afterAll(() => app?.stop());

  const log = (person: Person, data: Record<string, unknown>) =>
    app.http.post('/api/time-entries', { data: { date: '2026-11-02', minutes: 90, ...data } }, person.jwt);
  const stored = (uid: string, documentId: string) =>
    app.strapi.db.query(uid as never).findOne({
      where: { documentId },
      populate: ['person', 'approvedBy', 'project'],
    }) as Promise<Row>;

  describe('logging', () => {
    it('snapshots the person’s rate and cost, and the budget’s override when it has one', async () => {
      const plain = await log(member, { project: approving.documentId, budget: budget.documentId });
      expect(plain.status).toBe(201);
      const row = await stored(TIME, plain.body.data.documentId);
      expect(row).toMatchObject({ rateCents: 9000, costCents: 6750, minutes: 90, state: 'pending' });
      expect(row.person.id).toBe(member.id);

      const withOverride = await log(member, { project: approving.documentId, budget: override.documentId });
      expect(await stored(TIME, withOverride.body.data.documentId)).toMatchObject({
        rateCents: 15000,
        costCents: 6750,
      });
    });

    it('approves on creation without required approval, starts pending with it', async () => {
      const auto = await log(member, { project: open.documentId, minutes: 1 });
      const row = await stored(TIME, auto.body.data.documentId);
      expect(row).toMatchObject({ state: 'approved', rateCents: 9000, costCents: 75 });
      expect(row.approvedAt).not.toBeNull();
      const pending = await log(member, { project: approving.documentId });
      expect((await stored(TIME, pending.body.data.documentId)).state).toBe('pending');
    });

    it('lets only Owners, Member+ F and the project leader log for someone else', async () => {
      const forColleague = (actor: Person) => log(actor, { project: open.documentId, person: colleague.documentId });
      expect((await forColleague(member)).status).toBe(403);
      expect((await forColleague(memberP)).status).toBe(403);
      for (const actor of [owner, memberF, leader]) {
        const response = await forColleague(actor);
        expect(response.status).toBe(201);
        const row = await stored(TIME, response.body.data.documentId);
        expect(row.person.id).toBe(colleague.id);
        expect(row.rateCents).toBe(8000);
      }
      // Clients never log time, neither for themselves nor for others.
      expect((await log(clientPlus, { project: open.documentId })).status).toBe(403);
      expect((await log(manager, { project: open.documentId })).status).toBe(403);
      // The person must be an agency person on the project.
      const notOnProject = await log(owner, { project: elsewhere.documentId, person: colleague.documentId });
      expect(notOnProject.status).toBe(400);
      expect(notOnProject.body.error.message).toContain('person');
      const aClient = await log(owner, { project: open.documentId, person: clientPlus.documentId });
      expect(aClient.status).toBe(400);
      expect(aClient.body.error.message).toContain('person');
    });

    it('answers bad input with 400 naming the field, and writes nothing', async () => {
      const before = await app.strapi.db.query(TIME).count({});
      const cases: [Record<string, unknown>, string][] = [
        [{ project: open.documentId, minutes: 0 }, 'minutes'],
        [{ project: open.documentId, minutes: 1441 }, 'minutes'],
        [{ project: open.documentId, minutes: 'ten' }, 'minutes'],
        [{ minutes: 30 }, 'project'],
        [{ project: untracked.documentId }, 'project'],
        [{ project: open.documentId, budget: budget.documentId }, 'budget'],
        [{ project: open.documentId, state: 'approved' }, 'state'],
        [{ project: open.documentId, rateCents: 1 }, 'rateCents'],
        [{ project: open.documentId, approvedBy: owner.documentId }, 'approvedBy'],
      ];
      for (const [data, field] of cases) {
        const response = await log(member, data);
        expect({ field, status: response.status }).toEqual({ field, status: 400 });
        expect(response.body.error.message).toContain(field);
      }
      const task = await make.create('api::task.task', { project: elsewhere.documentId, title: 'Elsewhere' });
      const wrongTask = await log(member, { project: open.documentId, task: task.documentId });
      expect(wrongTask.status).toBe(400);
      expect(wrongTask.body.error.message).toContain('task');
      expect(await app.strapi.db.query(TIME).count({})).toBe(before);
    });

    it('keeps expenses in their budget’s currency', async () => {
      const spend = (data: Record<string, unknown>) =>
        app.http.post(
          '/api/expenses',
          { data: { date: '2026-11-02', description: 'Fonts', amountCents: 4900, ...data } },
          member.jwt
        );
      const usd = await spend({ project: approving.documentId, budget: budget.documentId, currency: 'USD' });
      expect(usd.status).toBe(400);
      expect(usd.body.error.message).toContain('currency');
      const created = await spend({ project: approving.documentId, budget: budget.documentId });
      expect(created.status).toBe(201);
      expect(await stored(EXPENSE, created.body.data.documentId)).toMatchObject({
        currency: 'EUR',
        state: 'pending',
        amountCents: 4900,
      });
    });
  });

  describe('editing', () => {
    it('sends an edited approved entry back to pending where approval is required', async () => {
      const entry = await make.create(TIME, {
        project: approving.documentId,
        person: member.documentId,
        date: '2026-11-03',
        minutes: 60,
        state: 'approved',
        approvedBy: leader.documentId,
        approvedAt: new Date(),
      });
      const edited = await app.http.put(
        `/api/time-entries/${entry.documentId}`,
        { data: { minutes: 120 } },
        member.jwt
      );
      expect(edited.status).toBe(200);
      const row = await stored(TIME, entry.documentId);
      expect(row).toMatchObject({ state: 'pending', minutes: 120, costCents: 9000, approvedAt: null });
      expect(row.approvedBy).toBeNull();

      const onOpen = await make.create(TIME, {
        project: open.documentId,
        person: member.documentId,
        date: '2026-11-03',
        minutes: 60,
        state: 'approved',
      });
      await app.http.put(`/api/time-entries/${onOpen.documentId}`, { data: { note: 'More detail' } }, member.jwt);
      expect(await stored(TIME, onOpen.documentId)).toMatchObject({ state: 'approved', note: 'More detail' });
    });

    it('refuses to edit or delete an invoiced entry (409), and leaves it as it was', async () => {
      const invoice = await make.create('api::invoice.invoice', { project: open.documentId, currency: 'EUR' });
      const entry = await make.create(TIME, {
        project: open.documentId,
        person: member.documentId,
        date: '2026-11-04',
        minutes: 30,
        state: 'approved',
        invoice: invoice.documentId,
      });
      const edit = await app.http.put(`/api/time-entries/${entry.documentId}`, { data: { minutes: 45 } }, owner.jwt);
      expect(edit.status).toBe(409);
      expect(edit.body.error.details.code).toBe('ENTRY_INVOICED');
      expect((await app.http.del(`/api/time-entries/${entry.documentId}`, owner.jwt)).status).toBe(409);
      const reject = await app.http.post(
        `/api/time-entries/${entry.documentId}/reject`,
        { reason: 'Too late' },
        owner.jwt
      );
      expect(reject.status).toBe(409);
      expect(await stored(TIME, entry.documentId)).toMatchObject({ minutes: 30, state: 'approved' });
    });
  });

  describe('approval', () => {
    const pendingOf = (person: Person, project = approving) =>
      make.create(TIME, {
        project: project.documentId,
        person: person.documentId,
        date: '2026-11-05',
        minutes: 60,
        state: 'pending',
      });

    it('approves and rejects with a reason, recording who and when', async () => {
      const entry = await pendingOf(member);
      const approved = await app.http.post(`/api/time-entries/${entry.documentId}/approve`, {}, leader.jwt);
      expect(approved.status).toBe(200);
      expect(approved.body.data).toMatchObject({
        documentId: entry.documentId,
        state: 'approved',
        approvedBy: { id: leader.id },
        rejectionReason: null,
      });
      const row = await stored(TIME, entry.documentId);
      expect(row.state).toBe('approved');
      expect(row.approvedBy.id).toBe(leader.id);

      const noReason = await app.http.post(`/api/time-entries/${entry.documentId}/reject`, {}, leader.jwt);
      expect(noReason.status).toBe(400);
      expect(noReason.body.error.message).toContain('reason');
      const blank = await app.http.post(`/api/time-entries/${entry.documentId}/reject`, { reason: '  ' }, leader.jwt);
      expect(blank.status).toBe(400);

      const rejected = await app.http.post(
        `/api/time-entries/${entry.documentId}/reject`,
        { reason: 'Wrong task' },
        memberF.jwt
      );
      expect(rejected.status).toBe(200);
      expect(await stored(TIME, entry.documentId)).toMatchObject({
        state: 'rejected',
        rejectionReason: 'Wrong task',
        approvedAt: null,
      });
    });

    it('approves an approved entry as a no-op: same stamp, same approver, one activity', async () => {
      const entry = await pendingOf(member);
      const first = await app.http.post(`/api/time-entries/${entry.documentId}/approve`, {}, leader.jwt);
      expect(first.status).toBe(200);
      const again = await app.http.post(`/api/time-entries/${entry.documentId}/approve`, {}, memberF.jwt);
      expect(again.status).toBe(200);
      expect(again.body.data).toEqual(first.body.data);
      const row = await stored(TIME, entry.documentId);
      expect(new Date(row.approvedAt).toISOString()).toBe(first.body.data.approvedAt);
      expect(row.approvedBy.id).toBe(leader.id);
      const activities = await app.strapi.db
        .query('api::activity.activity')
        .findMany({ where: { subjectType: TIME, subjectId: entry.documentId, verb: 'approved' } });
      expect(activities).toHaveLength(1);
      const bulk = await app.http.post('/api/time-entries/approve', { documentIds: [entry.documentId] }, leader.jwt);
      expect(bulk.status).toBe(200);
      expect(
        await app.strapi.db
          .query('api::activity.activity')
          .count({ where: { subjectType: TIME, subjectId: entry.documentId, verb: 'approved' } })
      ).toBe(1);
    });

    it('never lets anyone approve their own entry', async () => {
      for (const person of [leader, memberF, owner]) {
        const own = await pendingOf(person);
        const response = await app.http.post(`/api/time-entries/${own.documentId}/approve`, {}, person.jwt);
        expect(response.status).toBe(403);
        expect((await stored(TIME, own.documentId)).state).toBe('pending');
      }
    });

    it('approves a set of entries in one transaction: all of them or none', async () => {
      const mine = await pendingOf(leader);
      const others = [await pendingOf(member), await pendingOf(colleague)];
      const mixed = await app.http.post(
        '/api/time-entries/approve',
        { documentIds: [...others.map((row) => row.documentId), mine.documentId] },
        leader.jwt
      );
      expect(mixed.status).toBe(403);
      for (const row of [...others, mine]) expect((await stored(TIME, row.documentId)).state).toBe('pending');

      const unknown = await app.http.post(
        '/api/time-entries/approve',
        { documentIds: [others[0].documentId, 'no-such-entry'] },
        leader.jwt
      );
      expect(unknown.status).toBe(404);
      expect((await stored(TIME, others[0].documentId)).state).toBe('pending');

      const all = await app.http.post(
        '/api/time-entries/approve',
        { documentIds: others.map((row) => row.documentId) },
        leader.jwt
      );
      expect(all.status).toBe(200);
      expect(all.body.meta.count).toBe(2);
      for (const row of others) expect((await stored(TIME, row.documentId)).state).toBe('approved');

      const rejectAll = await app.http.post(
        '/api/time-entries/reject',
        { documentIds: others.map((row) => row.documentId), rejectionReason: 'Duplicate' },
        owner.jwt
      );
      expect(rejectAll.status).toBe(200);
      for (const row of others) {
        expect(await stored(TIME, row.documentId)).toMatchObject({ state: 'rejected', rejectionReason: 'Duplicate' });
      }
      const empty = await app.http.post('/api/time-entries/approve', { documentIds: [] }, owner.jwt);
      expect(empty.status).toBe(400);
      expect(empty.body.error.message).toContain('documentIds');
    });

    it('queues pending work for a Client Manager where clients approve time, never hidden work', async () => {
      const acme = await app.strapi.db.query('api::company.company').findOne({ where: { name: 'Acme' } });
      const clientsApprove = await make.project(acme, {
        leader,
        members: [member, manager, clientPlus],
        requireTimeApproval: true,
        clientsCanApproveTime: true,
      });
      const hidden = await make.create('api::task.task', {
        project: clientsApprove.documentId,
        title: 'Internal',
        hiddenFromClients: true,
      });
      const entry = await make.create(TIME, {
        project: clientsApprove.documentId,
        person: member.documentId,
        date: '2026-11-06',
        minutes: 75,
        note: 'Review call',
        state: 'pending',
        rateCents: 43210,
      });
      const internal = await make.create(TIME, {
        project: clientsApprove.documentId,
        task: hidden.documentId,
        person: member.documentId,
        date: '2026-11-06',
        minutes: 30,
        state: 'pending',
      });
      const queue = await app.http.get('/api/client-portal/approvals', manager.jwt);
      expect(queue.status).toBe(200);
      expect(queue.body.data).toEqual([
        {
          documentId: entry.documentId,
          date: '2026-11-06',
          minutes: 75,
          note: 'Review call',
          billable: true,
          person: {
            id: member.id,
            documentId: member.documentId,
            firstName: member.firstName,
            lastName: member.lastName,
          },
          project: { documentId: clientsApprove.documentId, name: clientsApprove.name },
          task: null,
        },
      ]);
      expect(queue.body.meta.pagination.total).toBe(1);
      expect(queue.text).not.toContain('43210');
      expect((await app.http.get('/api/client-portal/approvals', clientPlus.jwt)).body.data).toEqual([]);
      expect((await app.http.post(`/api/time-entries/${internal.documentId}/approve`, {}, manager.jwt)).status).toBe(
        404
      );
      expect((await app.http.post(`/api/time-entries/${entry.documentId}/approve`, {}, clientPlus.jwt)).status).toBe(
        404
      );
      const approved = await app.http.post(`/api/time-entries/${entry.documentId}/approve`, {}, manager.jwt);
      expect(approved.status).toBe(200);
      expect((await stored(TIME, entry.documentId)).approvedBy.id).toBe(manager.id);
      expect((await app.http.get('/api/client-portal/approvals', manager.jwt)).body.data).toEqual([]);
      // The leader's queue holds the hidden entry; bad paging is a 400 naming the field.
      const leaders = await app.http.get('/api/client-portal/approvals?type=time-entries&pageSize=100', leader.jwt);
      expect(leaders.body.data.map((row: Row) => row.documentId)).toContain(internal.documentId);
      const tooMany = await app.http.get('/api/client-portal/approvals?pageSize=101', leader.jwt);
      expect(tooMany.status).toBe(400);
      expect(tooMany.body.error.message).toContain('pageSize');
    });

    it('approves expenses the same way', async () => {
      const expense = await make.create(EXPENSE, {
        project: approving.documentId,
        person: member.documentId,
        date: '2026-11-05',
        description: 'Train',
        amountCents: 5600,
        state: 'pending',
      });
      expect((await app.http.post(`/api/expenses/${expense.documentId}/approve`, {}, member.jwt)).status).toBe(403);
      const approved = await app.http.post(`/api/expenses/${expense.documentId}/approve`, {}, owner.jwt);
      expect(approved.status).toBe(200);
      expect(await stored(EXPENSE, expense.documentId)).toMatchObject({ state: 'approved' });
    });
  });
});
