import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { getService } from '../utils/get-service';
import { actorOf } from './actor';
import { accessInput, parse } from '../validation';

const budgets = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** Admin "Budget access" page: projects, budgets, toggles and the Client Managers they reach. */
  async overview(ctx: Context) {
    ctx.body = { data: await getService(strapi, 'budgets').overview(actorOf(ctx)) };
  },

  /** GET /api/budgets/:documentId/summary (docs/time-budgets-invoices.md#budgets). */
  async summary(ctx: Context) {
    const actor = actorOf(ctx);
    ctx.body = { data: await getService(strapi, 'budgets').summary(actor, String(ctx.params.documentId)) };
  },

  /** GET /api/budgets/:documentId/burn: per-day burn for the admin chart. */
  async burn(ctx: Context) {
    const actor = actorOf(ctx);
    ctx.body = { data: await getService(strapi, 'budgets').burn(actor, String(ctx.params.documentId)) };
  },

  async setAccess(ctx: Context) {
    const actor = actorOf(ctx);
    const { clientAccess } = parse(accessInput, (ctx.request as { body?: unknown }).body);
    ctx.body = {
      data: await getService(strapi, 'budgets').setClientAccess(actor, String(ctx.params.documentId), clientAccess),
    };
  },
});

export default budgets;
