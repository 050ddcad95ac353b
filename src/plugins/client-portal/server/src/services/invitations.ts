import crypto from 'crypto';
import { capabilities } from '../access/capabilities';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import {
  roleLabel,
  type AcceptInvitationInput,
  type InvitationInput,
  type InvitationSummary,
} from '../../../shared/contracts';
import { type Actor } from '../access/actor';
import { runAsSystem } from '../adapters/request-scope';
import { misplacedFlags, refusedAssignment } from '../access/people-rules';
import { conflict, gone, invalidField } from '../errors';
import type { InvitationForPage, InvitationProblem } from '../mail/accept-page';
import { invitationMail } from '../mail/invitation';
import { getService } from '../utils/get-service';
import { rowsOf, type Row } from '../utils/rows';
import { COMPANY, INVITATION, PROJECT, USER } from '../constants';

const VALID_FOR_DAYS = 7;
/** The path of the acceptance page; the token travels as `?token=`. */
export const ACCEPT_PATH = '/api/client-portal/invitations/accept';

const POPULATE = { company: true, projects: { populate: ['leader'] }, invitedBy: true } as const;

/** An invitation with its company, projects (each with its leader) and inviter. */
type InvitationRow = Row<typeof INVITATION, { populate: typeof POPULATE }>;

const hashToken = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

export const summarize = (row: InvitationRow): InvitationSummary => ({
  id: row.id,
  documentId: row.documentId,
  email: row.email,
  role: row.role,
  firstName: row.firstName,
  lastName: row.lastName,
  title: row.title,
  language: row.language ?? 'en',
  canManageProjects: Boolean(row.canManageProjects),
  canManageFinances: Boolean(row.canManageFinances),
  clientManager: Boolean(row.clientManager),
  company: row.company ? { documentId: row.company.documentId, name: row.company.name } : null,
  projects: (row.projects ?? []).map((project) => ({ documentId: project.documentId, name: project.name })),
  expiresAt: new Date(row.expiresAt).toISOString(),
  createdAt: new Date(row.createdAt).toISOString(),
  invitedBy: row.invitedBy ? { id: row.invitedBy.id, email: row.invitedBy.email } : null,
});

/**
 * Invitations (docs/http-api.md#people-invitations-and-seats): single-use links that expire after 7 days; only a hash
 * of the random token is stored. A pending invitation for a seat role holds a seat.
 */
