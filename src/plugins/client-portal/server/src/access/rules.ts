import type { Actor } from './actor';
import { capabilities, isClient, isStaff } from './capabilities';
import { AUTHOR, isAuthorAttribute, type AccessDeclaration } from './declaration';
import {
  ACTIVITY,
  BUDGET,
  BUDGET_SERVICE,
  COMPANY,
  DOCUMENT,
  ESTIMATE,
  EXPENSE,
  INVOICE,
  PROJECT,
  PROJECT_TEMPLATE,
  RECURRING_INVOICE,
  TASK,
  TEAM,
  TIME_ENTRY,
  USER,
} from '../constants';

/**
 * The access rules (docs/roles-and-capabilities.md, docs/visibility.md, docs/time-budgets-invoices.md): one pure function from an actor and a
 * content type to what that actor may read and write. Every adapter (document
 * middleware, users-permissions wrappers, output sanitizer, role permissions)
 * asks this module; none decides on its own.
 */

/** A Strapi filter object; `null` means "every row". */
export type RowFilter = Record<string, unknown> | null;

/** Matches no row: ids are never null. */
export const NOTHING: Record<string, unknown> = { id: { $null: true } };

export type Action = 'find' | 'create' | 'update' | 'delete';

export interface AttributeInfo {
  type: string;
  target?: string;
  /** For relations: oneToOne, manyToOne, oneToMany, manyToMany… */
  relation?: string;
  private?: boolean;
}

/** What the rules need to know about a content type. */
export interface ModelInfo {
  uid: string;
  attributes: Record<string, AttributeInfo>;
  access: AccessDeclaration | null;
  /**
   * A private integer attribute holding the id of the row's project (declared path
   * `project`), kept by the database: the rules filter on it instead of joining.
   */
  projectColumn?: string;
  /**
   * Boolean attributes, kept by the database, saying whether a parent the row inherits
   * from (`via`, among `hiddenVia`) is trashed / hidden: read instead of joining them.
   */
  inherited?: {
    trashed?: { column: string; via: readonly string[] };
    hidden?: { column: string; via: readonly string[] };
  };
  /**
   * To-one relations whose target id the row keeps in an indexed attribute (relation →
   * attribute), kept by the database: a filter through the relation may read the copy.
   */
  indexedCopies?: Readonly<Record<string, string>>;
}

export interface Policy {
  /** Filter every read is narrowed by (main query, populate, relation filters). */
  rows: RowFilter;
  /** Attributes the actor may read, filter and sort on (relations included). */
  readable: ReadonlySet<string>;
  /** Attributes the actor may send on create/update. */
  writable: ReadonlySet<string>;
  actions: Record<Action, boolean>;
  /** Further filter a row must match to be updated or deleted. */
  editable: RowFilter;
}

/** Always readable: identity and timestamps. */
const SYSTEM_FIELDS = ['id', 'documentId', 'createdAt', 'updatedAt', 'publishedAt'];
/** Never written through generic endpoints by anyone. */
const SYSTEM_MANAGED = [
  'id',
  'documentId',
  'createdAt',
  'updatedAt',
  'publishedAt',
  'createdBy',
  'updatedBy',
  'locale',
  'localizations',
];

/** A component has no rules of its own: what its parent lets through, its relations scoped by their types. */
export const componentPolicy = (model: ModelInfo): Policy => ({
  rows: null,
  readable: new Set(['id', ...Object.keys(model.attributes)]),
  writable: new Set(Object.keys(model.attributes)),
  actions: { find: true, create: true, update: true, delete: true },
  editable: null,
});

/** Conjunction of filters; `null` parts drop out, NOTHING wins. */
export const and = (...filters: RowFilter[]): RowFilter => {
  if (filters.some((filter) => filter === NOTHING)) return NOTHING;
  const present = filters.filter((filter): filter is Record<string, unknown> => filter !== null);
  if (present.length === 0) return null;
  return present.length === 1 ? present[0] : { $and: present };
};

/** Nests `leaf` under a dotted relation path: ("task.project", f) → { task: { project: f } }. */
export const underPath = (path: string, leaf: Record<string, unknown>): Record<string, unknown> =>
  path
    .split('.')
    .reverse()
    .reduce<Record<string, unknown>>((inner, key) => ({ [key]: inner }), leaf);

/**
 * A project filter matching the projects the actor is a member of; `null` when
 * they are a member of none (the caller must then match nothing, never drop the
 * condition). With the ids loaded with the actor (one statement per request), an
 * `id IN (…)` that joins nothing; without them, membership through
 * `projects_members_lnk` and `up_users`.
 */
export const memberOfProject = (actor: Actor): Record<string, unknown> | null => {
  if (!actor.projectIds) return { members: { id: { $eq: actor.id } } };
  return actor.projectIds.length > 0 ? { id: { $in: [...actor.projectIds] } } : null;
};

