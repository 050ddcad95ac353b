import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { PORTAL_ROLE_TYPES, type PortalRoleType } from '../../../shared/contracts';
import { buildActor, withMemberIds, type AuthenticatedUser } from '../access/actor';
import { usesColleagueIds } from '../access/rules';
import { currentRoute } from '../adapters/request-scope';
import { PERMISSION, ROLE, USER } from '../constants';
import { columnOf, linkTableOf, metaOf } from './table-meta';

export interface Memberships {
  companyId: number | null;
  projectIds: number[];
  /** Loaded only when asked for; absent too when there are more than COLLEAGUE_LIMIT. */
  colleagueIds?: number[];
}

/** The role of a signed-in person, as users-permissions and GraphQL's `me` read it. */
export interface SignedInRole {
  id: number;
  name: string;
  description: string | null;
  type: string | null;
}

/** What authenticating a person needs beyond their row: their role, its actions and their memberships. */
export interface SignedIn extends Memberships {
  role: SignedInRole | null;
  /** The content-API actions the role may perform (users-permissions' permissions of the role). */
  actions: string[];
}

/** Beyond this many colleagues an `id IN (…)` list costs more than the join it saves. */
const COLLEAGUE_LIMIT = 2000;

interface MembershipRow {
  kind: 'role' | 'action' | 'company' | 'project' | 'colleague';
  /** The id of the role, company, project or colleague; for an action, of its role. */
  ref: number | string;
  value: string | null;
  name: string | null;
  description: string | null;
}

/** Whether a statement asked for with `colleagues` reads them: always, never, or under the listed roles. */
const readsColleagues = (colleagues: boolean | readonly string[]): boolean =>
  colleagues === true || (Array.isArray(colleagues) && colleagues.length > 0);

/**
 * One statement on the link tables: a person's company, the ids of their projects and,
 * when `colleagues` says so, of everyone who shares one of those projects with them;
 * with `role`, also their role and its permitted actions. `colleagues` is either known
 * (true / false) or, when the role is read in this same statement, the role types for
 * which they are wanted.
 */
const membershipRows = (
  strapi: Core.Strapi,
  userId: number,
  { colleagues, role }: { colleagues: boolean | readonly string[]; role: boolean }
): Promise<MembershipRow[]> => {
  const company = linkTableOf(strapi, USER, 'company');
  const projects = linkTableOf(strapi, USER, 'projects');
  const roleLink = linkTableOf(strapi, USER, 'role');
  const permissionLink = linkTableOf(strapi, PERMISSION, 'role');
  const roles = metaOf(strapi, ROLE).tableName;
  const roleType = columnOf(strapi, ROLE, 'type');
  const connection = strapi.db.connection;
  const raw = (sql: string) => connection.raw(sql);
  const schema = strapi.db.getSchemaName();
  const from = (builder: Knex.QueryBuilder) => (schema ? builder.withSchema(schema) : builder);
  const person = projects.joinColumn.name;
  const project = projects.inverseJoinColumn.name;
  const labels = (value: string | null, name: string | null, description: string | null) => [
    value ? `${value} as value` : raw('null as value'),
    name ? `${name} as name` : raw('null as name'),
    description ? `${description} as description` : raw('null as description'),
  ];
  const branches: ((builder: Knex.QueryBuilder) => Knex.QueryBuilder)[] = [];
  if (role) {
    branches.push((builder) =>
      from(builder)
        .select(
          raw("'role' as kind"),
          'r.id as ref',
          ...labels(
            `r.${roleType}`,
            `r.${columnOf(strapi, ROLE, 'name')}`,
            `r.${columnOf(strapi, ROLE, 'description')}`
          )
        )
        .from({ r: roles })
        .join({ l: roleLink.name }, `l.${roleLink.inverseJoinColumn.name}`, 'r.id')
        .where(`l.${roleLink.joinColumn.name}`, userId)
    );
    branches.push((builder) =>
      from(builder)
        .select(
          raw("'action' as kind"),
          `pl.${permissionLink.inverseJoinColumn.name} as ref`,
          ...labels(`p.${columnOf(strapi, PERMISSION, 'action')}`, null, null)
        )
        .from({ p: metaOf(strapi, PERMISSION).tableName })
        .join({ pl: permissionLink.name }, `pl.${permissionLink.joinColumn.name}`, 'p.id')
        .join(
          { l: roleLink.name },
          `l.${roleLink.inverseJoinColumn.name}`,
          `pl.${permissionLink.inverseJoinColumn.name}`
        )
        .where(`l.${roleLink.joinColumn.name}`, userId)
    );
  }
  branches.push((builder) =>
    from(builder)
      .select(raw("'company' as kind"), `${company.inverseJoinColumn.name} as ref`, ...labels(null, null, null))
      .from(company.name)
      .where(company.joinColumn.name, userId)
  );
  branches.push((builder) =>
    from(builder)
      .select(raw("'project' as kind"), `${project} as ref`, ...labels(null, null, null))
      .from(projects.name)
      .where(person, userId)
  );
  const colleagueRoles = typeof colleagues === 'boolean' ? null : colleagues;
  if (readsColleagues(colleagues)) {
    branches.push((builder) => {
      const query = from(builder)
        .select(raw("'colleague' as kind"), `other.${person} as ref`, ...labels(null, null, null))
        .from({ mine: projects.name })
        .join({ other: projects.name }, `other.${project}`, `mine.${project}`)
        .where(`mine.${person}`, userId);
      if (!colleagueRoles) return query;
      // Only for the roles whose rules read them: the role is read in this same statement.
      return query.whereExists((exists) =>
        from(exists)
          .select(raw('1'))
          .from({ cl: roleLink.name })
          .join({ cr: roles }, 'cr.id', `cl.${roleLink.inverseJoinColumn.name}`)
          .where(`cl.${roleLink.joinColumn.name}`, userId)
          .whereIn(`cr.${roleType}`, [...colleagueRoles])
      );
    });
  }
  const [first, ...rest] = branches;
  const query = first(connection.queryBuilder());
  for (const branch of rest) query.unionAll((union) => branch(union));
  return query as unknown as Promise<MembershipRow[]>;
};

