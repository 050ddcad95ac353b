import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { type Decision, type LoggedType } from '../services/time';
import { getService } from '../utils/get-service';
import { actorOf } from './actor';
import { bulkApproval, bulkRejection, parse, queueQuery, rejection, withReason } from '../validation';
import { EXPENSE, TIME_ENTRY } from '../constants';

const bodyOf = (ctx: Context) => (ctx.request as { body?: unknown }).body;

/** GET /api/client-portal/approvals: what waits for the caller's decision. */
export const approvalQueue = ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: Context) {
    const actor = actorOf(ctx);
    const { type, page, pageSize } = parse(queueQuery, ctx.query);
    ctx.body = await getService(strapi, 'time').queue(
      actor,
      type === 'expenses' ? EXPENSE : TIME_ENTRY,
      page,
      pageSize
    );
  },
});

/** POST …/:documentId/approve|reject and the bulk forms, for one logged type. */
const approvalsFor =
  (uid: LoggedType) =>
  ({ strapi }: { strapi: Core.Strapi }) => {
    const decide = (ctx: Context, ids: string[], decision: Decision) =>
      getService(strapi, 'time').decide(actorOf(ctx), uid, ids, decision);
    return {
      async approve(ctx: Context) {
        const [result] = await decide(ctx, [String(ctx.params.documentId)], { state: 'approved' });
        ctx.body = { data: result };
      },
      async reject(ctx: Context) {
        const input = parse(rejection, withReason(bodyOf(ctx)));
        const [result] = await decide(ctx, [String(ctx.params.documentId)], {
          state: 'rejected',
          reason: input.reason,
        });
        ctx.body = { data: result };
      },
      async approveMany(ctx: Context) {
        const input = parse(bulkApproval, bodyOf(ctx));
        const results = await decide(ctx, input.documentIds, { state: 'approved' });
        ctx.body = { data: results, meta: { count: results.length } };
      },
      async rejectMany(ctx: Context) {
        const input = parse(bulkRejection, withReason(bodyOf(ctx)));
        const results = await decide(ctx, input.documentIds, { state: 'rejected', reason: input.reason });
        ctx.body = { data: results, meta: { count: results.length } };
      },
    };
  };

export const timeEntryApprovals = approvalsFor(TIME_ENTRY);
export const expenseApprovals = approvalsFor(EXPENSE);
