import { BUDGET, PROJECT } from '../../constants';
import { getService } from '../../utils/get-service';
import { singleReference, whereOf } from '../../utils/references';
import type { DocumentMiddlewareFactory, Params } from './types';

/** Defaults an admin sets (Settings): new projects' currency and time approval; a budget takes its project's currency. */
export const projectDefaults: DocumentMiddlewareFactory = (strapi) => async (context, next) => {
  if (context.action !== 'create' || (context.uid !== PROJECT && context.uid !== BUDGET)) return next();
  const params = context.params as Params;
  const data = (params.data ?? {}) as Params;
  if (context.uid === PROJECT) {
    const defaults = await getService(strapi, 'settings').current();
    data.currency ??= defaults.defaultCurrency;
    data.requireTimeApproval ??= defaults.requireTimeApprovalByDefault;
  } else if (data.currency === undefined) {
    const reference = singleReference(data.project);
    const project = reference
      ? ((await strapi.db.query(PROJECT).findOne({ where: whereOf(reference), select: ['currency'] })) as {
          currency: string;
        } | null)
      : null;
    if (project) data.currency = project.currency;
  }
  params.data = data;
  return next();
};