const membershipsOf = (rows: MembershipRow[], colleagues: boolean): Memberships => {
  const idsOf = (kind: MembershipRow['kind']) => [
    ...new Set(rows.filter((row) => row.kind === kind).map((row) => Number(row.ref))),
  ];
  const companyRow = rows.find((row) => row.kind === 'company');
  const colleagueIds = colleagues ? idsOf('colleague') : undefined;
  return {
    companyId: companyRow ? Number(companyRow.ref) : null,
    projectIds: idsOf('project'),
    ...(colleagueIds && colleagueIds.length <= COLLEAGUE_LIMIT ? { colleagueIds } : {}),
  };
};

/**
 * A person's company, the ids of the projects they are a member of and, when asked,
 * of everyone who shares one of those projects with them, in one statement on the
 * link tables: the rules filter on these ids instead of joining members on every read.
 */
export const loadMemberships = async (
  strapi: Core.Strapi,
  userId: number,
  { colleagues }: { colleagues: boolean }
): Promise<Memberships> => membershipsOf(await membershipRows(strapi, userId, { colleagues, role: false }), colleagues);

/**
 * Everything authenticating a person reads beyond their row, in one statement: their
 * role, the actions it permits, their company and project ids and, for the roles in
 * `colleaguesFor`, their colleagues' ids. users-permissions would read the role, then
 * the role again and its permissions, in three statements of their own. `readColleagues`:
 * whether the statement reads the colleagues (`true` / `false`: whatever the role; by
 * default under the roles in `colleaguesFor`, checked in SQL).
 */
export const loadSignedIn = async (
  strapi: Core.Strapi,
  userId: number,
  {
    colleaguesFor,
    readColleagues = colleaguesFor,
  }: { colleaguesFor: readonly string[]; readColleagues?: boolean | readonly string[] }
): Promise<SignedIn> => {
  const rows = await membershipRows(strapi, userId, { colleagues: readColleagues, role: true });
  const roleRow = rows.find((row) => row.kind === 'role');
  const role = roleRow
    ? { id: Number(roleRow.ref), name: roleRow.name ?? '', description: roleRow.description, type: roleRow.value }
    : null;
  const wanted = role !== null && role.type !== null && colleaguesFor.includes(role.type);
  // Wanted but not read (a stale guess, see `lastRoleTypes`): absent, and the people rule joins.
  const colleagues = wanted && readsColleagues(readColleagues);
  return {
    ...membershipsOf(rows, colleagues),
    role,
    // The actions of that one role only, whatever other role links a damaged row may have.
    actions: rows
      .filter((row) => row.kind === 'action' && row.value !== null && Number(row.ref) === role?.id)
      .map((row) => row.value as string),
  };
};

/** A request that changes no membership: ids loaded at its start stay true to its end. */
const readsOnly = (strapi: Core.Strapi): boolean => {
  const method = strapi.requestContext.get()?.method;
  return method === 'GET' || method === 'HEAD';
};

/**
 * The role type each person had when they last signed in to this app, by person id. It only
 * decides whether the sign-in statement reads their colleagues' ids without asking for the
 * role in SQL (a guard that costs PostgreSQL as much planning as the rest of the statement):
 * a stale guess reads ids the rules do not use, or leaves them out and the people rule joins
 * instead; it never changes what anyone sees. Emptied when it outgrows ROLE_HINT_LIMIT.
 */
const lastRoleTypes = new WeakMap<Core.Strapi, Map<number, string | null>>();
const ROLE_HINT_LIMIT = 50_000;

/** The map an app keeps in `store`, made on first use. */
const mapOf = <K, V>(store: WeakMap<Core.Strapi, Map<K, V>>, strapi: Core.Strapi): Map<K, V> => {
  let map = store.get(strapi);
  if (!map) store.set(strapi, (map = new Map()));
  return map;
};

