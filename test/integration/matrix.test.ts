import { startApp, type TestApp } from '../harness/app';
import { databaseClient } from '../harness/database';
import { fixtures, type Person, type Row } from '../harness/fixtures';

/**
 * The role × content type × action matrix, generated from the docs/roles-and-capabilities.md capability
 * table: an independent, in-memory statement of who sees and may change what
 * (written from the SPEC, not from the rules module) is compared, cell by cell,
 * with what the API answers — exact rows for lists, exact statuses for single
 * reads, updates, creates and deletes.
 */

type ActorKey = 'owner' | 'member' | 'memberP' | 'memberF' | 'clientPlus' | 'client' | 'manager';
const ACTORS: ActorKey[] = ['owner', 'member', 'memberP', 'memberF', 'clientPlus', 'client', 'manager'];

interface Meta {
  type: string;
  project?: string;
  hidden?: boolean;
  trashed?: boolean;
  author?: ActorKey | 'other';
  /** Parent item whose hidden/trashed state the row inherits. */
  parent?: string;
  state?: string;
  billable?: boolean;
  budget?: string;
  person?: ActorKey | 'other';
  company?: string;
  creator?: ActorKey;
}

interface Seeded extends Meta {
  key: string;
  row: Row;
  /** A writable field and its current value: updates set it to itself. */
  touch: Record<string, unknown>;
}

const PATHS: Record<string, string> = {
  company: 'companies',
  project: 'projects',
  task: 'tasks',
  discussion: 'discussions',
  note: 'notes',
  document: 'documents',
  comment: 'comments',
  budget: 'budgets',
  'time-entry': 'time-entries',
  expense: 'expenses',
  invoice: 'invoices',
  activity: 'activities',
};
const TYPES = Object.keys(PATHS);

/** Project membership of the matrix world. */
const MEMBERS: Record<string, ActorKey[]> = {
  A: ['member', 'memberF', 'clientPlus', 'client', 'manager'],
  B: ['owner'],
  C: ['memberP'],
};
const TRASHABLE = new Set(['task', 'discussion', 'note', 'document']);
const LEADERS: Record<string, ActorKey> = { A: 'member', B: 'owner', C: 'memberP' };
const COMPANY_OF_PROJECT: Record<string, string> = { A: 'acme', B: 'globex', C: 'acme' };
const BUDGET_ACCESS: Record<string, boolean> = { bA: true, bA2: false, bB: true };

const isClient = (actor: ActorKey) => ['clientPlus', 'client', 'manager'].includes(actor);
const isStaff = (actor: ActorKey) => !isClient(actor);
const seesFinances = (actor: ActorKey) => actor === 'owner' || actor === 'memberF';

