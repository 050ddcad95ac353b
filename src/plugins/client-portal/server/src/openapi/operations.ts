import type { JsonSchema } from '../../../shared/contracts';
import { MAX_PAGE, MAX_PAGE_SIZE } from '../middlewares/query-guard';
import { filtersName, pascalCase, populatableNames, ref, scalarNames, type Lookup, type TypeView } from './schemas';

/** Operations of the content types' core REST routes, of users-permissions' people routes and sign-in. Pure. */

type Operation = Record<string, unknown>;
type PathItem = Record<string, Operation>;
export type Paths = Record<string, PathItem>;

const json = (schema: JsonSchema) => ({ 'application/json': { schema } });

export const ok = (description: string, schema: JsonSchema) => ({ description, content: json(schema) });

export const jsonBody = (schema: JsonSchema) => ({ required: true, content: json(schema) });

/** An object with exactly these properties, all present. */
export const exact = (properties: Record<string, JsonSchema>): JsonSchema => ({
  type: 'object',
  additionalProperties: false,
  required: Object.keys(properties),
  properties,
});

/** `{data}`: how the plugin's own routes answer one object. */
export const wrapped = (schema: JsonSchema): JsonSchema => exact({ data: schema });

/** Strapi's error format (docs/http-api.md#conventions). */
export const ERROR_SCHEMA: JsonSchema = exact({
  data: { type: 'null' },
  error: {
    type: 'object',
    additionalProperties: false,
    required: ['status', 'name', 'message'],
    properties: {
      status: { type: 'integer' },
      name: { type: 'string' },
      message: { type: 'string' },
      details: { type: 'object', description: 'For 400: `errors`, each with the `path` of a refused field' },
    },
  },
});

const ERRORS = {
  400: ['BadRequest', 'Invalid input; the message and `details` name the parameter or field'],
  401: ['Unauthorized', 'Not signed in, or the token is invalid or expired'],
  403: ['Forbidden', 'The role may never do this, or the row is not yours to change'],
  404: ['NotFound', 'Not found, or not visible to you'],
  409: ['Conflict', 'The state of the data does not allow it'],
} as const;

type ErrorStatus = keyof typeof ERRORS;

export const errors = (...statuses: ErrorStatus[]) =>
  Object.fromEntries(
    statuses.map((status) => [String(status), { $ref: `#/components/responses/${ERRORS[status][0]}` }])
  );

export const ERROR_RESPONSES = Object.fromEntries(
  Object.values(ERRORS).map(([name, description]) => [name, { description, content: json(ref('Error')) }])
);

export const PAGINATION: JsonSchema = exact({
  page: { type: 'integer' },
  pageSize: { type: 'integer' },
  pageCount: { type: 'integer' },
  total: { type: 'integer', description: 'Rows you may see, all pages together' },
});

export const documentIdParameter = { name: 'documentId', in: 'path', required: true, schema: { type: 'string' } };

const commaList = (name: string, description: string, values: string[]) => ({
  name,
  in: 'query',
  style: 'form',
  explode: false,
  description,
  schema: { type: 'array', items: { type: 'string', enum: values } },
});

const populateParameter = (view: TypeView, lookup: Lookup) => {
  const names = populatableNames(view, lookup);
  if (names.length === 0) return [];
  return [
    commaList(
      'populate',
      'Relations to include, comma-separated, or `*` for all; nested: `populate[project][populate]=company`. ' +
        'Related rows follow their own type’s rules.',
      ['*', ...names]
    ),
  ];
};

const fieldsParameter = (view: TypeView) =>
  commaList('fields', 'Attributes to return (id and documentId always are), comma-separated.', scalarNames(view));

const sortParameter = (view: TypeView) =>
  commaList(
    'sort',
    'Comma-separated attributes, each optionally `:asc` or `:desc`.',
    ['id', 'documentId', ...scalarNames(view)].flatMap((name) => [name, `${name}:asc`, `${name}:desc`])
  );

const filtersParameter = (view: TypeView) => ({
  name: 'filters',
  in: 'query',
  style: 'deepObject',
  explode: true,
  description:
    '`filters[<attribute>][<operator>]=<value>`, e.g. `filters[title][$containsi]=logo`; through a relation: ' +
    '`filters[project][documentId][$eq]=…`. Only the attributes listed here may be filtered on.',
  schema: ref(filtersName(view)),
});

const integerParameter = (name: string, minimum: number, maximum: number, description?: string) => ({
  name,
  in: 'query',
  ...(description ? { description } : {}),
  schema: { type: 'integer', minimum, maximum },
});

