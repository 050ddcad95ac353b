import { startApp, type TestApp } from '../harness/app';
import { databaseClient } from '../harness/database';
import { fixtures, type Fixtures, type Person, type Row } from '../harness/fixtures';

/**
 * SPEC §5 "Approval", generated: actor × project settings × entry owner × decision.
 * The oracle below is written from the SPEC text, not from the code.
 */
type ActorKey =
  | 'owner'
  | 'leader'
  | 'member'
  | 'memberP'
  | 'memberF'
  | 'memberFElsewhere'
  | 'clientPlusManager'
  | 'clientManager'
  | 'client'
  | 'otherCompanyManager'
  | 'managerNotOnProject';

interface ActorSpec {
  staff: boolean;
  onProject: boolean;
  leads?: boolean;
  projects?: boolean;
  finances?: boolean;
  clientManager?: boolean;
  sameCompany?: boolean;
}

const ACTORS: Record<ActorKey, ActorSpec> = {
  owner: { staff: true, onProject: false },
  leader: { staff: true, onProject: true, leads: true },
  member: { staff: true, onProject: true },
  memberP: { staff: true, onProject: true, projects: true },
  memberF: { staff: true, onProject: true, finances: true },
  memberFElsewhere: { staff: true, onProject: false, finances: true },
  clientPlusManager: { staff: false, onProject: true, clientManager: true, sameCompany: true },
  clientManager: { staff: false, onProject: true, clientManager: true, sameCompany: true },
  client: { staff: false, onProject: true, sameCompany: true },
  otherCompanyManager: { staff: false, onProject: true, clientManager: true, sameCompany: false },
  managerNotOnProject: { staff: false, onProject: false, clientManager: true, sameCompany: true },
};

const SETTINGS = [
  { requireTimeApproval: true, clientsCanApproveTime: true },
  { requireTimeApproval: true, clientsCanApproveTime: false },
  { requireTimeApproval: false, clientsCanApproveTime: true },
  { requireTimeApproval: false, clientsCanApproveTime: false },
] as const;
type Setting = (typeof SETTINGS)[number];
const settingName = (setting: Setting) =>
  `approval ${setting.requireTimeApproval ? 'required' : 'not required'}, clients ${setting.clientsCanApproveTime ? 'may' : 'may not'} approve`;

/** SPEC §5: leader, Owner, Member+ F on the project, or (clientsCanApproveTime) a Client Manager of the project's company on it. */
const approves = (key: ActorKey, setting: Setting): boolean => {
  const actor = ACTORS[key];
  if (key === 'owner' || actor.leads) return true;
  if (actor.staff) return Boolean(actor.finances && actor.onProject);
  return Boolean(setting.clientsCanApproveTime && actor.clientManager && actor.onProject && actor.sameCompany);
};

/** SPEC §3/§5: who sees a pending entry at all (clients never do through reads). */
const sees = (key: ActorKey, own: boolean): boolean => {
  const actor = ACTORS[key];
  if (!actor.staff) return false;
  if (key === 'owner') return true;
  // SPEC §4.1: nothing of a project one is not on, not even one's own entry.
  if (!actor.onProject) return false;
  if (own || actor.leads) return true;
  return Boolean((actor.projects || actor.finances) && actor.onProject);
};

const expected = (key: ActorKey, setting: Setting, own: boolean): number => {
  if (approves(key, setting)) return own ? 403 : 200;
  return sees(key, own) ? 403 : 404;
};

const DECISIONS = [
  { path: 'approve', body: {}, status: 'approved' },
  { path: 'reject', body: { reason: 'Please split it' }, status: 'rejected' },
] as const;

const cells = SETTINGS.flatMap((setting) =>
  (Object.keys(ACTORS) as ActorKey[]).flatMap((actor) =>
    [false, ...(ACTORS[actor].staff ? [true] : [])].flatMap((own) =>
      DECISIONS.map((decision) => ({ setting, actor, own, decision }))
    )
  )
);

describe(`approval matrix on ${databaseClient()}`, () => {
  let app: TestApp;
  let make: Fixtures;
  const people = {} as Record<ActorKey | 'worker', Person>;
  const projects = new Map<Setting, Row>();

  beforeAll(async () => {
    app = await startApp();
    make = fixtures(app);
    const acme = await make.company({ name: 'Acme' });
    const globex = await make.company({ name: 'Globex' });
    people.worker = await make.person({ role: 'member' });
    for (const [key, spec] of Object.entries(ACTORS) as [ActorKey, ActorSpec][]) {
      people[key] = await make.person({
        role:
          key === 'owner' ? 'owner' : spec.staff ? 'member' : key === 'clientPlusManager' ? 'client-plus' : 'client',
        canManageProjects: spec.projects,
        canManageFinances: spec.finances,
        clientManager: spec.clientManager,
        company: spec.staff ? undefined : spec.sameCompany ? acme : globex,
      });
    }
    const onProject = (Object.keys(ACTORS) as ActorKey[]).filter((key) => ACTORS[key].onProject && !ACTORS[key].leads);
    for (const setting of SETTINGS) {
      projects.set(
        setting,
        await make.project(acme, {
          leader: people.leader,
          members: [people.worker, ...onProject.map((key) => people[key])],
          ...setting,
        })
      );
    }
  });
  afterAll(() => app?.stop());

  it('covers every actor, setting, owner and decision', () => {
    expect(cells).toHaveLength(SETTINGS.length * (11 + 6) * 2);
  });

  it.each(
    cells.map((cell) => [settingName(cell.setting), cell.actor, cell.own ? 'own' : 'other', cell.decision.path, cell])
  )('%s: %s, %s entry, %s', async (_setting, _actor, _own, _decision, cell) => {
    const person = people[cell.actor];
    const entry = await make.create('api::time-entry.time-entry', {
      project: projects.get(cell.setting)!.documentId,
      person: (cell.own ? person : people.worker).documentId,
      date: '2026-11-09',
      minutes: 60,
      billable: true,
      status: 'pending',
    });
    const response = await app.http.post(
      `/api/time-entries/${entry.documentId}/${cell.decision.path}`,
      cell.decision.body,
      person.jwt
    );
    const status = expected(cell.actor, cell.setting, cell.own);
    expect(response.status).toBe(status);
    const stored = await app.strapi.db
      .query('api::time-entry.time-entry')
      .findOne({ where: { id: entry.id }, populate: ['approvedBy'] });
    if (status === 200) {
      expect(stored.status).toBe(cell.decision.status);
      expect(stored.approvedBy?.id ?? null).toBe(cell.decision.status === 'approved' ? person.id : null);
    } else {
      expect(stored.status).toBe('pending');
    }
  });

  it.each((Object.keys(ACTORS) as ActorKey[]).map((actor) => [actor]))(
    'decides expenses by the same rule: %s',
    async (actor) => {
      const setting = SETTINGS[0];
      const expense = await make.create('api::expense.expense', {
        project: projects.get(setting)!.documentId,
        person: people.worker.documentId,
        date: '2026-11-09',
        description: 'Taxi',
        amountCents: 2300,
        status: 'pending',
      });
      const response = await app.http.post(`/api/expenses/${expense.documentId}/approve`, {}, people[actor].jwt);
      expect(response.status).toBe(expected(actor, setting, false));
    }
  );
});
