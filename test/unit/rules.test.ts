import { withJoinedProject, type Actor } from '../../src/plugins/client-portal/server/src/access/actor';
import { actor } from './actor-fixture';
import {
  accessDeclarationSchema,
  readDeclaration,
} from '../../src/plugins/client-portal/server/src/access/declaration';
import {
  NOTHING,
  policyFor,
  selfProfilePolicy,
  uploadFilePolicy,
  usesColleagueIds,
  type ModelInfo,
} from '../../src/plugins/client-portal/server/src/access/rules';
import { lookup, MODELS } from './schemas';

const OWNER = actor('owner');
const MEMBER = actor('member');
const MEMBER_P = actor('member', { canManageProjects: true });
const MEMBER_F = actor('member', { canManageFinances: true });
const CLIENT_PLUS = actor('client-plus');
const CLIENT = actor('client');
const MANAGER = actor('client', { clientManager: true });

const policy = (who: Actor, uid: string) => policyFor(who, MODELS[uid], lookup);
const member = { members: { id: { $eq: 7 } } };
const notTrashed = { deletedAt: { $null: true } };
const visibleToClients = { hiddenFromClients: { $eq: false } };

describe('row rules', () => {
  it('let Owners see every project and everyone else only their own', () => {
    expect(policy(OWNER, 'api::project.project').rows).toBeNull();
    for (const who of [MEMBER, MEMBER_P, MEMBER_F, CLIENT_PLUS, CLIENT, MANAGER]) {
      expect(policy(who, 'api::project.project').rows).toEqual(member);
    }
  });

  it('scope tasks by project, hide trashed ones from all and hidden ones from clients', () => {
    expect(policy(OWNER, 'api::task.task').rows).toEqual(notTrashed);
    expect(policy(MEMBER, 'api::task.task').rows).toEqual({ $and: [{ project: member }, notTrashed] });
    expect(policy(CLIENT, 'api::task.task').rows).toEqual({
      $and: [{ project: member }, notTrashed, visibleToClients],
    });
  });

  it('hide comments of hidden or trashed parents from clients (inheritance)', () => {
    const rows = policy(CLIENT, 'api::comment.comment').rows as { $and: unknown[] };
    expect(rows.$and[0]).toEqual({ project: member });
    for (const parent of ['task', 'discussion', 'note', 'document']) {
      expect(rows.$and).toContainEqual({
        [parent]: { $or: [{ id: { $null: true } }, { $and: [notTrashed, visibleToClients] }] },
      });
    }
    const staffRows = policy(MEMBER, 'api::comment.comment').rows as { $and: unknown[] };
    expect(staffRows.$and).toContainEqual({ task: { $or: [{ id: { $null: true } }, notTrashed] } });
  });

  it('show budgets to clients only as Client Managers and only with client access', () => {
    expect(policy(CLIENT, 'api::budget.budget').rows).toBe(NOTHING);
    expect(policy(CLIENT_PLUS, 'api::budget.budget').rows).toBe(NOTHING);
    expect(policy(MANAGER, 'api::budget.budget').rows).toEqual({
      $and: [{ project: member }, { clientAccess: { $eq: true } }],
    });
    expect(policy(MEMBER, 'api::budget.budget').rows).toEqual({ project: member });
  });

  it('show budget services to whoever sees their budget, rates only to the financial (budget services)', () => {
    const SERVICE = 'api::budget-service.budget-service';
    const viaBudget = { budget: { project: member } };
    expect(policy(CLIENT, SERVICE).rows).toBe(NOTHING);
    expect(policy(CLIENT_PLUS, SERVICE).rows).toBe(NOTHING);
    expect(policy(MANAGER, SERVICE).rows).toEqual({
      $and: [viaBudget, { budget: { clientAccess: { $eq: true } } }],
    });
    expect(policy(MEMBER, SERVICE).rows).toEqual(viaBudget);
    expect(policy(OWNER, SERVICE).rows).toBeNull();
    for (const who of [MANAGER, MEMBER, MEMBER_P]) {
      expect(policy(who, SERVICE).readable.has('hourlyRateCents')).toBe(false);
      expect(policy(who, SERVICE).writable.has('hourlyRateCents')).toBe(false);
      expect(policy(who, SERVICE).readable.has('capCents')).toBe(true);
    }
    for (const who of [OWNER, MEMBER_F]) expect(policy(who, SERVICE).writable.has('hourlyRateCents')).toBe(true);
    expect(policy(MANAGER, SERVICE).actions).toEqual({ find: true, create: false, update: false, delete: false });
    expect(policy(MEMBER, SERVICE).actions).toEqual({ find: true, create: true, update: true, delete: true });
    // Who may edit the budget edits its services: the project's leader, Owners and Member+ F.
    expect(policy(MEMBER, SERVICE).editable).toEqual({ budget: { project: { leader: { id: { $eq: 7 } } } } });
    expect(policy(MEMBER_F, SERVICE).editable).toBeNull();
    expect(policy(OWNER, SERVICE).editable).toBeNull();
  });

  it('show Client Managers approved, billable time on shared budgets, not on hidden tasks', () => {
    const rows = policy(MANAGER, 'api::time-entry.time-entry').rows as { $and: unknown[] };
    expect(rows.$and).toEqual([
      { project: member },
      { state: { $eq: 'approved' }, billable: { $eq: true }, budget: { clientAccess: { $eq: true } } },
      { task: { $or: [{ id: { $null: true } }, { $and: [notTrashed, visibleToClients] }] } },
    ]);
    expect(policy(CLIENT, 'api::time-entry.time-entry').rows).toBe(NOTHING);
  });

  it('show a plain Member their own time and the time on projects they lead, Member+ their projects’ time', () => {
    expect((policy(MEMBER, 'api::time-entry.time-entry').rows as { $and: unknown[] }).$and[1]).toEqual({
      $or: [{ person: { id: { $eq: 7 } } }, { project: { leader: { id: { $eq: 7 } } } }],
    });
    expect((policy(MEMBER_P, 'api::time-entry.time-entry').rows as { $and: unknown[] }).$and).toHaveLength(2);
  });

  it('show invoices to Owner and Member+ F, issued/paid ones of their company to Client Managers', () => {
    expect(policy(OWNER, 'api::invoice.invoice').rows).toBeNull();
    expect(policy(MEMBER_F, 'api::invoice.invoice').rows).toBeNull();
    expect(policy(MEMBER_P, 'api::invoice.invoice').rows).toBe(NOTHING);
    expect(policy(CLIENT, 'api::invoice.invoice').rows).toBe(NOTHING);
    expect(policy(MANAGER, 'api::invoice.invoice').rows).toEqual({
      company: { people: { id: { $eq: 7 } } },
      state: { $in: ['issued', 'paid'] },
    });
  });

  it('show recurring invoices to Owner and Member+ F only, and let only them write them', () => {
    const uid = 'api::recurring-invoice.recurring-invoice';
    for (const who of [OWNER, MEMBER_F]) {
      expect(policy(who, uid).rows).toBeNull();
      expect(policy(who, uid).actions).toEqual({ find: true, create: true, update: true, delete: true });
      expect(policy(who, uid).writable.has('lastRunOn')).toBe(false);
    }
    for (const who of [MEMBER, MEMBER_P, CLIENT, CLIENT_PLUS, MANAGER]) {
      expect(policy(who, uid).rows).toBe(NOTHING);
      expect(policy(who, uid).actions).toEqual({ find: false, create: false, update: false, delete: false });
    }
    // Where an invoice came from and a project's report schedule are staff business.
    expect(policy(MANAGER, 'api::invoice.invoice').readable.has('recurringInvoice')).toBe(false);
    expect(policy(MANAGER, 'api::invoice.invoice').readable.has('period')).toBe(false);
    expect(policy(OWNER, 'api::invoice.invoice').writable.has('period')).toBe(false);
    for (const field of ['clientReport', 'clientReportNextOn']) {
      expect(policy(MANAGER, 'api::project.project').readable.has(field)).toBe(false);
      expect(policy(CLIENT_PLUS, 'api::project.project').writable.has(field)).toBe(false);
      expect(policy(MEMBER, 'api::project.project').writable.has(field)).toBe(true);
    }
  });

  it('show companies: all to Owner and Member+ F, own company to clients, project companies to Members', () => {
    expect(policy(MEMBER_F, 'api::company.company').rows).toBeNull();
    expect(policy(CLIENT, 'api::company.company').rows).toEqual({ people: { id: { $eq: 7 } } });
    expect(policy(MEMBER_P, 'api::company.company').rows).toEqual({
      $or: [{ people: { id: { $eq: 7 } } }, { projects: member }, { creator: { id: { $eq: 7 } } }],
    });
  });
});