/**
 * Whether the people rule would use the ids of the actor's colleagues (`Actor.colleagueIds`):
 * not for those who see everyone, for whom loading them is work for nothing.
 */
export const usesColleagueIds = (actor: Actor): boolean => !capabilities(actor).manageFinances;

/** `filter` OR-ed with alternatives that may be absent (`null`: matches nothing). */
const anyOf = (...alternatives: (Record<string, unknown> | null)[]): RowFilter => {
  const present = alternatives.filter((alternative): alternative is Record<string, unknown> => alternative !== null);
  if (present.length === 0) return NOTHING;
  return present.length === 1 ? present[0] : { $or: present };
};

/** `{ [relation]: inner }`, or nothing-matching `null` when `inner` is. */
const through = (relation: string, inner: Record<string, unknown> | null) => (inner ? { [relation]: inner } : null);

/** Rows of a project-scoped type the actor may see through project membership. */
const projectScope = (actor: Actor, model: ModelInfo): RowFilter => {
  const path = model.access?.project;
  if (!path) return isStaff(actor) ? null : NOTHING;
  if (capabilities(actor).seeAllProjects) return null;
  const member = memberOfProject(actor);
  if (!member) return NOTHING;
  // The row's own copy of its project id: no join at all.
  if (model.projectColumn && path === 'project' && 'id' in member) return { [model.projectColumn]: member.id };
  return path === 'self' ? member : underPath(path, member);
};

/** A parent relation that is empty, or neither trashed nor (for clients) hidden; `covered`: already checked on the row. */
const parentVisible = (
  relation: string,
  parent: ModelInfo | undefined,
  actor: Actor,
  covered: { trash: boolean; hidden: boolean }
): RowFilter => {
  const conditions: Record<string, unknown>[] = [];
  if (parent?.access?.trash && !covered.trash) conditions.push({ deletedAt: { $null: true } });
  if (isClient(actor) && parent?.access?.hideable && !covered.hidden) {
    conditions.push({ hiddenFromClients: { $eq: false } });
  }
  if (conditions.length === 0) return null;
  // One join of the parent: no parent (left-joined id is null), or a parent that is neither trashed nor hidden.
  return { [relation]: { $or: [{ id: { $null: true } }, and(...conditions)] } };
};

/** Type-specific row rules beyond project scope (docs/visibility.md#type-specific-rows). */
const specialRows = (uid: string, actor: Actor): RowFilter | undefined => {
  const me = { $eq: actor.id };
  switch (uid) {
    case COMPANY:
      if (capabilities(actor).manageFinances) return null;
      if (isClient(actor)) return { people: { id: me } };
      return anyOf(
        { people: { id: me } },
        through('projects', memberOfProject(actor)),
        capabilities(actor).manageProjects ? { creator: { id: me } } : null
      );
    case USER:
      if (capabilities(actor).manageFinances) return null;
      // Loaded colleagues (the actor among them when in any project): an `id IN (…)` that joins nothing.
      if (actor.colleagueIds) return { id: { $in: [...new Set([actor.id, ...actor.colleagueIds])] } };
      return anyOf({ id: me }, through('projects', memberOfProject(actor)));
    case INVOICE:
      if (capabilities(actor).manageFinances) return null;
      if (capabilities(actor).clientManager) {
        return { company: { people: { id: me } }, state: { $in: ['issued', 'paid'] } };
      }
      return NOTHING;
    case RECURRING_INVOICE:
      // Invisible to everyone but those who manage invoices (docs/time-budgets-invoices.md#recurring-invoices).
      return capabilities(actor).manageFinances ? null : NOTHING;
    case ESTIMATE: {
      if (capabilities(actor).manageFinances) return null;
      // Clients never see drafts; what an expired offer said stays readable (docs/time-budgets-invoices.md#estimates).
      if (capabilities(actor).clientManager) {
        return { company: { people: { id: me } }, state: { $in: ['sent', 'accepted', 'declined', 'expired'] } };
      }
      if (isClient(actor)) return NOTHING;
      // Other staff: the estimates of the companies they see, without the amounts (readableFields).
      const companies = specialRows(COMPANY, actor);
      return companies && companies !== NOTHING ? { company: companies } : NOTHING;
    }
    default:
      return undefined;
  }
};

