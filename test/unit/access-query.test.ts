import { adminActor, toActor, type Actor } from '../../src/plugins/client-portal/server/src/access/actor';
import { isClient } from '../../src/plugins/client-portal/server/src/access/capabilities';
import {
  AccessQueryError,
  constrainRead,
  MAX_POPULATE_DEPTH,
} from '../../src/plugins/client-portal/server/src/access/query';
import { selfProfilePolicy, type ModelInfo } from '../../src/plugins/client-portal/server/src/access/rules';
import { actor } from './actor-fixture';
import { ACTOR_KINDS, ACTORS, contextFor, models, type ActorKind } from './access-context';

/**
 * The query compiler (access/query.ts) for every declaration shape of the app's schemas
 * and every actor kind. The whole compiled filter is compared: the order of the
 * conjuncts is the compiler's (mergeToOneRelations puts conditions on to-one relations
 * last, one per relation).
 */

const TASK = 'api::task.task';
const PROJECT = 'api::project.project';
const COMMENT = 'api::comment.comment';
const DISCUSSION = 'api::discussion.discussion';
const DOCUMENT = 'api::document.document';
const ACTIVITY = 'api::activity.activity';
const TIME_ENTRY = 'api::time-entry.time-entry';
const EXPENSE = 'api::expense.expense';
const BUDGET = 'api::budget.budget';
const COMPANY = 'api::company.company';
const INVOICE = 'api::invoice.invoice';
const USER = 'plugin::users-permissions.user';
const UPLOAD_FILE = 'plugin::upload.file';

type Params = Record<string, unknown>;

/** The access service's call: clients may not sort through relations. */
const read = (who: ActorKind | Actor, uid: string, params: Params = {}, lookup = models) => {
  const person = typeof who === 'string' ? ACTORS[who] : who;
  return constrainRead(params, uid, contextFor(person, lookup), !isClient(person));
};
const filtersOf = (who: ActorKind | Actor, uid: string, params: Params = {}) => read(who, uid, params).filters;
const populateOf = (who: ActorKind | Actor, uid: string, populate: unknown) =>
  read(who, uid, { populate }).populate as Record<string, any>;

/** The AccessQueryError a compile throws: path and message. */
const refusal = (compile: () => unknown) => {
  try {
    compile();
  } catch (error) {
    if (error instanceof AccessQueryError) return { path: error.path, message: error.message };
    throw error;
  }
  throw new Error('the query was not refused');
};

const ME = { id: { $eq: 7 } };
const NONE = { id: { $null: true } };
const IN_PROJECTS = { id: { $in: [11, 12] } };
const ON_PROJECTS = { project: IN_PROJECTS };
const NOT_TRASHED = { deletedAt: { $null: true } };
const VISIBLE = { hiddenFromClients: { $eq: false } };
/** A parent (hiddenVia) that is absent, or neither trashed nor (for clients) hidden. */
const parentForStaff = (relation: string) => ({ [relation]: { $or: [{ id: { $null: true } }, NOT_TRASHED] } });
const parentForClients = (relation: string) => ({
  [relation]: { $or: [{ id: { $null: true } }, { $and: [NOT_TRASHED, VISIBLE] }] },
});
const PEOPLE_ROWS = { $or: [ME, { projects: IN_PROJECTS }] };
const COMMENT_ROWS_FOR_CLIENTS = [ON_PROJECTS, ...['task', 'discussion', 'note', 'document'].map(parentForClients)];

const TIMESTAMPS = ['createdAt', 'updatedAt', 'publishedAt'];
const PROJECT_FIELDS = [
  ...TIMESTAMPS,
  'name',
  'description',
  'state',
  'trackingEnabled',
  'requireTimeApproval',
  'clientsCanApproveTime',
  'currency',
];
const USER_FIELDS_FOR_CLIENTS = [...TIMESTAMPS, 'firstName', 'lastName', 'title'];
const USER_FIELDS_FOR_STAFF = [
  ...TIMESTAMPS,
  'username',
  'email',
  'provider',
  'confirmed',
  'blocked',
  'firstName',
  'lastName',
  'title',
  'language',
  'canManageProjects',
  'canManageFinances',
  'clientManager',
  'archivedAt',
];
const TIME_ENTRY_FIELDS_FOR_CLIENTS = [...TIMESTAMPS, 'date', 'minutes', 'billable', 'note'];

const STAFF: ActorKind[] = ['member', 'memberP', 'memberF'];
const CLIENTS: ActorKind[] = ['clientManager', 'clientPlus', 'client'];

/** Runs `expected` (per actor kind) against the compiled main filter of `uid`. */
const expectRows = (uid: string, expected: Record<ActorKind, unknown>) => {
  for (const kind of ACTOR_KINDS) {
    expect({ kind, filters: filtersOf(kind, uid) }).toEqual({ kind, filters: expected[kind] });
  }
};
const same = (value: unknown, kinds: ActorKind[]) => Object.fromEntries(kinds.map((kind) => [kind, value]));

