import type { Core } from '@strapi/strapi';
import { type PortalRoleType } from '../../../shared/contracts';
import { withProjectIds } from '../access/actor';
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
}

/**
 * A person's company and the ids of the projects they are a member of, in one
 * statement on the two link tables (the company alone took one statement before):
 * the rules filter on these ids instead of joining project members on every read.
 */
export const loadMemberships = async (strapi: Core.Strapi, userId: number): Promise<Memberships> => {
  const company = joinTableOf(strapi, 'company');
  const projects = joinTableOf(strapi, 'projects');
  const raw = (sql: string) => strapi.db.connection.raw(sql);
  const schema = strapi.db.getSchemaName();
  const rows = (await strapi.db
    .getConnection(company.name)
    .select(raw("'company' as kind"), `${company.inverseJoinColumn.name} as ref`)
    .where(company.joinColumn.name, userId)
    .unionAll((union) =>
      (schema ? union.withSchema(schema) : union)
        .select(raw("'project' as kind"), `${projects.inverseJoinColumn.name} as ref`)
        .from(projects.name)
        .where(projects.joinColumn.name, userId)
    )) as { kind: string; ref: number | string }[];
  const companyRow = rows.find((row) => row.kind === 'company');
  return {
    companyId: companyRow ? Number(companyRow.ref) : null,
    projectIds: [...new Set(rows.filter((row) => row.kind === 'project').map((row) => Number(row.ref)))],
  };
};

/**
 * A loaded person made ready for `toActor`: their company set and their project ids
 * recorded, both from the one `loadMemberships` statement.
 */
export const withMemberships = async <T extends { id: number; company?: { id: number } | null }>(
  strapi: Core.Strapi,
  person: T
): Promise<T> => {
  const { companyId, projectIds } = await loadMemberships(strapi, person.id);
  person.company = companyId === null ? null : { id: companyId };
  return withProjectIds(person, projectIds);
};

/**
 * A guard for person rows whose role is one of `roles`: it narrows the role's type,
 * which the schema lets be null, to what `toActor` and the summaries take.
 */
export const roleIn =
  <const Role extends PortalRoleType>(roles: readonly Role[]) =>
  <T extends { role?: { type: string | null } | null }>(person: T): person is T & { role: { type: Role } } =>
    roles.some((role) => role === person.role?.type);
