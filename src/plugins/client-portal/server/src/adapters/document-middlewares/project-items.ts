import { currentScope } from '../request-scope';
import { getService } from '../../utils/get-service';
import { WRITES, type DocumentMiddlewareFactory, type Params } from './types';

/**
 * Project items (docs/collaboration.md): trash instead of delete; the activity row and the
 * notification mails are written in the change's own transaction.
 */
export const projectItems: DocumentMiddlewareFactory = (strapi) => async (context, next) => {
  const scope = currentScope(strapi);
  const uid = context.uid as string;
  const applies =
    WRITES.has(context.action) &&
    (scope.kind === 'portal' || scope.kind === 'admin') &&
    Boolean(getService(strapi, 'activity').projectItem(uid));
  if (!applies) return next();
  const collaboration = getService(strapi, 'collaboration');
  const result = await strapi.db.transaction(async () => {
    const written = await collaboration.write(scope, uid, context.action, context.params as Params, () => next());
    await collaboration.notify(written.notifications);
    return written.result;
  });
  return result as Awaited<ReturnType<typeof next>>;
};