describe('row rules with the project ids loaded with the actor', () => {
  const inProjects = { id: { $in: [11, 12] } };
  const withIds = (who: Actor, projectIds: number[]) => ({ ...who, projectIds });

  it('filter on the ids instead of joining the members', () => {
    expect(policy(withIds(MEMBER, [11, 12]), 'api::project.project').rows).toEqual(inProjects);
    expect(policy(withIds(CLIENT, [11, 12]), 'api::task.task').rows).toEqual({
      $and: [{ project: inProjects }, notTrashed, visibleToClients],
    });
    expect(policy(withIds(MEMBER_P, [11, 12]), 'api::company.company').rows).toEqual({
      $or: [{ people: { id: { $eq: 7 } } }, { projects: inProjects }, { creator: { id: { $eq: 7 } } }],
    });
    expect(policy(withIds(MEMBER, [11, 12]), 'plugin::users-permissions.user').rows).toEqual({
      $or: [{ id: { $eq: 7 } }, { projects: inProjects }],
    });
    expect(policy(withIds(OWNER, []), 'api::project.project').rows).toBeNull();
  });

  it('match nothing through projects when the actor is on none, never everything', () => {
    for (const who of [MEMBER, MEMBER_P, CLIENT, MANAGER]) {
      for (const uid of ['api::project.project', 'api::task.task', 'api::comment.comment', 'api::budget.budget']) {
        expect(policy(withIds(who, []), uid).rows).toBe(NOTHING);
      }
    }
    expect(policy(withIds(MANAGER, []), 'api::time-entry.time-entry').rows).toBe(NOTHING);
    expect(policy(withIds(MEMBER_P, []), 'api::company.company').rows).toEqual({
      $or: [{ people: { id: { $eq: 7 } } }, { creator: { id: { $eq: 7 } } }],
    });
    expect(policy(withIds(MEMBER, []), 'api::company.company').rows).toEqual({ people: { id: { $eq: 7 } } });
    expect(policy(withIds(MEMBER, []), 'plugin::users-permissions.user').rows).toEqual({ id: { $eq: 7 } });
  });
});

