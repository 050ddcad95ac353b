import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { currentScope } from './request-scope';
import { NOTHING } from '../access/rules';
import { getService } from '../utils/get-service';
import { isSchema, schemaUid } from '../utils/rows';
import { routeChain } from './users-permissions';
import { UPLOAD_FILE } from '../constants';

/**
 * GraphQL (docs/http-api.md#graphql) with the rules of REST. Root queries, `_connection` totals and
 * mutations already go through the document service, where the rules sit. Nested
 * relations do not: `@strapi/plugin-graphql` resolves each one with
 * `strapi.db.query(parent).load(...)`, past every document middleware. Its association
 * resolver is replaced here by one that reads the same relation under the actor's rules:
 * the relation must be readable on the parent, and the target's query is constrained
 * exactly as a REST populate of it is (row filter, readable fields, checked filters
 * and sort). Output fields are nullable: what the rules hide from a reader is null.
 * users-permissions' account mutations are answered by their REST routes (see `answeredByRoute`).
 */

type Row = Record<string, unknown>;
type Resolver = (parent: Row, args: Row, context: { state: { auth?: unknown } }, info: unknown) => Promise<unknown>;

interface AssociationOptions {
  contentTypeUID: string;
  attributeName: string;
}

interface ContentTypeSchema {
  attributes: Record<string, { required?: boolean }>;
}

interface ContentApiBuilders {
  buildAssociationResolver(options: AssociationOptions): Resolver;
  buildTypeDefinition(contentType: ContentTypeSchema): unknown;
}

interface GraphQLAttribute {
  type: string;
  relation?: string;
  target?: string;
  multiple?: boolean;
}

interface GraphQLService {
  new: (name: string, registry: unknown) => ContentApiBuilders;
  utils: { transformArgs(args: Row, options: { contentType: unknown; usePagination: boolean }): Row };
}

interface ReturnTypes {
  toEntityResponse(value: unknown, info: { args: Row; resourceUID: string }): unknown;
  toEntityResponseCollection(nodes: unknown, info: { args: Row; resourceUID: string }): unknown;
}

type GraphQLMiddleware = (resolve: unknown, parent: unknown, args: Row, context: { koaContext: Context }) => unknown;

/** users-permissions' account mutations, the REST route of the same action and its body from the arguments. */
const ACCOUNT_MUTATIONS: Record<string, { path: string; body: (args: Row) => Row }> = {
  // A provider's sign-in is REST's GET /api/auth/:provider/callback: this one is the password's.
  login: {
    path: '/auth/local',
    body: ({ input }) => ({ identifier: (input as Row).identifier, password: (input as Row).password }),
  },
  forgotPassword: { path: '/auth/forgot-password', body: (args) => ({ ...args }) },
  resetPassword: { path: '/auth/reset-password', body: (args) => ({ ...args }) },
};

export const protectGraphQL = (strapi: Core.Strapi): void => {
  const graphql = strapi.plugin('graphql');
  if (!graphql) return;
  const builders = graphql.service('builders') as unknown as GraphQLService;
  const build = builders.new.bind(builders);
  builders.new = (name, registry) => {
    const built = build(name, registry);
    if (name !== 'content-api') return built;
    built.buildAssociationResolver = scopedAssociation(strapi, builders);
    // A field the rules hide from the reader comes back null: no output field may be non-null
    // because its attribute is required (that would fail the reader's whole query instead).
    const buildType = built.buildTypeDefinition.bind(built);
    built.buildTypeDefinition = (schema) =>
      buildType({
        ...schema,
        attributes: Object.fromEntries(
          Object.entries(schema.attributes).map(([key, attribute]) => [key, { ...attribute, required: false }])
        ),
      });
    return built;
  };
  graphql.service('extension').use({
    resolversConfig: Object.fromEntries(
      Object.entries(ACCOUNT_MUTATIONS).map(([mutation, { path, body }]) => [
        `Mutation.${mutation}`,
        { middlewares: [answeredByRoute(strapi, path, body)] },
      ])
    ),
  });
};

