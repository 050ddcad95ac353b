import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { capabilitiesOf } from '../access/capabilities';
import { getService } from '../utils/get-service';
import { actorOf, idParam } from './actor';
import { parse, personChange, profileChange } from '../validation';

const people = ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: Context) {
    const data = await getService(strapi, 'people').list(actorOf(ctx));
    ctx.body = { data, meta: { total: data.length } };
  },

  async update(ctx: Context) {
    const actor = actorOf(ctx);
    const change = parse(personChange, (ctx.request as { body?: unknown }).body);
    ctx.body = { data: await getService(strapi, 'people').update(actor, idParam(ctx), change) };
  },

  async archive(ctx: Context) {
    ctx.body = { data: await getService(strapi, 'people').setArchived(actorOf(ctx), idParam(ctx), true) };
  },

  async unarchive(ctx: Context) {
    ctx.body = { data: await getService(strapi, 'people').setArchived(actorOf(ctx), idParam(ctx), false) };
  },

  async delete(ctx: Context) {
    await getService(strapi, 'people').remove(actorOf(ctx), idParam(ctx));
    ctx.status = 204;
  },

  async me(ctx: Context) {
    const actor = actorOf(ctx);
    const person = await getService(strapi, 'people').me(actor);
    const notifications = await getService(strapi, 'preferences').of(actor.id);
    ctx.body = { data: { ...person, capabilities: capabilitiesOf(actor), notifications } };
  },

  async updateMe(ctx: Context) {
    const actor = actorOf(ctx);
    const change = parse(profileChange, (ctx.request as { body?: unknown }).body);
    const person = await getService(strapi, 'people').updateProfile(actor, change);
    const notifications = await getService(strapi, 'preferences').of(actor.id);
    ctx.body = { data: { ...person, capabilities: capabilitiesOf(actor), notifications } };
  },
});

export default people;
