import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { getService } from '../utils/get-service';
import { actorOf } from './actor';

/** Trash endpoints (docs/collaboration.md#the-trash): staff list and restore; Owners delete for good (403 for everyone else). */
const trash = ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: Context) {
    const items = await getService(strapi, 'collaboration').trash(actorOf(ctx));
    ctx.body = { data: items, meta: { total: items.length } };
  },
  async restore(ctx: Context) {
    const actor = actorOf(ctx);
    const { uid, documentId } = ctx.params as { uid: string; documentId: string };
    ctx.body = { data: await getService(strapi, 'collaboration').restore(actor, uid, documentId) };
  },
  async delete(ctx: Context) {
    const actor = actorOf(ctx);
    const { uid, documentId } = ctx.params as { uid: string; documentId: string };
    await getService(strapi, 'collaboration').purge(actor, uid, documentId);
    ctx.status = 204;
  },
  async empty(ctx: Context) {
    const deleted = await getService(strapi, 'collaboration').empty(actorOf(ctx));
    ctx.body = { data: { deleted } };
  },
});

export default trash;
