import { currentScope } from '../request-scope';
import { INVOICE } from '../../constants';
import { getService } from '../../utils/get-service';
import type { DocumentMiddlewareFactory, Params } from './types';

/**
 * Invoices (docs/time-budgets-invoices.md): once issued, nothing changes them but the invoice
 * actions; a draft's totals are always the sum of its lines, also when written through REST
 * or the Content Manager.
 */
export const invoiceTotals: DocumentMiddlewareFactory = (strapi) => async (context, next) => {
  const scope = currentScope(strapi).kind;
  if (context.uid !== INVOICE || (scope !== 'portal' && scope !== 'admin')) return next();
  const invoicing = getService(strapi, 'invoicing');
  const params = context.params as Params;
  const documentId = params.documentId === undefined ? undefined : String(params.documentId);
  if (context.action === 'update' || context.action === 'delete') await invoicing.assertEditable(String(documentId));
  if ((context.action === 'create' || context.action === 'update') && params.data && typeof params.data === 'object') {
    params.data = await invoicing.withTotals(documentId, params.data as Params);
  }
  return next();
};
