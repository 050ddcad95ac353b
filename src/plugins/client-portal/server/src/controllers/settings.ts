import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { portalSettingsSchema } from '../services/settings';
import { getService } from '../utils/get-service';
import { parse } from './validation';

/** Admin routes only (guarded by the settings permission). */
const settings = ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: Context) {
    ctx.body = { data: await getService(strapi, 'settings').current() };
  },
  async update(ctx: Context) {
    const change = parse(portalSettingsSchema, (ctx.request as { body?: unknown }).body);
    ctx.body = { data: await getService(strapi, 'settings').update(change) };
  },
});

export default settings;
