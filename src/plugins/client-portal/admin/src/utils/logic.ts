import {
  PORTAL_ROLE_TYPES,
  SEAT_LIMIT_REACHED,
  STAFF_CODES,
  type PersonSummary,
  type PortalRoleType,
  type SeatUsage,
} from '../../../shared/contracts';

/** Pure page logic (tested without a browser). */

export interface PeopleGroup {
  role: PortalRoleType;
  people: PersonSummary[];
}

/** People grouped by role in the order Owner, Member, Client+, Client; archived last within each group. */
export const groupByRole = (people: PersonSummary[]): PeopleGroup[] =>
  PORTAL_ROLE_TYPES.map((role) => ({
    role,
    people: people
      .filter((person) => person.role === role)
      .sort(
        (a, b) =>
          Number(Boolean(a.archivedAt)) - Number(Boolean(b.archivedAt)) || displayName(a).localeCompare(displayName(b))
      ),
  })).filter((group) => group.people.length > 0);

export const displayName = (person: { firstName: string | null; lastName: string | null; email: string }) =>
  [person.firstName, person.lastName].filter(Boolean).join(' ') || person.email;

export type SeatState =
  | { kind: 'unlimited'; used: number }
  | { kind: 'available' | 'full'; used: number; limit: number };

export const seatState = (usage: SeatUsage): SeatState =>
  usage.limit === null
    ? { kind: 'unlimited', used: usage.used }
    : { kind: usage.used >= usage.limit ? 'full' : 'available', used: usage.used, limit: usage.limit };

export const NOT_LINKED_MESSAGE =
  'Your admin account is not linked to a person of the agency; ask an Owner to link it on People & seats.';
export const NO_PERMISSION_MESSAGE =
  'Your admin role does not allow this. Ask an administrator for the Client portal permission it needs.';

interface ApiError {
  response?: {
    data?: {
      error?: { message?: string; details?: { code?: string; errors?: { path: string[]; message: string }[] } };
    };
  };
  message?: string;
}

/** A human message for a failed request: the seat limit in words, field errors by field. */
export const describeError = (error: unknown): { message: string; fields: Record<string, string> } => {
  const body = (error as ApiError)?.response?.data?.error;
  if (body?.details?.code === SEAT_LIMIT_REACHED) {
    return {
      message: 'All seats of your plan are in use. Archive someone or raise the seat limit in Settings.',
      fields: {},
    };
  }
  if (body?.details?.code === STAFF_CODES.notLinked) {
    return { message: NOT_LINKED_MESSAGE, fields: {} };
  }
  // The admin's RBAC policy answers a bare "Policy Failed": say what it means instead.
  if (body?.message === 'Policy Failed' || (error as ApiError)?.message === 'Policy Failed') {
    return { message: NO_PERMISSION_MESSAGE, fields: {} };
  }
  const fields = Object.fromEntries(
    (body?.details?.errors ?? []).map((problem) => [problem.path.join('.'), problem.message])
  );
  return { message: body?.message ?? (error as ApiError)?.message ?? 'Something went wrong', fields };
};

/** Roles an invitation may name, and the flags each allows (docs/roles-and-capabilities.md). */
export const FLAGS_OF: Record<PortalRoleType, ('canManageProjects' | 'canManageFinances' | 'clientManager')[]> = {
  owner: [],
  member: ['canManageProjects', 'canManageFinances'],
  'client-plus': ['clientManager'],
  client: ['clientManager'],
};

/** The invitation form's input, cleaned for the API: empty strings dropped, flags the role cannot hold removed. */
export const invitationPayload = (form: Record<string, unknown>) => {
  const role = form.role as PortalRoleType;
  const allowed = new Set<string>(FLAGS_OF[role] ?? []);
  return Object.fromEntries(
    Object.entries(form).filter(([key, value]) => {
      if (['canManageProjects', 'canManageFinances', 'clientManager'].includes(key))
        return allowed.has(key) && value === true;
      if (Array.isArray(value)) return value.length > 0;
      return value !== '' && value !== undefined && value !== null;
    })
  );
};

/** The GETs "view as client" replays for one project, as that client (docs/admin-panel.md#view-as-client). */
export const previewPaths = (projectDocumentId: string) => {
  const ofProject = `filters[project][documentId][$eq]=${encodeURIComponent(projectDocumentId)}`;
  const names = (relation: string) =>
    `populate[${relation}][fields][0]=firstName&populate[${relation}][fields][1]=lastName`;
  const page = 'pagination[pageSize]=100';
  return {
    project: `/api/projects/${encodeURIComponent(projectDocumentId)}`,
    tasks: `/api/tasks?${ofProject}&sort=title&${page}`,
    discussions: `/api/discussions?${ofProject}&${names('author')}&sort=createdAt:desc&${page}`,
    documents: `/api/documents?${ofProject}&populate[task][fields][0]=title&sort=title&${page}`,
    budgets: `/api/budgets?${ofProject}&sort=name&${page}`,
    time: `/api/time-entries?${ofProject}&populate[task][fields][0]=title&${names('person')}&sort=date:desc&${page}`,
    expenses: `/api/expenses?${ofProject}&sort=date:desc&${page}`,
    invoices: `/api/invoices?${ofProject}&sort=issuedOn:desc&${page}`,
  };
};

export type PreviewSectionName = keyof ReturnType<typeof previewPaths>;
