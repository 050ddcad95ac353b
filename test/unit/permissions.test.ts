import { PORTAL_ROLES, PORTAL_ROLE_TYPES } from '../../src/plugins/client-portal/shared/contracts';
import {
  contentApiPermissions,
  pluginRouteActions,
} from '../../src/plugins/client-portal/server/src/access/permissions';
import contentApiRoutes from '../../src/plugins/client-portal/server/src/routes/content-api';
import { toActor } from '../../src/plugins/client-portal/server/src/access/actor';
import { lookup, MODELS } from './schemas';

const PLUGIN_ROUTE_ACTIONS = pluginRouteActions(contentApiRoutes.routes);
const permissions = (role: (typeof PORTAL_ROLE_TYPES)[number]) =>
  contentApiPermissions(role, Object.values(MODELS), lookup, PLUGIN_ROUTE_ACTIONS);
const PEOPLE = [
  'plugin::users-permissions.user.find',
  'plugin::users-permissions.user.findOne',
  'plugin::users-permissions.user.count',
  'plugin::users-permissions.user.me',
];

describe('portal roles', () => {
  it('are exactly the four SPEC roles, with seats for all but Client', () => {
    expect(PORTAL_ROLE_TYPES).toEqual(['owner', 'member', 'client-plus', 'client']);
    expect(PORTAL_ROLE_TYPES.filter((type) => PORTAL_ROLES[type].seat)).toEqual(['owner', 'member', 'client-plus']);
  });

  it('open to the Owner every route of the domain except writing activity', () => {
    const owner = permissions('owner');
    for (const uid of Object.keys(MODELS).filter((uid) => uid.startsWith('api::'))) {
      expect(owner).toEqual(expect.arrayContaining([`${uid}.find`, `${uid}.findOne`]));
      const writes = ['create', 'update', 'delete'].map((verb) => `${uid}.${verb}`);
      if (uid === 'api::activity.activity') writes.forEach((action) => expect(owner).not.toContain(action));
      else expect(owner).toEqual(expect.arrayContaining(writes));
    }
    expect(owner).toEqual(expect.arrayContaining([...PEOPLE, ...PLUGIN_ROUTE_ACTIONS]));
  });

  it('open to Clients reads, and writes of collaboration items only', () => {
    const client = permissions('client');
    expect(client.filter((action) => action.startsWith('api::') && /\.(create|update|delete)$/.test(action))).toEqual([
      'api::comment.comment.create',
      'api::comment.comment.delete',
      'api::comment.comment.update',
      'api::discussion.discussion.create',
      'api::discussion.discussion.delete',
      'api::discussion.discussion.update',
      'api::document.document.create',
      'api::note.note.create',
      'api::note.note.delete',
      'api::note.note.update',
    ]);
  });

  it('open task writes to Client+ but not deletes, and nothing of invoices', () => {
    const clientPlus = permissions('client-plus');
    expect(clientPlus).toEqual(expect.arrayContaining(['api::task.task.create', 'api::task.task.update']));
    expect(clientPlus).not.toContain('api::task.task.delete');
    expect(
      clientPlus.filter(
        (action) => action.startsWith('api::invoice') && !action.endsWith('find') && !action.endsWith('findOne')
      )
    ).toEqual([]);
  });

  it('open the plugin’s own routes to every role: its controllers decide per person', () => {
    for (const role of PORTAL_ROLE_TYPES)
      expect(permissions(role)).toEqual(expect.arrayContaining(PLUGIN_ROUTE_ACTIONS));
    // Read off the route table: every signed-in route, none of the public ones.
    expect(PLUGIN_ROUTE_ACTIONS).toHaveLength(44);
    expect(PLUGIN_ROUTE_ACTIONS).toEqual(
      expect.arrayContaining(['plugin::client-portal.people.me', 'plugin::client-portal.invoices.pdf'])
    );
    for (const open of ['invitations.accept', 'invitations.acceptPage', 'accounts.resetForm', 'operations.ready']) {
      expect(PLUGIN_ROUTE_ACTIONS).not.toContain(`plugin::client-portal.${open}`);
    }
  });

  it('open project and company creation to the Member role because Member+ P may', () => {
    expect(permissions('member')).toEqual(
      expect.arrayContaining(['api::project.project.create', 'api::company.company.create'])
    );
  });
});

describe('actors', () => {
  const user = (type: string, flags: Record<string, boolean> = {}) => ({
    id: 7,
    documentId: 'doc7',
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
      documentId: 'doc7',
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
});
