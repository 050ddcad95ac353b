import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { z } from 'zod';
import { PORTAL_ROLE_TYPES } from '../../../shared/contracts';
import { capabilitiesOf } from '../access/capabilities';
import { getService } from '../utils/get-service';
import { idParam, requireActor, requireStaff } from './actor';
import { parse } from '../validation';

const documentId = z.string().min(1).max(64);
const name = z.string().trim().max(100).nullable();
const cents = z.number().int().min(0).max(100_000_000).nullable();

const personChange = z
  .object({
    role: z.enum(PORTAL_ROLE_TYPES),
    canManageProjects: z.boolean(),
    canManageFinances: z.boolean(),
    clientManager: z.boolean(),
    company: documentId,
    title: z.string().trim().max(150).nullable(),
    firstName: name,
    lastName: name,
    projects: z.array(documentId).max(500),
    hourlyRateCents: cents,
    costRateCents: cents,
  })
  .partial()
  .strict();

export const profileChange = z
  .object({
    firstName: name,
    lastName: name,
    title: z.string().trim().max(150).nullable(),
    language: z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/, 'must be a language code such as en or de-AT'),
    password: z.string().min(8, 'must have at least 8 characters').max(200),
  })
  .partial()
  .strict();

const people = ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: Context) {
    const data = await getService(strapi, 'people').list(requireStaff(ctx));
    ctx.body = { data, meta: { total: data.length } };
  },

  async update(ctx: Context) {
    const actor = requireStaff(ctx);
    const change = parse(personChange, (ctx.request as { body?: unknown }).body);
    ctx.body = { data: await getService(strapi, 'people').update(actor, idParam(ctx), change) };
  },

  async archive(ctx: Context) {
    ctx.body = { data: await getService(strapi, 'people').setArchived(requireStaff(ctx), idParam(ctx), true) };
  },

  async unarchive(ctx: Context) {
    ctx.body = { data: await getService(strapi, 'people').setArchived(requireStaff(ctx), idParam(ctx), false) };
  },

  async delete(ctx: Context) {
    await getService(strapi, 'people').remove(requireStaff(ctx), idParam(ctx));
    ctx.status = 204;
  },

  async me(ctx: Context) {
    const actor = requireActor(ctx);
    const person = await getService(strapi, 'people').me(actor);
    ctx.body = { data: { ...person, capabilities: capabilitiesOf(actor) } };
  },

  async updateMe(ctx: Context) {
    const actor = requireActor(ctx);
    const change = parse(profileChange, (ctx.request as { body?: unknown }).body);
    const person = await getService(strapi, 'people').updateProfile(actor, change);
    ctx.body = { data: { ...person, capabilities: capabilitiesOf(actor) } };
  },
});

export default people;
