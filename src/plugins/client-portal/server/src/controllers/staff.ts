import type { Core } from '@strapi/strapi';
import { capabilities } from '../access/capabilities';
import type { Context } from 'koa';
import type { AdminUser } from '../services/staff';
import { getService } from '../utils/get-service';
import { actorOf, idParam } from './actor';
import { linkInput, parse } from '../validation';

/** Admin routes only: staff identity (docs/admin-panel.md#staff-identity). */
const staff = ({ strapi }: { strapi: Core.Strapi }) => ({
  async session(ctx: Context) {
    ctx.body = { data: await getService(strapi, 'staff').session(ctx.state.user as AdminUser) };
  },

  async adminUsers(ctx: Context) {
    if (!capabilities(actorOf(ctx)).linkAdmins) {
      ctx.body = { data: [] };
      return;
    }
    ctx.body = { data: await getService(strapi, 'staff').adminUsers() };
  },

  async links(ctx: Context) {
    const actor = actorOf(ctx);
    const links = await getService(strapi, 'staff').links();
    // Only Owners see who else acts as whom; everyone sees their own link.
    ctx.body = { data: capabilities(actor).linkAdmins ? links : links.filter((link) => link.personId === actor.id) };
  },

  async link(ctx: Context) {
    const { adminUserId } = parse(linkInput, (ctx.request as { body?: unknown }).body);
    await getService(strapi, 'staff').link(actorOf(ctx), idParam(ctx), adminUserId);
    ctx.body = { data: { personId: idParam(ctx), adminUserId } };
  },
});

export default staff;