const invitations = ({ strapi }: { strapi: Core.Strapi }) => {
  const clock = () => getService(strapi, 'clock').now();
  const pendingWhere = () => ({ acceptedAt: { $null: true }, revokedAt: { $null: true }, expiresAt: { $gt: clock() } });

  /** Resolves and checks the company and projects an invitation names. */
  const resolveTargets = async (actor: Actor, input: InvitationInput) => {
    const company = await rowsOf(strapi, COMPANY).findOne({
      where: input.company ? { documentId: input.company } : { isAgency: true },
    });
    if (input.company && !company) invalidField('company', 'no such company');
    if (!input.company && input.role !== 'owner' && input.role !== 'member') {
      invalidField('company', 'clients need the company they belong to');
    }
    const projectIds = [...new Set(input.projects ?? [])];
    const projects = await rowsOf(strapi, PROJECT).findMany({
      where: { documentId: { $in: projectIds } },
      populate: ['leader'],
    });
    if (projects.length !== projectIds.length) invalidField('projects', 'names a project that does not exist');
    if (!capabilities(actor).owner) {
      if (projects.length === 0) invalidField('projects', 'Member+ invite people into the projects they lead');
      if (projects.some((project) => project.leader?.id !== actor.id)) {
        invalidField('projects', 'you may invite people only into projects you lead');
      }
    }
    return { companyId: company?.id ?? null, projectIds: projects.map((project) => project.id) };
  };

  return {
    async list(actor: Actor): Promise<InvitationSummary[]> {
      const where = capabilities(actor).owner ? pendingWhere() : { ...pendingWhere(), invitedBy: { id: actor.id } };
      const rows = await rowsOf(strapi, INVITATION).findMany({
        where,
        populate: POPULATE,
        orderBy: { createdAt: 'desc' },
      });
      return rows.map(summarize);
    },

    async create(actor: Actor, input: InvitationInput): Promise<InvitationSummary> {
      const wanted = {
        role: input.role,
        canManageProjects: input.canManageProjects ?? false,
        canManageFinances: input.canManageFinances ?? false,
        clientManager: input.clientManager ?? false,
      };
      const misplaced = misplacedFlags(wanted);
      if (misplaced.length > 0) invalidField(misplaced[0], `does not apply to the role ${input.role}`);
      const refused = refusedAssignment(actor, wanted);
      if (refused === 'actor')
        throw new errors.ForbiddenError('Only Owners and Member+ with the people permission invite');
      if (refused) throw new errors.ForbiddenError(`${refused}: you may not invite with this ${refused}`);

      const email = input.email.trim().toLowerCase();
      const { companyId, projectIds } = await resolveTargets(actor, input);
      const token = crypto.randomBytes(32).toString('base64url');

      const row = await getService(strapi, 'seats').withSeatCheck(async () => {
        if ((await strapi.db.query(USER).count({ where: { email } })) > 0) {
          throw conflict(`${email} already has an account`, { code: 'EMAIL_TAKEN', field: 'email' });
        }
        if ((await strapi.db.query(INVITATION).count({ where: { email, ...pendingWhere() } })) > 0) {
          throw conflict(`${email} already has a pending invitation`, { code: 'ALREADY_INVITED', field: 'email' });
        }
        const created = await rowsOf(strapi, INVITATION).create({
          data: {
            email,
            ...wanted,
            firstName: input.firstName ?? null,
            lastName: input.lastName ?? null,
            title: input.title ?? null,
            language: input.language ?? 'en',
            message: input.message ?? null,
            company: companyId,
            projects: projectIds,
            invitedBy: actor.administrator ? null : actor.id,
            tokenHash: hashToken(token),
            expiresAt: new Date(clock().getTime() + VALID_FOR_DAYS * 24 * 3600 * 1000),
          },
          populate: POPULATE,
        });
        // In the same transaction: the invitation exists exactly when its mail is in the outbox.
        await this.queueInvitation(actor, created, token);
        return created;
      });
      return summarize(row);
    },

    async queueInvitation(actor: Actor, row: InvitationRow, token: string) {
      const settings = getService(strapi, 'settings').get();
      const summary = summarize(row);
      const inviter = await rowsOf(strapi, USER).findOne({ where: { id: actor.id } });
      const inviterName =
        actor.administrator ??
        ([inviter?.firstName, inviter?.lastName].filter(Boolean).join(' ') || inviter?.email || 'The agency');
      const agency = await rowsOf(strapi, COMPANY).findOne({ where: { isAgency: true } });
      const link = `${settings.publicUrl.replace(/\/$/, '')}${ACCEPT_PATH}?token=${encodeURIComponent(token)}`;
      const mail = invitationMail(row.language, {
        agencyName: agency?.name ?? settings.agencyName,
        inviterName,
        roleLabel: roleLabel(summary.role, summary),
        link,
        expiresAt: new Date(row.expiresAt),
        message: row.message,
        firstName: row.firstName,
      });
      await getService(strapi, 'outbox').queue('invitation', {
        to: row.email,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
      });
    },

    async revoke(actor: Actor, id: number): Promise<void> {
      const where = capabilities(actor).owner
        ? { id, ...pendingWhere() }
        : { id, ...pendingWhere(), invitedBy: { id: actor.id } };
      const row = await strapi.db.query(INVITATION).findOne({ where });
      if (!row) throw new errors.NotFoundError('Not Found');
      await strapi.db.query(INVITATION).update({ where: { id }, data: { revokedAt: clock() } });
    },

    /** What the accept page shows for a token: the invitation's language and names, or why it cannot be used. */
    async forPage(
      token: string
    ): Promise<{ invitation: InvitationForPage } | { problem: InvitationProblem; language?: string }> {
      if (!token) return { problem: 'invalid' };
      const row = await rowsOf(strapi, INVITATION).findOne({ where: { tokenHash: hashToken(token) } });
      if (!row) return { problem: 'invalid' };
      const language = row.language ?? 'en';
      if (row.acceptedAt) return { problem: 'used', language };
      if (row.revokedAt) return { problem: 'revoked', language };
      if (new Date(row.expiresAt) <= clock()) return { problem: 'expired', language };
      return {
        invitation: { email: row.email, language, firstName: row.firstName ?? null, lastName: row.lastName ?? null },
      };
    },

    /** Creates the person with everything the invitation says and returns them; the token is spent. */
    async accept(input: AcceptInvitationInput): Promise<{ id: number }> {
      // The invitee has no account yet: the invitation itself is the authority for this write.
      return runAsSystem(() =>
        getService(strapi, 'seats').withSeatCheck(async () => {
          const invitation = await rowsOf(strapi, INVITATION).findOne({
            where: { tokenHash: hashToken(input.token) },
            populate: POPULATE,
          });
          if (!invitation) return invalidField('token', 'this invitation link is not valid');
          if (invitation.acceptedAt) throw gone('This invitation has already been used', { code: 'INVITATION_USED' });
          if (invitation.revokedAt) throw gone('This invitation has been revoked', { code: 'INVITATION_REVOKED' });
          if (new Date(invitation.expiresAt) <= clock())
            throw gone('This invitation has expired', { code: 'INVITATION_EXPIRED' });
          if ((await strapi.db.query(USER).count({ where: { email: invitation.email } })) > 0) {
            throw conflict(`${invitation.email} already has an account`, { code: 'EMAIL_TAKEN' });
          }
          const roleId = await getService(strapi, 'roles').roleIdOf(invitation.role);
          const person = (await strapi
            .plugin('users-permissions')
            .service('user')
            .add({
              username: invitation.email,
              email: invitation.email,
              password: input.password,
              provider: 'local',
              confirmed: true,
              blocked: false,
              role: roleId,
              company: invitation.company?.documentId,
              firstName: input.firstName ?? invitation.firstName,
              lastName: input.lastName ?? invitation.lastName,
              title: invitation.title,
              language: invitation.language ?? 'en',
              canManageProjects: invitation.canManageProjects,
              canManageFinances: invitation.canManageFinances,
              clientManager: invitation.clientManager,
            })) as { id: number; documentId: string };
          for (const project of invitation.projects ?? []) {
            await strapi.db.query(PROJECT).update({
              where: { id: project.id },
              data: { members: { connect: [person.id] } },
            });
          }
          await strapi.db.query(INVITATION).update({
            where: { id: invitation.id },
            data: { acceptedAt: clock(), person: person.id },
          });
          return { id: person.id };
        })
      );
    },
  };
};

export default invitations;
