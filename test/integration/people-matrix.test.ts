import type { PortalRoleType } from '../../src/plugins/client-portal/shared/contracts';
import { startApp, type TestApp } from '../harness/app';
import { databaseClient } from '../harness/database';
import { fixtures, type Person, type Row } from '../harness/fixtures';

/**
 * Who may change whose role and flags, and archive whom — every actor role ×
 * target role × change, generated from the table in docs/roles-and-capabilities.md:
 *   Owner: any change (never leaving zero Owners);
 *   Member+ "projects, people": to member / client-plus / client only, never to or
 *   from Owner or Member+, never setting the P/F flags, for people on projects they lead;
 *   everyone else: never.
 */
type Key = 'owner' | 'memberP' | 'memberF' | 'member' | 'clientPlus' | 'client';
interface State {
  role: PortalRoleType;
  canManageProjects: boolean;
  canManageFinances: boolean;
  clientManager: boolean;
}
const state = (role: PortalRoleType, flags: Partial<State> = {}): State => ({
  role,
  canManageProjects: false,
  canManageFinances: false,
  clientManager: false,
  ...flags,
});

const ACTORS: Record<Key, State> = {
  owner: state('owner'),
  memberP: state('member', { canManageProjects: true }),
  memberF: state('member', { canManageFinances: true }),
  member: state('member'),
  clientPlus: state('client-plus'),
  client: state('client'),
};
const TARGETS: Record<string, State> = {
  'an Owner': state('owner'),
  'a Member': state('member'),
  'a Member+ P': state('member', { canManageProjects: true }),
  'a Member+ F': state('member', { canManageFinances: true }),
  'a Client+': state('client-plus'),
  'a Client': state('client'),
  'a Client Manager': state('client', { clientManager: true }),
};
const CHANGES: Record<string, State> = {
  Owner: state('owner'),
  Member: state('member'),
  'Member+ P': state('member', { canManageProjects: true }),
  'Member+ F': state('member', { canManageFinances: true }),
  'Client+': state('client-plus'),
  Client: state('client'),
  'Client Manager': state('client', { clientManager: true }),
};

const isMemberPlus = (person: State) =>
  person.role === 'member' && (person.canManageProjects || person.canManageFinances);
const lesser = (person: State) => ['member', 'client-plus', 'client'].includes(person.role) && !isMemberPlus(person);

/** The SPEC's answer for one cell. */
const expected = (actor: Key, target: State, next: State): number => {
  if (actor === 'owner') return 200;
  // The plain Member shares no project with the targets: they are invisible to them, so 404.
  if (actor === 'member') return 404;
  if (actor !== 'memberP') return 403;
  return lesser(target) && lesser(next) ? 200 : 403;
};

describe(`re-role and archive permission matrix on ${databaseClient()}`, () => {
  let app: TestApp;
  const actors = {} as Record<Key, Person>;
  const targets: Record<string, Person> = {};
  let acme: Row;

  beforeAll(async () => {
    app = await startApp();
    const make = fixtures(app);
    acme = await make.company({ name: 'Acme' });
    for (const [key, flags] of Object.entries(ACTORS)) {
      actors[key as Key] = await make.person({ ...flags, company: flags.role.startsWith('client') ? acme : undefined });
    }
    for (const [label, flags] of Object.entries(TARGETS)) {
      targets[label] = await make.person({ ...flags, company: flags.role.startsWith('client') ? acme : undefined });
    }
    // Every target is on a project the Member+ P leads.
    await make.project(acme, { leader: actors.memberP, members: Object.values(targets) });
  });
  afterAll(() => app?.stop());

  const reset = async (person: Person, flags: State) => {
    const role = await fixtures(app).roleId(flags.role);
    await app.strapi.db
      .query('plugin::users-permissions.user')
      .update({ where: { id: person.id }, data: { ...flags, role, archivedAt: null } });
  };

  const cells = (Object.keys(ACTORS) as Key[]).flatMap((actor) =>
    Object.keys(TARGETS).flatMap((target) => Object.keys(CHANGES).map((change) => [actor, target, change] as const))
  );

  it.each(cells)('%s changing %s to %s', async (actor, targetLabel, changeLabel) => {
    const target = targets[targetLabel];
    const next = CHANGES[changeLabel];
    const response = await app.http.put(`/api/client-portal/people/${target.id}`, next, actors[actor].jwt);
    const status = expected(actor, TARGETS[targetLabel], next);
    expect(response.status).toBe(status);
    const stored = await app.strapi.db
      .query('plugin::users-permissions.user')
      .findOne({ where: { id: target.id }, populate: ['role'] });
    const now = {
      role: stored.role.type,
      canManageProjects: stored.canManageProjects,
      canManageFinances: stored.canManageFinances,
      clientManager: stored.clientManager,
    };
    expect(now).toEqual(status === 200 ? next : TARGETS[targetLabel]);
    await reset(target, TARGETS[targetLabel]);
  });

  const archiveCells = (Object.keys(ACTORS) as Key[]).flatMap((actor) =>
    Object.keys(TARGETS).map((target) => [actor, target] as const)
  );

  it.each(archiveCells)('%s archiving and unarchiving %s', async (actor, targetLabel) => {
    const target = targets[targetLabel];
    const status =
      actor === 'owner' || (actor === 'memberP' && lesser(TARGETS[targetLabel])) ? 200 : actor === 'member' ? 404 : 403;
    const archived = await app.http.post(`/api/client-portal/people/${target.id}/archive`, {}, actors[actor].jwt);
    expect(archived.status).toBe(status);
    const stored = await app.strapi.db.query('plugin::users-permissions.user').findOne({ where: { id: target.id } });
    expect(Boolean(stored.archivedAt)).toBe(status === 200);
    if (status === 200) {
      const unarchived = await app.http.post(`/api/client-portal/people/${target.id}/unarchive`, {}, actors[actor].jwt);
      expect(unarchived.status).toBe(200);
      expect(unarchived.body.data.archivedAt).toBeNull();
    }
    await reset(target, TARGETS[targetLabel]);
  });

  it('refuses flags on roles they do not belong to, naming them', async () => {
    const client = targets['a Client'];
    const response = await app.http.put(
      `/api/client-portal/people/${client.id}`,
      { canManageFinances: true },
      actors.owner.jwt
    );
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain('canManageFinances');
    const rates = await app.http.put(
      `/api/client-portal/people/${client.id}`,
      { hourlyRateCents: 9000 },
      actors.memberP.jwt
    );
    expect(rates.status).toBe(403);
    const finance = await app.http.put(
      `/api/client-portal/people/${targets['a Member'].id}`,
      { hourlyRateCents: 9000 },
      actors.memberF.jwt
    );
    expect(finance.status).toBe(200);
    expect(finance.body.data.hourlyRateCents).toBe(9000);
  });
});
