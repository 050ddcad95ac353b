import type { PortalRoleType } from '../../src/plugins/client-portal/shared/contracts';
import type { Fixtures, Person, PersonInput, Row } from './fixtures';

/**
 * The standard test world most integration files start from: the agency (the seeded agency
 * company) and its staff, the client company Acme with its people, Globex as the outsider,
 * one Acme project with a leader and members, and on request a Globex project, a budget
 * shared with clients and a private one, a visible and a hidden task.
 *
 * A file names the people it needs, in the order they are created, so every world holds
 * exactly what the file's assertions count; what a file needs beyond this world it creates
 * itself with `world.make`, next to its tests. Created directly, past the rules.
 *
 *   const world = await buildWorld(fixtures(app), {
 *     people: { owner: {}, leader: {}, manager: {}, stranger: { role: 'client-plus', company: 'globex' } },
 *     project: { leader: 'leader' }, // members: the manager
 *     hiddenTask: { title: CANARY },
 *   });
 *
 * The attack suites keep their own world of canaries (attack-world.ts).
 */

type CompanyKey = 'agency' | 'acme' | 'globex';

/** A person's data; `company` names one of the world's companies. */
export interface PersonSpec extends Omit<PersonInput, 'role' | 'company' | 'projects'> {
  role?: PortalRoleType;
  company?: CompanyKey;
}

/** The people most files have, by the names the tests call them. */
const STANDARD_PEOPLE = {
  owner: { role: 'owner' },
  leader: { role: 'member' },
  member: { role: 'member' },
  memberP: { role: 'member', canManageProjects: true },
  memberF: { role: 'member', canManageFinances: true },
  /** A Member+ F, as the money files call them. */
  finance: { role: 'member', canManageFinances: true },
  clientPlus: { role: 'client-plus', company: 'acme' },
  client: { role: 'client', company: 'acme' },
  manager: { role: 'client', company: 'acme', clientManager: true },
  globexClient: { role: 'client', company: 'globex' },
  globexManager: { role: 'client', company: 'globex', clientManager: true },
} satisfies Record<string, PersonSpec & { role: PortalRoleType }>;

type StandardKey = keyof typeof STANDARD_PEOPLE;

/** A standard name takes its defaults (`{}` keeps them all, fields given override them); any other name needs a role. */
export type PeopleSpec<K extends string> = {
  [P in K]: P extends StandardKey ? PersonSpec : PersonSpec & { role: PortalRoleType };
};

export interface ProjectSpec<K extends string> {
  leader?: K;
  /** For Acme's project: every staff member (not the Owner) and every Acme person but the leader. For Globex's: Globex's people. */
  members?: K[];
  /** Any other project field (name, requireTimeApproval, …). */
  [field: string]: unknown;
}

type Fields = Record<string, unknown>;

export interface WorldOptions<K extends string> {
  people: PeopleSpec<K>;
  /** Acme's fields beyond its name (e.g. billingEmail). */
  acme?: Fields;
  /** Globex's fields; Globex exists when this is given, a person is of Globex or it has a project. */
  globex?: Fields | true;
  /** Acme's project, created unless `false`. */
  project?: ProjectSpec<NoInfer<K>> | false;
  /** A Globex project. */
  globexProject?: ProjectSpec<NoInfer<K>> | true;
  /** On Acme's project: a budget clients may see ('Shared budget', 1000 €) and one they may not ('Private budget', 500 €). */
  sharedBudget?: Fields | true;
  privateBudget?: Fields | true;
  /** On Acme's project: 'Visible task' and 'Hidden task' (hidden from clients). */
  visibleTask?: Fields | true;
  hiddenTask?: Fields | true;
}

export interface World<K extends string> {
  make: Fixtures;
  agency: Row;
  acme: Row;
  globex: Row;
  people: Record<K, Person>;
  project: Row;
  globexProject: Row;
  sharedBudget: Row;
  privateBudget: Row;
  visibleTask: Row;
  hiddenTask: Row;
}

const fieldsOf = (spec: Fields | true | undefined, defaults: Fields): Fields | undefined =>
  spec === undefined ? undefined : { ...defaults, ...(spec === true ? {} : spec) };

/** Builds the world in one call; handles of parts not asked for throw when read, naming the option. */
export const buildWorld = async <K extends string>(make: Fixtures, options: WorldOptions<K>): Promise<World<K>> => {
  const keys = Object.keys(options.people) as K[];
  const specs = Object.fromEntries(
    keys.map((key) => [
      key,
      { ...(STANDARD_PEOPLE as Record<string, PersonSpec>)[key], ...(options.people[key] as PersonSpec) },
    ])
  ) as Record<K, PersonSpec & { role: PortalRoleType }>;

  const agency = await make.agency();
  const acme = await make.company({ name: 'Acme', ...options.acme });
  const needsGlobex =
    options.globex !== undefined ||
    options.globexProject !== undefined ||
    keys.some((key) => specs[key].company === 'globex');
  const globex = needsGlobex ? await make.company({ name: 'Globex', ...fieldsOf(options.globex, {}) }) : undefined;
  const companies: Record<CompanyKey, Row | undefined> = { agency, acme, globex };

  const people = {} as Record<K, Person>;
  for (const key of keys) {
    const { company, ...input } = specs[key];
    people[key] = await make.person({ ...input, company: company && companies[company] });
  }

  const projectOf = async (company: Row, spec: ProjectSpec<K>, defaultMembers: K[]) => {
    const { leader, members, ...fields } = spec;
    return make.project(company, {
      ...fields,
      leader: leader && people[leader],
      members: (members ?? defaultMembers.filter((key) => key !== leader)).map((key) => people[key]),
    });
  };
  const project =
    options.project === false
      ? undefined
      : await projectOf(
          acme,
          options.project ?? {},
          keys.filter((key) => specs[key].role === 'member' || specs[key].company === 'acme')
        );
  const globexProject =
    globex && options.globexProject
      ? await projectOf(
          globex,
          options.globexProject === true ? {} : options.globexProject,
          keys.filter((key) => specs[key].company === 'globex')
        )
      : undefined;

  const onProject = async (uid: 'api::budget.budget' | 'api::task.task', fields: Fields | undefined) => {
    if (!fields) return undefined;
    if (!project) throw new Error('buildWorld: budgets and tasks go on Acme’s project (project: false was given)');
    return make.create(uid, { project: project.documentId, ...fields });
  };
  const sharedBudget = await onProject(
    'api::budget.budget',
    fieldsOf(options.sharedBudget, { name: 'Shared budget', amountCents: 100000, clientAccess: true })
  );
  const privateBudget = await onProject(
    'api::budget.budget',
    fieldsOf(options.privateBudget, { name: 'Private budget', amountCents: 50000, clientAccess: false })
  );
  const visibleTask = await onProject('api::task.task', fieldsOf(options.visibleTask, { title: 'Visible task' }));
  const hiddenTask = await onProject(
    'api::task.task',
    fieldsOf(options.hiddenTask, { title: 'Hidden task', hiddenFromClients: true })
  );

  const optional = { globex, project, globexProject, sharedBudget, privateBudget, visibleTask, hiddenTask };
  const world = { make, agency, acme, people } as World<K>;
  for (const [name, row] of Object.entries(optional)) {
    Object.defineProperty(world, name, {
      enumerable: true,
      get: () => {
        if (!row) throw new Error(`buildWorld: this world has no ${name} (ask for it in the options)`);
        return row;
      },
    });
  }
  return world;
};