/** Extra conditions on project-scoped rows, per type and actor. */
const extraRows = (uid: string, actor: Actor): RowFilter => {
  const me = { $eq: actor.id };
  switch (uid) {
    case BUDGET:
      if (isStaff(actor)) return null;
      return actor.clientManager ? { clientAccess: { $eq: true } } : NOTHING;
    case BUDGET_SERVICE:
      // A budget's services are seen by whoever sees the budget (docs/time-budgets-invoices.md#budget-services).
      if (isStaff(actor)) return null;
      return actor.clientManager ? { budget: { clientAccess: { $eq: true } } } : NOTHING;
    case TIME_ENTRY:
    case EXPENSE:
      if (capabilities(actor).manageProjects || capabilities(actor).manageFinances) return null;
      // Members see their own entries, and every entry on projects they lead (they approve those).
      if (isStaff(actor)) return { $or: [{ person: { id: me } }, { project: { leader: { id: me } } }] };
      // Clients: approved, billable work on a budget shared with them (docs/time-budgets-invoices.md#what-clients-see-of-budgets-and-time).
      if (!actor.clientManager) return NOTHING;
      return { state: { $eq: 'approved' }, billable: { $eq: true }, budget: { clientAccess: { $eq: true } } };
    default:
      return null;
  }
};

export const rowFilter = (
  actor: Actor,
  model: ModelInfo,
  models: (uid: string) => ModelInfo | undefined,
  { trashed = false }: { trashed?: boolean } = {}
): RowFilter => {
  const access = model.access;
  if (!access) return NOTHING;
  if (trashed && !access.trash) return NOTHING;
  const special = specialRows(model.uid, actor);
  if (special !== undefined) return special;

  const own: RowFilter[] = [projectScope(actor, model), extraRows(model.uid, actor)];
  if (access.trash) own.push({ deletedAt: trashed ? { $notNull: true } : { $null: true } });
  if (access.hideable && isClient(actor)) own.push({ hiddenFromClients: { $eq: false } });
  const inherited = model.inherited ?? {};
  if (inherited.trashed) own.push({ [inherited.trashed.column]: { $eq: false } });
  if (inherited.hidden && isClient(actor)) own.push({ [inherited.hidden.column]: { $eq: false } });
  for (const relation of access.hiddenVia) {
    const parent = models(model.attributes[relation]?.target ?? '');
    // What the copies do not cover is checked through the relation.
    const covered = {
      trash: !parent?.access?.trash || Boolean(inherited.trashed?.via.includes(relation)),
      hidden: !parent?.access?.hideable || Boolean(inherited.hidden?.via.includes(relation)),
    };
    own.push(parentVisible(relation, parent, actor, covered));
  }
  return and(...own);
};

const readableFields = (actor: Actor, model: ModelInfo): Set<string> => {
  const access = model.access;
  if (!access) return new Set();
  const attributes = Object.entries(model.attributes).filter(([, attribute]) => !attribute.private);
  if (isClient(actor)) {
    const names = [...access.clientRead, ...(actor.clientManager ? access.clientManagerRead : [])];
    return new Set([...SYSTEM_FIELDS, ...names.filter((name) => !access.financial.includes(name))]);
  }
  const financial = capabilities(actor).manageFinances ? [] : [...access.financial, ...access.amounts];
  return new Set([...SYSTEM_FIELDS, ...attributes.map(([name]) => name).filter((name) => !financial.includes(name))]);
};

const writableFields = (actor: Actor, model: ModelInfo): Set<string> => {
  const access = model.access;
  if (!access) return new Set();
  const blocked = new Set([
    ...SYSTEM_MANAGED,
    ...access.serverManaged,
    ...(capabilities(actor).manageFinances ? [] : [...access.financial, ...access.amounts]),
  ]);
  const candidates = isClient(actor) ? access.clientWrite : Object.keys(model.attributes);
  return new Set(candidates.filter((name) => !blocked.has(name) && !model.attributes[name]?.private));
};

/** Who may create, update and delete what (docs/roles-and-capabilities.md#capability-matrix). */
const allowedActions = (actor: Actor, model: ModelInfo): Record<Action, boolean> => {
  const none = { find: false, create: false, update: false, delete: false };
  if (!model.access) return none;
  const can = capabilities(actor);
  const { owner, staff } = can;
  const all = (value: boolean) => ({ find: true, create: value, update: value, delete: value });
  switch (model.uid) {
    case USER:
      return { find: true, create: false, update: false, delete: false };
    case COMPANY:
      return {
        find: true,
        create: can.manageProjects,
        update: can.manageProjects,
        delete: owner,
      };
    case PROJECT:
      return { find: true, create: can.manageProjects, update: staff, delete: owner };
    case TASK:
      return { find: true, create: can.editTasks, update: can.editTasks, delete: staff };
    case BUDGET:
    case BUDGET_SERVICE:
      return { find: true, create: staff, update: staff, delete: staff };
    case TIME_ENTRY:
    case EXPENSE:
      return { find: true, create: staff, update: staff, delete: staff };
    case INVOICE:
    case ESTIMATE:
      return all(can.manageFinances);
    case RECURRING_INVOICE:
      return {
        find: can.manageFinances,
        create: can.manageFinances,
        update: can.manageFinances,
        delete: can.manageFinances,
      };
    case ACTIVITY:
      return all(false);
    case PROJECT_TEMPLATE:
    case TEAM:
      // Agency-wide (docs/collaboration.md#project-templates-and-teams): staff read, clients never reach the routes.
      return { find: staff, create: can.manageProjects, update: can.manageProjects, delete: can.manageProjects };
    case DOCUMENT:
      // Everyone on the project uploads; only staff rename, move or trash documents.
      return { find: true, create: true, update: staff, delete: staff };
    default: {
      // Discussions, comments, notes and declared custom types: clients take part where they may write.
      const contributes = staff || model.access.clientWrite.length > 0;
      return { find: true, create: contributes, update: contributes, delete: contributes };
    }
  }
};