describe('row rules in the main query, per declaration shape and actor kind', () => {
  it('project "self": the Owner reads every project, every other kind only the projects they are a member of', () => {
    expectRows(PROJECT, {
      owner: {},
      ...same(IN_PROJECTS, [...STAFF, ...CLIENTS]),
    } as Record<ActorKind, unknown>);
  });

  it('project membership: without loaded project ids it joins the members; on no project it matches nothing, never everything', () => {
    const unloaded = actor('member');
    expect(filtersOf(unloaded, PROJECT)).toEqual({ members: { id: { $eq: 7 } } });
    expect(filtersOf(unloaded, TASK)).toEqual({ $and: [NOT_TRASHED, { project: { members: { id: { $eq: 7 } } } }] });
    for (const role of ['member', 'client-plus', 'client'] as const) {
      const onNone = actor(role, { projectIds: [], clientManager: role !== 'member' });
      for (const uid of [PROJECT, TASK, COMMENT, BUDGET, TIME_ENTRY, EXPENSE, ACTIVITY, DOCUMENT]) {
        expect({ role, uid, filters: filtersOf(onNone, uid) }).toEqual({ role, uid, filters: NONE });
      }
    }
  });

  it('trash + hideable (tasks): trashed rows hidden from everyone, hidden rows from clients only, project membership for all but the Owner', () => {
    expectRows(TASK, {
      owner: NOT_TRASHED,
      ...same({ $and: [NOT_TRASHED, ON_PROJECTS] }, STAFF),
      ...same({ $and: [NOT_TRASHED, VISIBLE, ON_PROJECTS] }, CLIENTS),
    } as Record<ActorKind, unknown>);
  });

  it('hideable without trash (activity): hidden rows from clients only', () => {
    expectRows(ACTIVITY, {
      owner: {},
      ...same(ON_PROJECTS, STAFF),
      ...same({ $and: [VISIBLE, ON_PROJECTS] }, CLIENTS),
    } as Record<ActorKind, unknown>);
  });

  it('hiddenVia (comments): no comment of a trashed parent for anyone, of a hidden parent for clients; a comment without that parent stays', () => {
    const parents = ['task', 'discussion', 'note', 'document'];
    expectRows(COMMENT, {
      owner: { $and: parents.map(parentForStaff) },
      ...same({ $and: [ON_PROJECTS, ...parents.map(parentForStaff)] }, STAFF),
      ...same({ $and: COMMENT_ROWS_FOR_CLIENTS }, CLIENTS),
    } as Record<ActorKind, unknown>);
  });

  it('hiddenVia with own trash and hidden flags (documents inherit from their task)', () => {
    expectRows(DOCUMENT, {
      owner: { $and: [NOT_TRASHED, parentForStaff('task')] },
      ...same({ $and: [NOT_TRASHED, ON_PROJECTS, parentForStaff('task')] }, STAFF),
      ...same({ $and: [NOT_TRASHED, VISIBLE, ON_PROJECTS, parentForClients('task')] }, CLIENTS),
    } as Record<ActorKind, unknown>);
  });

  it('person-owned rows (time entries): a Member sees their own and those of projects they lead, Member+ P/F every entry of their projects, Client Managers approved billable time on shared budgets, other clients nothing', () => {
    const mineOrLed = { $or: [{ person: ME }, { project: { leader: ME } }] };
    expectRows(TIME_ENTRY, {
      owner: parentForStaff('task'),
      member: { $and: [mineOrLed, ON_PROJECTS, parentForStaff('task')] },
      memberP: { $and: [ON_PROJECTS, parentForStaff('task')] },
      memberF: { $and: [ON_PROJECTS, parentForStaff('task')] },
      clientManager: {
        $and: [
          { state: { $eq: 'approved' } },
          { billable: { $eq: true } },
          ON_PROJECTS,
          { budget: { clientAccess: { $eq: true } } },
          parentForClients('task'),
        ],
      },
      clientPlus: NONE,
      client: NONE,
    });
  });

  it('person-owned rows (expenses): the same rules, without a parent to inherit from', () => {
    const mineOrLed = { $or: [{ person: ME }, { project: { leader: ME } }] };
    expectRows(EXPENSE, {
      owner: {},
      member: { $and: [mineOrLed, ON_PROJECTS] },
      memberP: ON_PROJECTS,
      memberF: ON_PROJECTS,
      clientManager: {
        $and: [
          { state: { $eq: 'approved' } },
          { billable: { $eq: true } },
          ON_PROJECTS,
          { budget: { clientAccess: { $eq: true } } },
        ],
      },
      clientPlus: NONE,
      client: NONE,
    });
  });

  it('budgets: staff on their projects, clients only as Client Managers and only budgets with client access', () => {
    expectRows(BUDGET, {
      owner: {},
      ...same(ON_PROJECTS, STAFF),
      clientManager: { $and: [{ clientAccess: { $eq: true } }, ON_PROJECTS] },
      clientPlus: NONE,
      client: NONE,
    } as Record<ActorKind, unknown>);
  });

  it('companies: all to Owner and Member+ F, project companies (and created ones for Member+ P) to Members, their own to clients', () => {
    expectRows(COMPANY, {
      owner: {},
      memberF: {},
      memberP: { $or: [{ people: ME }, { projects: IN_PROJECTS }, { creator: ME }] },
      member: { $or: [{ people: ME }, { projects: IN_PROJECTS }] },
      ...same({ people: ME }, CLIENTS),
    } as Record<ActorKind, unknown>);
  });

  it('people: all to Owner and Member+ F, themselves and the people of their projects to everyone else', () => {
    expectRows(USER, {
      owner: {},
      memberF: {},
      ...same(PEOPLE_ROWS, ['member', 'memberP', ...CLIENTS]),
    } as Record<ActorKind, unknown>);
  });

  it('invoices: all to Owner and Member+ F, issued/paid ones of their company to Client Managers, none to the others', () => {
    expectRows(INVOICE, {
      owner: {},
      memberF: {},
      clientManager: { $and: [{ state: { $in: ['issued', 'paid'] } }, { company: { people: ME } }] },
      member: NONE,
      memberP: NONE,
      clientPlus: NONE,
      client: NONE,
    });
  });

  it('upload files: staff read every file, clients none (only through the documents they see)', () => {
    expectRows(UPLOAD_FILE, {
      owner: {},
      ...same({}, STAFF),
      ...same(NONE, CLIENTS),
    } as Record<ActorKind, unknown>);
  });

  it('an undeclared type matches nothing for every actor kind, the Owner included (default deny)', () => {
    const secret: ModelInfo = { uid: 'api::secret.secret', attributes: { name: { type: 'string' } }, access: null };
    const lookup = (uid: string) => (uid === secret.uid ? secret : models(uid));
    for (const kind of ACTOR_KINDS) {
      expect(read(kind, secret.uid, {}, lookup)).toEqual({ fields: [], filters: NONE, populate: undefined });
    }
  });

  it('a type Strapi does not know is refused', () => {
    expect(refusal(() => read('owner', 'api::nope.nope'))).toEqual({ path: 'api::nope.nope', message: 'unknown type' });
  });

  it('the admin-panel actor has Owner rights: every row', () => {
    const admin = adminActor({ email: 'admin@example.com' });
    expect(filtersOf(admin, PROJECT)).toEqual({});
    expect(filtersOf(admin, TASK)).toEqual(NOT_TRASHED);
    expect(filtersOf(admin, INVOICE)).toEqual({});
  });

  it('a person without a portal role (none, or an unknown role type) is no actor: the compiler never runs for them', () => {
    expect(toActor({ id: 1, role: null })).toBeNull();
    expect(toActor({ id: 2, role: { type: 'authenticated' } })).toBeNull();
    expect(toActor({ id: 3 })).toBeNull();
  });

  it('flags a role does not carry grant nothing: a client with finance/project flags is still a client', () => {
    const flagged = actor('client', { projectIds: [11, 12], canManageFinances: true, canManageProjects: true });
    expect(filtersOf(flagged, INVOICE)).toEqual(NONE);
    expect(filtersOf(flagged, TASK)).toEqual({ $and: [NOT_TRASHED, VISIBLE, ON_PROJECTS] });
  });
});

