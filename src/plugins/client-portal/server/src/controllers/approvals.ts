import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { z } from 'zod';
import { type Decision, type LoggedType } from '../services/time';
import { getService } from '../utils/get-service';
import { requireActor } from './actor';
import { parse } from '../validation';
import { EXPENSE, TIME_ENTRY } from '../constants';

const MAX_BULK = 100;

const reason = z
  .string({ error: 'is required: say why the entry is rejected' })
  .trim()
  .min(1, { error: 'is required: say why the entry is rejected' })
  .max(2000, { error: 'is at most 2000 characters' });

/** `rejectionReason` (the stored field's name) is accepted as well as `reason`. */
const withReason = (body: unknown) => {
  if (body && typeof body === 'object' && !('reason' in body) && 'rejectionReason' in body) {
    const { rejectionReason, ...rest } = body as Record<string, unknown>;
    return { ...rest, reason: rejectionReason };
  }
  return body;
};

const documentIds = z
  .array(z.string().min(1), { error: 'must be a list of documentIds' })
  .min(1, { error: 'must name at least one entry' })
  .max(MAX_BULK, { error: `must name at most ${MAX_BULK} entries` });

export const rejection = z.object({ reason }).strict();
export const bulkApproval = z.object({ documentIds }).strict();
export const bulkRejection = z.object({ documentIds, reason }).strict();

const bodyOf = (ctx: Context) => (ctx.request as { body?: unknown }).body;

export const queueQuery = z
  .object({
    type: z.enum(['time-entries', 'expenses'], { error: 'must be time-entries or expenses' }).default('time-entries'),
    page: z.coerce.number().int().positive({ error: 'must be a positive whole number' }).default(1),
    pageSize: z.coerce
      .number()
      .int()
      .min(1, { error: `must be from 1 to ${MAX_BULK}` })
      .max(MAX_BULK, { error: `must be from 1 to ${MAX_BULK}` })
      .default(25),
  })
  .strict();

/** GET /api/client-portal/approvals: what waits for the caller's decision. */
export const approvalQueue = ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: Context) {
    const actor = requireActor(ctx);
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
      getService(strapi, 'time').decide(requireActor(ctx), uid, ids, decision);
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
