import type { Core } from '@strapi/strapi';
import { currentScope } from './access/actor';
import { NOTHING, projectRowFilter, type RowFilter } from './access/rules';
import { nameInvalidFields } from './middlewares/validation-message';

const READ_ACTIONS = new Set(['findMany', 'findFirst', 'findOne', 'count']);

const withFilter = (params: Record<string, unknown>, filter: RowFilter) =>
  filter ? { ...params, filters: params.filters ? { $and: [params.filters, filter] } : filter } : params;

/**
 * Makes validation messages name their fields, and narrows reads of projects to what the requesting person may see, inside the
 * database query so lists, counts and single reads agree.
 */
const register = ({ strapi }: { strapi: Core.Strapi }) => {
  strapi.server.use(nameInvalidFields);

  strapi.documents.use(async (context, next) => {
    if (context.uid !== 'api::project.project' || !READ_ACTIONS.has(context.action)) return next();
    const scope = currentScope(strapi);
    if (scope.kind === 'system' || scope.kind === 'admin') return next();
    const filter = scope.kind === 'portal' ? projectRowFilter(scope.actor) : NOTHING;
    context.params = withFilter((context.params ?? {}) as Record<string, unknown>, filter) as typeof context.params;
    return next();
  });
};

export default register;