describe('people rule with the colleague ids loaded with the actor', () => {
  const PEOPLE = 'plugin::users-permissions.user';
  const withColleagues = (who: Actor, colleagueIds: number[]) => ({ ...who, projectIds: [11], colleagueIds });

  it('filters on the colleagues and the actor, joining nothing', () => {
    expect(policy(withColleagues(CLIENT, [7, 8, 9]), PEOPLE).rows).toEqual({ id: { $in: [7, 8, 9] } });
    expect(policy(withColleagues(MEMBER, [8]), PEOPLE).rows).toEqual({ id: { $in: [7, 8] } });
  });

  it('still shows the actor alone when they share no project, and everyone to who sees everyone', () => {
    expect(policy(withColleagues(MANAGER, []), PEOPLE).rows).toEqual({ id: { $in: [7] } });
    expect(policy(withColleagues(MEMBER_F, [8]), PEOPLE).rows).toBeNull();
    expect(policy(withColleagues(OWNER, [8]), PEOPLE).rows).toBeNull();
  });

  it('are asked for only where the rule would use them', () => {
    expect([CLIENT, MANAGER, MEMBER, MEMBER_P].map(usesColleagueIds)).toEqual([true, true, true, true]);
    expect([OWNER, MEMBER_F].map(usesColleagueIds)).toEqual([false, false]);
  });

  it('are dropped when the actor creates a project: its other members are colleagues the ids do not name', () => {
    const joined = withJoinedProject(withColleagues(CLIENT, [7, 8]), 12);
    expect(joined).toMatchObject({ projectIds: [11, 12] });
    expect(joined).not.toHaveProperty('colleagueIds');
    expect(policy(joined, PEOPLE).rows).toEqual({
      $or: [{ id: { $eq: 7 } }, { projects: { id: { $in: [11, 12] } } }],
    });
  });
});