describe(`role × content type × action matrix on ${databaseClient()}`, () => {
  let app: TestApp;
  const people = {} as Record<ActorKey, Person>;
  const seeded: Seeded[] = [];
  const byKey = (key: string) => seeded.find((item) => item.key === key)!;

  /** docs/roles-and-capabilities.md, docs/visibility.md, docs/time-budgets-invoices.md: may `actor` see row `item`? */
  const visible = (actor: ActorKey, item: Seeded): boolean => {
    const memberOf = (project?: string) => actor === 'owner' || (!!project && MEMBERS[project].includes(actor));
    const parentGone = (parent?: string): boolean => {
      if (!parent) return false;
      const owner = byKey(parent);
      return !!owner.trashed || (isClient(actor) && !!owner.hidden);
    };
    switch (item.type) {
      case 'company':
        if (actor === 'owner' || actor === 'memberF') return true;
        if (isClient(actor)) return item.key === 'acme';
        return (
          item.key === 'agency' ||
          Object.keys(MEMBERS).some((project) => COMPANY_OF_PROJECT[project] === item.key && memberOf(project)) ||
          (actor === 'memberP' && item.creator === actor)
        );
      case 'project':
        return memberOf(item.key);
      case 'budget':
        return memberOf(item.project) && (isStaff(actor) || (actor === 'manager' && BUDGET_ACCESS[item.key]));
      case 'time-entry':
      case 'expense':
        if (actor === 'owner') return true;
        if (!memberOf(item.project)) return false;
        if (actor === 'memberP' || actor === 'memberF') return true;
        // Plain members: their own entries, and every entry on projects they lead (they approve those).
        if (actor === 'member') return item.person === 'member' || LEADERS[item.project!] === 'member';
        return (
          actor === 'manager' &&
          item.state === 'approved' &&
          !!item.billable &&
          BUDGET_ACCESS[item.budget!] &&
          !parentGone(item.parent)
        );
      case 'invoice':
        if (actor === 'owner' || actor === 'memberF') return true;
        return actor === 'manager' && item.company === 'acme' && ['issued', 'paid'].includes(item.state!);
      default:
        return memberOf(item.project) && !item.trashed && !(isClient(actor) && item.hidden) && !parentGone(item.parent);
    }
  };

  /** May the actor's role ever do this (403 otherwise, before anything is looked up)? */
  const allowed = (actor: ActorKey, type: string, action: 'create' | 'update' | 'delete'): boolean => {
    const staff = isStaff(actor);
    switch (type) {
      case 'company':
      case 'project':
        if (action === 'delete') return actor === 'owner';
        if (type === 'project' && action === 'update') return staff;
        return actor === 'owner' || actor === 'memberP';
      case 'task':
        // Client+ create and edit tasks; Clients (Client Managers included) do not.
        return action === 'delete' ? staff : staff || actor === 'clientPlus';
      case 'document':
        return action === 'create' || staff;
      case 'discussion':
      case 'note':
      case 'comment':
        return true;
      case 'budget':
      case 'time-entry':
      case 'expense':
        return staff;
      case 'invoice':
        return actor === 'owner' || actor === 'memberF';
      default:
        return false;
    }
  };

  /** May the actor change this visible row? */
  const editable = (actor: ActorKey, item: Seeded): boolean => {
    if (actor === 'owner') return true;
    const leads = LEADERS[item.project ?? item.key] === actor;
    switch (item.type) {
      case 'company':
        return item.creator === actor;
      case 'project':
        return leads;
      case 'budget':
        return actor === 'memberF' || leads;
      case 'time-entry':
      case 'expense':
        return actor === 'memberF' || item.person === actor || leads;
      case 'discussion':
      case 'note':
      case 'comment':
        return isStaff(actor) || item.author === actor;
      default:
        return true;
    }
  };

  const expectedUpdate = (actor: ActorKey, item: Seeded): number => {
    if (!allowed(actor, item.type, 'update')) return 403;
    if (!visible(actor, item)) return 404;
    if (!editable(actor, item)) return 403;
    // docs/time-budgets-invoices.md#numbers-concurrency-and-freezing: an issued invoice is frozen; only drafts change through the generic endpoint.
    return item.type === 'invoice' && item.state !== 'draft' ? 409 : 200;
  };

  beforeAll(async () => {
    app = await startApp();
    const make = fixtures(app);
    const agency = (await app.strapi.db.query('api::company.company').findOne({ where: { isAgency: true } })) as Row;
    const acme = await make.company({ name: 'Acme' });
    const globex = await make.company({ name: 'Globex' });
    people.owner = await make.person({ role: 'owner', company: agency });
    people.member = await make.person({ role: 'member', company: agency });
    people.memberP = await make.person({ role: 'member', company: agency, canManageProjects: true });
    people.memberF = await make.person({ role: 'member', company: agency, canManageFinances: true });
    people.clientPlus = await make.person({ role: 'client-plus', company: acme });
    people.client = await make.person({ role: 'client', company: acme });
    people.manager = await make.person({ role: 'client', company: acme, clientManager: true });
    const other = await make.person({ role: 'member', company: agency });
    const initech = await make.company({ name: 'Initech', creator: people.memberP.documentId });

    const add = async (key: string, uid: string, data: Record<string, unknown>, meta: Meta, touch: string) => {
      const row = await make.create(uid as never, data);
      seeded.push({ key, row, ...meta, touch: { [touch]: data[touch] } });
      return row;
    };
    seeded.push({ key: 'agency', type: 'company', row: agency, touch: { name: agency.name } });
    seeded.push({ key: 'acme', type: 'company', row: acme, touch: { name: 'Acme' } });
    seeded.push({ key: 'globex', type: 'company', row: globex, touch: { name: 'Globex' } });
    seeded.push({ key: 'initech', type: 'company', row: initech, touch: { name: 'Initech' }, creator: 'memberP' });

    const projects: Record<string, Row> = {};
    for (const key of ['A', 'B', 'C']) {
      projects[key] = await add(
        key,
        'api::project.project',
        {
          name: `Project ${key}`,
          company: COMPANY_OF_PROJECT[key] === 'acme' ? acme.documentId : globex.documentId,
          leader: people[LEADERS[key]].documentId,
          members: [...new Set([...MEMBERS[key], LEADERS[key]])].map((actor) => people[actor].documentId),
        },
        { type: 'project' },
        'name'
      );
    }
    const person = (who: ActorKey | 'other') => (who === 'other' ? other : people[who]).documentId;
    const item = (
      type: string,
      key: string,
      project: string,
      meta: Partial<Meta>,
      data: Record<string, unknown>,
      touch: string
    ) =>
      add(
        key,
        `api::${type}.${type}`,
        {
          project: projects[project].documentId,
          ...(meta.hidden ? { hiddenFromClients: true } : {}),
          ...(meta.trashed ? { deletedAt: new Date() } : {}),
          ...(meta.author ? { author: person(meta.author) } : {}),
          ...data,
        },
        { type, project, ...meta },
        touch
      );

    await item('task', 'tA', 'A', {}, { title: 'tA' }, 'title');
    await item('task', 'tAh', 'A', { hidden: true }, { title: 'tAh' }, 'title');
    await item('task', 'tAt', 'A', { trashed: true }, { title: 'tAt' }, 'title');
    await item('task', 'tB', 'B', {}, { title: 'tB' }, 'title');
    await item('task', 'tC', 'C', {}, { title: 'tC' }, 'title');
    for (const type of ['discussion', 'note']) {
      await item(type, `${type}A`, 'A', { author: 'client' }, { title: `${type}A` }, 'title');
      await item(type, `${type}Ao`, 'A', { author: 'other' }, { title: `${type}Ao` }, 'title');
      await item(type, `${type}Ah`, 'A', { hidden: true, author: 'other' }, { title: `${type}Ah` }, 'title');
      await item(type, `${type}B`, 'B', { author: 'owner' }, { title: `${type}B` }, 'title');
    }
    await item('document', 'docA', 'A', { author: 'other' }, { title: 'docA' }, 'title');
    await item(
      'document',
      'docAh',
      'A',
      { parent: 'tAh' },
      { title: 'docAh', task: byKey('tAh').row.documentId },
      'title'
    );
    await item('document', 'docB', 'B', {}, { title: 'docB' }, 'title');
    const comment = (key: string, project: string, parent: string, author: ActorKey | 'other') =>
      item('comment', key, project, { parent, author }, { body: key, task: byKey(parent).row.documentId }, 'body');
    await comment('cA1', 'A', 'tA', 'client');
    await comment('cA2', 'A', 'tA', 'other');
    await comment('cAh', 'A', 'tAh', 'other');
    await comment('cAt', 'A', 'tAt', 'other');
    await comment('cB', 'B', 'tB', 'owner');
    for (const [key, project] of [
      ['bA', 'A'],
      ['bA2', 'A'],
      ['bB', 'B'],
    ]) {
      await item(
        'budget',
        key,
        project,
        {},
        { name: key, amountCents: 1000, clientAccess: BUDGET_ACCESS[key] },
        'name'
      );
    }
    const entry = (key: string, project: string, meta: Partial<Meta>) =>
      item(
        'time-entry',
        key,
        project,
        { state: 'approved', billable: true, budget: project === 'A' ? 'bA' : 'bB', person: 'member', ...meta },
        {
          note: key,
          date: '2026-11-02',
          minutes: 30,
          state: meta.state ?? 'approved',
          billable: meta.billable ?? true,
          budget: byKey(meta.budget ?? (project === 'A' ? 'bA' : 'bB')).row.documentId,
          person: person(meta.person ?? 'member'),
          ...(meta.parent ? { task: byKey(meta.parent).row.documentId } : {}),
        },
        'note'
      );
    await entry('eA1', 'A', { parent: 'tA' });
    await entry('eA2', 'A', { state: 'pending' });
    await entry('eA3', 'A', { billable: false });
    await entry('eA4', 'A', { parent: 'tAh' });
    await entry('eA5', 'A', { budget: 'bA2' });
    await entry('eA6', 'A', { person: 'memberF' });
    await entry('eB', 'B', { person: 'owner' });
    const expense = (key: string, project: string, meta: Partial<Meta>) =>
      item(
        'expense',
        key,
        project,
        { state: 'approved', billable: true, budget: project === 'A' ? 'bA' : 'bB', person: 'member', ...meta },
        {
          description: key,
          date: '2026-11-02',
          amountCents: 500,
          state: meta.state ?? 'approved',
          billable: true,
          budget: byKey(project === 'A' ? 'bA' : 'bB').row.documentId,
          person: person(meta.person ?? 'member'),
        },
        'description'
      );
    await expense('xA1', 'A', {});
    await expense('xA2', 'A', { state: 'pending' });
    await expense('xB', 'B', { person: 'owner' });
    for (const [key, company, state, number] of [
      ['iA', 'acme', 'issued', 'INV-2026-0001'],
      ['iAd', 'acme', 'draft', undefined],
      ['iAp', 'acme', 'paid', 'INV-2026-0002'],
      ['iB', 'globex', 'issued', 'INV-2026-0003'],
    ] as const) {
      const row = await make.create('api::invoice.invoice', {
        company: company === 'acme' ? acme.documentId : globex.documentId,
        project: projects[company === 'acme' ? 'A' : 'B'].documentId,
        state,
        number,
        dueOn: '2026-12-31',
      });
      seeded.push({ key, type: 'invoice', row, company, state, touch: { dueOn: '2026-12-31' } });
    }
    for (const [key, project, hidden] of [
      ['aA', 'A', false],
      ['aAh', 'A', true],
      ['aB', 'B', false],
    ] as const) {
      await item(
        'activity',
        key,
        project,
        { hidden },
        { verb: 'created', subjectType: 'api::task.task', subjectId: key, summary: key, hiddenFromClients: hidden },
        'summary'
      );
    }
  });

  afterAll(() => app?.stop());

  /**
   * Every cell runs on both surfaces (docs/http-api.md): REST, and GraphQL with its own shapes
   * (null for an invisible row, an error code for a refusal), read back as a status.
   */
  type Surface = 'REST' | 'GraphQL';
  const cells = ACTORS.flatMap((actor) =>
    TYPES.flatMap((type) => (['REST', 'GraphQL'] as const).map((surface) => [actor, type, surface] as const))
  );

  const pascal = (name: string) => name.replace(/(^|-)(\w)/g, (_, __, letter: string) => letter.toUpperCase());
  const camel = (name: string) => pascal(name).replace(/^\w/, (letter) => letter.toLowerCase());
  /** GraphQL names of a type: `timeEntry`, `timeEntries`, `TimeEntry`. */
  const graphqlNames = (type: string) => {
    const { info } = (app.strapi.contentTypes as unknown as Record<string, { info: { pluralName: string } }>)[
      `api::${type}.${type}`
    ];
    return { one: camel(type), many: camel(info.pluralName), name: pascal(type) };
  };
  const CODES: Record<string, number> = {
    FORBIDDEN: 403,
    BAD_USER_INPUT: 400,
    STRAPI_NOT_FOUND_ERROR: 404,
    STRAPI_CONFLICT_ERROR: 409,
  };
  /** A GraphQL operation's outcome as the REST status it stands for (`ok` for success). */
  const graphql = async (actor: ActorKey, query: string, variables: Record<string, unknown>, ok: number) => {
    const response = await app.http.post('/graphql', { query, variables }, people[actor].jwt);
    const errors = response.body?.errors as { message: string; extensions?: { code?: string } }[] | undefined;
    if (!errors) return { status: ok, data: response.body.data };
    const code = errors[0].extensions?.code ?? '';
    return { status: CODES[code] ?? `${code}: ${errors[0].message}`, data: response.body.data };
  };

  it.each(cells)('%s lists %s on %s: exactly the rows the SPEC lets them see', async (actor, type, surface) => {
    const expected = seeded
      .filter((item) => item.type === type && visible(actor, item))
      .map((item) => item.row.documentId)
      .sort();
    if (surface === 'GraphQL') {
      const { many } = graphqlNames(type);
      const query = `{ ${many}_connection(pagination: { limit: 100 }) { nodes { documentId } pageInfo { total } } }`;
      const response = await graphql(actor, query, {}, 200);
      expect(response.status).toBe(200);
      const connection = response.data[`${many}_connection`];
      expect(connection.nodes.map((row: Row) => row.documentId).sort()).toEqual(expected);
      expect(connection.pageInfo.total).toBe(expected.length);
      return;
    }
    const response = await app.http.get(`/api/${PATHS[type]}?pagination[pageSize]=100`, people[actor].jwt);
    expect(response.status).toBe(200);
    expect(response.body.data.map((row: Row) => row.documentId).sort()).toEqual(expected);
    expect(response.body.meta.pagination.total).toBe(expected.length);
  });

  const read = async (actor: ActorKey, item: Seeded, surface: Surface) => {
    if (surface === 'REST') {
      return (await app.http.get(`/api/${PATHS[item.type]}/${item.row.documentId}`, people[actor].jwt)).status;
    }
    const { one } = graphqlNames(item.type);
    const response = await graphql(
      actor,
      `query ($id: ID!) { ${one}(documentId: $id) { documentId } }`,
      {
        id: item.row.documentId,
      },
      200
    );
    return response.status === 200 && response.data[one] === null ? 404 : response.status;
  };

  it.each(cells)('%s reads each %s on %s: 200 when visible, 404 otherwise', async (actor, type, surface) => {
    for (const item of seeded.filter((candidate) => candidate.type === type)) {
      expect({ key: item.key, status: await read(actor, item, surface) }).toEqual({
        key: item.key,
        status: visible(actor, item) ? 200 : 404,
      });
    }
  });

  const update = async (actor: ActorKey, item: Seeded, surface: Surface) => {
    if (surface === 'REST') {
      const path = `/api/${PATHS[item.type]}/${item.row.documentId}`;
      return (await app.http.put(path, { data: item.touch }, people[actor].jwt)).status;
    }
    const { name } = graphqlNames(item.type);
    const mutation = `mutation ($id: ID!, $data: ${name}Input!) { update${name}(documentId: $id, data: $data) { documentId } }`;
    return (await graphql(actor, mutation, { id: item.row.documentId, data: item.touch }, 200)).status;
  };

  it.each(cells)('%s updates each %s on %s: 200, 403 or 404 exactly as the SPEC says', async (actor, type, surface) => {
    for (const item of seeded.filter((candidate) => candidate.type === type)) {
      expect({ key: item.key, status: await update(actor, item, surface) }).toEqual({
        key: item.key,
        status: expectedUpdate(actor, item),
      });
    }
  });

  /** A valid new row of each type, in a project (and under a parent) the actor can see. */
  const newRow = (actor: ActorKey, type: string): Record<string, unknown> => {
    const project = actor === 'memberP' ? 'C' : actor === 'owner' ? 'B' : 'A';
    const inProject = { project: byKey(project).row.documentId };
    const task = byKey(`t${project}`).row.documentId;
    switch (type) {
      case 'company':
        return { name: `New company by ${actor}` };
      case 'project':
        return { name: `New project by ${actor}`, company: byKey('acme').row.documentId };
      case 'task':
      case 'discussion':
      case 'note':
      case 'document':
        return { ...inProject, title: `New ${type} by ${actor}` };
      case 'comment':
        return { ...inProject, task, body: `New comment by ${actor}` };
      case 'budget':
        return { ...inProject, name: `New budget by ${actor}`, amountCents: 100 };
      case 'time-entry':
        return { ...inProject, date: '2026-11-05', minutes: 15 };
      case 'expense':
        return { ...inProject, date: '2026-11-05', description: 'Taxi', amountCents: 100 };
      case 'invoice':
        return { company: byKey('acme').row.documentId, project: byKey('A').row.documentId };
      default:
        return { ...inProject, verb: 'created', subjectType: 'x', subjectId: 'y' };
    }
  };

  const create = async (actor: ActorKey, type: string, surface: Surface) => {
    if (surface === 'REST') {
      return (await app.http.post(`/api/${PATHS[type]}`, { data: newRow(actor, type) }, people[actor].jwt)).status;
    }
    const { name } = graphqlNames(type);
    const mutation = `mutation ($data: ${name}Input!) { create${name}(data: $data) { documentId } }`;
    return (await graphql(actor, mutation, { data: newRow(actor, type) }, 201)).status;
  };

  it.each(cells)('%s creates a %s on %s: 201 or 403 as the SPEC says', async (actor, type, surface) => {
    expect(await create(actor, type, surface)).toBe(allowed(actor, type, 'create') ? 201 : 403);
  });

  const remove = async (actor: ActorKey, type: string, documentId: string, surface: Surface) => {
    if (surface === 'REST') return (await app.http.del(`/api/${PATHS[type]}/${documentId}`, people[actor].jwt)).status;
    const { name } = graphqlNames(type);
    const mutation = `mutation ($id: ID!) { delete${name}(documentId: $id) { documentId } }`;
    return (await graphql(actor, mutation, { id: documentId }, 204)).status;
  };

  it.each(cells)(
    '%s deletes a %s of someone else and, where it applies, their own, on %s',
    async (actor, type, surface) => {
      const make = fixtures(app);
      const project = actor === 'memberP' ? 'C' : 'A';
      const base = newRow(project === 'C' ? 'memberP' : 'member', type);
      const disposable = async (author: ActorKey | 'other'): Promise<Seeded> => {
        const data = ['discussion', 'note', 'comment'].includes(type)
          ? { ...base, author: (author === 'other' ? people.owner : people[author]).documentId }
          : type === 'time-entry' || type === 'expense'
            ? {
                ...base,
                person: people.owner.documentId,
                ...(project === 'A' ? { budget: byKey('bA').row.documentId } : {}),
              }
            : base;
        const row = await make.create(`api::${type}.${type}` as never, data);
        const meta: Meta =
          type === 'company'
            ? { type }
            : type === 'project'
              ? { type }
              : type === 'invoice'
                ? { type, company: 'acme', state: 'draft' }
                : {
                    type,
                    project,
                    author: author === 'other' ? 'other' : author,
                    person: 'other',
                    budget: 'bA',
                    state: 'pending',
                  };
        const key = type === 'project' ? 'Z' : `${type}-disposable`;
        if (type === 'project') {
          MEMBERS.Z = [];
          LEADERS.Z = 'owner';
        }
        return { key, row, ...meta, touch: {} };
      };
      const targets = [await disposable('other')];
      if (['discussion', 'note', 'comment'].includes(type)) targets.push(await disposable(actor));
      for (const target of targets) {
        const expected = !allowed(actor, type, 'delete')
          ? 403
          : !visible(actor, target)
            ? 404
            : editable(actor, target)
              ? 204
              : 403;
        const status = await remove(actor, type, target.row.documentId, surface);
        expect({ author: target.author, status }).toEqual({ author: target.author, status: expected });
        const remaining = await app.strapi.db.query(`api::${type}.${type}` as never).count({
          where: { documentId: target.row.documentId },
        });
        const trashed = await app.strapi.db.query(`api::${type}.${type}` as never).count({
          where: {
            documentId: target.row.documentId,
            ...(TRASHABLE.has(type) ? { deletedAt: { $notNull: true } } : {}),
          },
        });
        // docs/collaboration.md#the-trash: tasks, discussions, notes and documents go to the trash; everything else is deleted.
        if (TRASHABLE.has(type))
          expect({ remaining, trashed }).toEqual({ remaining: 1, trashed: expected === 204 ? 1 : 0 });
        else expect(remaining).toBe(expected === 204 ? 0 : 1);
      }
    }
  );

  it('covers every actor, type and action of the table', () => {
    expect(cells).toHaveLength(ACTORS.length * TYPES.length * 2);
    expect(seesFinances('memberF')).toBe(true);
  });
});
