import { PORTAL_ROLES, PORTAL_ROLE_TYPES } from '../../src/plugins/client-portal/shared/contracts';
import {
  contentApiPermissions,
  DOMAIN_CONTENT_TYPES,
} from '../../src/plugins/client-portal/server/src/access/permissions';
import { NOTHING, projectRowFilter } from '../../src/plugins/client-portal/server/src/access/rules';
import { toActor } from '../../src/plugins/client-portal/server/src/access/actor';

describe('portal roles', () => {
  it('are exactly the four SPEC roles, with seats for all but Client', () => {
    expect(PORTAL_ROLE_TYPES).toEqual(['owner', 'member', 'client-plus', 'client']);
    expect(PORTAL_ROLE_TYPES.filter((type) => PORTAL_ROLES[type].seat)).toEqual(['owner', 'member', 'client-plus']);
  });

  it('give the Owner full CRUD on every domain type', () => {
    const owner = contentApiPermissions('owner');
    for (const uid of DOMAIN_CONTENT_TYPES) {
      for (const verb of ['find', 'findOne', 'create', 'update', 'delete']) expect(owner).toContain(`${uid}.${verb}`);
    }
    expect(owner).toHaveLength(DOMAIN_CONTENT_TYPES.length * 5 + 3);
  });

  it.each(['member', 'client-plus', 'client'] as const)('give %s only what the rules already narrow', (role) => {
    expect(contentApiPermissions(role)).toEqual([
      'api::project.project.find',
      'api::project.project.findOne',
      'plugin::users-permissions.user.me',
    ]);
  });
});

describe('actors and the project row rule', () => {
  const user = (type: string, flags: Record<string, boolean> = {}) => ({
    id: 7,
    role: { type },
    company: { id: 3 },
    ...flags,
  });

  it('ignores people without a portal role', () => {
    expect(toActor(user('authenticated'))).toBeNull();
    expect(toActor({ id: 1, role: null })).toBeNull();
  });

  it('keeps flags only on the roles they mean something on', () => {
    expect(toActor(user('member', { canManageProjects: true, clientManager: true }))).toEqual({
      id: 7,
      role: 'member',
      companyId: 3,
      canManageProjects: true,
      canManageFinances: false,
      clientManager: false,
    });
    expect(toActor(user('client', { canManageFinances: true, clientManager: true }))).toMatchObject({
      canManageFinances: false,
      clientManager: true,
    });
  });

  it('lets Owners see every project and everyone else only their own', () => {
    expect(projectRowFilter(toActor(user('owner'))!)).toBeNull();
    for (const role of ['member', 'client-plus', 'client']) {
      expect(projectRowFilter(toActor(user(role))!)).toEqual({ members: { id: { $eq: 7 } } });
    }
  });

  it('has a filter that matches nothing', () => {
    expect(NOTHING).toEqual({ id: { $null: true } });
  });
});