describe('row rules with the row copies the database keeps (utils/row-index.ts)', () => {
  const withCopies = (uid: string): ModelInfo | undefined => {
    const model = models(uid);
    if (uid !== COMMENT || !model) return model;
    const via = ['task', 'discussion', 'note', 'document'];
    return {
      ...model,
      projectColumn: 'portalProjectId',
      inherited: {
        trashed: { column: 'portalParentTrashed', via },
        hidden: { column: 'portalParentHidden', via },
      },
    };
  };

  it('project membership and parent trash/hidden state are read from the row itself, no join', () => {
    const copied = (kind: ActorKind) => read(kind, COMMENT, {}, withCopies).filters;
    expect(copied('client')).toEqual({
      $and: [
        { portalProjectId: { $in: [11, 12] } },
        { portalParentTrashed: { $eq: false } },
        { portalParentHidden: { $eq: false } },
      ],
    });
    expect(copied('member')).toEqual({
      $and: [{ portalProjectId: { $in: [11, 12] } }, { portalParentTrashed: { $eq: false } }],
    });
    expect(copied('owner')).toEqual({ portalParentTrashed: { $eq: false } });
  });
});

describe("the caller's filters are AND-ed with the rules, never replace them", () => {
  it("a client's filter on a readable attribute joins the task rules", () => {
    expect(filtersOf('client', TASK, { filters: { title: { $containsi: 'x' } } })).toEqual({
      $and: [{ title: { $containsi: 'x' } }, NOT_TRASHED, VISIBLE, ON_PROJECTS],
    });
  });

  it("the Owner's filter alone still keeps the trash rule", () => {
    expect(filtersOf('owner', TASK, { filters: { title: { $eq: 'a' } } })).toEqual({
      $and: [{ title: { $eq: 'a' } }, NOT_TRASHED],
    });
  });

  it('a Member asking for trashed rows gets both conditions (no row), the trash rule is not replaced', () => {
    expect(filtersOf('member', TASK, { filters: { deletedAt: { $notNull: true } } })).toEqual({
      $and: [{ deletedAt: { $notNull: true } }, NOT_TRASHED, ON_PROJECTS],
    });
  });

  it('a condition the rules already hold is said once', () => {
    expect(filtersOf('member', TASK, { filters: { deletedAt: { $null: true } } })).toEqual({
      $and: [NOT_TRASHED, ON_PROJECTS],
    });
  });

  it('a filter on another project is scoped by the project rules and merged with membership under one project join', () => {
    expect(filtersOf('member', TASK, { filters: { project: { id: { $in: [99] } } } })).toEqual({
      $and: [NOT_TRASHED, { project: { $and: [{ id: { $in: [99] } }, IN_PROJECTS] } }],
    });
  });

  it("a caller's $or and $not stay single conjuncts beside the rules: they cannot widen them", () => {
    const either = { $or: [{ title: { $eq: 'a' } }, { state: { $eq: 'done' } }] };
    expect(filtersOf('client', TASK, { filters: either })).toEqual({
      $and: [either, NOT_TRASHED, VISIBLE, ON_PROJECTS],
    });
    const not = { $not: { title: { $eq: 'a' } } };
    expect(filtersOf('client', TASK, { filters: not })).toEqual({ $and: [not, NOT_TRASHED, VISIBLE, ON_PROJECTS] });
  });

  it('a type the actor sees nothing of stays nothing, whatever the caller filters', () => {
    expect(filtersOf('client', BUDGET, { filters: { name: { $eq: 'x' } } })).toEqual(NONE);
    expect(filtersOf('member', INVOICE, { filters: { number: { $eq: 'x' } } })).toEqual(NONE);
  });

  it('the self-profile policy replaces the main rows only: own email filterable, rows are the person themselves', () => {
    const client = ACTORS.client;
    const self = selfProfilePolicy(client, models(USER)!, models);
    const params = constrainRead(
      { filters: { email: { $eq: 'me@example.com' } } },
      USER,
      contextFor(client),
      false,
      self
    );
    expect(params.filters).toEqual({ $and: [{ email: { $eq: 'me@example.com' } }, ME] });
    expect(refusal(() => filtersOf('client', USER, { filters: { email: { $eq: 'me@example.com' } } }))).toEqual({
      path: 'filters.email',
      message: 'filters.email: "email" cannot be filtered on',
    });
  });
});

