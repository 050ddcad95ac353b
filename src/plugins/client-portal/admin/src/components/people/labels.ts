import { PORTAL_ROLES, type PortalRoleType } from '../../../../shared/contracts';
import { useLabel } from '../../utils/use-label';

/** English fallbacks of the flags' labels (ids `flag.<name>`). */
export const FLAG_LABELS = {
  canManageProjects: 'Projects, people, reports',
  canManageFinances: 'Time and finances',
  clientManager: 'Client Manager',
} as const;

/** A role's name in the admin's language (ids `role.<English name>`, as the staff banner uses them). */
export const useRoleName = () => {
  const { label } = useLabel();
  return (role: PortalRoleType) => label(`role.${PORTAL_ROLES[role].name}`, PORTAL_ROLES[role].name);
};
