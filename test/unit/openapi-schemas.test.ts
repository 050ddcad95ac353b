import { UPLOAD_FILE } from '../../src/plugins/client-portal/server/src/constants';
import { buildDocument } from '../../src/plugins/client-portal/server/src/openapi/document';
import {
  filterSchema,
  inputSchema,
  objectSchema,
  SCALAR_FILTERS,
  scalarSchema,
  valueSchema,
  type Lookup,
  type Reach,
  type SchemaAttribute,
  type TypeView,
} from '../../src/plugins/client-portal/server/src/openapi/schemas';
import { openApiValidator } from '../harness/openapi';

const NO_WRITES = { find: true, create: false, update: false, delete: false };

const view = (
  uid: string,
  attributes: Record<string, SchemaAttribute>,
  readable: string[],
  extra: Partial<TypeView> = {}
): TypeView => ({
  uid,
  name: uid
    .split('.')
    .pop()!
    .replace(/^\w/, (letter) => letter.toUpperCase()),
  kind: 'collectionType',
  attributes,
  readable: new Set(['id', 'documentId', ...readable]),
  writable: new Set(),
  actions: NO_WRITES,
  reach: 'rows',
  ...extra,
});

/** A project with readable and unreadable attributes, and targets of every reach. */
const world = (reach: { person?: Reach; invoice?: Reach; file?: Reach } = {}) => {
  const views: Record<string, TypeView> = {
    'api::task.task': view(
      'api::task.task',
      {
        title: { type: 'string', required: true, maxLength: 300 },
        state: { type: 'enumeration', enum: ['open', 'completed'], required: true, default: 'open' },
        estimateMinutes: { type: 'integer' },
        hiddenFromClients: { type: 'boolean', required: true },
        dueOn: { type: 'date' },
        createdAt: { type: 'datetime' },
        project: { type: 'relation', relation: 'manyToOne', target: 'api::project.project' },
        assignees: { type: 'relation', relation: 'manyToMany', target: 'api::person.person' },
        invoices: { type: 'relation', relation: 'oneToMany', target: 'api::invoice.invoice' },
        invoice: { type: 'relation', relation: 'manyToOne', target: 'api::invoice.invoice' },
        file: { type: 'media', multiple: false },
        lines: { type: 'component', repeatable: true, target: 'task.line' },
        secret: { type: 'string', private: true },
      },
      [
        'title',
        'state',
        'dueOn',
        'createdAt',
        'project',
        'assignees',
        'invoices',
        'invoice',
        'file',
        'lines',
        'secret',
      ],
      { path: '/api/tasks', writable: new Set(['title', 'state', 'project', 'assignees']) }
    ),
    'api::project.project': view('api::project.project', { name: { type: 'string', required: true } }, ['name']),
    'api::person.person': view('api::person.person', { firstName: { type: 'string' } }, ['firstName'], {
      reach: reach.person ?? 'rows',
    }),
    'api::invoice.invoice': view('api::invoice.invoice', { number: { type: 'string' } }, ['number'], {
      reach: reach.invoice ?? 'never',
    }),
    [UPLOAD_FILE]: view(UPLOAD_FILE, { url: { type: 'string' } }, ['url'], { reach: reach.file ?? 'none' }),
    'task.line': view('task.line', { amountCents: { type: 'integer', customField: 'plugin::client-portal.money' } }, [
      'amountCents',
    ]),
  };
  views['task.line'] = { ...views['task.line'], name: 'TaskLine', kind: 'component' };
  const lookup: Lookup = (uid) => views[uid];
  return { views, lookup, task: views['api::task.task'] };
};