describe("filters through relations are scoped by the target's rules", () => {
  it('a to-many relation (task comments) carries the comment rules inside the relation, unmerged', () => {
    expect(filtersOf('client', TASK, { filters: { comments: { body: { $containsi: 'x' } } } })).toEqual({
      $and: [
        { comments: { $and: [{ body: { $containsi: 'x' } }, { $and: COMMENT_ROWS_FOR_CLIENTS }] } },
        NOT_TRASHED,
        VISIBLE,
        ON_PROJECTS,
      ],
    });
  });

  it("a to-one relation (a client's time entries by budget) is merged with the rule on the same relation", () => {
    expect(filtersOf('clientManager', TIME_ENTRY, { filters: { budget: { name: { $eq: 'B' } } } })).toEqual({
      $and: [
        { state: { $eq: 'approved' } },
        { billable: { $eq: true } },
        {
          budget: {
            $and: [{ name: { $eq: 'B' } }, { clientAccess: { $eq: true } }, ON_PROJECTS],
          },
        },
        ON_PROJECTS,
        parentForClients('task'),
      ],
    });
  });

  it("through a component (invoice lines) to a relation (the line's time entry): the time-entry rules apply", () => {
    expect(
      filtersOf('clientManager', INVOICE, { filters: { lines: { timeEntry: { minutes: { $gt: 60 } } } } })
    ).toEqual({
      $and: [
        {
          lines: {
            timeEntry: {
              $and: [
                { minutes: { $gt: 60 } },
                {
                  $and: [
                    ON_PROJECTS,
                    { state: { $eq: 'approved' }, billable: { $eq: true }, budget: { clientAccess: { $eq: true } } },
                    parentForClients('task'),
                  ],
                },
              ],
            },
          },
        },
        { state: { $in: ['issued', 'paid'] } },
        { company: { people: ME } },
      ],
    });
  });

  it('a media relation is scoped by the upload file rules (staff: every file)', () => {
    expect(filtersOf('member', DOCUMENT, { filters: { file: { mime: { $eq: 'application/pdf' } } } })).toEqual({
      $and: [{ file: { mime: { $eq: 'application/pdf' } } }, NOT_TRASHED, ON_PROJECTS, parentForStaff('task')],
    });
  });

  // NOTHING ({ id: { $null: true } }) under a relation key would mean "rows WITHOUT that relation" in
  // Strapi's left joins: the existence of rows the actor may not see would leak through the filter.
  it('a relation filter into rows the actor may not see matches no row at all, on the main rows', () => {
    expect(filtersOf('client', PROJECT, { filters: { budgets: { name: { $eq: 'x' } } } })).toEqual(NONE);
    expect(filtersOf('member', TIME_ENTRY, { filters: { invoice: { number: { $eq: 'INV-1' } } } })).toEqual(NONE);
  });

  it('carries "no row" up through nested relations, $and and $or; $not of it holds for every row', () => {
    // Deeper: comments whose task's project has a budget named x (a plain Client sees no budgets).
    expect(
      filtersOf('client', 'api::comment.comment', { filters: { task: { project: { budgets: { name: 'x' } } } } })
    ).toEqual(NONE);
    // $or keeps the alternatives that can match.
    const or = filtersOf('client', PROJECT, { filters: { $or: [{ budgets: { name: 'x' } }, { name: 'y' }] } });
    expect(or).toEqual({ $and: [{ $or: [{ name: 'y' }] }, IN_PROJECTS] });
    // Every alternative impossible: nothing.
    expect(filtersOf('client', PROJECT, { filters: { $or: [{ budgets: { name: 'x' } }] } })).toEqual(NONE);
    // $and with an impossible part: nothing.
    expect(filtersOf('client', PROJECT, { filters: { $and: [{ budgets: { name: 'x' } }, { name: 'y' }] } })).toEqual(
      NONE
    );
  });

  it('refuses to negate a filter through a relation whose rows are ruled (it would count the unseen ones)', () => {
    const negated = () =>
      read('clientManager', PROJECT, { filters: { $not: { budgets: { name: { $eq: 'nobody' } } } } });
    expect(refusal(negated).path).toBe('filters.$not.budgets');
    // Not negated, the same filter is scoped by the budget rules.
    expect(() => read('clientManager', PROJECT, { filters: { budgets: { name: { $eq: 'nobody' } } } })).not.toThrow();
  });
});

