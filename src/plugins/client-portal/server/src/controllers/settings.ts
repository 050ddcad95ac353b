import type { Core } from '@strapi/strapi';
import { capabilities } from '../access/capabilities';
import type { Context } from 'koa';
import { errors } from '@strapi/utils';
import { portalSettingsInput } from '../services/settings';
import { getService } from '../utils/get-service';
import { requireActor } from './actor';
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
    // Plan and defaults are the agency's: only an Owner (or a super admin acting as one) changes them.
    if (!capabilities(requireActor(ctx)).manageSettings)
      throw new errors.ForbiddenError('Only an Owner changes the settings');
    const change = parse(portalSettingsInput, (ctx.request as { body?: unknown }).body, { messagesInWords: true });
    ctx.body = { data: await getService(strapi, 'settings').update(change) };
  },
});

export default settings;
