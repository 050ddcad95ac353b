import type { Actor } from '../../src/plugins/client-portal/server/src/access/actor';

/** A signed-in person (id 7, company 3) for the pure rule tests: no flags unless given. */
export const actor = (role: Actor['role'], flags: Partial<Actor> = {}): Actor => ({
  id: 7,
  documentId: 'me',
  role,
  companyId: 3,
  canManageProjects: false,
  canManageFinances: false,
  clientManager: false,
  ...flags,
});