/** Rows an actor may change, on top of the rows they may read. */
const editableRows = (actor: Actor, model: ModelInfo): RowFilter => {
  const me = { $eq: actor.id };
  if (capabilities(actor).owner) return null;
  switch (model.uid) {
    case COMPANY:
      return capabilities(actor).manageProjects ? { creator: { id: me } } : NOTHING;
    case PROJECT:
      return { leader: { id: me } };
    case BUDGET:
      return capabilities(actor).manageFinances ? null : { project: { leader: { id: me } } };
    case BUDGET_SERVICE:
      return capabilities(actor).manageFinances ? null : { budget: { project: { leader: { id: me } } } };
    case TIME_ENTRY:
    case EXPENSE:
      return capabilities(actor).manageFinances
        ? null
        : { $or: [{ person: { id: me } }, { project: { leader: { id: me } } }] };
    case TASK:
      // Client+ create, edit, complete and reopen any task they can see (docs/roles-and-capabilities.md).
      return null;
    default:
      // Staff edit anything they can see. Clients edit and delete only what they wrote (docs/roles-and-capabilities.md):
      // a type without an author leaves them nothing to edit, never everything they can see.
      if (!isClient(actor)) return null;
      return isAuthorAttribute(model.attributes[AUTHOR]) ? { [AUTHOR]: { id: me } } : NOTHING;
  }
};

/** What a person reads of their own profile (docs/roles-and-capabilities.md#your-own-profile: always their own profile, never others' secrets). */
const SELF_PROFILE = [
  'username',
  'email',
  'provider',
  'confirmed',
  'blocked',
  'firstName',
  'lastName',
  'title',
  'language',
  'company',
  'projects',
  'canManageProjects',
  'canManageFinances',
  'clientManager',
  'archivedAt',
];

export const selfProfilePolicy = (
  actor: Actor,
  model: ModelInfo,
  models: (uid: string) => ModelInfo | undefined
): Policy => {
  const base = policyFor(actor, model, models);
  const own = SELF_PROFILE.filter((name) => name in model.attributes && !model.attributes[name].private);
  return { ...base, rows: { id: { $eq: actor.id } }, readable: new Set([...base.readable, ...own]) };
};

/**
 * The trash (docs/collaboration.md#the-trash): trashed rows of a trashable type that staff would see
 * were they not trashed. Clients never see the trash.
 */
export const trashRows = (actor: Actor, model: ModelInfo, models: (uid: string) => ModelInfo | undefined): RowFilter =>
  isStaff(actor) ? rowFilter(actor, model, models, { trashed: true }) : NOTHING;

/** The rows a policy lets its actor read: none at all when the type may not be read. */
export const visibleRows = (policy: Policy): RowFilter => (policy.actions.find ? policy.rows : NOTHING);

/**
 * Upload files (`plugin::upload.file`, declared empty): staff read file metadata except
 * the polymorphic `related` (it would name rows of any type); clients never read files
 * here, only through the documents they may see.
 */
export const uploadFilePolicy = (
  actor: Actor,
  model: ModelInfo,
  models: (uid: string) => ModelInfo | undefined
): Policy => {
  const base = policyFor(actor, model, models);
  if (isClient(actor)) return { ...base, rows: NOTHING, actions: { ...base.actions, find: false } };
  const metadata = Object.keys(model.attributes).filter(
    (name) => !model.attributes[name].private && name !== 'related'
  );
  return { ...base, rows: null, readable: new Set(['id', 'documentId', ...metadata]) };
};

export const policyFor = (actor: Actor, model: ModelInfo, models: (uid: string) => ModelInfo | undefined): Policy => ({
  rows: rowFilter(actor, model, models),
  readable: readableFields(actor, model),
  writable: writableFields(actor, model),
  actions: allowedActions(actor, model),
  editable: editableRows(actor, model),
});
