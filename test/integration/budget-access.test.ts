import { startApp, type TestApp } from '../harness/app';
import { databaseClient } from '../harness/database';
import { fixtures, type Person, type Row } from '../harness/fixtures';
import { buildWorld } from '../harness/world';

const CANARY = 'CANARY-budget-name-5e1a';

describe(`client access to budgets on ${databaseClient()}`, () => {
  let app: TestApp;
  let owner: Person;
  let leader: Person;
  let member: Person;
  let memberF: Person;
  let manager: Person;
  let client: Person;
  let budget: Row;
  let otherBudget: Row;

  beforeAll(async () => {
    app = await startApp();
    const world = await buildWorld(fixtures(app), {
      people: { owner: {}, leader: {}, member: {}, memberF: {}, manager: {}, client: {} },
      project: { leader: 'leader' },
    });
    ({ owner, leader, member, memberF, manager, client } = world.people);
    const { make, acme, project } = world;
    const other = await make.project(acme, { members: [manager] });
    budget = await make.create('api::budget.budget', { project: project.documentId, name: CANARY, amountCents: 5000 });
    otherBudget = await make.create('api::budget.budget', { project: other.documentId, name: 'Other', amountCents: 1 });
  });
  afterAll(() => app?.stop());

  const setAccess = (person: Person, target: Row, clientAccess: unknown) =>
    app.http.put(`/api/client-portal/budgets/${target.documentId}/access`, { clientAccess }, person.jwt);
  const managerSees = async () => {
    const response = await app.http.get('/api/budgets', manager.jwt);
    expect(response.status).toBe(200);
    return {
      names: response.body.data.map((row: Row) => row.name),
      total: response.body.meta.pagination.total,
      text: response.text,
    };
  };

  it('shows the budget to its Client Managers only while access is on', async () => {
    expect(await managerSees()).toMatchObject({ names: [], total: 0 });
    const on = await setAccess(leader, budget, true);
    expect(on.status).toBe(200);
    expect(on.body.data).toMatchObject({ documentId: budget.documentId, clientAccess: true });
    expect(await managerSees()).toMatchObject({ names: [CANARY], total: 1 });
    expect((await app.http.get('/api/budgets', client.jwt)).body.meta.pagination.total).toBe(0);
    expect((await setAccess(memberF, budget, false)).status).toBe(200);
    const off = await managerSees();
    expect(off.total).toBe(0);
    expect(off.text).not.toContain(CANARY);
  });

  it('lets only Owners, Member+ F and the project leader toggle it', async () => {
    expect((await setAccess(owner, budget, true)).status).toBe(200);
    expect((await setAccess(member, budget, false)).status).toBe(403);
    expect((await setAccess(manager, budget, false)).status).toBe(403);
    expect((await setAccess(leader, otherBudget, true)).status).toBe(404);
    const stored = await app.strapi.db
      .query('api::budget.budget')
      .findOne({ where: { documentId: budget.documentId } });
    expect(stored.clientAccess).toBe(true);
  });

  it('answers bad input with 400 naming the field', async () => {
    const response = await setAccess(owner, budget, 'yes');
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain('clientAccess');
    expect(
      (await app.http.put(`/api/client-portal/budgets/nope/access`, { clientAccess: true }, owner.jwt)).status
    ).toBe(404);
  });
});
