import { useRBAC } from '@strapi/strapi/admin';
import { ADMIN_ACTIONS, PLUGIN_ID } from '../../../shared/contracts';

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
 * Which of the plugin's admin permissions the admin holds, so pages hide or disable what the
 * server would refuse (a role with only `read` sees the pages but no action buttons).
 */
export const usePortalPermissions = () => {
  const people = useHolds(MANAGE_PEOPLE);
  const budgets = useHolds(MANAGE_BUDGET_ACCESS);
  const preview = useHolds(PREVIEW);
  const settings = useHolds(SETTINGS);
  return {
    isLoading: people.isLoading || budgets.isLoading || preview.isLoading || settings.isLoading,
    canManagePeople: people.allowed,
    canManageBudgetAccess: budgets.allowed,
    canPreview: preview.allowed,
    canManageSettings: settings.allowed,
  };
};