describe('refused filters (400 naming the path)', () => {
  it.each([
    [
      'an attribute the client may not read (hiddenFromClients)',
      'client',
      TASK,
      { hiddenFromClients: { $eq: true } },
      'filters.hiddenFromClients',
    ],
    [
      'a financial attribute for a reader without finance (rateCents, Member)',
      'member',
      TIME_ENTRY,
      { rateCents: { $gt: 0 } },
      'filters.rateCents',
    ],
    [
      'a financial attribute for a Client Manager (rateCents)',
      'clientManager',
      TIME_ENTRY,
      { rateCents: { $gt: 0 } },
      'filters.rateCents',
    ],
    ['an unknown attribute', 'owner', TASK, { nope: { $eq: 1 } }, 'filters.nope'],
    [
      'a private attribute (password), even for the Owner',
      'owner',
      USER,
      { password: { $eq: 'x' } },
      'filters.password',
    ],
    ['an operator where an attribute name is expected', 'owner', TASK, { $eq: 1 }, 'filters.$eq'],
    ['a relation compared directly', 'owner', TASK, { project: { $eq: 11 } }, 'filters.project'],
    ['a relation given a bare value', 'owner', TASK, { project: 11 }, 'filters.project'],
    ['a value that does not fit its column', 'owner', TIME_ENTRY, { minutes: { $gt: 'abc' } }, 'filters.minutes.$gt'],
    ['a non-id value on id', 'owner', TASK, { id: { $eq: 'x' } }, 'filters.id.$eq'],
    [
      'an unreadable attribute inside $or',
      'client',
      TASK,
      { $or: [{ hiddenFromClients: { $eq: true } }] },
      'filters.$or[0].hiddenFromClients',
    ],
    [
      'an unreadable attribute of a related type (author email, client)',
      'client',
      TASK,
      { author: { email: { $eq: 'x' } } },
      'filters.author.email',
    ],
    [
      'a financial attribute reached through a component',
      'clientManager',
      INVOICE,
      { lines: { timeEntry: { costCents: { $gt: 0 } } } },
      'filters.lines.timeEntry.costCents',
    ],
    [
      'an attribute the client may not read on the media relation (file)',
      'client',
      DOCUMENT,
      { file: { name: { $eq: 'x' } } },
      'filters.file',
    ],
  ] as const)('refuses %s', (_rule, kind, uid, filters, path) => {
    expect(refusal(() => filtersOf(kind, uid, { filters })).path).toBe(path);
  });

  it('lets Member+ F and the Owner filter on the financial attribute', () => {
    expect(filtersOf('memberF', TIME_ENTRY, { filters: { rateCents: { $gt: 0 } } })).toEqual({
      $and: [{ rateCents: { $gt: 0 } }, ON_PROJECTS, parentForStaff('task')],
    });
    expect(filtersOf('owner', TIME_ENTRY, { filters: { rateCents: { $gt: 0 } } })).toEqual({
      $and: [{ rateCents: { $gt: 0 } }, parentForStaff('task')],
    });
  });
});

