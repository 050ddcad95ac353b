import type { Context } from 'koa';
import { errors } from '@strapi/utils';
import { toActor, type Actor } from '../access/actor';
import { capabilities } from '../access/capabilities';
import { invalidField } from '../errors';

/** The signed-in portal person (or an admin on the admin routes), or 401/403. */
export const requireActor = (ctx: Context): Actor => {
  const user = ctx.state.user;
  if (!user) throw new errors.UnauthorizedError('Sign in first');
  // The admin routes are guarded by the plugin's admin permissions, then resolve whom the admin acts as.
  if ((ctx.state.auth as { strategy?: { name?: string } } | undefined)?.strategy?.name === 'admin') {
    const actor = ctx.state.portalActor as Actor | undefined;
    if (!actor) throw new errors.ForbiddenError('Forbidden');
    return actor;
  }
  const actor = toActor(user);
  if (!actor) throw new errors.ForbiddenError('This endpoint is for portal people');
  return actor;
};

export const requireStaff = (ctx: Context): Actor => {
  const actor = requireActor(ctx);
  if (!capabilities(actor).staff) throw new errors.ForbiddenError('Forbidden');
  return actor;
};

export const idParam = (ctx: Context): number => {
  const id = Number(ctx.params.id);
  if (!Number.isInteger(id) || id < 1) invalidField('id', 'must be a positive whole number');
  return id;
};
