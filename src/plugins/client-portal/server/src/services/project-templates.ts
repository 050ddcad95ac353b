import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Actor } from '../access/actor';
import { capabilities, isStaffRole } from '../access/capabilities';
import { invalidField } from '../errors';
import { addDays } from '../utils/calendar';
import { getService } from '../utils/get-service';
import { BUDGET, COMPANY, DISCUSSION, PROJECT, PROJECT_TEMPLATE, TASK, TEAM, USER } from '../constants';

/**
 * Projects from templates (docs/collaboration.md#project-templates-and-teams).
 *
 *   getService(strapi, 'projectTemplates').instantiate(actor, input, { converting? }): Promise<{ id, documentId }>
 *
 * input: { template?: documentId, name, company: documentId, leader?: person id or documentId,
 *          startsOn: "2026-12-01", description?, teams?: documentId[] }
 *
 * Creates the project (leader: the given one or the actor; leader and actor are members; the
 * teams' members too), then the template's tasks (due `dueAfterDays` after `startsOn`, hidden
 * flag copied), budgets and discussions; without `template`, the project alone. Everything runs
 * in ONE `strapi.db.transaction`: called inside a caller's transaction, it joins it (Strapi nests
 * transactions into the outer one), so the caller can add rows of its own and a failure on either
 * side leaves nothing written. The writes go through the document service, so in a request the
 * actor's rules, the project defaults and the activity rows apply as for any other write.
 *
 * Refuses: 403 when the actor may not create projects (Owners and Member+ "projects" may); 404
 * for a template they cannot see; 400 naming `company`, `leader` or `teams` for a reference that
 * does not exist, is invisible to them or (leader) is not an active Owner or Member.
 */

export interface InstantiateInput {
  template?: string;
  name: string;
  company: string;
  leader?: number | string;
  startsOn: string;
  description?: string;
  teams?: string[];
}

interface TemplateRow {
  id: number;
  documentId: string;
  tasks?: {
    title: string;
    description?: string | null;
    estimateMinutes?: number | null;
    hiddenFromClients?: boolean | null;
    dueAfterDays?: number | null;
  }[];
  budgets?: {
    name: string;
    kind: string;
    amountCents: number | string;
    currency?: string | null;
    clientAccess?: boolean | null;
  }[];
  discussions?: { title: string; body?: string | null; hiddenFromClients?: boolean | null }[];
}

interface PersonRow {
  id: number;
  documentId: string;
  blocked?: boolean | null;
  archivedAt?: string | null;
  role?: { type?: string } | null;
}

const projectTemplates = ({ strapi }: { strapi: Core.Strapi }) => {
  const access = (actor: Actor) => getService(strapi, 'access').for(actor);

  const templateOf = async (actor: Actor, documentId: string) => {
    const template = await access(actor).findOne<TemplateRow>(PROJECT_TEMPLATE, {
      where: { documentId },
      populate: { tasks: true, budgets: true, discussions: true },
    });
    if (!template) throw new errors.NotFoundError('No such project template');
    return template;
  };

  /** The leader: someone the actor sees who can lead, i.e. an active Owner or Member. */
  const leaderOf = async (actor: Actor, reference: number | string | undefined): Promise<string> => {
    if (reference === undefined || reference === actor.id || reference === actor.documentId) return actor.documentId;
    const person = await access(actor).findOne<PersonRow>(USER, {
      where: typeof reference === 'number' ? { id: reference } : { documentId: reference },
      select: ['id', 'documentId', 'blocked', 'archivedAt'],
      populate: { role: { select: ['type'] } },
    });
    if (!person) invalidField('leader', 'references a person who does not exist or whom you cannot see');
    const leader = person as PersonRow;
    if (!isStaffRole(leader.role?.type) || leader.blocked || leader.archivedAt) {
      invalidField('leader', 'only an active Owner or Member can lead a project');
    }
    return leader.documentId;
  };

  const checkVisible = async (actor: Actor, uid: string, field: string, documentIds: string[]) => {
    if (documentIds.length === 0) return;
    const visible = await access(actor).count(uid, { documentId: { $in: documentIds } });
    if (visible < documentIds.length)
      invalidField(field, 'references a record that does not exist or that you cannot see');
  };

  return {
    /** `converting`: an estimate's conversion, allowed by the finance capability (services/estimates.ts). */
    async instantiate(
      actor: Actor,
      input: InstantiateInput,
      { converting = false }: { converting?: boolean } = {}
    ): Promise<{ id: number; documentId: string }> {
      if (!converting && !capabilities(actor).manageProjects) {
        throw new errors.ForbiddenError('Only Owners and Member+ with the projects permission create projects');
      }
      return strapi.db.transaction(async () => {
        const template = input.template === undefined ? null : await templateOf(actor, input.template);
        await checkVisible(actor, COMPANY, 'company', [input.company]);
        const teams = [...new Set(input.teams ?? [])];
        await checkVisible(actor, TEAM, 'teams', teams);
        const leader = await leaderOf(actor, input.leader);
        const project = (await strapi.documents(PROJECT).create({
          data: {
            name: input.name,
            ...(input.description === undefined ? {} : { description: input.description }),
            company: input.company,
            leader,
            members: [...new Set([leader, actor.documentId])],
            ...(teams.length > 0 ? { teams } : {}),
          },
        } as never)) as unknown as { id: number; documentId: string };

        for (const task of template?.tasks ?? []) {
          await strapi.documents(TASK).create({
            data: {
              project: project.documentId,
              title: task.title,
              description: task.description ?? null,
              estimateMinutes: task.estimateMinutes ?? null,
              hiddenFromClients: Boolean(task.hiddenFromClients),
              dueOn:
                task.dueAfterDays === null || task.dueAfterDays === undefined
                  ? null
                  : addDays(input.startsOn, task.dueAfterDays),
            },
          } as never);
        }
        for (const budget of template?.budgets ?? []) {
          await strapi.documents(BUDGET).create({
            data: {
              project: project.documentId,
              name: budget.name,
              kind: budget.kind,
              amountCents: Number(budget.amountCents),
              // Without a currency of its own the budget takes the project's (project defaults).
              ...(budget.currency ? { currency: budget.currency } : {}),
              clientAccess: Boolean(budget.clientAccess),
              startsOn: input.startsOn,
            },
          } as never);
        }
        for (const discussion of template?.discussions ?? []) {
          await strapi.documents(DISCUSSION).create({
            data: {
              project: project.documentId,
              title: discussion.title,
              body: discussion.body ?? null,
              hiddenFromClients: Boolean(discussion.hiddenFromClients),
            },
          } as never);
        }
        return { id: project.id, documentId: project.documentId };
      });
    },
  };
};

export default projectTemplates;
