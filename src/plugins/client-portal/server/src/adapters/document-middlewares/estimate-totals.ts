import { currentScope } from '../request-scope';
import { lineAmount } from '../../access/estimate-rules';
import { ESTIMATE, RECURRING_INVOICE } from '../../constants';
import { getService } from '../../utils/get-service';
import { READS, type DocumentMiddlewareFactory, type Params } from './types';

/** A recurring invoice's line amounts are the server's count too: quantity × unit price, half up. */
const countRecurringLines = (action: string, params: Params): void => {
  const data = params.data as { lines?: unknown } | undefined;
  if ((action === 'create' || action === 'update') && Array.isArray(data?.lines)) {
    data.lines = data.lines.map((line: Record<string, unknown>) => {
      if (!line || typeof line !== 'object') return line;
      const amountCents = lineAmount(line.quantity as number, line.unitPriceCents as number);
      return amountCents === null ? line : { ...line, amountCents };
    });
  }
};

/**
 * Estimates (docs/time-budgets-invoices.md#estimates), and recurring invoices' lines: once sent, nothing changes them but the
 * estimate actions; a draft's line amounts and totals are always the server's count, also when
 * written through REST or the Content Manager.
 */
export const estimateTotals: DocumentMiddlewareFactory = (strapi) => async (context, next) => {
  if (context.uid === RECURRING_INVOICE) {
    countRecurringLines(context.action, context.params as Params);
    return next();
  }
  if (context.uid !== ESTIMATE) return next();
  if (READS.has(context.action)) return next();
  const service = getService(strapi, 'estimates');
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
