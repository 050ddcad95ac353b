import { AsyncLocalStorage } from 'async_hooks';
import type { Core } from '@strapi/strapi';
import { rememberActor, toActor, withJoinedProject, type Actor, type AuthenticatedUser } from '../access/actor';

/**
 * Who a document-service call runs for, read from Strapi's request context: the adapter
 * between a request and the pure rules, which only ever see an Actor.
 */

const systemWork = new AsyncLocalStorage<boolean>();

/** Whether a request came through the admin panel's authentication (the plugin's admin routes). */
export const isAdminRequest = (state: { auth?: unknown } | undefined): boolean =>
  (state?.auth as { strategy?: { name?: string } } | undefined)?.strategy?.name === 'admin';

/**
 * The acting person created a project in this request (they are always a member of
 * a project they create): later reads of the same request see it, whether they ask the
 * route policy's actor (`ctx.state.portalActor`, policies/actor.ts) or the rules' (`toActor`).
 */
export const joinedProject = (strapi: Core.Strapi, projectId: number): void => {
  const ctx = strapi.requestContext.get();
  if (!ctx || isSystemWork()) return;
  if (isAdminRequest(ctx.state)) {
    const staff = ctx.state?.portalActor as Actor | undefined;
    if (staff && staff.id > 0) ctx.state.portalActor = withJoinedProject(staff, projectId);
    return;
  }
  const user = ctx.state?.user as AuthenticatedUser | undefined;
  const actor = user ? toActor(user) : null;
  if (!user || !actor) return;
  const joined = withJoinedProject(actor, projectId);
  rememberActor(user, joined);
  // One actor for the request: the policy's copy is the rules' (toActor of the same user row).
  if (ctx.state.portalActor) ctx.state.portalActor = joined;
};

/**
 * Runs server-side work (seat counts, activity rows, invitations) with the rules
 * off, even inside a portal person's request. Callers check permissions first.
 */
export const runAsSystem = <T>(work: () => Promise<T>): Promise<T> => systemWork.run(true, work);

const isSystemWork = (): boolean => systemWork.getStore() === true;

const READING = Symbol('client-portal read in flight');
type ReadingContext = Record<PropertyKey, unknown> & { [READING]?: object };

/**
 * Runs a read's document-service call with `read` for its statements to find (readInFlight),
 * in Strapi's request context: a context of its own that inherits the request's (its state,
 * its request). Not an AsyncLocalStorage of ours: Node carries each storage in use over to
 * every promise created, a cost each request would pay (docs/benchmarks.md).
 */
export const runReading = <T>(strapi: Core.Strapi, read: object, call: () => T): Promise<Awaited<T>> => {
  const ctx = strapi.requestContext.get();
  // A read is handed off for a person's request only; without one, nothing is placed and the read fails closed.
  if (!ctx) return Promise.resolve(call());
  const reading: ReadingContext = Object.create(ctx);
  reading[READING] = read;
  return strapi.requestContext.run(reading as typeof ctx, call as () => Promise<void>) as Promise<Awaited<T>>;
};

/** The read whose call is running, unless the current work runs as the system. */
export const readInFlight = (strapi: Core.Strapi): object | undefined =>
  isSystemWork() ? undefined : (strapi.requestContext.get() as ReadingContext | undefined)?.[READING];

/** What Strapi's router records of the route a request matched (`ctx.state.route`). */
export interface RouteInfo {
  method?: string;
  path?: string;
  handler?: string;
  info?: { type?: string; pluginName?: string };
}

/** The route the current request matched, if any. */
export const currentRoute = (strapi: Core.Strapi): RouteInfo | undefined =>
  strapi.requestContext.get()?.state?.route as RouteInfo | undefined;

export type RequestScope =
  | { kind: 'system' }
  | { kind: 'admin' }
  | { kind: 'portal'; actor: Actor }
  | { kind: 'anonymous' };

/**
 * Who the current document-service call runs for. No request (bootstrap, scripts)
 * and admin-panel requests are not narrowed; a portal person is narrowed by the
 * rules; anyone else (public, a user without a portal role) sees nothing.
 */
export const currentScope = (strapi: Core.Strapi): RequestScope => {
  if (isSystemWork()) return { kind: 'system' };
  const ctx = strapi.requestContext.get();
  if (!ctx) return { kind: 'system' };
  if (isAdminRequest(ctx.state)) {
    // A plugin admin route acting as a linked person runs under that person's rules (docs/admin-panel.md).
    const staff = ctx.state?.portalActor as Actor | undefined;
    return staff && staff.id > 0 ? { kind: 'portal', actor: staff } : { kind: 'admin' };
  }
  const user = ctx.state?.user as AuthenticatedUser | undefined;
  const actor = user ? toActor(user) : null;
  return actor ? { kind: 'portal', actor } : { kind: 'anonymous' };
};
