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
