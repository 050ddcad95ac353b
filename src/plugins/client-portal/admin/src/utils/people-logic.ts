import { PORTAL_ROLES, type PersonSummary, type PortalRoleType } from '../../../shared/contracts';
import { displayName, FLAGS_OF, groupByRole, type SeatState } from './logic';

/** Pure logic of People & seats (docs/admin-panel.md#people--seats), tested without a browser. */

export const ALL = 'all';
/** The company filter's value for people without a company. */
export const NO_COMPANY = 'none';
export const PEOPLE_PAGE_SIZE = 10;

export interface PeopleFilter {
  /** Part of a name or email, any case. */
  query: string;
  role: PortalRoleType | typeof ALL;
  /** A company's documentId, NO_COMPANY or ALL. */
  company: string;
}

export const NO_FILTER: PeopleFilter = { query: '', role: ALL, company: ALL };

/** One list in the order of the former per-role tables (Owner, Member, Client+, Client, by name); archived people last. */
export const sortPeople = (people: PersonSummary[]): PersonSummary[] => {
  const ordered = groupByRole(people).flatMap((group) => group.people);
  return [...ordered.filter((person) => !person.archivedAt), ...ordered.filter((person) => person.archivedAt)];
};

const matchesQuery = (person: PersonSummary, query: string) => {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const haystack =
    `${displayName(person)} ${person.firstName ?? ''} ${person.lastName ?? ''} ${person.email}`.toLowerCase();
  return words.every((word) => haystack.includes(word));
};

/** The people the search and both filters let through, sorted. */
export const filterPeople = (people: PersonSummary[], filter: PeopleFilter): PersonSummary[] =>
  sortPeople(people).filter(
    (person) =>
      (filter.role === ALL || person.role === filter.role) &&
      (filter.company === ALL ||
        (filter.company === NO_COMPANY ? !person.company : person.company?.documentId === filter.company)) &&
      matchesQuery(person, filter.query)
  );

/** The companies people belong to, by name, for the company filter. */
export const companiesOf = (people: PersonSummary[]): { documentId: string; name: string }[] => {
  const byId = new Map<string, string>();
  for (const person of people) if (person.company) byId.set(person.company.documentId, person.company.name);
  return [...byId].map(([documentId, name]) => ({ documentId, name })).sort((a, b) => a.name.localeCompare(b.name));
};

export interface RoleChange {
  name: string;
  from: string;
  to: string;
  /** The change takes a seat (a Client becomes staff or Client+) or frees one. */
  seat: 'takes' | 'frees' | null;
  /** Flags the person holds that the new role cannot hold: the server clears them. */
  dropsFlags: ('canManageProjects' | 'canManageFinances' | 'clientManager')[];
}

/**
 * What the confirmation dialog says before a role change ("Change Cora Acme's role from
 * Client to Client+?"); `roleName` translates a role's name.
 */
export const roleChange = (
  person: PersonSummary,
  to: PortalRoleType,
  roleName: (role: PortalRoleType) => string = (role) => PORTAL_ROLES[role].name
): RoleChange => {
  const before = PORTAL_ROLES[person.role].seat;
  const after = PORTAL_ROLES[to].seat;
  const allowed = new Set(FLAGS_OF[to]);
  return {
    name: displayName(person),
    from: roleName(person.role),
    to: roleName(to),
    seat: person.archivedAt || before === after ? null : after ? 'takes' : 'frees',
    dropsFlags: FLAGS_OF[person.role].filter((flag) => person[flag] && !allowed.has(flag)),
  };
};

export interface SeatBar {
  /** 0–100 for the ProgressBar; null on an unlimited plan. */
  percent: number | null;
  tone: 'normal' | 'high' | 'full';
}

/** The seat usage bar: filled to the share of seats used, warning from 80 %, danger when full. */
export const seatBar = (state: SeatState): SeatBar => {
  if (state.kind === 'unlimited') return { percent: null, tone: 'normal' };
  const percent = state.limit <= 0 ? 100 : Math.min(100, Math.round((state.used / state.limit) * 100));
  return { percent, tone: state.kind === 'full' ? 'full' : percent >= 80 ? 'high' : 'normal' };
};
