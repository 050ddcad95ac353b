import type { Core } from '@strapi/strapi';
import { type PortalRoleType } from '../../../shared/contracts';
import { buildActor, withMemberIds, type AuthenticatedUser } from '../access/actor';
import { usesColleagueIds } from '../access/rules';
import { USER } from '../constants';

interface JoinTable {
  name: string;
  joinColumn: { name: string };
  inverseJoinColumn: { name: string };
}

const joinTableOf = (strapi: Core.Strapi, attribute: string): JoinTable => {
  const meta = strapi.db.metadata.get(USER) as unknown as { attributes: Record<string, { joinTable?: JoinTable }> };
  const joinTable = meta.attributes[attribute]?.joinTable;
  if (!joinTable) throw new Error(`${USER}.${attribute} has no join table`);
  return joinTable;
};

export interface Memberships {
  companyId: number | null;
  projectIds: number[];
  /** Loaded only when asked for; absent too when there are more than COLLEAGUE_LIMIT. */
  colleagueIds?: number[];
}

/** Beyond this many colleagues an `id IN (…)` list costs more than the join it saves. */
const COLLEAGUE_LIMIT = 2000;

/**
 * A person's company, the ids of the projects they are a member of and, when asked,
 * of everyone who shares one of those projects with them, in one statement on the
 * link tables: the rules filter on these ids instead of joining members on every read.
 */
export const loadMemberships = async (
  strapi: Core.Strapi,
  userId: number,
  { colleagues }: { colleagues: boolean }
): Promise<Memberships> => {
  const company = joinTableOf(strapi, 'company');
  const projects = joinTableOf(strapi, 'projects');
  const raw = (sql: string) => strapi.db.connection.raw(sql);
  const schema = strapi.db.getSchemaName();
  const person = projects.joinColumn.name;
  const project = projects.inverseJoinColumn.name;
  const query = strapi.db
    .getConnection(company.name)
    .select(raw("'company' as kind"), `${company.inverseJoinColumn.name} as ref`)
    .where(company.joinColumn.name, userId)
    .unionAll((union) =>
      (schema ? union.withSchema(schema) : union)
        .select(raw("'project' as kind"), `${project} as ref`)
        .from(projects.name)
        .where(person, userId)
    );
  if (colleagues) {
    query.unionAll((union) =>
      (schema ? union.withSchema(schema) : union)
        .select(raw("'colleague' as kind"), `other.${person} as ref`)
        .from({ mine: projects.name })
        .join({ other: projects.name }, `other.${project}`, `mine.${project}`)
        .where(`mine.${person}`, userId)
    );
  }
  const rows = (await query) as { kind: string; ref: number | string }[];
  const idsOf = (kind: string) => [...new Set(rows.filter((row) => row.kind === kind).map((row) => Number(row.ref)))];
  const companyRow = rows.find((row) => row.kind === 'company');
  const colleagueIds = colleagues ? idsOf('colleague') : undefined;
  return {
    companyId: companyRow ? Number(companyRow.ref) : null,
    projectIds: idsOf('project'),
    ...(colleagueIds && colleagueIds.length <= COLLEAGUE_LIMIT ? { colleagueIds } : {}),
  };
};

/** A request that changes no membership: ids loaded at its start stay true to its end. */
const readsOnly = (strapi: Core.Strapi): boolean => {
  const method = strapi.requestContext.get()?.method;
  return method === 'GET' || method === 'HEAD';
};

/**
 * A loaded person made ready for `toActor`: their company set and their project ids
 * (and, for a read the people rule would join on, their colleagues' ids) recorded,
 * all from the one `loadMemberships` statement. `rulesOn` false (PORTAL_RULES_OFF):
 * no rule will ask for the colleagues.
 */
export const withMemberships = async <T extends AuthenticatedUser & { company?: { id: number } | null }>(
  strapi: Core.Strapi,
  person: T,
  { rulesOn }: { rulesOn: boolean }
): Promise<T> => {
  const actor = rulesOn ? buildActor(person) : null;
  const colleagues = actor !== null && usesColleagueIds(actor) && readsOnly(strapi);
  const { companyId, projectIds, colleagueIds } = await loadMemberships(strapi, person.id, { colleagues });
  person.company = companyId === null ? null : { id: companyId };
  return withMemberIds(person, projectIds, colleagueIds);
};

/**
 * A guard for person rows whose role is one of `roles`: it narrows the role's type,
 * which the schema lets be null, to what `toActor` and the summaries take.
 */
export const roleIn =
  <const Role extends PortalRoleType>(roles: readonly Role[]) =>
  <T extends { role?: { type: string | null } | null }>(person: T): person is T & { role: { type: Role } } =>
    roles.some((role) => role === person.role?.type);
