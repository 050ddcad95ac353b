import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Actor } from '../access/actor';
import { and, visibleRows } from '../access/rules';
import { getService } from '../utils/get-service';

const BUDGET = 'api::budget.budget';

interface BudgetRow {
  id: number;
  documentId: string;
  name: string;
  clientAccess: boolean;
  project: { documentId: string; name: string; leader?: { id: number } | null } | null;
}

/** Budget access for clients (SPEC §5, §8): Owners, Member+ "finances" and the project's leader toggle it. */
const budgets = ({ strapi }: { strapi: Core.Strapi }) => ({
  async setClientAccess(actor: Actor, documentId: string, clientAccess: boolean) {
    const rules = getService(strapi, 'access').policy(actor, BUDGET);
    const visible = (await strapi.db.query(BUDGET).findOne({
      where: and({ documentId: { $eq: documentId } }, visibleRows(rules)) as never,
      populate: { project: { populate: ['leader'] } },
    })) as BudgetRow | null;
    if (!visible) throw new errors.NotFoundError('Not Found');
    const leads = visible.project?.leader?.id === actor.id;
    if (!(actor.role === 'owner' || actor.canManageFinances || (actor.role === 'member' && leads))) {
      throw new errors.ForbiddenError('Only Owners, Member+ with the finance permission and the project leader');
    }
    await strapi.db.query(BUDGET).update({ where: { id: visible.id }, data: { clientAccess } });
    return {
      documentId: visible.documentId,
      name: visible.name,
      clientAccess,
      project: visible.project ? { documentId: visible.project.documentId, name: visible.project.name } : null,
    };
  },
});

export default budgets;
