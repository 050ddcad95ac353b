import { startApp, type TestApp } from '../harness/app';
import { databaseClient } from '../harness/database';
import { fixtures, type Fixtures, type Person, type Row } from '../harness/fixtures';
import { buildWorld } from '../harness/world';

const PROJECT = 'api::project.project';
const TASK = 'api::task.task';
const BUDGET = 'api::budget.budget';
const DISCUSSION = 'api::discussion.discussion';
const TEMPLATE = 'api::project-template.project-template';
const TEAM = 'api::team.team';

const HIDDEN_TASK = 'CANARY-hidden-template-task-51c9';
const TEMPLATE_SECRET = 'CANARY-template-only-text-0d2e';
const TEAM_NAME = 'CANARY-team-name-7b41';

describe(`project templates and teams on ${databaseClient()}`, () => {
  let app: TestApp;
  let make: Fixtures;
  let owner: Person;
  let planner: Person; // Member+ "projects"
  let member: Person;
  let teammate: Person;
  let finance: Person;
  let manager: Person; // Client Manager of Acme
  let clientPlus: Person;
  let acme: Row;
  let globex: Row;
  let template: Row;

  const templateBody = {
    name: 'Website launch',
    description: TEMPLATE_SECRET,
    tasks: [
      { title: 'Kick-off', description: 'Meet the client', estimateMinutes: 60, dueAfterDays: 0 },
      { title: HIDDEN_TASK, description: TEMPLATE_SECRET, hiddenFromClients: true, dueAfterDays: 5 },
      { title: 'Go live', dueAfterDays: 34 },
      { title: 'Someday' },
    ],
    budgets: [
      { name: 'Design', kind: 'fixed', amountCents: 500000, clientAccess: true },
      { name: 'Support', kind: 'retainer', amountCents: 120000, currency: 'USD' },
    ],
    discussions: [
      { title: 'Welcome', body: 'Hello and welcome' },
      { title: 'Internal notes', body: TEMPLATE_SECRET, hiddenFromClients: true },
    ],
  };

  const counts = async () => ({
    projects: await app.strapi.db.query(PROJECT).count({}),
    tasks: await app.strapi.db.query(TASK).count({}),
    budgets: await app.strapi.db.query(BUDGET).count({}),
    discussions: await app.strapi.db.query(DISCUSSION).count({}),
  });

  const fromTemplate = (person: Person, body: Record<string, unknown>) =>
    app.http.post('/api/projects/from-template', body, person.jwt);

  const memberIdsOf = async (documentId: string): Promise<number[]> => {
    const project = await app.strapi.db
      .query(PROJECT)
      .findOne({ where: { documentId }, populate: { members: { select: ['id'] } } });
    return (project.members as { id: number }[]).map((person) => person.id).sort((a, b) => a - b);
  };

  const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b);

  beforeAll(async () => {
    app = await startApp();
    // The planner sees Acme and its people through a project they lead; Globex is nothing of theirs.
    const world = await buildWorld(fixtures(app), {
      people: {
        owner: {},
        planner: { role: 'member', canManageProjects: true },
        member: {},
        teammate: { role: 'member' },
        finance: {},
        manager: {},
        clientPlus: {},
      },
      globex: true,
      project: { name: 'Acme retainer', leader: 'planner', members: ['member', 'manager'] },
    });
    ({ make, acme, globex } = world);
    ({ owner, planner, member, teammate, finance, manager, clientPlus } = world.people);
  });

  afterAll(() => app?.stop());

  describe('templates', () => {
    it('lets Owners and Member+ "projects" create templates, and nobody else', async () => {
      const created = await app.http.post('/api/project-templates?populate=*', { data: templateBody }, owner.jwt);
      expect(created.status).toBe(201);
      template = created.body.data;
      expect(template.tasks).toHaveLength(4);
      expect(template.budgets.map((budget: Row) => budget.amountCents)).toEqual([500000, 120000]);

      const byPlanner = await app.http.post(
        '/api/project-templates',
        { data: { name: 'Planner template' } },
        planner.jwt
      );
      expect(byPlanner.status).toBe(201);
      for (const person of [member, finance, manager, clientPlus]) {
        const refused = await app.http.post('/api/project-templates', { data: { name: 'Not allowed' } }, person.jwt);
        expect(refused.status).toBe(403);
      }
      expect(await app.strapi.db.query(TEMPLATE).count({ where: { name: 'Not allowed' } })).toBe(0);

      const edit = await app.http.put(
        `/api/project-templates/${byPlanner.body.data.documentId}`,
        { data: { name: 'Planner template v2' } },
        member.jwt
      );
      expect(edit.status).toBe(403);
      const ownEdit = await app.http.put(
        `/api/project-templates/${byPlanner.body.data.documentId}`,
        { data: { name: 'Planner template v2' } },
        planner.jwt
      );
      expect(ownEdit.status).toBe(200);
      expect(ownEdit.body.data.name).toBe('Planner template v2');
      expect((await app.http.del(`/api/project-templates/${byPlanner.body.data.documentId}`, member.jwt)).status).toBe(
        403
      );
      expect((await app.http.del(`/api/project-templates/${byPlanner.body.data.documentId}`, planner.jwt)).status).toBe(
        204
      );
      expect(await app.strapi.db.query(TEMPLATE).count({})).toBe(1);
    });

    it('lets every staff person read templates with their components', async () => {
      for (const person of [member, finance, planner]) {
        const list = await app.http.get('/api/project-templates?populate=*', person.jwt);
        expect(list.status).toBe(200);
        expect(list.body.data.map((row: Row) => row.name)).toEqual(['Website launch']);
        expect(list.body.data[0].tasks.map((task: Row) => task.title)).toContain(HIDDEN_TASK);
      }
    });

    it('never shows templates to clients, whatever they ask', async () => {
      for (const person of [manager, clientPlus]) {
        const responses = [
          await app.http.get('/api/project-templates', person.jwt),
          await app.http.get('/api/project-templates?populate=*', person.jwt),
          await app.http.get(`/api/project-templates/${template.documentId}?populate=*`, person.jwt),
          await app.http.get(`/api/project-templates?filters[tasks][title][$eq]=${HIDDEN_TASK}`, person.jwt),
        ];
        for (const response of responses) {
          expect(response.status).toBe(403);
          expect(response.text).not.toContain(HIDDEN_TASK);
          expect(response.text).not.toContain(TEMPLATE_SECRET);
        }
      }
    });
  });

  describe('POST /api/projects/from-template', () => {
    let made: Row;

    it('creates the project, its tasks, budgets and discussions in one go (201)', async () => {
      const response = await fromTemplate(owner, {
        template: template.documentId,
        name: 'Acme launch',
        company: acme.documentId,
        leader: planner.id,
        startsOn: '2026-12-28',
      });
      expect(response.status).toBe(201);
      made = response.body.data;
      expect(made.name).toBe('Acme launch');
      expect(made.company.documentId).toBe(acme.documentId);
      expect(made.leader.id).toBe(planner.id);
      expect(sorted(made.members.map((person: Row) => person.id))).toEqual(sorted([owner.id, planner.id]));

      const tasks = await app.strapi.db.query(TASK).findMany({
        where: { project: { documentId: made.documentId } },
        orderBy: { id: 'asc' },
      });
      expect(tasks.map((task: Row) => [task.title, task.dueOn, task.hiddenFromClients, task.estimateMinutes])).toEqual([
        ['Kick-off', '2026-12-28', false, 60],
        [HIDDEN_TASK, '2027-01-02', true, null],
        ['Go live', '2027-01-31', false, null],
        ['Someday', null, false, null],
      ]);
      const budgets = await app.strapi.db.query(BUDGET).findMany({
        where: { project: { documentId: made.documentId } },
        orderBy: { id: 'asc' },
      });
      expect(
        budgets.map((budget: Row) => [
          budget.name,
          budget.kind,
          Number(budget.amountCents),
          budget.currency,
          budget.clientAccess,
        ])
      ).toEqual([
        ['Design', 'fixed', 500000, 'EUR', true],
        ['Support', 'retainer', 120000, 'USD', false],
      ]);
      const discussions = await app.strapi.db.query(DISCUSSION).findMany({
        where: { project: { documentId: made.documentId } },
        orderBy: { id: 'asc' },
      });
      expect(discussions.map((row: Row) => [row.title, row.hiddenFromClients])).toEqual([
        ['Welcome', false],
        ['Internal notes', true],
      ]);
    });

    it('shows clients of the new project the visible items only, never the template or the hidden task', async () => {
      await app.strapi.documents(PROJECT).update({
        documentId: made.documentId,
        data: { members: { connect: [manager.documentId] } },
      } as never);
      const project = await app.http.get(`/api/projects/${made.documentId}?populate=*`, manager.jwt);
      expect(project.status).toBe(200);
      expect(project.body.data.name).toBe('Acme launch');
      expect(project.body.data).not.toHaveProperty('teams');
      expect(project.text).not.toContain(HIDDEN_TASK);
      expect(project.text).not.toContain(TEMPLATE_SECRET);
      const tasks = await app.http.get(`/api/tasks?filters[project][documentId][$eq]=${made.documentId}`, manager.jwt);
      expect(tasks.body.data.map((task: Row) => task.title).sort()).toEqual(['Go live', 'Kick-off', 'Someday']);
      expect(tasks.text).not.toContain(HIDDEN_TASK);
      const discussions = await app.http.get(
        `/api/discussions?filters[project][documentId][$eq]=${made.documentId}`,
        manager.jwt
      );
      expect(discussions.body.data.map((row: Row) => row.title)).toEqual(['Welcome']);
      expect(discussions.text).not.toContain(TEMPLATE_SECRET);
      const feed = await app.http.get(`/api/activities?project=${made.documentId}`, manager.jwt);
      expect(feed.status).toBe(200);
      expect(feed.body.data.length).toBeGreaterThan(0);
      expect(feed.text).not.toContain(HIDDEN_TASK);
      expect(feed.text).not.toContain(TEMPLATE_SECRET);
    });

    it('makes a Member+ "projects" the leader when no leader is given', async () => {
      const response = await fromTemplate(planner, {
        template: template.documentId,
        name: 'Planner launch',
        company: acme.documentId,
        startsOn: '2027-02-01',
      });
      expect(response.status).toBe(201);
      expect(response.body.data.leader.id).toBe(planner.id);
      expect(await memberIdsOf(response.body.data.documentId)).toEqual([planner.id]);
      expect(
        await app.strapi.db.query(TASK).count({ where: { project: { documentId: response.body.data.documentId } } })
      ).toBe(4);
    });

    it('refuses people who may not create projects (403) and writes nothing', async () => {
      const before = await counts();
      for (const person of [member, finance, manager, clientPlus]) {
        const response = await fromTemplate(person, {
          template: template.documentId,
          name: 'Refused',
          company: acme.documentId,
          startsOn: '2027-01-01',
        });
        expect(response.status).toBe(403);
        expect(response.text).not.toContain(HIDDEN_TASK);
      }
      expect(await counts()).toEqual(before);
    });

    it('answers bad input with 400 naming the field, an unknown template with 404, and writes nothing', async () => {
      const before = await counts();
      const base = { template: template.documentId, name: 'Bad', company: acme.documentId, startsOn: '2027-01-01' };
      const cases: [Record<string, unknown>, string][] = [
        [{ ...base, name: undefined }, 'name'],
        [{ ...base, name: '   ' }, 'name'],
        [{ ...base, startsOn: '2027-13-01' }, 'startsOn'],
        [{ ...base, startsOn: undefined }, 'startsOn'],
        [{ ...base, company: undefined }, 'company'],
        [{ ...base, leader: -3 }, 'leader'],
        [{ ...base, teams: 'nope' }, 'teams'],
        [{ ...base, surprise: true }, 'body'],
      ];
      for (const [body, field] of cases) {
        const response = await fromTemplate(owner, body);
        expect(response.status).toBe(400);
        const paths = response.body.error.details.errors.map((error: { path: string[] }) => error.path.join('.'));
        if (field === 'body') expect(response.body.error.message).toMatch(/surprise|Unrecognized/);
        else expect(paths).toContain(field);
      }
      const unknown = await fromTemplate(owner, { ...base, template: 'doesnotexist0000000000000' });
      expect(unknown.status).toBe(404);
      expect(await counts()).toEqual(before);
    });

    it('refuses a leader who cannot lead or a company the actor cannot see (400) and leaves no rows', async () => {
      const before = await counts();
      const base = {
        template: template.documentId,
        name: 'Refused leader',
        company: acme.documentId,
        startsOn: '2027-01-01',
      };
      const clientLeader = await fromTemplate(owner, { ...base, leader: manager.id });
      expect(clientLeader.status).toBe(400);
      expect(clientLeader.body.error.details.errors[0].path).toEqual(['leader']);
      const byDocumentId = await fromTemplate(owner, { ...base, leader: clientPlus.documentId });
      expect(byDocumentId.status).toBe(400);
      const nobody = await fromTemplate(owner, { ...base, leader: 987654 });
      expect(nobody.status).toBe(400);
      expect(nobody.body.error.details.errors[0].path).toEqual(['leader']);
      // The planner sees Acme (a project of theirs) but not Globex.
      const hiddenCompany = await fromTemplate(planner, { ...base, company: globex.documentId });
      expect(hiddenCompany.status).toBe(400);
      expect(hiddenCompany.body.error.details.errors[0].path).toEqual(['company']);
      expect(hiddenCompany.text).not.toContain('Globex');
      const unknownTeam = await fromTemplate(owner, { ...base, teams: ['doesnotexist0000000000000'] });
      expect(unknownTeam.status).toBe(400);
      expect(unknownTeam.body.error.details.errors[0].path).toEqual(['teams']);
      expect(await counts()).toEqual(before);
      expect(await app.strapi.db.query(PROJECT).count({ where: { name: 'Refused leader' } })).toBe(0);
    });

    it("joins a caller's transaction: a failure after instantiating leaves nothing written", async () => {
      const before = await counts();
      const service = app.strapi.plugin('client-portal').service('projectTemplates');
      const actor = {
        id: owner.id,
        documentId: owner.documentId,
        role: 'owner',
        companyId: null,
        canManageProjects: false,
        canManageFinances: false,
        clientManager: false,
      };
      let created: { documentId: string } | undefined;
      await expect(
        app.strapi.db.transaction(async () => {
          created = await service.instantiate(actor, {
            template: template.documentId,
            name: 'Rolled back',
            company: acme.documentId,
            startsOn: '2027-03-01',
          });
          // Inside the transaction the caller sees the rows it may add to.
          expect(
            await app.strapi.db.query(TASK).count({ where: { project: { documentId: created!.documentId } } })
          ).toBe(4);
          throw new Error('the caller failed after instantiating');
        })
      ).rejects.toThrow('the caller failed after instantiating');
      expect(created?.documentId).toBeDefined();
      expect(await app.strapi.db.query(PROJECT).count({ where: { documentId: created!.documentId } })).toBe(0);
      expect(await counts()).toEqual(before);
    });
  });

  describe('teams', () => {
    let team: Row;

    it('lets Owners and Member+ "projects" manage teams of agency people only', async () => {
      const created = await app.http.post(
        '/api/teams?populate=members',
        { data: { name: TEAM_NAME, members: [teammate.documentId, member.documentId] } },
        owner.jwt
      );
      expect(created.status).toBe(201);
      team = created.body.data;
      expect(team.members.map((person: Row) => person.id).sort()).toEqual(sorted([teammate.id, member.id]));

      const withClient = await app.http.post(
        '/api/teams',
        { data: { name: 'Mixed', members: [teammate.documentId, manager.documentId] } },
        owner.jwt
      );
      expect(withClient.status).toBe(400);
      expect(withClient.body.error.details.errors[0].path).toEqual(['members']);
      const connectClient = await app.http.put(
        `/api/teams/${team.documentId}`,
        { data: { members: { connect: [clientPlus.documentId] } } },
        owner.jwt
      );
      expect(connectClient.status).toBe(400);
      expect(connectClient.body.error.details.errors[0].path).toEqual(['members']);
      expect(await app.strapi.db.query(TEAM).count({ where: { name: 'Mixed' } })).toBe(0);

      const byPlanner = await app.http.post(
        '/api/teams',
        { data: { name: 'Planners', members: [member.documentId] } },
        planner.jwt
      );
      expect(byPlanner.status).toBe(201);
      for (const person of [member, finance, manager, clientPlus]) {
        expect((await app.http.post('/api/teams', { data: { name: 'Refused' } }, person.jwt)).status).toBe(403);
      }
      expect((await app.http.put(`/api/teams/${team.documentId}`, { data: { name: 'x' } }, member.jwt)).status).toBe(
        403
      );
      expect((await app.http.del(`/api/teams/${byPlanner.body.data.documentId}`, planner.jwt)).status).toBe(204);
      expect(await app.strapi.db.query(TEAM).count({})).toBe(1);
    });

    it('lets staff read teams and never clients', async () => {
      const staffRead = await app.http.get('/api/teams', member.jwt);
      expect(staffRead.status).toBe(200);
      expect(staffRead.body.data.map((row: Row) => row.name)).toEqual([TEAM_NAME]);
      for (const person of [manager, clientPlus]) {
        for (const path of ['/api/teams', `/api/teams/${team.documentId}`, '/api/teams?populate=*']) {
          const response = await app.http.get(path, person.jwt);
          expect(response.status).toBe(403);
          expect(response.text).not.toContain(TEAM_NAME);
        }
      }
    });

    it("adds a team's members to a project its leader connects it to: the project becomes visible to them", async () => {
      const project = await make.project(acme, { name: 'Team project', leader: planner, members: [manager] });
      expect((await app.http.get(`/api/projects/${project.documentId}`, teammate.jwt)).status).toBe(404);

      // Only who may edit the project (its leader, an Owner) connects teams.
      const notLeader = await app.http.put(
        `/api/projects/${project.documentId}`,
        { data: { teams: { connect: [team.documentId] } } },
        member.jwt
      );
      expect(notLeader.status).toBe(404);
      const byLeader = await app.http.put(
        `/api/projects/${project.documentId}?populate=teams`,
        { data: { teams: { connect: [team.documentId] } } },
        planner.jwt
      );
      expect(byLeader.status).toBe(200);
      expect(byLeader.body.data.teams.map((row: Row) => row.documentId)).toEqual([team.documentId]);
      expect(await memberIdsOf(project.documentId)).toEqual(sorted([planner.id, manager.id, teammate.id, member.id]));

      const visible = await app.http.get(`/api/projects/${project.documentId}`, teammate.jwt);
      expect(visible.status).toBe(200);
      expect(visible.body.data.name).toBe('Team project');

      // Disconnecting the team only removes the link: members stay.
      const disconnect = await app.http.put(
        `/api/projects/${project.documentId}`,
        { data: { teams: { disconnect: [team.documentId] } } },
        planner.jwt
      );
      expect(disconnect.status).toBe(200);
      expect(await memberIdsOf(project.documentId)).toEqual(sorted([planner.id, manager.id, teammate.id, member.id]));
    });

    it("adds the team's members on project create and from a template", async () => {
      const created = await app.http.post(
        '/api/projects',
        { data: { name: 'Created with team', company: acme.documentId, teams: [team.documentId] } },
        owner.jwt
      );
      expect(created.status).toBe(201);
      expect(await memberIdsOf(created.body.data.documentId)).toEqual(sorted([owner.id, teammate.id, member.id]));

      const templated = await fromTemplate(planner, {
        template: template.documentId,
        name: 'Templated with team',
        company: acme.documentId,
        startsOn: '2027-04-01',
        teams: [team.documentId],
      });
      expect(templated.status).toBe(201);
      expect(templated.body.data.teams.map((row: Row) => row.documentId)).toEqual([team.documentId]);
      expect(await memberIdsOf(templated.body.data.documentId)).toEqual(sorted([planner.id, teammate.id, member.id]));
      const seen = await app.http.get(`/api/projects/${templated.body.data.documentId}`, teammate.jwt);
      expect(seen.status).toBe(200);
    });

    it('carries only people who are still staff into a project', async () => {
      const former = await make.person({ role: 'member' });
      const crew = await make.create(TEAM, { name: 'Crew', members: [former.documentId, teammate.documentId] });
      await app.strapi.db
        .query('plugin::users-permissions.user')
        .update({ where: { id: former.id }, data: { role: await make.roleId('client') } });
      const created = await app.http.post(
        '/api/projects',
        { data: { name: 'Crew project', company: acme.documentId, teams: [crew.documentId] } },
        owner.jwt
      );
      expect(created.status).toBe(201);
      expect(await memberIdsOf(created.body.data.documentId)).toEqual(sorted([owner.id, teammate.id]));
    });

    it("never reveals a project's teams to its clients", async () => {
      const project = await make.project(acme, {
        name: 'Client sees',
        leader: planner,
        members: [manager, clientPlus],
      });
      await app.strapi.documents(PROJECT).update({
        documentId: project.documentId,
        data: { teams: { connect: [team.documentId] } },
      } as never);
      for (const person of [manager, clientPlus]) {
        const star = await app.http.get(`/api/projects/${project.documentId}?populate=*`, person.jwt);
        expect(star.status).toBe(200);
        expect(star.body.data).not.toHaveProperty('teams');
        expect(star.text).not.toContain(TEAM_NAME);
        const explicit = await app.http.get(`/api/projects/${project.documentId}?populate[teams]=true`, person.jwt);
        // Like every relation clients may not read: left out of the populate, never an error that tells it exists.
        expect(explicit.status).toBe(200);
        expect(explicit.body.data).not.toHaveProperty('teams');
        expect(explicit.text).not.toContain(TEAM_NAME);
        const filter = await app.http.get(`/api/projects?filters[teams][name][$eq]=${TEAM_NAME}`, person.jwt);
        expect(filter.status).toBe(400);
        expect(filter.text).not.toContain(TEAM_NAME);
      }
    });
  });
});
