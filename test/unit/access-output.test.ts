import { accessDeclarationSchema } from '../../src/plugins/client-portal/server/src/access/declaration';
import { stripOutput } from '../../src/plugins/client-portal/server/src/access/output';
import { selfProfilePolicy, type ModelInfo } from '../../src/plugins/client-portal/server/src/access/rules';
import { actor } from './actor-fixture';
import { ACTOR_KINDS, ACTORS, contextFor, models, type ActorKind } from './access-context';

/**
 * The output stripper (access/output.ts), the second line of defence: every attribute the
 * reader may not read is dropped at every depth (relations, components, media, arrays);
 * everything else comes out exactly as it went in.
 */

const TASK = 'api::task.task';
const PROJECT = 'api::project.project';
const DOCUMENT = 'api::document.document';
const TIME_ENTRY = 'api::time-entry.time-entry';
const BUDGET = 'api::budget.budget';
const INVOICE = 'api::invoice.invoice';
const USER = 'plugin::users-permissions.user';

const strip = (kind: ActorKind, uid: string, data: unknown) => stripOutput(data, uid, contextFor(ACTORS[kind]));

const STAMPS = { createdAt: '2026-11-01T10:00:00.000Z', updatedAt: '2026-11-02T10:00:00.000Z', publishedAt: null };

/** A person as Strapi returns them populated: public name, staff-only and private attributes. */
const person = (id: number) => ({
  id,
  documentId: `p${id}`,
  firstName: 'Ann',
  lastName: 'Lee',
  title: 'Designer',
  email: `p${id}@example.com`,
  username: `p${id}`,
  blocked: false,
  hourlyRateCents: 9000,
  password: 'hash',
  ...STAMPS,
});
const PERSON_FOR_CLIENTS = (id: number) => ({
  id,
  documentId: `p${id}`,
  firstName: 'Ann',
  lastName: 'Lee',
  title: 'Designer',
  ...STAMPS,
});
const PERSON_FOR_STAFF = (id: number) => ({
  ...PERSON_FOR_CLIENTS(id),
  email: `p${id}@example.com`,
  username: `p${id}`,
  blocked: false,
});

describe('hidden attributes are removed at the top level', () => {
  const task = {
    id: 1,
    documentId: 't1',
    title: 'Logo',
    description: 'Draw it',
    state: 'open',
    completedAt: null,
    estimateMinutes: 90,
    dueOn: '2026-12-01',
    hiddenFromClients: false,
    deletedAt: null,
    ...STAMPS,
    portalProjectId: 11,
    somethingElse: 'x',
  };
  const CLIENT_VIEW = {
    id: 1,
    documentId: 't1',
    title: 'Logo',
    description: 'Draw it',
    state: 'open',
    completedAt: null,
    dueOn: '2026-12-01',
    ...STAMPS,
  };

  it('a Client and a Client+ lose the hidden flag, the trash date and the estimate; keys no attribute names are dropped', () => {
    expect(strip('client', TASK, task)).toEqual(CLIENT_VIEW);
    expect(strip('clientPlus', TASK, task)).toEqual(CLIENT_VIEW);
  });

  it('a Client Manager also reads the estimate (clientManagerRead)', () => {
    expect(strip('clientManager', TASK, task)).toEqual({ ...CLIENT_VIEW, estimateMinutes: 90 });
  });

  it('staff read every declared attribute; keys no attribute names are dropped for them too', () => {
    const { portalProjectId: _copy, somethingElse: _other, ...declared } = task;
    for (const kind of ['owner', 'member', 'memberP', 'memberF'] as const) {
      expect({ kind, task: strip(kind, TASK, task) }).toEqual({ kind, task: declared });
    }
  });

  it('id and documentId are always kept, null and falsy values are kept as they are', () => {
    expect(strip('client', TASK, { id: 0, documentId: '', title: '', completedAt: null, dueOn: undefined })).toEqual({
      id: 0,
      documentId: '',
      title: '',
      completedAt: null,
      dueOn: undefined,
    });
  });

  it('private attributes are removed for everyone, the Owner included', () => {
    for (const kind of ACTOR_KINDS) {
      const stripped = strip(kind, USER, person(3)) as Record<string, unknown>;
      expect({ kind, password: stripped.password, rate: stripped.hourlyRateCents }).toEqual({
        kind,
        password: undefined,
        rate: undefined,
      });
    }
  });
});

