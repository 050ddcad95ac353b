import { startApp, type TestApp } from '../harness/app';
import { databaseClient } from '../harness/database';
import { fixtures } from '../harness/fixtures';
import { buildWorld } from '../harness/world';

/**
 * docs/visibility.md#bad-input: bad input is answered with 400 and a message naming the problem,
 * never with a 500 and never by silently widening the result. Every query case
 * is sent to every content-API collection route (derived from the declared
 * content types, so a new type is covered without touching this file) and to
 * `/api/users`, anonymously, as a Client and as an Owner.
 */

const PORTAL_OPTION = 'client-portal';
const USERS = '/api/users';

/** The collection routes this file must at least see; the rest is derived from the app. */
const KNOWN_ROUTES = [
  '/api/projects',
  '/api/tasks',
  '/api/discussions',
  '/api/comments',
  '/api/notes',
  '/api/documents',
  '/api/budgets',
  '/api/time-entries',
  '/api/expenses',
  '/api/invoices',
  '/api/companies',
  '/api/activities',
  USERS,
];

type Actor = 'anonymous' | 'client' | 'owner';
const ACTORS: Actor[] = ['anonymous', 'client', 'owner'];

interface QueryCase {
  query: string;
  /** What the 400's message must contain. */
  names: string | RegExp;
  /**
   * Refused before any route or permission is looked at: 400 for everybody. Otherwise the
   * controller refuses it, after the permission check: 400 where the actor may list the
   * type, the same refusal as a plain list (403) where they may not.
   */
  beforeRouting: boolean;
}

const HUGE = '99999999999999999999';

const QUERY_CASES: QueryCase[] = [
  // a non-logical operator where an attribute name is expected
  { query: 'filters[$eq]=1', names: '$eq', beforeRouting: true },
  { query: 'filters[$null]=true', names: '$null', beforeRouting: true },
  { query: 'filters[$in][0]=1', names: '$in', beforeRouting: true },
  { query: 'filters[$contains]=x', names: '$contains', beforeRouting: true },
  { query: 'filters[$notNull]=true', names: '$notNull', beforeRouting: true },
  { query: 'filters[$and][0][$eq]=1', names: '$eq', beforeRouting: true },
  { query: 'filters[$or][0][$between][0]=1&filters[$or][0][$between][1]=2', names: '$between', beforeRouting: true },
  { query: 'filters[$not][$null]=true', names: '$null', beforeRouting: true },
  { query: 'filters[$and][0][$or][1][$not][$startsWith]=a', names: '$startsWith', beforeRouting: true },
  { query: 'filters[id][$gt]=0&filters[$ne]=1', names: '$ne', beforeRouting: true },
  // page numbers and sizes: whole numbers in range
  { query: `pagination[page]=${HUGE}`, names: 'pagination.page', beforeRouting: true },
  { query: 'pagination[page]=2147483648', names: 'pagination.page', beforeRouting: true },
  { query: 'pagination[page]=1e3', names: 'pagination.page', beforeRouting: true },
  { query: `pagination[pageSize]=${HUGE}`, names: 'pagination.pageSize', beforeRouting: true },
  { query: `pagination[start]=${HUGE}`, names: 'pagination.start', beforeRouting: true },
  { query: `pagination[limit]=${HUGE}`, names: 'pagination.limit', beforeRouting: true },
  { query: `start=${HUGE}`, names: 'start', beforeRouting: true },
  // already refused before this change
  { query: 'where[id]=1', names: 'where', beforeRouting: true },
  { query: 'lookup[id]=1', names: 'lookup', beforeRouting: true },
  { query: 'pagination[pageSize]=1000', names: 'pagination.pageSize', beforeRouting: true },
  { query: 'populate=a.b.c.d.e.f', names: 'populate', beforeRouting: true },
  { query: 'status=bogus', names: 'status', beforeRouting: true },
  { query: 'filters[noSuchAttribute][$eq]=1', names: 'noSuchAttribute', beforeRouting: false },
  { query: 'filters[createdBy][password][$startsWith]=$2', names: /createdBy|password/, beforeRouting: false },
  // values that do not fit their column (PostgreSQL errors on them)
  { query: 'filters[id][$eq]=abc', names: 'filters.id.$eq must be a whole number', beforeRouting: false },
  { query: 'filters[id][$in][0]=99999999999', names: 'filters.id.$in.0 must be a whole number', beforeRouting: false },
  { query: 'filters[id][$eq][$eq]=1', names: 'filters.id.$eq must be a single value', beforeRouting: false },
  { query: 'filters[id][$between]=1', names: 'filters.id.$between must be a list of two values', beforeRouting: false },
  { query: 'filters[createdAt][$gt]=not-a-date', names: 'createdAt', beforeRouting: false },
];

