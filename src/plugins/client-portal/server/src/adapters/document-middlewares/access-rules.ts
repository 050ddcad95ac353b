import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { type Actor } from '../../access/actor';
import { currentScope, joinedProject } from '../request-scope';
import { namesIndexedCopy } from '../../access/query';
import { NOTHING } from '../../access/rules';
import { handsSomething, startHandOff } from '../row-handoff';
import { PROJECT, USER } from '../../constants';
import type { ActorAccess } from '../../services/access';
import { getService } from '../../utils/get-service';
import { READS, type DocumentMiddlewareFactory, type Params } from './types';

/** Who creates a project leads it (unless a leader is named) and is always a member. */
const asLeaderAndMember = (actor: Actor, data: Params): Params => {
  const members = data.members;
  const listed = Array.isArray(members) ? members : members === undefined ? [] : null;
  return {
    leader: data.leader ?? actor.documentId,
    members: listed
      ? [...listed, actor.documentId]
      : {
          ...(members as Params),
          connect: [...(((members as Params).connect as unknown[] | undefined) ?? []), actor.documentId],
        },
  };
};

/** Attributes the server fills with the acting person on create. */
const AUTHOR_FIELDS = ['author', 'creator'];

/** Refuses a write the actor may not make; fills in what the server decides on create. */
const guardWrite = async (
  strapi: Core.Strapi,
  service: ActorAccess,
  actor: Actor,
  uid: string,
  action: string,
  params: Params
) => {
  const data = (params.data ?? {}) as Params;
  switch (action) {
    case 'create': {
      service.assertAction(uid, 'create');
      await service.assertWritableData(uid, data);
      const attributes = getService(strapi, 'access').model(uid)?.attributes ?? {};
      for (const field of AUTHOR_FIELDS) {
        if (attributes[field]?.target === USER) data[field] = actor.documentId;
      }
      if (uid === PROJECT) Object.assign(data, asLeaderAndMember(actor, data));
      params.data = data;
      return;
    }
    case 'update':
      service.assertAction(uid, 'update');
      await service.assertEditable(uid, String(params.documentId));
      await service.assertWritableData(uid, data);
      return;
    case 'delete':
      service.assertAction(uid, 'delete');
      await service.assertEditable(uid, String(params.documentId));
      return;
    default:
      throw new errors.ForbiddenError('Forbidden');
  }
};

/**
 * The rules on the document service (docs/visibility.md): reads get the actor's row filter
 * on the main query and on every populated relation, checked filters, sort and fields;
 * writes are refused unless the actor may make them. System and admin-panel work passes.
 */
export const accessRules: DocumentMiddlewareFactory = (strapi) => async (context, next) => {
  const scope = currentScope(strapi);
  if (scope.kind === 'system' || scope.kind === 'admin') return next();
  const params = (context.params ?? {}) as Params;
  if (scope.kind === 'anonymous') {
    if (!READS.has(context.action)) throw new errors.ForbiddenError('Forbidden');
    context.params = { ...params, filters: NOTHING } as typeof context.params;
    return next();
  }
  const { actor } = scope;
  const uid = context.uid as string;
  const access = getService(strapi, 'access').for(actor);
  if (READS.has(context.action)) {
    const handoff = startHandOff(strapi, uid);
    const shaped = access.shapeRead(uid, params, handoff.placeholder);
    // A count populates nothing and selects nothing: what would be handed for that is left out.
    const counting = context.action === 'count';
    const read = counting ? { ...shaped, plan: undefined, select: undefined } : shaped;
    const own = counting ? { ...shaped.params, populate: undefined, fields: undefined } : shaped.params;
    // A read nothing can match needs no rows (nor populates anything): one node, no hand-off.
    if (shaped.rows === NOTHING || own.filters === NOTHING) {
      context.params = { ...own, filters: NOTHING } as typeof context.params;
      return next();
    }
    // The rows go to the statements, not into the parameters: Strapi validates what the reader said.
    context.params = own as typeof context.params;
    // All rows, and nothing else the hook would add (nor a relation's copy to read): the parameters are complete.
    if (!handsSomething(read) && !namesIndexedCopy(own.filters, uid, getService(strapi, 'access'))) return next();
    try {
      const result = await handoff.run(read, next);
      // Fails closed when rows never reached their statement (adapters/row-handoff.ts).
      if (!handoff.release())
        throw new Error(`[client-portal] the rows of a ${uid} ${context.action} were not applied`);
      return result;
    } finally {
      handoff.release();
    }
  }
  await guardWrite(strapi, access, actor, uid, context.action, params);
  const shaped = access.constrainRead(uid, { populate: params.populate, fields: params.fields });
  context.params = { ...params, populate: shaped.populate, fields: shaped.fields } as typeof context.params;
  const result = await next();
  // The creator is a member (asLeaderAndMember): the rest of the request sees the new project.
  const created = (result as { id?: unknown } | null)?.id;
  if (uid === PROJECT && context.action === 'create' && typeof created === 'number') joinedProject(strapi, created);
  return result;
};