describe('populate shapes', () => {
  const PROJECT_POPULATE = { fields: PROJECT_FIELDS, filters: IN_PROJECTS };
  const AUTHOR_FOR_CLIENTS = { fields: USER_FIELDS_FOR_CLIENTS, filters: PEOPLE_ROWS };

  it('"*": every relation the actor may read, each with its readable fields and its rules (Client on a discussion)', () => {
    expect(populateOf('client', DISCUSSION, '*')).toEqual({
      project: PROJECT_POPULATE,
      author: AUTHOR_FOR_CLIENTS,
      comments: { fields: [...TIMESTAMPS, 'body'], filters: { $and: COMMENT_ROWS_FOR_CLIENTS } },
    });
  });

  it('"*" for staff also reaches staff-only relations (deletedBy) and never private ones (createdBy)', () => {
    const populate = populateOf('member', DISCUSSION, '*');
    expect(Object.keys(populate)).toEqual(['project', 'author', 'comments', 'deletedBy']);
    expect(populate.deletedBy).toEqual({ fields: USER_FIELDS_FOR_STAFF, filters: PEOPLE_ROWS });
  });

  it('true is the same as "*"', () => {
    expect(populateOf('client', DISCUSSION, true)).toEqual(populateOf('client', DISCUSSION, '*'));
  });

  it('"a,b": exactly the relations named', () => {
    expect(populateOf('client', DISCUSSION, 'project, author')).toEqual({
      project: PROJECT_POPULATE,
      author: AUTHOR_FOR_CLIENTS,
    });
  });

  it('dotted strings and arrays nest, several paths through one relation merge', () => {
    const fromString = populateOf('client', DOCUMENT, 'task.project,task.author');
    const fromArray = populateOf('client', DOCUMENT, ['task.project', 'task.author']);
    const taskFields = [...TIMESTAMPS, 'title', 'description', 'state', 'completedAt', 'dueOn'];
    const expected = {
      task: {
        fields: taskFields,
        filters: { $and: [NOT_TRASHED, VISIBLE, ON_PROJECTS] },
        populate: { project: PROJECT_POPULATE, author: AUTHOR_FOR_CLIENTS },
      },
    };
    expect(fromString).toEqual(expected);
    expect(fromArray).toEqual(expected);
  });

  it('"*" inside a list expands next to the other entries', () => {
    expect(Object.keys(populateOf('client', DISCUSSION, ['*', 'comments.author']))).toEqual([
      'project',
      'author',
      'comments',
    ]);
    expect(populateOf('client', DISCUSSION, ['*', 'comments.author']).comments.populate).toEqual({
      author: AUTHOR_FOR_CLIENTS,
    });
  });

  it("object form: the caller's nested filters are AND-ed with the target's rules, fields checked, nested populate scoped", () => {
    const populate = populateOf('client', DISCUSSION, {
      comments: {
        fields: ['body'],
        filters: { body: { $containsi: 'x' } },
        populate: { author: { fields: ['firstName'] } },
      },
    });
    expect(populate).toEqual({
      comments: {
        fields: ['body'],
        filters: { $and: [{ body: { $containsi: 'x' } }, ...COMMENT_ROWS_FOR_CLIENTS] },
        populate: { author: { fields: ['firstName'], filters: PEOPLE_ROWS } },
      },
    });
  });

  it('object form: _q inside a populate becomes a search over the readable text, sort is checked and kept', () => {
    expect(populateOf('client', DISCUSSION, { comments: { _q: 'x', sort: 'body:desc' } })).toEqual({
      comments: {
        _q: 'x',
        sort: 'body:desc',
        fields: [...TIMESTAMPS, 'body'],
        filters: { $and: [{ $or: [{ body: { $containsi: 'x' } }] }, ...COMMENT_ROWS_FOR_CLIENTS] },
      },
    });
  });

  it('a populated relation to a type the reader sees nothing of is kept but matches nothing', () => {
    expect(populateOf('client', PROJECT, 'budgets')).toEqual({
      budgets: {
        fields: [...TIMESTAMPS, 'name', 'kind', 'amountCents', 'currency', 'startsOn', 'endsOn'],
        filters: NONE,
      },
    });
  });

  it('a component (invoice lines) is populated as is; its relations get their own rules', () => {
    expect(populateOf('clientManager', INVOICE, { lines: true })).toEqual({ lines: true });
    expect(populateOf('clientManager', INVOICE, { lines: { populate: { timeEntry: true } } })).toEqual({
      lines: {
        populate: {
          timeEntry: {
            fields: TIME_ENTRY_FIELDS_FOR_CLIENTS,
            filters: {
              $and: [
                { state: { $eq: 'approved' } },
                { billable: { $eq: true } },
                ON_PROJECTS,
                { budget: { clientAccess: { $eq: true } } },
                parentForClients('task'),
              ],
            },
          },
        },
      },
    });
  });

  it('"*" on invoices for a Client Manager: company, project and lines (the component as true), not the entries', () => {
    const populate = populateOf('clientManager', INVOICE, '*');
    expect(Object.keys(populate)).toEqual(['company', 'project', 'lines']);
    expect(populate.lines).toBe(true);
    expect(populate.company).toEqual({
      fields: [...TIMESTAMPS, 'name', 'isAgency', 'billingEmail', 'address'],
      filters: { people: ME },
    });
  });

  it('media (a document file) for staff: file metadata, never the polymorphic "related"', () => {
    expect(populateOf('member', DOCUMENT, 'file')).toEqual({
      file: {
        fields: ['name', 'alternativeText', 'caption', 'width', 'height', 'mime', 'size', 'url', ...TIMESTAMPS],
        filters: {},
      },
    });
    expect(refusal(() => populateOf('member', DOCUMENT, { file: { fields: ['related'] } }))).toEqual({
      path: 'populate.file.fields',
      message: 'populate.file.fields: "related" cannot be selected',
    });
  });
});

