import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import {
  roleLabel,
  type NotificationPreferences,
  type PersonSummary,
  type PortalRoleType,
} from '../../../shared/contracts';
import { type Actor } from '../access/actor';
import { runAsSystem } from '../adapters/request-scope';
import { capabilities } from '../access/capabilities';
import { mayManagePerson, misplacedFlags, refusedAssignment, type RoleAndFlags } from '../access/people-rules';
import type { PluginConfig } from '../config';
import { conflict, invalidField } from '../errors';
import { getService } from '../utils/get-service';
import { rowsOf, type Row } from '../utils/rows';
import { COMPANY, PROJECT, USER } from '../constants';

const POPULATE = { role: true, company: true, projects: { populate: ['leader'] } } as const;

/** A person with their role, company and projects (each with its leader). */
type UserRow = Row<typeof USER, { populate: typeof POPULATE }>;

/** Changes an Owner or Member+ may make to a person (PUT /people/:id, docs/http-api.md). */
export interface PersonChange {
  role?: PortalRoleType;
  canManageProjects?: boolean;
  canManageFinances?: boolean;
  clientManager?: boolean;
  company?: string;
  title?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  projects?: string[];
  hourlyRateCents?: number | null;
  costRateCents?: number | null;
}

/** What a person may change of their own profile (docs/roles-and-capabilities.md#your-own-profile). */
export interface ProfileChange {
  firstName?: string | null;
  lastName?: string | null;
  title?: string | null;
  language?: string;
  password?: string;
  notifications?: NotificationPreferences;
}

const flagsOf = (row: UserRow): RoleAndFlags => ({
  role: row.role?.type as PortalRoleType,
  canManageProjects: Boolean(row.canManageProjects),
  canManageFinances: Boolean(row.canManageFinances),
  clientManager: Boolean(row.clientManager),
});

const forbidden = (message: string): never => {
  throw new errors.ForbiddenError(message);
};

/**
 * The first Owner (docs/roles-and-capabilities.md#the-first-owner): when no person holds the Owner role and
 * PORTAL_OWNER_EMAIL/PASSWORD are set, create the agency company and that Owner.
 */
