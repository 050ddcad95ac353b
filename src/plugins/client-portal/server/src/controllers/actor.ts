import type { Context } from 'koa';
import type { Actor } from '../access/actor';
import { invalidField } from '../errors';
import type { PortalState } from '../policies/actor';

/**
 * The Actor the route's policy resolved (`is-portal-person`, `is-staff`… in policies/). A route
 * whose handler reads it without declaring such a policy is a bug: a 500, never a pass.
 */
export const actorOf = (ctx: Context): Actor => {
  const actor = (ctx.state as PortalState).portalActor;
  if (!actor) throw new Error(`${ctx.method} ${ctx.path}: no route policy resolved the actor`);
  return actor;
};

export const idParam = (ctx: Context): number => {
  const id = Number(ctx.params.id);
  if (!Number.isInteger(id) || id < 1) invalidField('id', 'must be a positive whole number');
  return id;
};
