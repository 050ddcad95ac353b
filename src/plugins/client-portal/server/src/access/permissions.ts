import type { PortalRoleType } from '../../../shared/contracts';
import type { Actor } from './actor';
import { policyFor, type Action, type ModelInfo } from './rules';

/** Every flag combination a person of the role can have. */
const variantsOf = (role: PortalRoleType): Actor[] => {
  const base = {
    id: 0,
    documentId: '',
    role,
    companyId: null,
    canManageProjects: false,
    canManageFinances: false,
    clientManager: false,
  };
  switch (role) {
    case 'member':
      return [base, { ...base, canManageProjects: true }, { ...base, canManageFinances: true }];
    case 'client':
    case 'client-plus':
      return [base, { ...base, clientManager: true }];
    default:
      return [base];
  }
};

const ROUTE_ACTIONS: Record<Action, string[]> = {
  find: ['find', 'findOne'],
  create: ['create'],
  update: ['update'],
  delete: ['delete'],
};

const PEOPLE = ['find', 'findOne', 'count', 'me'].map((verb) => `plugin::users-permissions.user.${verb}`);

/** The plugin's own routes (SPEC §8): open to every portal role, the controllers decide per person. */
export const PLUGIN_ROUTE_ACTIONS = [
  'people.me',
  'people.updateMe',
  'people.find',
  'people.update',
  'people.archive',
  'people.unarchive',
  'people.delete',
  'seats.find',
  'invitations.find',
  'invitations.create',
  'invitations.delete',
  'budgets.setAccess',
  'budgets.summary',
  'budgets.burn',
  'preview.show',
  'approvalQueue.find',
  'trash.find',
  'documents.upload',
  'reports.find',
  ...['generate', 'issue', 'send', 'void', 'markPaid', 'pdf'].map((action) => `invoices.${action}`),
  'documents.download',
  'trash.empty',
  'trash.restore',
  'trash.delete',
  'timesheets.find',
  ...['timeEntryApprovals', 'expenseApprovals'].flatMap((controller) =>
    ['approve', 'reject', 'approveMany', 'rejectMany'].map((action) => `${controller}.${action}`)
  ),
].map((action) => `plugin::client-portal.${action}`);

/**
 * Content-API (users-permissions) permissions of each portal role, derived from
 * the rules: a route is open to a role when the rules allow the action to some
 * person of that role; the rules then decide per person and per row.
 */
export const contentApiPermissions = (
  role: PortalRoleType,
  models: readonly ModelInfo[],
  lookup: (uid: string) => ModelInfo | undefined
): string[] => {
  const granted = new Set<string>();
  for (const model of models) {
    if (!model.uid.startsWith('api::') || !model.access) continue;
    for (const actor of variantsOf(role)) {
      const { actions } = policyFor(actor, model, lookup);
      for (const action of Object.keys(ROUTE_ACTIONS) as Action[]) {
        if (actions[action]) ROUTE_ACTIONS[action].forEach((verb) => granted.add(`${model.uid}.${verb}`));
      }
    }
  }
  return [...[...granted].sort(), ...PEOPLE, ...PLUGIN_ROUTE_ACTIONS];
};