/**
 * users-permissions resolves its account mutations by calling its controllers directly, past
 * the route middlewares through which the plugin answers these actions (register.ts, docs/http-api.md#accounts):
 * a GraphQL sign-in let archived people in and told blocked ones why, forgot-password told
 * which emails have an account, and reset took users-permissions' codes that never expire.
 * Each is answered by its REST route instead: its middlewares in order (rate limit, then the
 * plugin's), then its handler; the route's answer is the mutation's.
 */
const answeredByRoute = (strapi: Core.Strapi, path: string, bodyOf: (args: Row) => Row): GraphQLMiddleware => {
  let chain: ReturnType<typeof routeChain> | undefined; // resolved on first use, after every route is patched
  return async (_resolve, _parent, args, { koaContext: ctx }) => {
    chain ??= routeChain(strapi, 'POST', path);
    // The request is borrowed for the route and given back; the response is Apollo's, which writes it last.
    const request = ctx.request as { body?: unknown };
    const saved = { body: request.body, path: ctx.path };
    request.body = bodyOf(args);
    // The rate limit counts by path: GraphQL and REST share one count.
    ctx.path = `${strapi.config.get('api.rest.prefix', '/api')}${path}`;
    try {
      await chain(ctx, async () => undefined);
      return ctx.body;
    } finally {
      request.body = saved.body;
      ctx.path = saved.path;
    }
  };
};

const scopedAssociation =
  (strapi: Core.Strapi, builders: GraphQLService) =>
  ({ contentTypeUID, attributeName }: AssociationOptions): Resolver => {
    // A polymorphic relation has no target: its model is undefined, and nobody reads it (below).
    const modelOf = (uid: string) => (isSchema(strapi, uid) ? strapi.getModel(uid) : undefined);
    const attributes: Record<string, unknown> = modelOf(contentTypeUID)?.attributes ?? {};
    const attribute = attributes[attributeName] as GraphQLAttribute | undefined;
    if (!attribute) throw new Error(`GraphQL: ${contentTypeUID} has no attribute ${attributeName}`);
    const media = attribute.type === 'media';
    const targetUID = media ? UPLOAD_FILE : String(attribute.target);
    const toMany = media ? Boolean(attribute.multiple) : String(attribute.relation).endsWith('Many');
    const morph = String(attribute.relation ?? '').startsWith('morph');
    const target = modelOf(targetUID);
    const returnTypes = strapi.plugin('graphql').service('format').returnTypes as ReturnTypes;
    const respond = (data: unknown, args: Row) =>
      toMany
        ? returnTypes.toEntityResponseCollection(data ?? [], { args, resourceUID: targetUID })
        : returnTypes.toEntityResponse(data ?? null, { args, resourceUID: targetUID });

    return async (parent, args, context) => {
      // Polymorphic relations (an upload's `related`) have no single target to scope: nobody reads them here.
      if (morph || !target) return toMany ? [] : null;
      const scope = currentScope(strapi);
      if (scope.kind !== 'portal') return respond(null, {});
      const access = getService(strapi, 'access').for(scope.actor);
      if (!access.policy(contentTypeUID).readable.has(attributeName)) return respond(null, {});

      const { auth } = context.state;
      const transformed = builders.utils.transformArgs(args, { contentType: target, usePagination: true });
      await strapi.contentAPI.validate.query(transformed, target, { auth });
      const sanitized = await strapi.contentAPI.sanitize.query(transformed, target, { auth });
      const constrained = access.constrainRead(targetUID, sanitized);
      if (constrained.filters === NOTHING) return respond(null, sanitized);
      const query = strapi.get('query-params').transform(targetUID, constrained);
      let data = await strapi.db.query(schemaUid(strapi, contentTypeUID)).load(parent, attributeName, query);
      if (media && data) {
        const { signFileUrls } = strapi.plugin('upload').service('file') as { signFileUrls(file: unknown): unknown };
        data = Array.isArray(data) ? await Promise.all(data.map(signFileUrls)) : await signFileUrls(data);
      }
      return respond(data, sanitized);
    };
  };