describe('hidden attributes are removed at every nesting level', () => {
  const project = {
    id: 11,
    documentId: 'pr11',
    name: 'Website',
    leader: null,
    members: [person(3), person(4)],
    company: { id: 5, documentId: 'c5', name: 'Acme', billingEmail: 'b@acme.test', people: [person(3)], invoices: [] },
    tasks: [
      {
        id: 1,
        documentId: 't1',
        title: 'Logo',
        hiddenFromClients: false,
        author: person(3),
        comments: [{ id: 9, documentId: 'c9', body: 'Nice', author: person(4), deletedAt: null }],
        deletedBy: null,
      },
    ],
    budgets: [],
    invoices: [{ id: 20, documentId: 'i20', number: 'INV-20', totalCents: 100000 }],
  };

  it('a Client: relations, arrays of relations and relations of relations each lose what the client may not read', () => {
    expect(strip('client', PROJECT, project)).toEqual({
      id: 11,
      documentId: 'pr11',
      name: 'Website',
      leader: null,
      members: [PERSON_FOR_CLIENTS(3), PERSON_FOR_CLIENTS(4)],
      company: { id: 5, documentId: 'c5', name: 'Acme', billingEmail: 'b@acme.test' },
      tasks: [
        {
          id: 1,
          documentId: 't1',
          title: 'Logo',
          author: PERSON_FOR_CLIENTS(3),
          comments: [{ id: 9, documentId: 'c9', body: 'Nice', author: PERSON_FOR_CLIENTS(4) }],
        },
      ],
      budgets: [],
      invoices: [{ id: 20, documentId: 'i20', number: 'INV-20', totalCents: 100000 }],
    });
  });

  it('a Member: staff attributes kept at every level, private ones removed at every level', () => {
    expect(strip('member', PROJECT, project)).toEqual({
      ...project,
      members: [PERSON_FOR_STAFF(3), PERSON_FOR_STAFF(4)],
      company: { ...project.company, people: [PERSON_FOR_STAFF(3)] },
      tasks: [
        {
          ...project.tasks[0],
          author: PERSON_FOR_STAFF(3),
          // deletedAt is no attribute of a comment: dropped for everyone.
          comments: [{ id: 9, documentId: 'c9', body: 'Nice', author: PERSON_FOR_STAFF(4) }],
        },
      ],
    });
  });

  it('what is dropped deep down is copied up to the top; every branch without a drop stays the input itself', () => {
    const before = JSON.parse(JSON.stringify(project));
    const stripped = strip('member', PROJECT, project) as typeof project;
    expect(stripped).not.toBe(project);
    expect(stripped.tasks[0]).not.toBe(project.tasks[0]);
    expect(stripped.budgets).toBe(project.budgets);
    expect(stripped.invoices).toBe(project.invoices);
    expect(stripped.invoices[0]).toBe(project.invoices[0]);
    expect(project).toEqual(before);
  });

  it('a response with nothing left to drop comes back as it is, at every depth, for every reader', () => {
    for (const kind of ACTOR_KINDS) {
      const once = strip(kind, PROJECT, project);
      expect(strip(kind, PROJECT, once)).toBe(once);
      const pair = [once, once];
      expect(strip(kind, PROJECT, pair)).toBe(pair);
    }
    const list = [PERSON_FOR_CLIENTS(3), PERSON_FOR_CLIENTS(4)];
    expect(strip('client', USER, list)).toBe(list);
  });

  it('a top-level list is stripped entry by entry', () => {
    expect(strip('client', USER, [person(3), person(4)])).toEqual([PERSON_FOR_CLIENTS(3), PERSON_FOR_CLIENTS(4)]);
  });

  it("a relation to a type no one may find (a person's users-permissions role) is removed, not emptied", () => {
    const stripped = strip('owner', USER, { ...person(3), role: { id: 1, name: 'Owner', type: 'owner' } });
    expect(stripped).toEqual({ ...PERSON_FOR_STAFF(3) });
    expect(stripped).not.toHaveProperty('role');
  });
});

