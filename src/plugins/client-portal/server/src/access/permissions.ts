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

interface RouteEntry {
  handler: unknown;
  config?: { auth?: unknown };
}

/**
 * The plugin's own signed-in routes as users-permissions actions, read off its route table:
 * open to every portal role, the controllers decide per person (docs/http-api.md).
 */
export const pluginRouteActions = (routes: readonly RouteEntry[]): string[] =>
  routes
    .filter((route) => route.config?.auth !== false && typeof route.handler === 'string')
    .map((route) => `plugin::client-portal.${String(route.handler)}`);

/**
 * Content-API (users-permissions) permissions of each portal role, derived from
 * the rules: a route is open to a role when the rules allow the action to some
 * person of that role; the rules then decide per person and per row.
 */
export const contentApiPermissions = (
  role: PortalRoleType,
  models: readonly ModelInfo[],
  lookup: (uid: string) => ModelInfo | undefined,
  pluginActions: readonly string[]
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
  return [...[...granted].sort(), ...PEOPLE, ...pluginActions];
};