describe('field rules', () => {
  it('never let clients read the hidden flag, rates or cost', () => {
    expect(policy(CLIENT, 'api::task.task').readable.has('hiddenFromClients')).toBe(false);
    expect(policy(MANAGER, 'api::time-entry.time-entry').readable.has('rateCents')).toBe(false);
    expect(policy(MANAGER, 'api::budget.budget').readable.has('hourlyRateCents')).toBe(false);
    expect([...policy(CLIENT, 'plugin::users-permissions.user').readable].sort()).toEqual(
      ['createdAt', 'documentId', 'firstName', 'id', 'lastName', 'publishedAt', 'title', 'updatedAt'].sort()
    );
  });

  it('show estimates to Client Managers only among clients', () => {
    expect(policy(MANAGER, 'api::task.task').readable.has('estimateMinutes')).toBe(true);
    expect(policy(CLIENT, 'api::task.task').readable.has('estimateMinutes')).toBe(false);
    expect(policy(MEMBER, 'api::task.task').readable.has('estimateMinutes')).toBe(true);
  });

  it('strip financial fields from staff without the finance permission', () => {
    expect(policy(MEMBER_P, 'api::time-entry.time-entry').readable.has('rateCents')).toBe(false);
    expect(policy(MEMBER_F, 'api::time-entry.time-entry').readable.has('rateCents')).toBe(true);
    expect(policy(OWNER, 'api::budget.budget').writable.has('hourlyRateCents')).toBe(true);
    expect(policy(MEMBER, 'api::budget.budget').writable.has('hourlyRateCents')).toBe(false);
  });

  it('keep server-managed fields out of everyone’s writes', () => {
    for (const field of ['rateCents', 'costCents', 'state', 'approvedBy', 'invoice']) {
      expect(policy(OWNER, 'api::time-entry.time-entry').writable.has(field)).toBe(false);
    }
    expect(policy(OWNER, 'api::task.task').writable.has('author')).toBe(false);
    expect(policy(OWNER, 'plugin::users-permissions.user').writable.size).toBe(
      [...policy(OWNER, 'plugin::users-permissions.user').writable].length
    );
    for (const field of ['role', 'company', 'canManageProjects', 'archivedAt', 'blocked']) {
      expect(policy(OWNER, 'plugin::users-permissions.user').writable.has(field)).toBe(false);
    }
  });

  it('let clients write only their declared fields, never the hidden flag', () => {
    expect([...policy(CLIENT_PLUS, 'api::task.task').writable].sort()).toEqual(
      ['assignees', 'description', 'dueOn', 'project', 'state', 'title'].sort()
    );
    expect(policy(CLIENT, 'api::discussion.discussion').writable.has('hiddenFromClients')).toBe(false);
  });

  it('let a person read their own profile fields, not others’', () => {
    const own = selfProfilePolicy(CLIENT, MODELS['plugin::users-permissions.user'], lookup);
    expect(own.readable.has('email')).toBe(true);
    expect(own.readable.has('hourlyRateCents')).toBe(false);
    expect(own.rows).toEqual({ id: { $eq: 7 } });
  });
});

describe('actions and edit rights (the capability matrix)', () => {
  const can = (who: Actor, uid: string) => policy(who, uid).actions;

  it.each([
    ['Owner', OWNER, true],
    ['Member', MEMBER, false],
    ['Member+ P', MEMBER_P, true],
    ['Member+ F', MEMBER_F, false],
    ['Client+', CLIENT_PLUS, false],
    ['Client', CLIENT, false],
  ])('create a project: %s → %s', (_label, who, expected) => {
    expect(can(who, 'api::project.project').create).toBe(expected);
  });

  it.each([
    ['Owner', OWNER, true],
    ['Member', MEMBER, true],
    ['Client+', CLIENT_PLUS, true],
    ['Client', CLIENT, false],
  ])('create and edit tasks: %s → %s', (_label, who, expected) => {
    expect(can(who, 'api::task.task').create).toBe(expected);
    expect(can(who, 'api::task.task').update).toBe(expected);
  });

  it('let clients edit and delete only their own discussions, comments and notes', () => {
    for (const uid of ['api::discussion.discussion', 'api::comment.comment', 'api::note.note']) {
      expect(policy(CLIENT, uid).actions).toMatchObject({ create: true, update: true, delete: true });
      expect(policy(CLIENT, uid).editable).toEqual({ author: { id: { $eq: 7 } } });
      expect(policy(MEMBER, uid).editable).toBeNull();
    }
    expect(policy(CLIENT, 'api::document.document').actions).toMatchObject({
      create: true,
      update: false,
      delete: false,
    });
  });

  it('let only project leaders (and Owners) edit a project', () => {
    expect(policy(MEMBER, 'api::project.project').editable).toEqual({ leader: { id: { $eq: 7 } } });
    expect(policy(OWNER, 'api::project.project').editable).toBeNull();
    expect(can(MEMBER, 'api::project.project').delete).toBe(false);
  });

  it('let nobody write activity through the API', () => {
    expect(can(OWNER, 'api::activity.activity')).toEqual({ find: true, create: false, update: false, delete: false });
  });
});