const BROKEN_BOUNDARY = {
  name: 'a multipart body whose boundary never appears',
  contentType: 'multipart/form-data; boundary=----declared',
  body: '------other\r\nContent-Disposition: form-data; name="data"\r\n\r\n{}\r\n------other--\r\n',
};
const NO_BOUNDARY = {
  name: 'multipart/form-data without a boundary',
  contentType: 'multipart/form-data',
  body: '------other\r\nContent-Disposition: form-data; name="data"\r\n\r\n{}\r\n------other--\r\n',
};
const TRUNCATED = {
  name: 'a multipart body cut off in a part',
  contentType: 'multipart/form-data; boundary=----declared',
  body: '------declared\r\nContent-Disposition: form-data; name="data"\r\n\r\n{"da',
};
const BAD_JSON = { name: 'bad JSON', contentType: 'application/json', body: '{"data": {"name": ' };
const BODY_CASES = [BROKEN_BOUNDARY, NO_BOUNDARY, TRUNCATED, BAD_JSON];

interface Outcome {
  request: string;
  status: number;
  message: string;
}

describe(`bad input is a 400 naming the problem, on every collection route, on ${databaseClient()}`, () => {
  let app: TestApp;
  let routes: string[];
  const jwts: Record<Actor, string | undefined> = { anonymous: undefined, client: undefined, owner: undefined };
  /** The status of a plain list per actor and route: 200, or the refusal (403) a bad query may also get. */
  const plainList = new Map<string, number>();

  const send = async (actor: Actor, method: string, path: string, contentType?: string, body?: string) => {
    const headers: Record<string, string> = {};
    const jwt = jwts[actor];
    if (jwt) headers.authorization = `Bearer ${jwt}`;
    if (contentType) headers['content-type'] = contentType;
    let response: Response;
    let text: string;
    try {
      // A request left without an answer is as wrong as a 500.
      const signal = AbortSignal.timeout(10_000);
      response = await fetch(`${app.baseUrl}${path}`, { method, headers, body, redirect: 'manual', signal });
      text = await response.text();
    } catch (error) {
      return { request: `${actor} ${method} ${path}`, status: 0, message: `no answer: ${String(error)}` };
    }
    let message = '';
    try {
      message = String(JSON.parse(text)?.error?.message ?? '');
    } catch {
      message = text.slice(0, 200);
    }
    return { request: `${actor} ${method} ${path}`, status: response.status, message };
  };

  beforeAll(async () => {
    app = await startApp();
    const make = fixtures(app);
    const { client } = (
      await buildWorld(make, { people: { member: {}, client: {} }, project: { leader: 'member' }, visibleTask: true })
    ).people;
    const owner = (await app.strapi.db
      .query('plugin::users-permissions.user')
      .findOne({ where: { role: { type: 'owner' } } })) as { id: number };
    jwts.client = client.jwt;
    jwts.owner = make.jwtFor(owner.id);

    const declared = Object.values(app.strapi.contentTypes as Record<string, any>).filter(
      (type) => type.uid.startsWith('api::') && type.kind === 'collectionType' && type.pluginOptions?.[PORTAL_OPTION]
    );
    routes = [...declared.map((type) => `/api/${type.info.pluralName}`).sort(), USERS];
    for (const actor of ACTORS) {
      for (const route of routes) plainList.set(`${actor} ${route}`, (await send(actor, 'GET', route)).status);
    }
  });

  afterAll(() => app?.stop());

  it('derives every collection route from the declared content types', () => {
    expect(routes).toEqual(expect.arrayContaining(KNOWN_ROUTES));
    for (const route of routes) expect(plainList.get(`owner ${route}`)).toBe(200);
    expect(plainList.get(`client /api/tasks`)).toBe(200);
  });

  it.each(QUERY_CASES)('?$query', async ({ query, names, beforeRouting }) => {
    const wrong: Outcome[] = [];
    for (const actor of ACTORS) {
      for (const route of routes) {
        const outcome = await send(actor, 'GET', `${route}?${query}`);
        const plain = plainList.get(`${actor} ${route}`)!;
        const expected = beforeRouting || plain === 200 ? 400 : plain;
        const named = typeof names === 'string' ? outcome.message.includes(names) : names.test(outcome.message);
        if (outcome.status !== expected || (expected === 400 && !named)) wrong.push(outcome);
      }
    }
    expect(wrong).toEqual([]);
  });

  const BOTH: Actor[] = ['client', 'owner'];

  // Rows of three: jest takes a test function declaring more parameters than a row has for a `done` callback.
  it.each([
    ['/api/tasks?filters[project][id][$gt]=0&filters[project][$eq]=1', 'filters.project.$eq', BOTH],
    ['/api/tasks?filters[project][$and][0][$in][0]=1', '$in', BOTH],
    ['/api/tasks?populate[project][filters][$null]=true', '$null', BOTH],
    ['/api/projects?populate[tasks][filters][$or][0][$eq]=1', '$eq', BOTH],
    ['/api/tasks?filters[$and][title][$eq]=x', '$and', BOTH],
    ['/api/tasks?filters[$or]=x', '$or', BOTH],
    ['/api/tasks?filters[$not]=x', '$not', BOTH],
    ['/api/invoices?filters[lines][$null]=true', '$null', BOTH],
    // clients may not filter people by company at all: an Owner may
    ['/api/users?filters[company][name][$eq]=x&filters[company][$ne]=1', '$ne', ['owner'] as Actor[]],
  ])('refuses an operator where a related type expects attribute names: %s', async (path, names, actors) => {
    for (const actor of actors) {
      const outcome = await send(actor, 'GET', path);
      expect(outcome).toEqual({ request: outcome.request, status: 400, message: expect.stringContaining(names) });
    }
  });

  it.each([
    'filters=x',
    'filters[0][id][$gt]=0',
    'filters[id]=1',
    'filters[id][$in]=1',
    'filters[id][$null]',
    'filters[$and][0]=x',
    'filters[$and][0][id]=1',
    'filters[$not][0][id][$eq]=1',
    'filters[$or][150][id][$eq]=1',
    'filters[id][$not][$eq]=1',
    'filters[id][$unknown]=1',
    'filters[documentId][$eq][0]=a',
    'sort[$eq]=1',
    'sort=id:sideways',
    'fields[$eq]=1',
    'fields=x',
    'populate[$eq]=1',
    'populate[createdBy][populate]=*',
    'pagination=x',
    'pagination[page]=-1',
    'pagination[page]=',
    'pagination[withCount]=maybe',
    '_q[$eq]=1',
    'locale[$eq]=1',
    'status[0]=draft',
  ])('never answers 5xx to the odd shape ?%s', async (query) => {
    const wrong: Outcome[] = [];
    for (const actor of ['client', 'owner'] as const) {
      for (const route of routes) {
        const outcome = await send(actor, 'GET', `${route}?${query}`);
        if (outcome.status >= 500) wrong.push(outcome);
      }
    }
    expect(wrong).toEqual([]);
  });

  it.each(BODY_CASES)('POST with $name', async ({ contentType, body }) => {
    const wrong: Outcome[] = [];
    const targets = [...routes, '/api/auth/local', '/api/upload'];
    for (const actor of ACTORS) {
      for (const route of targets) {
        const outcome = await send(actor, 'POST', route, contentType, body);
        if (outcome.status !== 400 || !/body/i.test(outcome.message)) wrong.push(outcome);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('answers a person that cannot exist with 404, not 204 or 500', async () => {
    const wrong: Outcome[] = [];
    for (const actor of ['client', 'owner'] as const) {
      for (const id of ['abc', '1.5', '-1', '0', HUGE, '2147483648']) {
        const outcome = await send(actor, 'GET', `${USERS}/${id}`);
        if (outcome.status !== 404) wrong.push(outcome);
      }
    }
    expect(wrong).toEqual([]);
    expect((await send('owner', 'GET', `${USERS}/me`)).status).toBe(200);
    expect((await send('owner', 'GET', `${USERS}/count`)).status).toBe(200);
  });

  it('serves a favicon', async () => {
    const response = await fetch(`${app.baseUrl}/favicon.ico`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^image\//);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.length).toBeGreaterThan(0);
    const png = bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const ico = bytes.readUInt32BE(0) === 0x00000100;
    expect(png || ico).toBe(true);
  });
});
