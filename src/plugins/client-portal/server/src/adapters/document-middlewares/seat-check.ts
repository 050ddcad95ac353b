import { currentScope } from '../request-scope';
import { USER } from '../../constants';
import { getService } from '../../utils/get-service';
import type { DocumentMiddlewareFactory } from './types';

/** An admin-panel edit of a person (role change, unblock, unarchive) is seat-checked like any other. */
export const seatCheck: DocumentMiddlewareFactory = (strapi) => async (context, next) => {
  const adding = context.uid === USER && (context.action === 'create' || context.action === 'update');
  if (!adding || currentScope(strapi).kind !== 'admin') return next();
  return getService(strapi, 'seats').withSeatCheck(async () => next());
};