describe('refused or dropped populate', () => {
  it('an unknown attribute is refused naming its path, at any depth', () => {
    expect(refusal(() => populateOf('owner', TASK, 'nope'))).toEqual({
      path: 'populate.nope',
      message: 'populate.nope: "nope" cannot be populated',
    });
    expect(refusal(() => populateOf('owner', TASK, 'project.nope')).path).toBe('populate.project.populate.nope');
  });

  it('an attribute the actor may not read is dropped silently, as from a "*" expansion', () => {
    expect(populateOf('client', TASK, 'deletedBy')).toEqual({});
    expect(populateOf('client', DOCUMENT, 'file,project')).toEqual({
      project: { fields: PROJECT_FIELDS, filters: IN_PROJECTS },
    });
    expect(populateOf('owner', TASK, 'createdBy')).toEqual({});
  });

  it('a scalar attribute is not populated', () => {
    expect(populateOf('owner', TASK, 'title')).toEqual({});
  });

  it("a relation to a type no actor may find (a person's users-permissions role, undeclared) is dropped, even for the Owner", () => {
    expect(populateOf('owner', USER, 'role')).toEqual({});
    expect(Object.keys(populateOf('owner', USER, 'role,company'))).toEqual(['company']);
  });

  it('a relation to rows the actor may not see (invoices for a Member) is populated with the nothing filter', () => {
    expect(populateOf('member', PROJECT, 'invoices').invoices.filters).toEqual(NONE);
    expect(populateOf('memberF', PROJECT, 'invoices').invoices.filters).toEqual({});
  });

  it('false and "false" leave a relation out', () => {
    expect(populateOf('owner', TASK, { project: false, author: 'false' })).toEqual({});
  });

  it('dynamic-zone fragments ("on") and relation counts are refused', () => {
    expect(refusal(() => populateOf('owner', TASK, { comments: { on: {} } }))).toEqual({
      path: 'populate.comments',
      message: 'populate.comments.on: dynamic zones cannot be populated',
    });
    expect(refusal(() => populateOf('owner', TASK, { comments: { count: true } }))).toEqual({
      path: 'populate.comments',
      message: 'populate.comments.count: counts of relations are not available',
    });
  });

  it('an unsupported shape is refused', () => {
    expect(refusal(() => populateOf('owner', TASK, 5))).toEqual({
      path: 'populate',
      message: 'populate has an unsupported shape',
    });
  });

  it('nested filters and fields are checked against the target (unreadable: refused)', () => {
    expect(refusal(() => populateOf('client', PROJECT, { tasks: { filters: { hiddenFromClients: true } } }))).toEqual({
      path: 'populate.tasks.filters.hiddenFromClients',
      message: 'populate.tasks.filters.hiddenFromClients: "hiddenFromClients" cannot be filtered on',
    });
    expect(refusal(() => populateOf('member', PROJECT, { timeEntries: { fields: ['costCents'] } })).path).toBe(
      'populate.timeEntries.fields'
    );
  });

  it('a nested sort may not go through a relation, even for staff', () => {
    expect(refusal(() => populateOf('owner', TASK, { comments: { sort: 'author.lastName' } }))).toEqual({
      path: 'sort.author.lastName',
      message: 'sort.author.lastName: sorting through relations is not allowed',
    });
  });

  // A component's own filters or sort would reach past the rules (a Client Manager filtering invoice lines
  // by the time entry's costCents): a component populate takes its populate and fields only.
  it("refuses a component populate's filters, sort or search (400 naming them)", () => {
    const compile = () =>
      populateOf('clientManager', INVOICE, {
        lines: { populate: { timeEntry: false }, filters: { timeEntry: { costCents: { $gt: 5000 } } } },
      });
    expect(refusal(compile).path).toBe('populate.lines.filters');
    expect(refusal(() => populateOf('clientManager', INVOICE, { lines: { sort: 'description' } })).path).toBe(
      'populate.lines.sort'
    );
    expect(refusal(() => populateOf('owner', INVOICE, { lines: { filters: { description: 'x' } } })).path).toBe(
      'populate.lines.filters'
    );
  });

  it('keeps a component populate to its nested populate and checked fields', () => {
    expect(populateOf('clientManager', INVOICE, { lines: { populate: { timeEntry: false } } })).toEqual({
      lines: true,
    });
    expect(populateOf('owner', INVOICE, { lines: { fields: ['description'] } })).toEqual({
      lines: { fields: ['description'] },
    });
  });
});

describe('populate depth in the compiler', () => {
  const five = 'tasks.project.tasks.project.tasks';

  it(`allows ${MAX_POPULATE_DEPTH} levels (string form)`, () => {
    expect(MAX_POPULATE_DEPTH).toBe(5);
    const populate = populateOf('owner', PROJECT, five);
    expect(Object.keys(populate.tasks.populate.project.populate.tasks.populate.project.populate.tasks)).toEqual([
      'populate',
      'fields',
      'filters',
    ]);
    expect(populate.tasks.populate.project.populate.tasks.populate.project.populate.tasks.populate).toBeUndefined();
  });

  it('refuses a sixth level, naming where it starts', () => {
    expect(refusal(() => populateOf('owner', PROJECT, `${five}.project`))).toEqual({
      path: 'populate.tasks.populate.project.populate.tasks.populate.project.populate.tasks.populate',
      message:
        'populate.tasks.populate.project.populate.tasks.populate.project.populate.tasks.populate: populate is nested deeper than 5 levels',
    });
  });

  it('counts the object form and "*" the same way', () => {
    const nest = (levels: string[], leaf: unknown): unknown =>
      levels.reduceRight<unknown>((inner, name) => ({ [name]: { populate: inner } }), leaf);
    expect(() => populateOf('owner', PROJECT, nest(['tasks', 'project', 'tasks', 'project'], 'tasks'))).not.toThrow();
    expect(
      refusal(() => populateOf('owner', PROJECT, nest(['tasks', 'project', 'tasks', 'project', 'tasks'], '*'))).path
    ).toBe('populate.tasks.populate.project.populate.tasks.populate.project.populate.tasks.populate');
  });

  it('counts a component as a level (invoice → lines → timeEntry → …)', () => {
    expect(() => populateOf('owner', INVOICE, 'lines.timeEntry.project.tasks.project')).not.toThrow();
    expect(refusal(() => populateOf('owner', INVOICE, 'lines.timeEntry.project.tasks.project.tasks')).path).toBe(
      'populate.lines.populate.timeEntry.populate.project.populate.tasks.populate.project.populate'
    );
  });

  it('refuses the sixth level before looking at what it names', () => {
    expect(refusal(() => populateOf('owner', PROJECT, `${five}.nope`)).message).toContain(
      'nested deeper than 5 levels'
    );
  });
});

