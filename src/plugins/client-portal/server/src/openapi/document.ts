import type { JsonSchema, OpenApiDocument, OpenApiRole } from '../../../shared/contracts';
import {
  collectionPaths,
  createInputName,
  ERROR_RESPONSES,
  ERROR_SCHEMA,
  PAGINATION,
  peoplePaths,
  signInPaths,
  updateInputName,
  type Paths,
} from './operations';
import { portalPaths, type PortalRoutes } from './portal';
import {
  filterSchema,
  filtersName,
  inputSchema,
  objectSchema,
  RELATION_CHANGE,
  relatedViews,
  SCALAR_FILTERS,
  type Lookup,
  type TypeView,
} from './schemas';

/** The OpenAPI 3.1 document of the content API as one client role sees it (docs/http-api.md#openapi). Pure. */

export interface DocumentInput {
  role: OpenApiRole;
  serverUrl: string;
  version: string;
  /** Content types with core REST routes whose rows the role reads. */
  collections: readonly TypeView[];
  /** The people type (`/api/users`), when the role reads people. */
  people?: TypeView;
  /** The signed-in person's own record (`/api/users/me`, sign-in). */
  profile: TypeView;
  lookup: Lookup;
  portal: PortalRoutes;
}

const ROLE_NAMES: Record<OpenApiRole, string> = {
  client: 'Client',
  'client-plus': 'Client+',
  'client-manager': 'Client Manager',
};

/** Visits `roots` and every view `next` leads to, once per schema name. */
const walk = (roots: readonly TypeView[], next: (view: TypeView) => TypeView[], visit: (view: TypeView) => void) => {
  const seen = new Set<string>();
  const pending = [...roots];
  while (pending.length > 0) {
    const view = pending.pop() as TypeView;
    if (seen.has(view.name)) continue;
    seen.add(view.name);
    visit(view);
    pending.push(...next(view));
  }
};

const tagsOf = (paths: Paths) => [
  ...new Set(
    Object.values(paths).flatMap((item) => Object.values(item).flatMap((operation) => operation.tags as string[]))
  ),
];

export const buildDocument = (input: DocumentInput): OpenApiDocument => {
  const { lookup, collections } = input;
  const listed = [...collections, ...(input.people ? [input.people] : [])];
  const paths: Paths = signInPaths(input.profile);
  for (const view of collections) Object.assign(paths, collectionPaths(view, lookup));
  if (input.people) Object.assign(paths, peoplePaths(input.people, input.profile, lookup));
  const portal = portalPaths(input.portal);
  Object.assign(paths, portal.paths);

  const schemas: Record<string, JsonSchema> = {};
  // Rows: every type a response may carry, following readable relations and components.
  walk(
    [...listed, input.profile, ...(input.portal.documents ? [input.portal.documents] : [])],
    (view) => relatedViews(view, lookup),
    (view) => (schemas[view.name] = objectSchema(view, lookup))
  );
  // Filters: the listed types and the types their relation filters reach.
  walk(
    listed,
    (view) => relatedViews(view, lookup).filter((related) => related.kind !== 'component'),
    (view) => (schemas[filtersName(view)] = filterSchema(view, lookup))
  );
  let writes = false;
  for (const view of collections) {
    if (view.actions.create) schemas[createInputName(view)] = inputSchema(view, 'create');
    if (view.actions.update) schemas[updateInputName(view)] = inputSchema(view, 'update');
    writes ||= view.actions.create || view.actions.update;
  }
  if (writes) schemas.RelationChange = RELATION_CHANGE;
  // The scalar filters some type's filters refer to.
  const referenced = JSON.stringify(schemas);
  for (const [name, schema] of Object.entries(SCALAR_FILTERS)) {
    if (referenced.includes(`"#/components/schemas/${name}"`)) schemas[name] = schema;
  }
  Object.assign(schemas, portal.schemas, { Pagination: PAGINATION, Error: ERROR_SCHEMA });

  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base',
    info: {
      title: `Agency Portal API: ${ROLE_NAMES[input.role]}`,
      version: input.version,
      description:
        `The REST API as a ${ROLE_NAMES[input.role]} sees it, generated from the access declarations of the content ` +
        'types: only the types, attributes, operations and filters this role may use. Sign in with ' +
        '`POST /api/auth/local` and send the `jwt` as `Authorization: Bearer <jwt>`. Rows are those of your own ' +
        'projects and company: one you may not see answers 404, as if it did not exist. Money is in integer minor ' +
        'units (cents) of the row’s currency.',
    },
    servers: [{ url: input.serverUrl }],
    security: [{ bearerAuth: [] }],
    tags: tagsOf(paths).map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'The jwt of POST /api/auth/local',
        },
      },
      schemas,
      responses: ERROR_RESPONSES,
    },
  };
};
