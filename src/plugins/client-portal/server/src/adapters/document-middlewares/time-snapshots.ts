import { currentScope } from '../request-scope';
import { isLoggedType } from '../../services/time';
import { getService } from '../../utils/get-service';
import { WRITES, type DocumentMiddlewareFactory, type Params } from './types';

/**
 * Time entries and expenses (docs/time-budgets-invoices.md): rate and cost snapshots,
 * approval states and locks. After the rules: only writes they accepted get here.
 */
export const timeSnapshots: DocumentMiddlewareFactory = (strapi) => async (context, next) => {
  const uid = context.uid as string;
  if (isLoggedType(uid) && WRITES.has(context.action)) {
    await getService(strapi, 'time').beforeWrite(currentScope(strapi), uid, context.action, context.params as Params);
  }
  return next();
};