describe('attribute types as JSON Schema', () => {
  it.each<[string, SchemaAttribute, object | undefined]>([
    ['string', { type: 'string' }, { type: 'string' }],
    ['text', { type: 'text' }, { type: 'string' }],
    ['richtext', { type: 'richtext' }, { type: 'string' }],
    ['uid', { type: 'uid' }, { type: 'string' }],
    ['email', { type: 'email' }, { type: 'string', format: 'email' }],
    ['enumeration', { type: 'enumeration', enum: ['a', 'b'] }, { type: 'string', enum: ['a', 'b'] }],
    ['integer', { type: 'integer' }, { type: 'integer' }],
    [
      'money (integer minor units)',
      { type: 'integer', customField: 'plugin::client-portal.money' },
      { type: 'integer', description: 'Integer minor units (cents) of the currency' },
    ],
    ['biginteger (a string)', { type: 'biginteger' }, { type: 'string', pattern: '^-?\\d+$' }],
    ['decimal', { type: 'decimal' }, { type: 'number' }],
    ['float', { type: 'float' }, { type: 'number' }],
    ['boolean', { type: 'boolean' }, { type: 'boolean' }],
    ['date', { type: 'date' }, { type: 'string', format: 'date' }],
    ['datetime', { type: 'datetime' }, { type: 'string', format: 'date-time' }],
    ['time', { type: 'time' }, { type: 'string', pattern: '^\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,3})?)?$' }],
    ['json (any value)', { type: 'json' }, {}],
    ['blocks', { type: 'blocks' }, { type: 'array', items: { type: 'object' } }],
    ['password (never)', { type: 'password' }, undefined],
    ['a private attribute (never)', { type: 'string', private: true }, undefined],
    ['a relation (not a scalar)', { type: 'relation', relation: 'manyToOne', target: 'x' }, undefined],
  ])('%s', (_label, attribute, expected) => {
    expect(scalarSchema(attribute)).toEqual(expected);
  });

  it('makes what Strapi may return as null nullable, 3.1 style, and required attributes not', () => {
    const { lookup } = world();
    expect(valueSchema('dueOn', { type: 'date' }, lookup)).toEqual({ type: ['string', 'null'], format: 'date' });
    expect(valueSchema('title', { type: 'string', required: true }, lookup)).toEqual({ type: 'string' });
    expect(valueSchema('kind', { type: 'enumeration', enum: ['a'] }, lookup)).toEqual({
      type: ['string', 'null'],
      enum: ['a', null],
    });
    expect(valueSchema('createdAt', { type: 'datetime' }, lookup)).toEqual({ type: 'string', format: 'date-time' });
    expect(valueSchema('data', { type: 'json' }, lookup)).toEqual({});
  });

  it('gives relations the target’s schema, empty when the role never sees a row, none when it may not read it', () => {
    const rows = world({ invoice: 'rows', person: 'rows' });
    const toOne: SchemaAttribute = { type: 'relation', relation: 'manyToOne', target: 'api::invoice.invoice' };
    const toMany: SchemaAttribute = { type: 'relation', relation: 'oneToMany', target: 'api::invoice.invoice' };
    expect(valueSchema('invoice', toOne, rows.lookup)).toEqual({
      anyOf: [{ $ref: '#/components/schemas/Invoice' }, { type: 'null' }],
    });
    expect(valueSchema('invoices', toMany, rows.lookup)).toEqual({
      type: 'array',
      items: { $ref: '#/components/schemas/Invoice' },
    });
    const never = world({ invoice: 'never' });
    expect(valueSchema('invoice', toOne, never.lookup)).toEqual({ type: 'null' });
    expect(valueSchema('invoices', toMany, never.lookup)).toEqual({ type: 'array', maxItems: 0 });
    const none = world({ invoice: 'none' });
    expect(valueSchema('invoice', toOne, none.lookup)).toBeUndefined();
    expect(valueSchema('gone', { type: 'relation', relation: 'manyToOne', target: 'api::x.x' }, none.lookup)).toBe(
      undefined
    );
    // Media are upload files; components their own schema.
    expect(valueSchema('file', { type: 'media', multiple: false }, world({ file: 'none' }).lookup)).toBeUndefined();
    expect(valueSchema('files', { type: 'media', multiple: true }, world({ file: 'rows' }).lookup)).toEqual({
      type: 'array',
      items: { $ref: '#/components/schemas/File' },
    });
    expect(valueSchema('lines', { type: 'component', repeatable: true, target: 'task.line' }, rows.lookup)).toEqual({
      type: 'array',
      items: { $ref: '#/components/schemas/TaskLine' },
    });
    expect(valueSchema('zone', { type: 'dynamiczone' }, rows.lookup)).toBeUndefined();
  });
});

