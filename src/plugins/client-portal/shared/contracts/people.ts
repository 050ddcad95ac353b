import type { PortalRoleType } from './roles';

/** `error.details.code` of the 409 answered when a change would exceed the plan's seats. */
export const SEAT_LIMIT_REACHED = 'SEAT_LIMIT_REACHED';

export interface SeatUsage {
  /** `null` when the plan is unlimited. */
  limit: number | null;
  used: number;
  /** `null` when the plan is unlimited. */
  available: number | null;
  byRole: Record<PortalRoleType, number>;
}

export interface PersonFlags {
  canManageProjects: boolean;
  canManageFinances: boolean;
  clientManager: boolean;
}

export interface PersonSummary extends PersonFlags {
  id: number;
  documentId: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
  title: string | null;
  language: string;
  role: PortalRoleType;
  /** "Member+" for members with a permission, "Client Manager" for clients with the flag. */
  roleLabel: string;
  blocked: boolean;
  archivedAt: string | null;
  company: { documentId: string; name: string } | null;
  projects: { documentId: string; name: string }[];
  /** Only for Owners and Member+ "finances". */
  hourlyRateCents?: number | null;
  costRateCents?: number | null;
}

export interface InvitationInput {
  email: string;
  role: PortalRoleType;
  firstName?: string;
  lastName?: string;
  title?: string;
  /** documentId of the person's company; staff default to the agency. */
  company?: string;
  /** documentIds of the projects the person joins. */
  projects?: string[];
  canManageProjects?: boolean;
  canManageFinances?: boolean;
  clientManager?: boolean;
  language?: string;
  message?: string;
}

export interface InvitationSummary {
  id: number;
  documentId: string;
  email: string;
  role: PortalRoleType;
  firstName: string | null;
  lastName: string | null;
  title: string | null;
  language: string;
  canManageProjects: boolean;
  canManageFinances: boolean;
  clientManager: boolean;
  company: { documentId: string; name: string } | null;
  projects: { documentId: string; name: string }[];
  expiresAt: string;
  createdAt: string;
  invitedBy: { id: number; email: string } | null;
}

export interface AcceptInvitationInput {
  token: string;
  password: string;
  firstName?: string;
  lastName?: string;
}

export const roleLabel = (role: PortalRoleType, flags: PersonFlags): string => {
  if (role === 'member') return flags.canManageProjects || flags.canManageFinances ? 'Member+' : 'Member';
  if (role === 'client') return flags.clientManager ? 'Client Manager' : 'Client';
  if (role === 'client-plus') return flags.clientManager ? 'Client+ (Client Manager)' : 'Client+';
  return 'Owner';
};
