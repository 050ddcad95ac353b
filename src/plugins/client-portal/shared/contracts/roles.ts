/** Portal roles (docs/roles-and-capabilities.md): users-permissions role types created by the plugin. */
export const PORTAL_ROLE_TYPES = ['owner', 'member', 'client-plus', 'client'] as const;

export type PortalRoleType = (typeof PORTAL_ROLE_TYPES)[number];

export interface PortalRoleDefinition {
  type: PortalRoleType;
  name: string;
  description: string;
  /** Whether a person with this role takes a billable seat. */
  seat: boolean;
}

export const PORTAL_ROLES: Record<PortalRoleType, PortalRoleDefinition> = {
  owner: {
    type: 'owner',
    name: 'Owner',
    description: 'Agency owner: sees and manages everything.',
    seat: true,
  },
  member: {
    type: 'member',
    name: 'Member',
    description: 'Agency staff; Member+ with the project or finance permission.',
    seat: true,
  },
  'client-plus': {
    type: 'client-plus',
    name: 'Client+',
    description: 'Client who creates and completes tasks and can be assigned.',
    seat: true,
  },
  client: {
    type: 'client',
    name: 'Client',
    description: 'Client who comments, discusses, uploads and writes notes.',
    seat: false,
  },
};

export const isPortalRoleType = (value: unknown): value is PortalRoleType =>
  typeof value === 'string' && (PORTAL_ROLE_TYPES as readonly string[]).includes(value);
