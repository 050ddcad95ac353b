import { BUDGET, BUDGET_SERVICE } from '../../constants';
import { invalidField } from '../../errors';
import { singleReference, whereOf } from '../../utils/references';
import { currentScope } from '../request-scope';
import type { DocumentMiddlewareFactory, Params } from './types';

/**
 * Budget services (docs/time-budgets-invoices.md#budget-services): every service belongs to
 * one budget and stays with it, so the entries booked on it never end up on another budget.
 */
export const budgetServices: DocumentMiddlewareFactory = (strapi) => async (context, next) => {
  const action = context.action as string;
  const applies = context.uid === BUDGET_SERVICE && (action === 'create' || action === 'update');
  if (!applies || currentScope(strapi).kind === 'system') return next();
  const params = context.params as Params;
  const data = (params.data ?? {}) as Params;
  const reference = singleReference(data.budget);
  if (action === 'create' && !reference) invalidField('budget', 'is required: every service belongs to a budget');
  if (action === 'update' && reference !== undefined) {
    const [current, target] = await Promise.all([
      strapi.db.query(BUDGET_SERVICE).findOne({
        where: { documentId: String(params.documentId) },
        select: ['id'],
        populate: { budget: { select: ['id'] } },
      }) as Promise<{ budget: { id: number } | null } | null>,
      reference
        ? (strapi.db.query(BUDGET).findOne({ where: whereOf(reference), select: ['id'] }) as Promise<{
            id: number;
          } | null>)
        : null,
    ]);
    if (current && current.budget?.id !== target?.id) {
      invalidField('budget', 'a service stays with its budget: create a service on the other budget instead');
    }
  }
  return next();
};
