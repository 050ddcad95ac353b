import type { PortalRoleType } from '../../../shared/contracts';

/** The domain's content types (SPEC §3, §5–§7). */
export const DOMAIN_CONTENT_TYPES = [
  'api::company.company',
  'api::project.project',
  'api::task.task',
  'api::discussion.discussion',
  'api::comment.comment',
  'api::note.note',
  'api::document.document',
  'api::budget.budget',
  'api::time-entry.time-entry',
  'api::expense.expense',
  'api::invoice.invoice',
  'api::activity.activity',
] as const;

export type DomainContentType = (typeof DOMAIN_CONTENT_TYPES)[number];

const CRUD = ['find', 'findOne', 'create', 'update', 'delete'] as const;
const READ = ['find', 'findOne'] as const;

const actions = (uid: string, verbs: readonly string[]) => verbs.map((verb) => `${uid}.${verb}`);

/**
 * Content-API (users-permissions) permissions of each portal role. Whatever is
 * not listed is denied; row and field rules narrow what these actions return.
 */
export const contentApiPermissions = (role: PortalRoleType): string[] => {
  const ownProfile = ['plugin::users-permissions.user.me'];
  if (role === 'owner') {
    return [
      ...DOMAIN_CONTENT_TYPES.flatMap((uid) => actions(uid, CRUD)),
      ...actions('plugin::users-permissions.user', READ),
      ...ownProfile,
    ];
  }
  return [...actions('api::project.project', READ), ...ownProfile];
};
