import { useRBAC } from '@strapi/strapi/admin';
import { ADMIN_ACTIONS, PLUGIN_ID } from '../../../shared/contracts';
import { useStaffSession } from './session';

type AdminAction = (typeof ADMIN_ACTIONS)[keyof typeof ADMIN_ACTIONS];

/** `plugin::client-portal.<action>` as the admin's RBAC expects it (plugin actions have no subject). */
export const permission = (action: AdminAction) => ({ action: `plugin::${PLUGIN_ID}.${action}`, subject: null });

export const READ_PERMISSIONS = [permission(ADMIN_ACTIONS.read)];
// Module constants: useRBAC compares its input between renders.
const MANAGE_PEOPLE = [permission(ADMIN_ACTIONS.managePeople)];
const MANAGE_BUDGET_ACCESS = [permission(ADMIN_ACTIONS.manageBudgetAccess)];
const PREVIEW = [permission(ADMIN_ACTIONS.preview)];
const SETTINGS = [permission(ADMIN_ACTIONS.settings)];

/** Whether the admin holds one permission (useRBAC names actions by their last segment, so one at a time). */
const useHolds = (permissions: ReturnType<typeof permission>[]) => {
  const { allowedActions, isLoading } = useRBAC(permissions);
  return { isLoading, allowed: Object.values(allowedActions).some(Boolean) };
};

/**
 * What the admin may do on the plugin's pages: their admin permission (RBAC) and the rules of
 * the person they act as (docs/admin-panel.md#staff-identity), so pages hide or disable what the server would refuse
 * (a role with only `read`, or a plain Member, sees the pages but no people actions).
 */
export const usePortalPermissions = () => {
  const session = useStaffSession();
  const people = useHolds(MANAGE_PEOPLE);
  const budgets = useHolds(MANAGE_BUDGET_ACCESS);
  const preview = useHolds(PREVIEW);
  const settings = useHolds(SETTINGS);
  const person = session.data?.person;
  const isOwner = person?.role === 'owner';
  const managesPeople = people.allowed && Boolean(session.data?.capabilities.managePeople);
  return {
    isLoading: session.isLoading || people.isLoading || budgets.isLoading || preview.isLoading || settings.isLoading,
    canManagePeople: managesPeople,
    canDeletePeople: managesPeople && isOwner,
    canManageBudgetAccess: budgets.allowed,
    canPreview: preview.allowed && (isOwner || person?.role === 'member'),
    canManageSettings: settings.allowed && isOwner,
  };
};
