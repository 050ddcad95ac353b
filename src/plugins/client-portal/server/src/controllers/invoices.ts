import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { z } from 'zod';
import { invalidField } from '../errors';
import { getService } from '../utils/get-service';
import { requireActor } from './actor';
import { isoDate, parse } from '../validation';
import { INVOICE } from '../constants';

const generateInput = z
  .object({
    project: z.string({ error: 'is required: the project documentId' }).min(1, { error: 'is required' }),
    from: isoDate,
    to: isoDate,
    includeExpenses: z.boolean({ error: 'must be true or false' }).default(true),
    grouping: z.enum(['task', 'entry'], { error: 'must be task or entry' }).default('task'),
    taxRateBasisPoints: z
      .number({ error: 'must be a whole number of basis points (1900 = 19 %)' })
      .int({ error: 'must be a whole number of basis points (1900 = 19 %)' })
      .min(0, { error: 'must be from 0 to 10000' })
      .max(10000, { error: 'must be from 0 to 10000' })
      .default(0),
  })
  .strict();

const issueInput = z.object({ dueOn: isoDate.optional() }).strict();
const paymentInput = z
  .object({
    paidOn: isoDate.optional(),
    amountCents: z.number({ error: 'must be a whole number of cents' }).int().min(0).optional(),
  })
  .strict();

const bodyOf = (ctx: Context) => (ctx.request as { body?: unknown }).body ?? {};

/** Invoice actions (docs/time-budgets-invoices.md#invoices); reads and drafts' edits go through the generic /api/invoices routes. */
const invoices = ({ strapi }: { strapi: Core.Strapi }) => {
  const service = () => getService(strapi, 'invoicing');
  /** The invoice as the actor may read it, in Strapi's response shape. */
  const respond = async (ctx: Context, documentId: string, status = 200) => {
    const invoice = await strapi.documents(INVOICE).findOne({ documentId, populate: { lines: true } } as never);
    ctx.status = status;
    ctx.body = {
      data: await strapi.contentAPI.sanitize.output(invoice, strapi.getModel(INVOICE), { auth: ctx.state.auth }),
    };
  };
  const documentIdOf = (ctx: Context) => String(ctx.params.documentId);

  return {
    async generate(ctx: Context) {
      const actor = requireActor(ctx);
      const input = parse(generateInput, bodyOf(ctx));
      if (input.from > input.to) invalidField('from', 'must not be after to');
      await respond(ctx, await service().generate(actor, input), 201);
    },
    async issue(ctx: Context) {
      const actor = requireActor(ctx);
      const { dueOn } = parse(issueInput, bodyOf(ctx));
      await service().issue(actor, documentIdOf(ctx), dueOn);
      await respond(ctx, documentIdOf(ctx));
    },
    async send(ctx: Context) {
      await service().resend(requireActor(ctx), documentIdOf(ctx));
      await respond(ctx, documentIdOf(ctx));
    },
    async void(ctx: Context) {
      await service().void(requireActor(ctx), documentIdOf(ctx));
      await respond(ctx, documentIdOf(ctx));
    },
    async markPaid(ctx: Context) {
      const actor = requireActor(ctx);
      await service().markPaid(actor, documentIdOf(ctx), parse(paymentInput, bodyOf(ctx)));
      await respond(ctx, documentIdOf(ctx));
    },
    async pdf(ctx: Context) {
      requireActor(ctx);
      const { name, content } = await service().pdf(documentIdOf(ctx));
      ctx.set('Content-Disposition', `inline; filename="${name}"`);
      ctx.set('Cache-Control', 'private, no-store');
      ctx.type = 'application/pdf';
      ctx.body = content;
    },
  };
};

export default invoices;
