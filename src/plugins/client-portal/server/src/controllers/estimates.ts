import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { getService } from '../utils/get-service';
import { actorOf } from './actor';
import { convertInput, declineInput, parse } from '../validation';
import { ESTIMATE, PROJECT } from '../constants';

const bodyOf = (ctx: Context) => (ctx.request as { body?: unknown }).body ?? {};

/** Estimate actions (docs/time-budgets-invoices.md#estimates); reads and drafts' edits go through the generic /api/estimates routes. */
const estimates = ({ strapi }: { strapi: Core.Strapi }) => {
  const service = () => getService(strapi, 'estimates');
  const documentIdOf = (ctx: Context) => String(ctx.params.documentId);
  /** Rows as the actor may read them (the rules run in the document middleware). */
  const read = {
    [ESTIMATE]: (documentId: string) => strapi.documents(ESTIMATE).findOne({ documentId, populate: { lines: true } }),
    [PROJECT]: (documentId: string) =>
      strapi
        .documents(PROJECT)
        .findOne({ documentId, populate: { company: true, leader: true, members: true, budgets: true } }),
  };
  /** A row as the actor may read it, in Strapi's response shape. */
  const respond = async (ctx: Context, uid: typeof ESTIMATE | typeof PROJECT, documentId: string, status = 200) => {
    const row = await read[uid](documentId);
    ctx.status = status;
    ctx.body = {
      data: await strapi.contentAPI.sanitize.output(row, strapi.getModel(uid), { auth: ctx.state.auth }),
    };
  };

  return {
    async send(ctx: Context) {
      await service().send(actorOf(ctx), documentIdOf(ctx));
      await respond(ctx, ESTIMATE, documentIdOf(ctx));
    },
    async accept(ctx: Context) {
      const actor = actorOf(ctx);
      await service().answer(actor, documentIdOf(ctx), { accept: true });
      await respond(ctx, ESTIMATE, documentIdOf(ctx));
    },
    async decline(ctx: Context) {
      const actor = actorOf(ctx);
      const { reason } = parse(declineInput, bodyOf(ctx));
      await service().answer(actor, documentIdOf(ctx), { accept: false, reason });
      await respond(ctx, ESTIMATE, documentIdOf(ctx));
    },
    /** 201 with the new project (company, leader, members and budgets populated). */
    async convert(ctx: Context) {
      const actor = actorOf(ctx);
      const input = parse(convertInput, bodyOf(ctx));
      const project = await service().convert(actor, documentIdOf(ctx), input);
      await respond(ctx, PROJECT, project, 201);
    },
    async pdf(ctx: Context) {
      const { name, content } = await service().pdf(actorOf(ctx), documentIdOf(ctx));
      ctx.set('Content-Disposition', `inline; filename="${name}"`);
      ctx.set('Cache-Control', 'private, no-store');
      ctx.type = 'application/pdf';
      ctx.body = content;
    },
  };
};

export default estimates;