const people = ({ strapi }: { strapi: Core.Strapi }) => ({
  summarize(row: UserRow, withRates: boolean): PersonSummary {
    const flags = flagsOf(row);
    return {
      id: row.id,
      documentId: row.documentId,
      email: row.email,
      firstName: row.firstName,
      lastName: row.lastName,
      title: row.title,
      language: row.language ?? 'en',
      role: flags.role,
      roleLabel: roleLabel(flags.role, flags),
      canManageProjects: flags.canManageProjects,
      canManageFinances: flags.canManageFinances,
      clientManager: flags.clientManager,
      blocked: Boolean(row.blocked),
      archivedAt: row.archivedAt ? new Date(row.archivedAt).toISOString() : null,
      company: row.company ? { documentId: row.company.documentId, name: row.company.name } : null,
      projects: (row.projects ?? []).map((project) => ({ documentId: project.documentId, name: project.name })),
      ...(withRates ? { hourlyRateCents: row.hourlyRateCents, costRateCents: row.costRateCents } : {}),
    };
  },

  async load(id: number): Promise<UserRow | null> {
    return rowsOf(strapi, USER).findOne({ where: { id }, populate: POPULATE });
  },

  /**
   * People as the actor may read them: only the projects the actor sees (docs/visibility.md; one query
   * for all rows), rates for financial viewers.
   */
  async present(actor: Actor, rows: UserRow[]): Promise<PersonSummary[]> {
    const ids = [...new Set(rows.flatMap((row) => (row.projects ?? []).map((project) => project.id)))];
    const visible = ids.length
      ? await getService(strapi, 'access')
          .for(actor)
          .findMany<{ id: number }>(PROJECT, { where: { id: { $in: ids } }, select: ['id'] })
      : [];
    const seen = new Set(visible.map((project) => project.id));
    return rows.map((row) =>
      this.summarize(
        { ...row, projects: (row.projects ?? []).filter((project) => seen.has(project.id)) },
        capabilities(actor).manageFinances
      )
    );
  },

  /** The people the actor may see (the same rule as /api/users). */
  async list(actor: Actor): Promise<PersonSummary[]> {
    const rows = await getService(strapi, 'access')
      .for(actor)
      .findMany<UserRow>(USER, {
        populate: POPULATE,
        orderBy: [{ lastName: 'asc' }, { id: 'asc' }],
      });
    return this.present(
      actor,
      rows.filter((row) => row.role?.type)
    );
  },

  /** A person the actor may see and manage, else 404 (invisible) or 403 (visible, not theirs to change). */
  async manageable(actor: Actor, id: number): Promise<UserRow> {
    const visible = await this.visibleTo(actor, id);
    if (!mayManagePerson(actor, flagsOf(visible))) forbidden('You may not change this person');
    if (!capabilities(actor).owner && !(visible.projects ?? []).some((project) => project.leader?.id === actor.id)) {
      forbidden('Member+ manage people on the projects they lead');
    }
    return visible;
  },

  async assertNotLastOwner(row: UserRow, what: string) {
    if (row.role?.type !== 'owner') return;
    const owners = await strapi.db.query(USER).count({
      where: { role: { type: 'owner' }, archivedAt: { $null: true }, id: { $ne: row.id } },
    });
    if (owners === 0) throw conflict(`The last Owner cannot be ${what}`, { code: 'LAST_OWNER' });
  },

  async update(actor: Actor, id: number, change: PersonChange): Promise<PersonSummary> {
    const touchesRates = change.hourlyRateCents !== undefined || change.costRateCents !== undefined;
    const touchesPeople = Object.keys(change).some((key) => !['hourlyRateCents', 'costRateCents'].includes(key));
    if (touchesRates && !capabilities(actor).manageFinances)
      forbidden('Only Owners and Member+ with the finance permission set rates');
    const row = touchesPeople ? await this.manageable(actor, id) : await this.visibleTo(actor, id);
    const current = flagsOf(row);
    const next: RoleAndFlags = {
      role: change.role ?? current.role,
      canManageProjects:
        change.canManageProjects ?? (change.role && change.role !== 'member' ? false : current.canManageProjects),
      canManageFinances:
        change.canManageFinances ?? (change.role && change.role !== 'member' ? false : current.canManageFinances),
      clientManager:
        change.clientManager ??
        (change.role && !['client', 'client-plus'].includes(change.role) ? false : current.clientManager),
    };
    const misplaced = misplacedFlags(next);
    if (misplaced.length > 0) invalidField(misplaced[0], `does not apply to the role ${next.role}`);
    const changesRole =
      next.role !== current.role ||
      next.canManageProjects !== current.canManageProjects ||
      next.canManageFinances !== current.canManageFinances;
    if (changesRole || next.clientManager !== current.clientManager) {
      const refused = refusedAssignment(actor, next);
      if (refused) forbidden(refused === 'actor' ? 'You may not change roles' : `You may not set ${refused} this way`);
    }
    if (current.role === 'owner' && next.role !== 'owner') await this.assertNotLastOwner(row, 'demoted');

    const data: Record<string, unknown> = { ...next };
    for (const field of ['title', 'firstName', 'lastName', 'hourlyRateCents', 'costRateCents'] as const) {
      if (change[field] !== undefined) data[field] = change[field];
    }
    data.role = await getService(strapi, 'roles').roleIdOf(next.role);
    if (change.company !== undefined) {
      const company = await rowsOf(strapi, COMPANY).findOne({ where: { documentId: change.company } });
      if (!company) invalidField('company', 'no such company');
      data.company = company!.id;
    }
    if (change.projects !== undefined) data.projects = await this.projectIdsFor(actor, change.projects, row);

    await getService(strapi, 'seats').withSeatCheck(() => strapi.db.query(USER).update({ where: { id }, data }));
    return (await this.present(actor, [(await this.load(id))!]))[0];
  },

  /** The project list after the change; Member+ only move people in and out of projects they lead. */
  async projectIdsFor(actor: Actor, documentIds: string[], row: UserRow): Promise<number[]> {
    const projects = await rowsOf(strapi, PROJECT).findMany({
      where: { documentId: { $in: documentIds } },
      populate: ['leader'],
    });
    if (projects.length !== new Set(documentIds).size) invalidField('projects', 'names a project that does not exist');
    if (capabilities(actor).owner) return projects.map((project) => project.id);
    const led = (project: { leader?: { id: number } | null }) => project.leader?.id === actor.id;
    if (projects.some((project) => !led(project)))
      invalidField('projects', 'you may add people only to projects you lead');
    const kept = (row.projects ?? []).filter((project) => !led(project)).map((project) => project.id);
    return [...new Set([...kept, ...projects.map((project) => project.id)])];
  },

  async visibleTo(actor: Actor, id: number): Promise<UserRow> {
    const row = await getService(strapi, 'access')
      .for(actor)
      .findOne<UserRow>(USER, { where: { id: { $eq: id } }, populate: POPULATE });
    if (!row || !row.role?.type) throw new errors.NotFoundError('Not Found');
    return row;
  },

  async setArchived(actor: Actor, id: number, archived: boolean): Promise<PersonSummary> {
    const row = await this.manageable(actor, id);
    if (archived) {
      // The last Owner hears why (409 LAST_OWNER) before the general rule against archiving oneself.
      await this.assertNotLastOwner(row, 'archived');
      if (row.id === actor.id) forbidden('You cannot archive yourself');
    }
    const archivedAt = archived ? (row.archivedAt ?? new Date()) : null;
    await getService(strapi, 'seats').withSeatCheck(() =>
      strapi.db.query(USER).update({ where: { id }, data: { archivedAt } })
    );
    return (await this.present(actor, [(await this.load(id))!]))[0];
  },

  async remove(actor: Actor, id: number): Promise<void> {
    if (!capabilities(actor).deletePeople) forbidden('Only an Owner deletes people');
    const row = await this.visibleTo(actor, id);
    await this.assertNotLastOwner(row, 'deleted');
    await strapi.db.query(USER).delete({ where: { id } });
  },

  async me(actor: Actor) {
    return (await this.present(actor, [(await this.load(actor.id))!]))[0];
  },

  async updateProfile(actor: Actor, change: ProfileChange) {
    const { password, notifications, ...fields } = change;
    if (password !== undefined) {
      // A person may not edit users through the API; their own password is this endpoint's job.
      await runAsSystem(() => strapi.plugin('users-permissions').service('user').edit(actor.id, { password }));
    }
    if (Object.keys(fields).length > 0) {
      await strapi.db.query(USER).update({ where: { id: actor.id }, data: fields });
    }
    if (notifications) await getService(strapi, 'preferences').update(actor.id, notifications);
    return this.me(actor);
  },

  async ensureAgencyAndOwner(config: PluginConfig): Promise<void> {
    if (!config.ownerEmail) return;
    const ownerRoleId = await getService(strapi, 'roles').roleIdOf('owner');
    const owners = await strapi.db.query(USER).count({ where: { role: { id: ownerRoleId } } });
    if (owners > 0) return;

    const agency = await this.ensureAgency(config.agencyName);
    const existing = await rowsOf(strapi, USER).findOne({ where: { email: config.ownerEmail } });

    if (existing) {
      // The operator named an existing person as Owner: promote, keep their password.
      await strapi.db.query(USER).update({
        where: { id: existing.id },
        data: { role: ownerRoleId, company: agency.id, confirmed: true, blocked: false, archivedAt: null },
      });
      strapi.log.info(`[client-portal] promoted ${config.ownerEmail} to Owner`);
      return;
    }

    await strapi.plugin('users-permissions').service('user').add({
      username: config.ownerEmail,
      email: config.ownerEmail,
      password: config.ownerPassword,
      provider: 'local',
      confirmed: true,
      blocked: false,
      role: ownerRoleId,
      company: agency.id,
      language: 'en',
    });
    strapi.log.info(`[client-portal] created the first Owner ${config.ownerEmail}`);
  },

  async ensureAgency(name: string): Promise<{ id: number }> {
    const agency = await rowsOf(strapi, COMPANY).findOne({ where: { isAgency: true } });
    if (agency) return agency;
    const created = await strapi.documents(COMPANY).create({ data: { name, isAgency: true } });
    return { id: created.id as number };
  },
});

export default people;
