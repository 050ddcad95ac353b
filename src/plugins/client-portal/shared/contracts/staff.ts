import type { PortalRoleType } from './roles';

/**
 * Staff identity (docs/admin-panel.md#staff-identity): whom an admin-panel user acts as in the plugin.
 * - `linked`: the portal person linked to the admin (explicit link, else the same email);
 * - `owner`: a super admin with no linked person acts as an Owner;
 * - `unlinked`: any other admin, who is told so on every plugin page.
 */
export type StaffActing = 'linked' | 'owner' | 'unlinked';

export interface StaffPerson {
  id: number;
  documentId: string;
  email: string;
  name: string;
  role: PortalRoleType;
  canManageProjects: boolean;
  canManageFinances: boolean;
}

/** `GET /client-portal/session` (admin): who the admin acts as, and a short-lived content-API token for it. */
export interface StaffSession {
  acting: StaffActing;
  /** The person whose rules apply; for `owner` the earliest active Owner, if any. */
  person: StaffPerson | null;
  /** A users-permissions JWT of `person` (15 minutes): the pages call the content API with it. */
  jwt: string | null;
  expiresAt: string | null;
  /** What the pages may offer (docs/roles-and-capabilities.md), computed from the person's rules. */
  capabilities: StaffCapabilities;
}

export interface StaffCapabilities {
  logTime: boolean;
  approve: boolean;
  seeFinancials: boolean;
  manageInvoices: boolean;
  reports: boolean;
  managePeople: boolean;
  /** Projects, templates and teams: Owners and Member+ "projects". */
  createProjects: boolean;
}

/** `GET /client-portal/admin-links` (admin, Owners): which admin user acts as which person. */
export interface AdminLink {
  personId: number;
  admin: { id: number; email: string; name: string };
  /** How the link was made: set on the People page, or the same email. */
  via: 'link' | 'email';
  /** The admin holds Content Manager permissions although the person is not an Owner (docs/admin-panel.md#staff-identity). */
  contentManagerWithoutOwner: boolean;
}

/** `GET /client-portal/admin-users` (admin, Owners): admin users a person can be linked to. */
export interface AdminUserOption {
  id: number;
  email: string;
  name: string;
}

export const STAFF_CODES = { notLinked: 'ADMIN_NOT_LINKED' } as const;