describe('declarations', () => {
  const attributes = {
    title: { type: 'string' },
    project: { type: 'relation', relation: 'manyToOne', target: 'api::project.project' },
    hiddenFromClients: { type: 'boolean' },
    deletedAt: { type: 'datetime' },
    priceCents: { type: 'integer' },
  };
  const author = { type: 'relation', relation: 'manyToOne', target: 'plugin::users-permissions.user' };
  const writable = {
    'client-portal': { project: 'project', clientRead: ['title'], clientWrite: ['title', 'project'] },
  };

  it('default-deny a type without a declaration', () => {
    const model = { uid: 'api::widget.widget', attributes: { title: { type: 'string' } }, access: null };
    const rules = policyFor(OWNER, model, lookup);
    expect(rules.rows).toBe(NOTHING);
    expect(rules.readable.size).toBe(0);
    expect(rules.actions).toEqual({ find: false, create: false, update: false, delete: false });
  });

  it('refuse a declaration naming unknown attributes, or unknown options', () => {
    expect(() =>
      readDeclaration('api::w.w', { 'client-portal': { project: 'project', clientRead: ['nope'] } }, attributes)
    ).toThrow('api::w.w: pluginOptions["client-portal"].clientRead names unknown attributes: nope');
    expect(() =>
      readDeclaration('api::w.w', { 'client-portal': { project: 'project', visible: true } }, attributes)
    ).toThrow('api::w.w: invalid pluginOptions');
    expect(() => readDeclaration('api::w.w', { 'client-portal': { project: 'owner' } }, attributes)).toThrow('project');
  });

  it('read a valid declaration with defaults', () => {
    expect(
      readDeclaration('api::w.w', { 'client-portal': { project: 'project', hideable: true } }, attributes)
    ).toEqual({
      project: 'project',
      hideable: true,
      hiddenVia: [],
      trash: false,
      clientRead: [],
      clientManagerRead: [],
      clientWrite: [],
      financial: [],
      amounts: [],
      serverManaged: [],
      indexedBy: {},
    });
    expect(readDeclaration('api::w.w', undefined, attributes)).toBeNull();
  });

  it('accept indexedBy on a to-one relation with scalar attributes or other indexed relations, and refuse anything else naming it', () => {
    const owner = { type: 'relation', relation: 'manyToOne', target: 'plugin::users-permissions.user' };
    const watchers = { type: 'relation', relation: 'manyToMany', target: 'plugin::users-permissions.user' };
    const withRelations = { ...attributes, owner, watchers, createdOn: { type: 'date' } };
    const declare = (indexedBy: unknown) =>
      readDeclaration('api::w.w', { 'client-portal': { project: 'project', indexedBy } }, withRelations);
    expect(declare({ owner: ['createdOn'] })?.indexedBy).toEqual({ owner: ['createdOn'] });
    expect(() => declare({ watchers: [] })).toThrow(
      'api::w.w: pluginOptions["client-portal"].indexedBy: watchers is not a to-one relation'
    );
    expect(() => declare({ title: [] })).toThrow('indexedBy: title is not a to-one relation');
    expect(() => declare({ nope: [] })).toThrow('indexedBy: nope is not a to-one relation');
    expect(() => declare({ owner: ['nope', 'watchers', 'title'] })).toThrow(
      'api::w.w: pluginOptions["client-portal"].indexedBy.owner names unknown attributes, or relations not in indexedBy: nope, watchers'
    );
    // A relation among the columns stands for its own copy: another relation declared in indexedBy.
    expect(declare({ owner: ['createdOn', 'project'], project: [] })?.indexedBy).toEqual({
      owner: ['createdOn', 'project'],
      project: [],
    });
    expect(() => declare({ owner: ['project'] })).toThrow(
      'indexedBy.owner names unknown attributes, or relations not in indexedBy: project'
    );
    expect(() => declare({ owner: ['owner'] })).toThrow(
      'indexedBy.owner names unknown attributes, or relations not in indexedBy: owner'
    );
    expect(() => declare({ owner: 'createdOn' })).toThrow(
      'api::w.w: invalid pluginOptions["client-portal"]: indexedBy.owner'
    );
  });

  it('refuse at boot a type clients may write that has no author, naming the type (fail closed)', () => {
    expect(() => readDeclaration('api::gizmo.gizmo', writable, attributes)).toThrow(
      'api::gizmo.gizmo: pluginOptions["client-portal"].clientWrite lets clients write, so the type needs an "author" attribute'
    );
    expect(() => readDeclaration('api::gizmo.gizmo', writable, attributes)).toThrow('plugin::users-permissions.user');
    // An author that is not a to-one relation to the user is no author either.
    for (const wrong of [
      { type: 'string' },
      { ...author, target: 'api::company.company' },
      { ...author, relation: 'manyToMany' },
    ]) {
      expect(() => readDeclaration('api::gizmo.gizmo', writable, { ...attributes, author: wrong })).toThrow(
        'api::gizmo.gizmo: pluginOptions["client-portal"].clientWrite lets clients write'
      );
    }
    // Clients never choose the author.
    expect(() =>
      readDeclaration(
        'api::gizmo.gizmo',
        { 'client-portal': { project: 'project', clientWrite: ['title', 'author'] } },
        { ...attributes, author }
      )
    ).toThrow('api::gizmo.gizmo: pluginOptions["client-portal"].clientWrite may not name author');
    // With an author, or without client writes, the declaration is fine.
    expect(readDeclaration('api::gizmo.gizmo', writable, { ...attributes, author })?.clientWrite).toEqual([
      'title',
      'project',
    ]);
    expect(readDeclaration('api::gizmo.gizmo', { 'client-portal': { project: 'project' } }, attributes)).not.toBeNull();
  });

  it('let clients edit only the rows they authored of a declared type, and none when it has no author', () => {
    const declaration = readDeclaration('api::gizmo.gizmo', writable, { ...attributes, author })!;
    const withAuthor = { uid: 'api::gizmo.gizmo', attributes: { ...attributes, author }, access: declaration };
    // The same declaration on a type without an author (the boot check refuses it; the rule fails closed anyway).
    const withoutAuthor = { uid: 'api::gizmo.gizmo', attributes, access: declaration };
    for (const who of [CLIENT, CLIENT_PLUS, MANAGER]) {
      expect(policyFor(who, withAuthor, lookup).actions).toMatchObject({ create: true, update: true, delete: true });
      expect(policyFor(who, withAuthor, lookup).editable).toEqual({ author: { id: { $eq: 7 } } });
      expect(policyFor(who, withoutAuthor, lookup).editable).toBe(NOTHING);
      // Reads are not affected by the author.
      expect(policyFor(who, withoutAuthor, lookup).rows).toEqual(policyFor(who, withAuthor, lookup).rows);
      expect(policyFor(who, withAuthor, lookup).rows).toEqual({ project: member });
    }
    for (const who of [OWNER, MEMBER, MEMBER_P]) {
      expect(policyFor(who, withAuthor, lookup).editable).toBeNull();
      expect(policyFor(who, withoutAuthor, lookup).editable).toBeNull();
    }
  });
});

describe('upload file metadata', () => {
  const file: ModelInfo = {
    uid: 'plugin::upload.file',
    attributes: {
      name: { type: 'string' },
      url: { type: 'string' },
      related: { type: 'relation', relation: 'morphToMany' },
      folderPath: { type: 'string', private: true },
    },
    access: accessDeclarationSchema.parse({}),
  };

  it('staff read the metadata but not the polymorphic `related` nor private attributes; clients read nothing', () => {
    const staff = uploadFilePolicy(actor('member'), file, lookup);
    expect(staff.rows).toBeNull();
    expect([...staff.readable].sort()).toEqual(['documentId', 'id', 'name', 'url']);
    const client = uploadFilePolicy(actor('client', { clientManager: true }), file, lookup);
    expect(client.rows).toBe(NOTHING);
    expect(client.actions.find).toBe(false);
  });
});