describe('type schemas', () => {
  it('close a row over exactly its readable attributes', () => {
    const { lookup, task, views } = world();
    const schema = objectSchema(task, lookup) as {
      properties: object;
      required: string[];
      additionalProperties: boolean;
    };
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(['id', 'documentId']);
    expect(Object.keys(schema.properties)).toEqual([
      'id',
      'documentId',
      'title',
      'state',
      'dueOn',
      'createdAt',
      'project',
      'assignees',
      'invoices',
      'invoice',
      'lines',
    ]);
    const line = objectSchema(views['task.line'], lookup) as { properties: object };
    expect(Object.keys(line.properties)).toEqual(['id', 'amountCents']);
  });

  it('filter on readable attributes only, through relations to types the role reads', () => {
    const { lookup, task } = world({ person: 'never' });
    const schema = filterSchema(task, lookup) as { properties: Record<string, any>; additionalProperties: boolean };
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties)).toEqual([
      'id',
      'documentId',
      'title',
      'state',
      'dueOn',
      'createdAt',
      'project',
      '$and',
      '$or',
      '$not',
    ]);
    expect(schema.properties.project).toEqual({ $ref: '#/components/schemas/ProjectFilters' });
    expect(schema.properties.title).toEqual({ $ref: '#/components/schemas/StringFilter' });
    expect(schema.properties.dueOn).toEqual({ $ref: '#/components/schemas/DateFilter' });
    // An enumeration's values are listed with its operators.
    expect(schema.properties.state.anyOf[1].properties.$in).toEqual({
      type: 'array',
      items: { type: 'string', enum: ['open', 'completed'] },
    });
    const textual = SCALAR_FILTERS.StringFilter.anyOf as { properties: object }[];
    expect(Object.keys(textual[1].properties)).toEqual(
      expect.arrayContaining(['$eq', '$in', '$between', '$null', '$containsi'])
    );
    const dated = (SCALAR_FILTERS.DateFilter.anyOf as { properties: Record<string, unknown> }[])[1].properties;
    expect(dated).not.toHaveProperty('$containsi');
    expect(dated.$in).toEqual({ type: 'array', items: { type: 'string', format: 'date' } });
  });

  it('take writable attributes only in writes, requiring on create what Strapi requires without a default', () => {
    const { task } = world();
    const create = inputSchema(task, 'create') as { properties: Record<string, any>; required: string[] };
    expect(Object.keys(create.properties)).toEqual(['title', 'state', 'project', 'assignees']);
    expect(create.required).toEqual(['title']);
    expect(create.properties.title).toEqual({ type: 'string', maxLength: 300 });
    expect(create.properties.project.anyOf).toContainEqual({ type: 'string' });
    expect(create.properties.assignees.anyOf).toContainEqual({ type: 'array', items: { type: 'string' } });
    expect(inputSchema(task, 'update')).not.toHaveProperty('required');
  });
});

describe('the assembled document', () => {
  it('compiles with JSON Schema 2020-12 and lists only what the views allow', () => {
    const { lookup, task, views } = world();
    const document = buildDocument({
      role: 'client',
      serverUrl: 'https://portal.example',
      version: '1.2.3',
      collections: [{ ...task, actions: { find: true, create: true, update: false, delete: false } }],
      profile: { ...views['api::person.person'], name: 'Profile' },
      lookup,
      portal: {
        capabilities: ['seeInvoices'],
        budgets: false,
        timesheets: false,
        invoicePdf: false,
        approvals: false,
        estimates: false,
      },
    });
    expect(openApiValidator(document).compileAll()).toBeGreaterThan(5);
    expect(Object.keys(document.paths).sort()).toEqual([
      '/api/auth/local',
      '/api/client-portal/me',
      '/api/tasks',
      '/api/tasks/{documentId}',
    ]);
    expect(Object.keys(document.paths['/api/tasks'])).toEqual(['get', 'post']);
    expect(Object.keys(document.paths['/api/tasks/{documentId}'])).toEqual(['get']);
    const text = JSON.stringify(document);
    for (const hidden of ['estimateMinutes', 'hiddenFromClients', 'secret', 'Invoice"', 'File"']) {
      expect({ hidden, present: text.includes(hidden) }).toEqual({ hidden, present: false });
    }
    expect(document.servers).toEqual([{ url: 'https://portal.example' }]);
  });
});
