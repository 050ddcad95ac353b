import { currentScope } from '../request-scope';
import { ESTIMATE } from '../../constants';
import { getService } from '../../utils/get-service';
import { READS, type DocumentMiddlewareFactory, type Params } from './types';

/**
 * Estimates (docs/time-budgets-invoices.md#estimates): a sent one past its validUntil reads as
 * expired; once sent, nothing changes them but the estimate actions; a draft's line amounts and
 * totals are always the server's count, also when written through REST or the Content Manager.
 */
export const estimateTotals: DocumentMiddlewareFactory = (strapi) => async (context, next) => {
  if (context.uid !== ESTIMATE) return next();
  const service = getService(strapi, 'estimates');
  if (READS.has(context.action)) {
    await service.expireDue();
    return next();
  }
  const params = context.params as Params;
  const documentId = params.documentId === undefined ? undefined : String(params.documentId);
  const scope = currentScope(strapi).kind;
  if ((scope === 'portal' || scope === 'admin') && (context.action === 'update' || context.action === 'delete')) {
    await service.assertEditable(String(documentId));
  }
  if ((context.action === 'create' || context.action === 'update') && params.data && typeof params.data === 'object') {
    params.data = await service.withTotals(documentId, params.data as Params);
  }
  return next();
};