describe('fields, sort and _q', () => {
  it('without a request: the readable scalar attributes only (no relations, no hidden or financial ones)', () => {
    expect(read('client', TASK).fields).toEqual([
      ...TIMESTAMPS,
      'title',
      'description',
      'state',
      'completedAt',
      'dueOn',
    ]);
    expect(read('clientManager', TASK).fields).toEqual([
      ...TIMESTAMPS,
      'title',
      'description',
      'state',
      'completedAt',
      'dueOn',
      'estimateMinutes',
    ]);
    expect(read('member', TIME_ENTRY).fields).toEqual([
      ...TIMESTAMPS,
      'date',
      'minutes',
      'billable',
      'note',
      'state',
      'approvedAt',
      'rejectionReason',
    ]);
    expect(read('memberF', TIME_ENTRY).fields).toEqual([
      ...TIMESTAMPS,
      'date',
      'minutes',
      'billable',
      'note',
      'state',
      'approvedAt',
      'rejectionReason',
      'rateCents',
      'costCents',
    ]);
  });

  it('requested fields must be readable; id and documentId are always allowed (and left to Strapi)', () => {
    expect(read('client', TASK, { fields: ['id', 'documentId', 'title'] }).fields).toEqual(['title']);
    expect(read('client', TASK, { fields: 'title, state' }).fields).toEqual(['title', 'state']);
    expect(refusal(() => read('client', TASK, { fields: ['title', 'hiddenFromClients'] }))).toEqual({
      path: 'fields',
      message: 'fields: "hiddenFromClients" cannot be selected',
    });
    expect(refusal(() => read('member', TIME_ENTRY, { fields: 'rateCents' })).path).toBe('fields');
  });

  it.each([
    [
      'a client sorting through a relation',
      'client',
      TASK,
      'project.name',
      'sort.project.name: sorting through relations is not allowed',
    ],
    [
      'a sort on an unreadable attribute',
      'client',
      TASK,
      'hiddenFromClients',
      'sort.hiddenFromClients: "hiddenFromClients" cannot be sorted on',
    ],
    [
      'a sort on a financial attribute (Member)',
      'member',
      TIME_ENTRY,
      'rateCents:desc',
      'sort.rateCents: "rateCents" cannot be sorted on',
    ],
    ['a sort on the relation itself', 'member', TASK, 'project', 'sort.project: sort on an attribute of the relation'],
    [
      'a sort through a relation whose type the actor may not find',
      'owner',
      USER,
      'role.name',
      'sort.role.name: "role" cannot be sorted on',
    ],
    [
      'a sort through a relation onto an unreadable attribute',
      'owner',
      'api::document.document',
      'file.related',
      'sort.file.related: "related" cannot be sorted on',
    ],
    ['a scalar used as a relation', 'member', TASK, 'title.x', 'sort.title.x: "title" is not a relation'],
    [
      'an object sort with a bad direction',
      'member',
      TASK,
      { title: 'up' },
      'sort.title: direction must be asc or desc',
    ],
  ] as const)('refuses %s', (_rule, kind, uid, sort, message) => {
    expect(refusal(() => read(kind, uid, { sort })).message).toBe(message);
  });

  it('staff may sort through readable relations; sorts are passed on unchanged', () => {
    expect(read('member', TASK, { sort: ['project.name:asc', 'title'] }).sort).toEqual(['project.name:asc', 'title']);
    expect(read('member', TASK, { sort: { project: { name: 'desc' } } }).sort).toEqual({ project: { name: 'desc' } });
    expect(read('client', TASK, { sort: 'title:desc' }).sort).toBe('title:desc');
  });

  // The order of rows the actor may not see would leak through the sort (a Member's entries ordered by the
  // totals of invoices they may not read).
  it("refuses a sort through a relation into rows the actor may not all see (a Member's invoices)", () => {
    expect(refusal(() => read('member', TIME_ENTRY, { sort: 'invoice.totalCents:desc' })).path).toBe(
      'sort.invoice.totalCents'
    );
    // The Owner reads every invoice: the same sort is fine.
    expect(read('owner', TIME_ENTRY, { sort: 'invoice.totalCents:desc' }).sort).toBe('invoice.totalCents:desc');
  });

  it('_q becomes a search over the readable text attributes only, and is not passed on', () => {
    const client = read('client', USER, { _q: 'ann' });
    expect(client.filters).toEqual({
      $and: [
        { $or: ['firstName', 'lastName', 'title'].map((name) => ({ [name]: { $containsi: 'ann' } })) },
        PEOPLE_ROWS,
      ],
    });
    expect(client).not.toHaveProperty('_q');
    expect(read('owner', USER, { _q: 'ann' }).filters).toEqual({
      $or: ['username', 'email', 'provider', 'firstName', 'lastName', 'title', 'language'].map((name) => ({
        [name]: { $containsi: 'ann' },
      })),
    });
    expect(refusal(() => read('owner', USER, { _q: ['ann'] }))).toEqual({ path: '_q', message: '_q must be a string' });
  });

  it('other parameters (pagination, status) are passed on untouched', () => {
    const params = read('client', TASK, { pagination: { page: 2 }, status: 'published' });
    expect(params.pagination).toEqual({ page: 2 });
    expect(params.status).toBe('published');
  });
});
