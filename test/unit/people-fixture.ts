import type { PersonSummary } from '../../src/plugins/client-portal/shared/contracts';

/** A person as `GET /client-portal/people` lists them: no name, no company, no flags unless given. */
export const person = (id: number, role: PersonSummary['role'], extra: Partial<PersonSummary> = {}): PersonSummary => ({
  id,
  documentId: `p${id}`,
  email: `p${id}@agency.test`,
  firstName: null,
  lastName: null,
  title: null,
  language: 'en',
  role,
  roleLabel: role,
  blocked: false,
  archivedAt: null,
  company: null,
  projects: [],
  canManageProjects: false,
  canManageFinances: false,
  clientManager: false,
  ...extra,
});
