export const PLUGIN_ID = 'client-portal';

/** The settings an admin edits in the plugin's Settings page (stored in the plugin store). */
export interface PortalSettings {
  /** Billable seats of the plan; null = unlimited. Until saved, PORTAL_SEAT_LIMIT. */
  seatLimit: number | null;
  /** Default currency of new projects (ISO 4217). Until saved, PORTAL_CURRENCY. */
  defaultCurrency: string;
  /** Whether new projects require time approval unless told otherwise. */
  requireTimeApprovalByDefault: boolean;
}

/** Admin-panel permission actions registered by the plugin (`plugin::client-portal.<action>`). */
export const ADMIN_ACTIONS = {
  read: 'read',
  managePeople: 'people.manage',
  manageBudgetAccess: 'budgets.manage',
  preview: 'preview',
  settings: 'settings.manage',
} as const;

/** The admin "Budget access" page: every project with its budgets and whom client access reaches. */
export interface BudgetAccessProject {
  documentId: string;
  name: string;
  company: string | null;
  /** The project leader's person id: they may set client access (docs/time-budgets-invoices.md). */
  leaderId: number | null;
  /** Client Managers on the project: whom a budget's client access reaches. */
  clientManagers: { id: number; name: string; email: string }[];
  budgets: {
    documentId: string;
    name: string;
    kind: string;
    currency: string;
    amountCents: number;
    clientAccess: boolean;
    usedCents: number | null;
    remainingCents: number | null;
  }[];
}

/** What the admin forms pick from: companies and projects. */
export interface Directory {
  companies: { documentId: string; name: string; isAgency: boolean }[];
  projects: { documentId: string; name: string; company: string | null }[];
}

/** The seat limits Settings accepts: a whole number in this range, or null for unlimited. */
export const SEAT_LIMIT_RANGE = { min: 1, max: 1_000_000 } as const;
