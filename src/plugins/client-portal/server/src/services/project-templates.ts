import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Actor } from '../access/actor';
import { capabilities, isStaffRole } from '../access/capabilities';
import { invalidField } from '../errors';
import { addDays } from '../utils/calendar';
import { documentData } from '../utils/document-data';
import { getService } from '../utils/get-service';
import type { Row } from '../utils/rows';
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

const TEMPLATE_POPULATE = { tasks: true, budgets: true, discussions: true } as const;
/** A template with the tasks, budgets and discussions it copies. */
type TemplateRow = Row<typeof PROJECT_TEMPLATE, { populate: typeof TEMPLATE_POPULATE }>;

const LEADER_POPULATE = { role: { select: ['type'] } } as const;
type LeaderRow = Row<
  typeof USER,
  { select: ['id', 'documentId', 'blocked', 'archivedAt']; populate: typeof LEADER_POPULATE }
>;

const projectTemplates = ({ strapi }: { strapi: Core.Strapi }) => {
  const access = (actor: Actor) => getService(strapi, 'access').for(actor);

  const templateOf = async (actor: Actor, documentId: string) => {
    const template = await access(actor).findOne<TemplateRow>(PROJECT_TEMPLATE, {
      where: { documentId },
      populate: TEMPLATE_POPULATE,
    });
    if (!template) throw new errors.NotFoundError('No such project template');
    return template;
  };

  /** The leader: someone the actor sees who can lead, i.e. an active Owner or Member. */
  const leaderOf = async (actor: Actor, reference: number | string | undefined): Promise<string> => {
    if (reference === undefined || reference === actor.id || reference === actor.documentId) return actor.documentId;
    const leader = await access(actor).findOne<LeaderRow>(USER, {
      where: typeof reference === 'number' ? { id: reference } : { documentId: reference },
      select: ['id', 'documentId', 'blocked', 'archivedAt'],
      populate: LEADER_POPULATE,
    });
    if (!leader) return invalidField('leader', 'references a person who does not exist or whom you cannot see');
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
        const project = await strapi.documents(PROJECT).create({
          data: documentData(PROJECT, {
            name: input.name,
            ...(input.description === undefined ? {} : { description: input.description }),
            company: input.company,
            leader,
            members: [...new Set([leader, actor.documentId])],
            ...(teams.length > 0 ? { teams } : {}),
          }),
        });

        for (const task of template?.tasks ?? []) {
          await strapi.documents(TASK).create({
            data: documentData(TASK, {
              project: project.documentId,
              title: task.title,
              description: task.description ?? null,
              estimateMinutes: task.estimateMinutes ?? null,
              hiddenFromClients: Boolean(task.hiddenFromClients),
              dueOn:
                task.dueAfterDays === null || task.dueAfterDays === undefined
                  ? null
                  : addDays(input.startsOn, task.dueAfterDays),
            }),
          });
        }
        for (const budget of template?.budgets ?? []) {
          await strapi.documents(BUDGET).create({
            data: documentData(BUDGET, {
              project: project.documentId,
              name: budget.name,
              kind: budget.kind,
              amountCents: Number(budget.amountCents),
              // Without a currency of its own the budget takes the project's (project defaults).
              ...(budget.currency ? { currency: budget.currency } : {}),
              clientAccess: Boolean(budget.clientAccess),
              startsOn: input.startsOn,
            }),
          });
        }
        for (const discussion of template?.discussions ?? []) {
          await strapi.documents(DISCUSSION).create({
            data: documentData(DISCUSSION, {
              project: project.documentId,
              title: discussion.title,
              body: discussion.body ?? null,
              hiddenFromClients: Boolean(discussion.hiddenFromClients),
            }),
          });
        }
        // Strapi types a document's id as number | string; on SQL databases it is a number.
        return { id: Number(project.id), documentId: project.documentId };
      });
    },
  };
};

export default projectTemplates;
