import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { invalidField } from '../errors';
import { getService } from '../utils/get-service';
import { actorOf } from './actor';
import { generateInput, issueInput, parse, paymentInput } from '../validation';
import { INVOICE } from '../constants';

const bodyOf = (ctx: Context) => (ctx.request as { body?: unknown }).body ?? {};

/** Invoice actions (docs/time-budgets-invoices.md#invoices); reads and drafts' edits go through the generic /api/invoices routes. */
const invoices = ({ strapi }: { strapi: Core.Strapi }) => {
  const service = () => getService(strapi, 'invoicing');
  /** The invoice as the actor may read it, in Strapi's response shape. */
  const respond = async (ctx: Context, documentId: string, status = 200) => {
    const invoice = await strapi.documents(INVOICE).findOne({ documentId, populate: { lines: true } });
    ctx.status = status;
    ctx.body = {
      data: await strapi.contentAPI.sanitize.output(invoice, strapi.getModel(INVOICE), { auth: ctx.state.auth }),
    };
  };
  const documentIdOf = (ctx: Context) => String(ctx.params.documentId);

  return {
    async generate(ctx: Context) {
      const actor = actorOf(ctx);
      const input = parse(generateInput, bodyOf(ctx));
      if (input.from > input.to) invalidField('from', 'must not be after to');
      await respond(ctx, await service().generate(actor, input), 201);
    },
    async issue(ctx: Context) {
      const actor = actorOf(ctx);
      const { dueOn } = parse(issueInput, bodyOf(ctx));
      await service().issue(actor, documentIdOf(ctx), dueOn);
      await respond(ctx, documentIdOf(ctx));
    },
    async send(ctx: Context) {
      await service().resend(actorOf(ctx), documentIdOf(ctx));
      await respond(ctx, documentIdOf(ctx));
    },
    async void(ctx: Context) {
      await service().void(actorOf(ctx), documentIdOf(ctx));
      await respond(ctx, documentIdOf(ctx));
    },
    async markPaid(ctx: Context) {
      const actor = actorOf(ctx);
      await service().markPaid(actor, documentIdOf(ctx), parse(paymentInput, bodyOf(ctx)));
      await respond(ctx, documentIdOf(ctx));
    },
    async pdf(ctx: Context) {
      const { name, content } = await service().pdf(documentIdOf(ctx));
      ctx.set('Content-Disposition', `inline; filename="${name}"`);
      ctx.set('Cache-Control', 'private, no-store');
      ctx.type = 'application/pdf';
      ctx.body = content;
    },
  };
};

export default invoices;