describe('money: financial attributes only for readers with the finance capability', () => {
  const entry = {
    id: 30,
    documentId: 'te30',
    date: '2026-11-03',
    minutes: 60,
    billable: true,
    note: 'Call',
    state: 'approved',
    rateCents: 9000,
    costCents: 5000,
    person: person(3),
    budget: { id: 40, documentId: 'b40', name: 'Design', amountCents: 500000, hourlyRateCents: 9000 },
  };
  const FOR_STAFF = {
    ...entry,
    person: PERSON_FOR_STAFF(3),
    budget: { id: 40, documentId: 'b40', name: 'Design', amountCents: 500000 },
  };
  const FOR_FINANCE = { ...FOR_STAFF, budget: entry.budget };
  const FOR_CLIENTS = {
    id: 30,
    documentId: 'te30',
    date: '2026-11-03',
    minutes: 60,
    billable: true,
    note: 'Call',
    person: PERSON_FOR_CLIENTS(3),
    budget: { id: 40, documentId: 'b40', name: 'Design', amountCents: 500000 },
  };
  const { rateCents: _rate, costCents: _cost, ...WITHOUT_MONEY } = FOR_STAFF;

  it.each<[ActorKind, unknown]>([
    ['owner', FOR_FINANCE],
    ['memberF', FOR_FINANCE],
    ['member', WITHOUT_MONEY],
    ['memberP', WITHOUT_MONEY],
    ['clientManager', FOR_CLIENTS],
    ['clientPlus', FOR_CLIENTS],
    ['client', FOR_CLIENTS],
  ])(
    'time entry with its budget, for %s: rate, cost and the budget hourly rate only with finance',
    (kind, expected) => {
      expect(strip(kind, TIME_ENTRY, entry)).toEqual(expected);
    }
  );

  it('financial attributes are removed deep in a list (a project’s budgets and their entries)', () => {
    const project = {
      id: 11,
      budgets: [
        { id: 40, name: 'Design', hourlyRateCents: 9000, timeEntries: [{ id: 30, minutes: 60, rateCents: 9000 }] },
      ],
    };
    expect(strip('member', PROJECT, project)).toEqual({
      id: 11,
      budgets: [{ id: 40, name: 'Design', timeEntries: [{ id: 30, minutes: 60 }] }],
    });
    expect(strip('memberF', PROJECT, project)).toEqual(project);
  });

  it('flags a role does not carry grant nothing: a client flagged for finance still loses the rates', () => {
    const flagged = actor('client', { clientManager: true, canManageFinances: true });
    expect(stripOutput(entry, TIME_ENTRY, contextFor(flagged))).toEqual(FOR_CLIENTS);
  });

  it('a budget for a Client Manager: amount yes, hourly rate and client-access switch no', () => {
    const budget = {
      id: 40,
      documentId: 'b40',
      name: 'Design',
      amountCents: 500000,
      hourlyRateCents: 9000,
      clientAccess: true,
    };
    expect(strip('clientManager', BUDGET, budget)).toEqual({
      id: 40,
      documentId: 'b40',
      name: 'Design',
      amountCents: 500000,
    });
  });
});

describe('components (invoice lines) and media', () => {
  const invoice = {
    id: 20,
    documentId: 'i20',
    number: 'INV-20',
    state: 'issued',
    totalCents: 118000,
    sendError: 'SMTP down',
    timeEntries: [{ id: 30, minutes: 60 }],
    lines: [
      {
        id: 1,
        __component: 'invoice.line',
        description: 'Design, 1 h',
        quantity: 1,
        unit: 'hour',
        unitPriceCents: 9000,
        amountCents: 9000,
        timeEntry: { id: 30, documentId: 'te30', minutes: 60, state: 'approved', rateCents: 9000, costCents: 5000 },
        expense: null,
      },
    ],
  };

  it('a Client Manager: the invoice loses staff attributes; each line keeps its own attributes, its time entry loses state and money', () => {
    expect(strip('clientManager', INVOICE, invoice)).toEqual({
      id: 20,
      documentId: 'i20',
      number: 'INV-20',
      state: 'issued',
      totalCents: 118000,
      lines: [
        {
          id: 1,
          description: 'Design, 1 h',
          quantity: 1,
          unit: 'hour',
          unitPriceCents: 9000,
          amountCents: 9000,
          timeEntry: { id: 30, documentId: 'te30', minutes: 60 },
          expense: null,
        },
      ],
    });
  });

  it('the Owner: everything but keys no attribute names (the line’s __component)', () => {
    const { __component: _kind, ...line } = invoice.lines[0];
    expect(strip('owner', INVOICE, invoice)).toEqual({ ...invoice, lines: [line] });
  });

  const document = {
    id: 50,
    documentId: 'd50',
    title: 'Brief',
    file: {
      id: 60,
      documentId: 'f60',
      name: 'brief.pdf',
      mime: 'application/pdf',
      url: '/uploads/brief.pdf',
      size: 12.5,
      related: [{ id: 50, __type: 'api::document.document' }],
      folderPath: '/1',
    },
  };

  it('media for staff: file metadata without the polymorphic "related" and the private folder path', () => {
    expect(strip('member', DOCUMENT, document)).toEqual({
      ...document,
      file: {
        id: 60,
        documentId: 'f60',
        name: 'brief.pdf',
        mime: 'application/pdf',
        url: '/uploads/brief.pdf',
        size: 12.5,
      },
    });
  });

  it('media for clients: the file is removed altogether (clients reach files only through the document routes)', () => {
    for (const kind of ['clientManager', 'clientPlus', 'client'] as const) {
      expect(strip(kind, DOCUMENT, document)).toEqual({ id: 50, documentId: 'd50', title: 'Brief' });
    }
  });
});

