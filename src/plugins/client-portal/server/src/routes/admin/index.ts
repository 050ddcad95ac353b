import type { Core } from '@strapi/strapi';
import { ADMIN_ACTIONS, PLUGIN_ID } from '../../../../shared/contracts';

type AdminAction = (typeof ADMIN_ACTIONS)[keyof typeof ADMIN_ACTIONS];

const policies = (action: AdminAction) => [
  'admin::isAuthenticatedAdmin',
  { name: 'admin::hasPermissions', config: { actions: [`plugin::${PLUGIN_ID}.${action}`] } },
];

type Guard = 'is-portal-person' | 'is-staff' | 'is-people-manager' | 'can-change-settings';

/**
 * Signed-in admins holding the plugin permission, acting as their linked person (403 ADMIN_NOT_LINKED
 * otherwise, see policies/actor.ts), who pass `guard` as that person.
 */
const guarded = (action: AdminAction, guard: Guard = 'is-portal-person') => ({
  policies: [...policies(action), `plugin::${PLUGIN_ID}.${guard}`],
});

const { read, managePeople, manageBudgetAccess, preview, settings } = ADMIN_ACTIONS;

/**
 * docs/admin-panel.md#the-admin-api: the admin panel's API, mounted at /client-portal/…. The handlers are the
 * content-API ones; an admin acts as their linked person, under that person's rules,
 * within their plugin permissions (a super admin with no linked person as an Owner).
 */
const routes: Core.RouterInput = {
  type: 'admin',
  routes: [
    // Whom the admin acts as, and a short-lived content-API token for it (answers unlinked admins too).
    { method: 'GET', path: '/session', handler: 'staff.session', config: { policies: policies(read) } },
    { method: 'GET', path: '/admin-users', handler: 'staff.adminUsers', config: guarded(managePeople) },
    { method: 'GET', path: '/admin-links', handler: 'staff.links', config: guarded(read) },
    { method: 'PUT', path: '/people/:id/admin-link', handler: 'staff.link', config: guarded(managePeople) },
    { method: 'GET', path: '/people', handler: 'people.find', config: guarded(read, 'is-staff') },
    { method: 'GET', path: '/directory', handler: 'directory.find', config: guarded(read) },
    { method: 'GET', path: '/seats', handler: 'seats.find', config: guarded(read, 'is-people-manager') },
    { method: 'GET', path: '/invitations', handler: 'invitations.find', config: guarded(read, 'is-people-manager') },
    {
      method: 'POST',
      path: '/invitations',
      handler: 'invitations.create',
      config: guarded(managePeople, 'is-people-manager'),
    },
    {
      method: 'DELETE',
      path: '/invitations/:id',
      handler: 'invitations.delete',
      config: guarded(managePeople, 'is-people-manager'),
    },
    { method: 'PUT', path: '/people/:id', handler: 'people.update', config: guarded(managePeople, 'is-staff') },
    {
      method: 'POST',
      path: '/people/:id/archive',
      handler: 'people.archive',
      config: guarded(managePeople, 'is-staff'),
    },
    {
      method: 'POST',
      path: '/people/:id/unarchive',
      handler: 'people.unarchive',
      config: guarded(managePeople, 'is-staff'),
    },
    { method: 'DELETE', path: '/people/:id', handler: 'people.delete', config: guarded(managePeople, 'is-staff') },
    { method: 'GET', path: '/budgets', handler: 'budgets.overview', config: guarded(read) },
    {
      method: 'PUT',
      path: '/budgets/:documentId/access',
      handler: 'budgets.setAccess',
      config: guarded(manageBudgetAccess, 'is-staff'),
    },
    { method: 'GET', path: '/preview/:userId', handler: 'preview.show', config: guarded(preview) },
    { method: 'GET', path: '/settings', handler: 'settings.find', config: guarded(settings) },
    { method: 'PUT', path: '/settings', handler: 'settings.update', config: guarded(settings, 'can-change-settings') },
    // Any signed-in admin: the Content Manager's money fields need it.
    {
      method: 'GET',
      path: '/settings/currency',
      handler: 'settings.currency',
      config: { policies: ['admin::isAuthenticatedAdmin'] },
    },
  ],
};

export default routes;
