import crypto from 'crypto';
import type { UID } from '@strapi/strapi';
import type { PortalRoleType } from '../../src/plugins/client-portal/shared/contracts';
import type { TestApp } from './app';

export interface Row {
  id: number;
  documentId: string;
  [field: string]: any;
}

export interface Person extends Row {
  email: string;
  password: string;
  role: PortalRoleType;
  /** A users-permissions JWT, as /api/auth/local would return. */
  jwt: string;
}

export interface PersonInput {
  role: PortalRoleType;
  company?: Row;
  projects?: Row[];
  canManageProjects?: boolean;
  canManageFinances?: boolean;
  clientManager?: boolean;
  firstName?: string;
  lastName?: string;
  hourlyRateCents?: number;
  costRateCents?: number;
}

const unique = () => crypto.randomBytes(4).toString('hex');

/** Creates data directly through Strapi (no request context, so no rules apply). */
export const fixtures = (app: TestApp) => {
  const { strapi } = app;

  const create = async (uid: UID.ContentType, data: Record<string, unknown>): Promise<Row> =>
    (await strapi.documents(uid).create({ data } as any)) as unknown as Row;

  const roleId = async (type: PortalRoleType): Promise<number> => {
    const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type } });
    if (!role) throw new Error(`role ${type} missing`);
    return role.id;
  };

  const jwtFor = (id: number): string => strapi.plugin('users-permissions').service('jwt').issue({ id }) as string;

  return {
    create,
    jwtFor,
    roleId,

    /** The agency's own company, which bootstrap seeds. */
    agency: async (): Promise<Row> =>
      (await strapi.db.query('api::company.company').findOne({ where: { isAgency: true } })) as Row,

    company: (data: Record<string, unknown> = {}) =>
      create('api::company.company', { name: `Client ${unique()}`, ...data }),

    /** A project of `company`; `members` and the leader become members. */
    project: (company: Row, data: { leader?: Row; members?: Row[]; [field: string]: unknown } = {}) => {
      const { leader, members = [], ...rest } = data;
      const memberIds = [...new Set([...members, ...(leader ? [leader] : [])].map((person) => person.documentId))];
      return create('api::project.project', {
        name: `Project ${unique()}`,
        company: company.documentId,
        leader: leader?.documentId,
        members: memberIds,
        ...rest,
      });
    },

    async person(input: PersonInput): Promise<Person> {
      const email = `${input.role}-${unique()}@people.test`;
      const password = `pw-${unique()}-${unique()}`;
      const user = (await strapi
        .plugin('users-permissions')
        .service('user')
        .add({
          username: email,
          email,
          password,
          provider: 'local',
          confirmed: true,
          blocked: false,
          role: await roleId(input.role),
          company: input.company?.id,
          firstName: input.firstName ?? input.role,
          lastName: input.lastName ?? unique(),
          canManageProjects: input.canManageProjects ?? false,
          canManageFinances: input.canManageFinances ?? false,
          clientManager: input.clientManager ?? false,
          hourlyRateCents: input.hourlyRateCents,
          costRateCents: input.costRateCents,
        })) as Row;
      for (const project of input.projects ?? []) {
        await strapi.documents('api::project.project').update({
          documentId: project.documentId,
          data: { members: { connect: [user.documentId] } },
        } as any);
      }
      return { ...user, email, password, role: input.role, jwt: jwtFor(user.id) };
    },
  };
};

export type Fixtures = ReturnType<typeof fixtures>;