const pageParameters = [
  integerParameter('pagination[page]', 1, MAX_PAGE),
  integerParameter('pagination[pageSize]', 1, MAX_PAGE_SIZE, 'Rows per page (25 unless given)'),
];

const listOf = (item: JsonSchema): JsonSchema =>
  exact({ data: { type: 'array', items: item }, meta: exact({ pagination: ref('Pagination') }) });

/** One row as Strapi's core routes answer it. */
const single = (item: JsonSchema): JsonSchema =>
  exact({ data: item, meta: { type: 'object', additionalProperties: false } });

export const createInputName = (view: TypeView) => `${view.name}CreateInput`;
export const updateInputName = (view: TypeView) => `${view.name}UpdateInput`;

/** `GET/POST /api/<plural>` and `GET/PUT/DELETE /api/<plural>/{documentId}`, as far as the role's actions go. */
export const collectionPaths = (view: TypeView, lookup: Lookup): Paths => {
  const path = view.path as string;
  const plural = pascalCase(path.slice(path.lastIndexOf('/') + 1));
  const tags = [view.name];
  const row = ref(view.name);
  const collection: PathItem = {
    get: {
      operationId: `list${plural}`,
      tags,
      summary: `List the rows of ${path} you may see`,
      parameters: [
        filtersParameter(view),
        ...populateParameter(view, lookup),
        sortParameter(view),
        fieldsParameter(view),
        ...pageParameters,
      ],
      responses: { 200: ok('One page of rows', listOf(row)), ...errors(400, 401, 403) },
    },
  };
  if (view.actions.create) {
    collection.post = {
      operationId: `create${view.name}`,
      tags,
      requestBody: jsonBody(exact({ data: ref(createInputName(view)) })),
      responses: { 201: ok('Created', single(row)), ...errors(400, 401, 403) },
    };
  }
  const item: PathItem = {
    get: {
      operationId: `get${view.name}`,
      tags,
      parameters: [documentIdParameter, ...populateParameter(view, lookup), fieldsParameter(view)],
      responses: { 200: ok('The row', single(row)), ...errors(400, 401, 403, 404) },
    },
  };
  if (view.actions.update) {
    item.put = {
      operationId: `update${view.name}`,
      tags,
      parameters: [documentIdParameter],
      requestBody: jsonBody(exact({ data: ref(updateInputName(view)) })),
      responses: { 200: ok('Updated', single(row)), ...errors(400, 401, 403, 404) },
    };
  }
  if (view.actions.delete) {
    item.delete = {
      operationId: `delete${view.name}`,
      tags,
      parameters: [documentIdParameter],
      responses: { 204: { description: 'Deleted' }, ...errors(401, 403, 404) },
    };
  }
  return { [path]: collection, [`${path}/{documentId}`]: item };
};

/** users-permissions' `/api/users` routes, under the same rules (they answer without a `data` wrapper). */
export const peoplePaths = (people: TypeView, profile: TypeView, lookup: Lookup): Paths => ({
  '/api/users': {
    get: {
      operationId: 'listUsers',
      tags: [people.name],
      summary: 'The people you share a project with',
      parameters: [
        filtersParameter(people),
        ...populateParameter(people, lookup),
        sortParameter(people),
        fieldsParameter(people),
        integerParameter('start', 0, MAX_PAGE),
        integerParameter('limit', 1, MAX_PAGE_SIZE),
      ],
      responses: { 200: ok('People', { type: 'array', items: ref(people.name) }), ...errors(400, 401, 403) },
    },
  },
  '/api/users/me': {
    get: {
      operationId: 'getOwnUser',
      tags: [people.name],
      summary: 'Your own record',
      parameters: populateParameter(profile, lookup),
      responses: { 200: ok('Your own record', ref(profile.name)), ...errors(400, 401, 403) },
    },
  },
  '/api/users/{id}': {
    get: {
      operationId: 'getUser',
      tags: [people.name],
      parameters: [
        { name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } },
        ...populateParameter(people, lookup),
        fieldsParameter(people),
      ],
      responses: { 200: ok('The person', ref(people.name)), ...errors(400, 401, 403, 404) },
    },
  },
});

/** `POST /api/auth/local`: the JWT every other operation sends as a Bearer token. */
export const signInPaths = (profile: TypeView): Paths => ({
  '/api/auth/local': {
    post: {
      operationId: 'signIn',
      tags: ['Account'],
      security: [],
      requestBody: jsonBody(exact({ identifier: { type: 'string' }, password: { type: 'string' } })),
      responses: {
        200: ok(
          'Signed in: send `jwt` as `Authorization: Bearer <jwt>`',
          exact({ jwt: { type: 'string' }, user: ref(profile.name) })
        ),
        ...errors(400),
      },
    },
  },
});