describe('what the stripper leaves alone', () => {
  it('values are not copied or changed: a kept attribute is the same value, the input is not mutated', () => {
    const body = { type: 'doc', content: ['x'] };
    const data = { id: 1, documentId: 'c1', body, hiddenFromClients: true };
    const before = JSON.parse(JSON.stringify(data));
    const stripped = stripOutput(data, 'api::comment.comment', contextFor(ACTORS.client)) as Record<string, unknown>;
    expect(stripped.body).toBe(body);
    expect(data).toEqual(before);
  });

  it('an entity that is no plain object is copied to a plain one, its own keys only', () => {
    class Row {
      id = 1;
      documentId = 'c1';
      body = 'Nice';
      toJSON() {
        return { leaked: true };
      }
    }
    const stripped = stripOutput(new Row(), 'api::comment.comment', contextFor(ACTORS.owner));
    expect(Object.getPrototypeOf(stripped)).toBe(Object.prototype);
    expect(JSON.stringify(stripped)).toBe('{"id":1,"documentId":"c1","body":"Nice"}');
  });

  it('null, scalars and empty lists come out as they went in', () => {
    expect(strip('client', TASK, null)).toBeNull();
    expect(strip('client', TASK, undefined)).toBeUndefined();
    expect(strip('client', TASK, 42)).toBe(42);
    expect(strip('client', TASK, 'x')).toBe('x');
    expect(strip('client', TASK, [])).toEqual([]);
  });

  it('data of a type Strapi does not know becomes null', () => {
    expect(strip('owner', 'api::nope.nope', { id: 1, secret: 'x' })).toBeNull();
  });

  it('the top level is stripped by readable attributes only: which rows may be read is the query’s job', () => {
    // A Member reads no invoice row (the query filter is "nothing"), but invoice attributes are not
    // declared financial: were a row to reach the stripper, its totals would pass.
    expect(strip('member', INVOICE, { id: 20, totalCents: 118000 })).toEqual({ id: 20, totalCents: 118000 });
  });
});

describe('the self-profile policy', () => {
  const me = {
    ...person(7),
    projects: [{ id: 11, name: 'Website', members: [person(3)] }],
    company: { id: 5, name: 'Acme', people: [person(3)] },
  };

  it('applies to the top level and its list entries only; related rows keep their own rules', () => {
    const client = ACTORS.client;
    const self = selfProfilePolicy(client, models(USER)!, models);
    const expected = {
      ...PERSON_FOR_STAFF(7),
      projects: [{ id: 11, name: 'Website', members: [PERSON_FOR_CLIENTS(3)] }],
      company: { id: 5, name: 'Acme' },
    };
    expect(stripOutput(me, USER, contextFor(client), self)).toEqual(expected);
    expect(stripOutput([me], USER, contextFor(client), self)).toEqual([expected]);
    expect(strip('client', USER, me)).toEqual(PERSON_FOR_CLIENTS(7));
  });
});

describe('dynamic zones (no declared type has one today)', () => {
  const PAGE = 'api::page.page';
  const page: ModelInfo = {
    uid: PAGE,
    attributes: { title: { type: 'string' }, blocks: { type: 'dynamiczone' } },
    access: accessDeclarationSchema.parse({ clientRead: ['title', 'blocks'] }),
  };
  const lookup = (uid: string) => (uid === PAGE ? page : models(uid));
  const data = {
    id: 1,
    title: 'Home',
    blocks: [
      { id: 2, __component: 'invoice.line', description: 'x', timeEntry: { id: 30, minutes: 60, rateCents: 9000 } },
    ],
  };

  // Relations inside a dynamic zone's entries (here a time entry's rateCents) are stripped like any other.
  it('strips the entries of a dynamic zone by their component (a Member loses the rate)', () => {
    expect(stripOutput(data, PAGE, contextFor(ACTORS.member, lookup))).toEqual({
      ...data,
      blocks: [{ __component: 'invoice.line', id: 2, description: 'x', timeEntry: { id: 30, minutes: 60 } }],
    });
  });

  it('drops a dynamic zone entry that does not name its component', () => {
    const unnamed = { ...data, blocks: [{ id: 3, description: 'y' }] };
    expect(stripOutput(unnamed, PAGE, contextFor(ACTORS.member, lookup))).toEqual({ ...data, blocks: [] });
  });
});
