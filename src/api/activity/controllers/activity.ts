import { factories } from '@strapi/strapi';

/**
 * GET /api/activities?project=<documentId>: the feed of one project, newest first
 * (docs/collaboration.md#activity). Every other query parameter works as on any collection; the rules
 * narrow the rows like any read.
 */
export default factories.createCoreController('api::activity.activity', () => ({
  async find(ctx) {
    const { project, ...query } = ctx.query as Record<string, unknown>;
    const filters = (query.filters as Record<string, unknown> | undefined) ?? {};
    ctx.query = {
      ...query,
      ...(typeof project === 'string' && project
        ? { filters: { $and: [filters, { project: { documentId: { $eq: project } } }] } }
        : {}),
      sort: query.sort ?? ['createdAt:desc', 'id:desc'],
    };
    return super.find(ctx);
  },
}));
