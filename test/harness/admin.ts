import type { TestApp } from './app';

/**
 * An admin-panel user with one of Strapi's roles (`strapi-super-admin`,
 * `strapi-editor`, `strapi-author`), signed in through /admin/login.
 */
export const signInAdmin = async (app: TestApp, roleCode = 'strapi-super-admin') => {
  const role = await app.strapi.db.query('admin::role').findOne({ where: { code: roleCode } });
  const email = `${roleCode}-${Math.random().toString(36).slice(2, 8)}@agency.test`;
  const password = 'Admin-password-1';
  await app.strapi.service('admin::user').create({
    email,
    firstname: 'Ada',
    lastname: roleCode === 'strapi-super-admin' ? 'Admin' : 'Editor',
    password,
    isActive: true,
    registrationToken: null,
    roles: [role.id],
  });
  const login = await app.http.post('/admin/login', { email, password });
  if (login.status !== 200) throw new Error(`admin login failed: ${login.text}`);
  return { email, password, token: login.body.data.token as string };
};

/** Every admin permission of the client-portal plugin (what a "staff" admin role holds). */
export const PORTAL_ADMIN_ACTIONS = ['read', 'people.manage', 'budgets.manage', 'preview', 'settings.manage'].map(
  (action) => `plugin::client-portal.${action}`
);

/**
 * An admin-panel user with a role holding the plugin's permissions only (the README's
 * staff setup), under a given email, signed in.
 */
export const signInStaffAdmin = async (app: TestApp, email: string, actions: string[] = PORTAL_ADMIN_ACTIONS) => {
  const roles = app.strapi.service('admin::role');
  const role = await roles.create({
    name: `Portal staff ${Math.random().toString(36).slice(2, 8)}`,
    description: 'Client portal pages only',
  });
  await roles.assignPermissions(
    role.id,
    actions.map((action) => ({ action, subject: null, properties: {}, conditions: [] }))
  );
  const password = 'Staff-password-1';
  const user = await app.strapi.service('admin::user').create({
    email,
    firstname: 'Staff',
    lastname: 'Admin',
    password,
    isActive: true,
    registrationToken: null,
    roles: [role.id],
  });
  const login = await app.http.post('/admin/login', { email, password });
  if (login.status !== 200) throw new Error(`admin login failed: ${login.text}`);
  return { id: user.id as number, email, password, token: login.body.data.token as string };
};