/**
 * Per app and route, whether the last signed-in read of that route asked the people rule
 * (`notePeopleRuleAsked`). Like `lastRoleTypes` it only decides whether the sign-in statement (or
 * `withMemberships`, for staff on the admin routes) reads the colleagues' ids: a budget summary
 * or a report never asks, and their branch of the statement is work for nothing; a route that
 * asks this time but did not last time finds no ids, and the people rule joins instead. Never a
 * different answer. As many keys as routes.
 */
const routesAskingPeople = new WeakMap<Core.Strapi, Map<string, boolean>>();
const PEOPLE_ASKED = Symbol('client-portal: the people rule was asked');

/**
 * What the current request's route did last time (`undefined`: not seen yet), and a watch that
 * records, once the response is sent, whether this request asked the people rule.
 */
const watchPeopleRule = (strapi: Core.Strapi): boolean | undefined => {
  const ctx = strapi.requestContext.get();
  const route = currentRoute(strapi);
  if (!ctx?.res || !route?.path) return undefined;
  const key = `${route.info?.type ?? ''} ${route.method ?? ''} ${route.path}`;
  const routes = mapOf(routesAskingPeople, strapi);
  const record = { asked: false };
  (ctx.state as Record<symbol, unknown>)[PEOPLE_ASKED] = record;
  ctx.res.once('finish', () => routes.set(key, record.asked));
  return routes.get(key);
};

/** The people rule is being computed in this request (services/access.ts): its route reads colleagues next time. */
export const notePeopleRuleAsked = (strapi: Core.Strapi): void => {
  const state = strapi.requestContext.get()?.state as Record<symbol, { asked: boolean } | undefined> | undefined;
  const record = state?.[PEOPLE_ASKED];
  if (record) record.asked = true;
};

/**
 * A loaded person made ready for `toActor`: their company set and their project ids
 * (and, for a read the people rule would join on, their colleagues' ids) recorded,
 * all from the one `loadMemberships` statement. The colleagues are read as at sign-in:
 * only on a route whose last read asked the people rule (`watchPeopleRule`). `rulesOn`
 * false (PORTAL_RULES_OFF): no rule will ask for the colleagues.
 */
export const withMemberships = async <T extends AuthenticatedUser & { company?: { id: number } | null }>(
  strapi: Core.Strapi,
  person: T,
  { rulesOn }: { rulesOn: boolean }
): Promise<T> => {
  const actor = rulesOn ? buildActor(person) : null;
  const colleagues =
    actor !== null && usesColleagueIds(actor) && readsOnly(strapi) && watchPeopleRule(strapi) !== false;
  const { companyId, projectIds, colleagueIds } = await loadMemberships(strapi, person.id, { colleagues });
  person.company = companyId === null ? null : { id: companyId };
  return withMemberIds(person, projectIds, colleagueIds);
};

/**
 * A signed-in person's row (read without its relations) made ready for users-permissions
 * and `toActor` in one more statement (`loadSignedIn`): their role and company set, their
 * ids recorded, and the actions of their role returned for the ability users-permissions
 * builds. `rulesOn` false (PORTAL_RULES_OFF): no rule will ask for the colleagues.
 */
export const withSignedIn = async <T extends AuthenticatedUser & { company?: { id: number } | null }>(
  strapi: Core.Strapi,
  person: T,
  { rulesOn }: { rulesOn: boolean }
): Promise<{ person: T & { role: SignedInRole | null }; actions: string[] }> => {
  // The role is read in the same statement: ask for the colleagues under the roles whose rules read them.
  const colleaguesFor =
    rulesOn && readsOnly(strapi)
      ? PORTAL_ROLE_TYPES.filter((type) => {
          const actor = buildActor({ ...person, role: { type } });
          return actor !== null && usesColleagueIds(actor);
        })
      : [];
  const hints = mapOf(lastRoleTypes, strapi);
  const hint = hints.get(person.id);
  const routeAsked = colleaguesFor.length === 0 ? undefined : watchPeopleRule(strapi);
  // No guess yet: the statement reads the colleagues under the role it reads (guarded in SQL).
  const readColleagues =
    colleaguesFor.length === 0 || routeAsked === false
      ? false
      : hint === undefined
        ? colleaguesFor
        : hint !== null && (colleaguesFor as readonly string[]).includes(hint);
  const { role, actions, companyId, projectIds, colleagueIds } = await loadSignedIn(strapi, person.id, {
    colleaguesFor,
    readColleagues,
  });
  if (hints.size >= ROLE_HINT_LIMIT) hints.clear();
  hints.set(person.id, role?.type ?? null);
  const signedIn = Object.assign(person, { role, company: companyId === null ? null : { id: companyId } });
  return { person: withMemberIds(signedIn, projectIds, colleagueIds), actions };
};

/**
 * A guard for person rows whose role is one of `roles`: it narrows the role's type,
 * which the schema lets be null, to what `toActor` and the summaries take.
 */
export const roleIn =
  <const Role extends PortalRoleType>(roles: readonly Role[]) =>
  <T extends { role?: { type: string | null } | null }>(person: T): person is T & { role: { type: Role } } =>
    roles.some((role) => role === person.role?.type);
