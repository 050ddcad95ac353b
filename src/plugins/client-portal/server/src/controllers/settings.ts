import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { portalSettingsInput } from '../services/settings';
import { getService } from '../utils/get-service';
import { parse } from '../validation';

/** Admin routes only (guarded by the settings permission; `currency` by sign-in only). */
const settings = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** The default currency, for money fields of entries without a currency (Content Manager). */
  async currency(ctx: Context) {
    ctx.body = { data: { defaultCurrency: (await getService(strapi, 'settings').current()).defaultCurrency } };
  },
  async find(ctx: Context) {
    ctx.body = { data: await getService(strapi, 'settings').current() };
  },
  async update(ctx: Context) {
    const change = parse(portalSettingsInput, (ctx.request as { body?: unknown }).body, { messagesInWords: true });
    ctx.body = { data: await getService(strapi, 'settings').update(change) };
  },
});

export default settings;
