import { actor } from './actor-fixture';
import {
  constrainRead,
  mergeToOneRelations,
  namesIndexedCopy,
  placePopulate,
  readIndexedCopies,
  shapeRead,
  substituteRows,
  withRows,
  type QueryContext,
} from '../../src/plugins/client-portal/server/src/access/query';
import { policyFor, visibleRows, type ModelInfo } from '../../src/plugins/client-portal/server/src/access/rules';
import { lookup } from './schemas';

const TIME_ENTRY = 'api::time-entry.time-entry';

const contextFor = (who: ReturnType<typeof actor>, models = lookup): QueryContext => ({
  model: models,
  policy: (uid) => policyFor(who, models(uid)!, models),
});

/** The unit schemas with the row copies the database keeps (utils/row-index.ts) switched on. */
const withCopies = (uid: string): ModelInfo | undefined => {
  const model = lookup(uid);
  if (!model?.access?.project || model.access.project !== 'project') return model;
  const trashed = model.access.hiddenVia.filter(
    (relation) => lookup(model.attributes[relation]?.target ?? '')?.access?.trash
  );
  const hidden = model.access.hiddenVia.filter(
    (relation) => lookup(model.attributes[relation]?.target ?? '')?.access?.hideable
  );
  return {
    ...model,
    projectColumn: 'portalProjectId',
    inherited: {
      ...(trashed.length ? { trashed: { column: 'portalParentTrashed', via: trashed } } : {}),
      ...(hidden.length ? { hidden: { column: 'portalParentHidden', via: hidden } } : {}),
    },
  };
};

describe('mergeToOneRelations', () => {
  const context = contextFor(actor('owner'));

  it('puts conditions on the same to-one relation under one key, and says a repeated condition once', () => {
    const merged = mergeToOneRelations(
      {
        $and: [
          { budget: { clientAccess: { $eq: true } } },
          { state: { $eq: 'approved' } },
          { budget: { documentId: { $eq: 'b1' } } },
          { budget: { clientAccess: { $eq: true } } },
          { state: { $eq: 'approved' } },
        ],
      },
      TIME_ENTRY,
      context
    );
    expect(merged).toEqual({
      $and: [
        { state: { $eq: 'approved' } },
        { budget: { $and: [{ clientAccess: { $eq: true } }, { documentId: { $eq: 'b1' } }] } },
      ],
    });
  });

  it('leaves to-many relations and $or apart (one joined row cannot stand for all of them)', () => {
    const filter = { $and: [{ assignees: { id: { $eq: 1 } } }, { assignees: { id: { $eq: 2 } } }] };
    expect(mergeToOneRelations(filter, 'api::task.task', context)).toEqual(filter);
  });
});

describe('constrainRead with the row copies', () => {
  const client = actor('client', { clientManager: true, projectIds: [11, 12] });

  it("a client's time entries of a budget: project and parents read from the row, the budget joined once", () => {
    const params = constrainRead(
      { filters: { budget: { documentId: { $eq: 'b1' } } } },
      TIME_ENTRY,
      contextFor(client, withCopies),
      false
    );
    expect(params.filters).toEqual({
      $and: [
        { portalProjectId: { $in: [11, 12] } },
        { state: { $eq: 'approved' } },
        { billable: { $eq: true } },
        { portalParentTrashed: { $eq: false } },
        { portalParentHidden: { $eq: false } },
        {
          budget: {
            $and: [
              { documentId: { $eq: 'b1' } },
              { portalProjectId: { $in: [11, 12] } },
              { clientAccess: { $eq: true } },
            ],
          },
        },
      ],
    });
  });

  it('without the copies (a type declared deeper, or another database) the same rules go through the relations', () => {
    const params = constrainRead({}, TIME_ENTRY, contextFor(client), false);
    expect(JSON.stringify(params.filters)).toContain('"project":{"id":{"$in":[11,12]}}');
    expect(JSON.stringify(params.filters)).toContain('"task":{"$or":[{"id":{"$null":true}}');
    expect(JSON.stringify(params.filters)).not.toContain('portal');
  });

  it('a person on no project matches nothing', () => {
    const params = constrainRead({}, TIME_ENTRY, contextFor(actor('client', { projectIds: [] }), withCopies), false);
    expect(params.filters).toEqual({ id: { $null: true } });
  });
});

describe('the rows kept apart, and put into the database query (adapters/row-handoff.ts)', () => {
  const client = actor('client', { clientManager: true, projectIds: [11, 12] });
  const context = contextFor(client, withCopies);
  const reader = { filters: { budget: { documentId: { $eq: 'b1' } } } };
  const PLACEHOLDER = { documentId: { $eq: 'portal-rows:t1' } };
  const isPlaceholder = (conjunct: Record<string, unknown>) => JSON.stringify(conjunct) === JSON.stringify(PLACEHOLDER);

  it("shapeRead leaves the main rows, and the rows of a to-one relation filtered through, out of the reader's filters", () => {
    const shaped = shapeRead(reader, TIME_ENTRY, context, false);
    expect(shaped.params.filters).toEqual({ budget: { documentId: { $eq: 'b1' } } });
    // The budget's rows lead, as their own conjunct; then the policy's rows, untouched.
    expect(shaped.rows).toEqual({
      $and: [
        { budget: { $and: [{ portalProjectId: { $in: [11, 12] } }, { clientAccess: { $eq: true } }] } },
        visibleRows(context.policy(TIME_ENTRY)),
      ],
    });
  });

  it('a to-many relation, or a to-one under $or or $not, keeps its rows nested in the condition', () => {
    const tasks = shapeRead({ filters: { comments: { body: { $eq: 'x' } } } }, 'api::task.task', context, false);
    expect(JSON.stringify(tasks.params.filters)).toContain('"comments":{"$and":[{"body":{"$eq":"x"}}');
    const either = shapeRead(
      { filters: { $or: [{ budget: { documentId: { $eq: 'b1' } } }, { minutes: { $eq: 5 } }] } },
      TIME_ENTRY,
      context,
      false
    );
    expect(JSON.stringify(either.params.filters)).toContain('"budget":{"$and":[{"documentId":{"$eq":"b1"}},');
    expect(either.rows).toEqual(visibleRows(context.policy(TIME_ENTRY)));
  });

  it('the rows substituted for the placeholder in the where Strapi built give the filter constrainRead gives', () => {
    const shaped = shapeRead(reader, TIME_ENTRY, context, false);
    // As the document service passes it on: the filters under $and, findOne's own documentId beside them.
    const where = { $and: [withRows(shaped.params.filters, { $and: [PLACEHOLDER] })], documentId: 'd1' };
    const placed = substituteRows(
      where,
      (c) => (isPlaceholder(c) ? { rows: shaped.rows } : undefined),
      TIME_ENTRY,
      context
    );
    const compiled = (constrainRead(reader, TIME_ENTRY, context, false).filters as { $and: unknown[] }).$and;
    const conjuncts = (placed as { $and: unknown[] }).$and;
    expect(conjuncts).toHaveLength(compiled.length + 1);
    expect(conjuncts).toEqual(expect.arrayContaining([{ documentId: 'd1' }, ...compiled]));
  });

  it('a placeholder only counts as a conjunct: under $or or $not, or absent, nothing is substituted', () => {
    const rowsFor = (c: Record<string, unknown>) => (isPlaceholder(c) ? { rows: { id: { $eq: 1 } } } : undefined);
    expect(substituteRows({ $or: [PLACEHOLDER, { id: 2 }] }, rowsFor, TIME_ENTRY, context)).toBeUndefined();
    expect(substituteRows({ $not: PLACEHOLDER }, rowsFor, TIME_ENTRY, context)).toBeUndefined();
    expect(substituteRows({ id: { $eq: 3 } }, rowsFor, TIME_ENTRY, context)).toBeUndefined();
    expect(
      substituteRows({ $and: [{ $and: [PLACEHOLDER] }, { id: { $eq: 3 } }] }, rowsFor, TIME_ENTRY, context)
    ).toEqual({
      $and: [{ id: { $eq: 1 } }, { id: { $eq: 3 } }],
    });
  });

  it('withRows: an empty reader filter adds nothing, a filter nothing matches stays nothing', () => {
    expect(withRows({}, { id: { $eq: 1 } })).toEqual({ id: { $eq: 1 } });
    expect(withRows(undefined, null)).toBeNull();
    expect(withRows({ a: 1 }, { b: 2 })).toEqual({ $and: [{ a: 1 }, { b: 2 }] });
    const none = shapeRead(
      { filters: { id: { $eq: 1 } } },
      TIME_ENTRY,
      contextFor(actor('client', { projectIds: [] }), withCopies),
      false
    );
    expect(withRows(none.params.filters, none.rows)).toEqual({ id: { $null: true } });
  });
});

describe("a to-one relation's indexed copy read instead of the join (readIndexedCopies)", () => {
  const BUDGET = 'api::budget.budget';
  /** The time entry's indexed copies, and the copies' attributes, as the access service sees them at boot. */
  const indexed = (uid: string): ModelInfo | undefined => {
    const model = withCopies(uid);
    if (!model?.projectColumn) return model;
    const attributes = { ...model.attributes, portalProjectId: { type: 'integer', private: true } };
    return uid === TIME_ENTRY
      ? { ...model, attributes, indexedCopies: { budget: 'portalBudgetId', person: 'portalPersonId' } }
      : { ...model, attributes };
  };
  const context = contextFor(actor('client', { clientManager: true, projectIds: [11, 12] }), indexed);
  const subquery = (target: string, filter: Record<string, unknown>) => ({ select: 'id', from: target, where: filter });
  const read = (where: Record<string, unknown>) => readIndexedCopies(where, TIME_ENTRY, context, subquery);

  it("a Client Manager's entries of one budget read the budget copy, the budget's rows and the reader's condition in one subquery", () => {
    const shaped = shapeRead({ filters: { budget: { documentId: { $eq: 'b1' } } } }, TIME_ENTRY, context, false);
    const placed = substituteRows(
      withRows(shaped.params.filters, { $and: [{ documentId: { $eq: 'portal-rows:t' } }] }),
      (conjunct) =>
        (conjunct.documentId as { $eq: string })?.$eq === 'portal-rows:t' ? { rows: shaped.rows } : undefined,
      TIME_ENTRY,
      context
    );
    const budgetRows = {
      $and: [{ documentId: { $eq: 'b1' } }, { portalProjectId: { $in: [11, 12] } }, { clientAccess: { $eq: true } }],
    };
    const conjuncts = (read(placed as Record<string, unknown>) as { $and: unknown[] }).$and;
    expect(conjuncts).toContainEqual({ portalBudgetId: { $in: { select: 'id', from: BUDGET, where: budgetRows } } });
    expect(JSON.stringify(conjuncts)).not.toContain('"budget"');
    // The entry's own rows (its project, the trash and the hidden flag of its parents) stay as they were.
    expect(conjuncts).toHaveLength(1 + conjuncts.filter((part) => !('portalBudgetId' in (part as object))).length);
  });

  it('each indexed relation conjunct becomes its own subquery; the rest is left in its place', () => {
    expect(
      read({
        $and: [
          { budget: { id: { $in: [1, 2] } } },
          { person: { email: { $containsi: 'acme' }, archivedAt: { $gte: new Date(0) } } },
          { minutes: { $gt: 5 } },
        ],
      })
    ).toEqual({
      $and: [
        { portalBudgetId: { $in: subquery(BUDGET, { id: { $in: [1, 2] } }) } },
        {
          portalPersonId: {
            $in: subquery('plugin::users-permissions.user', {
              email: { $containsi: 'acme' },
              archivedAt: { $gte: new Date(0) },
            }),
          },
        },
        { minutes: { $gt: 5 } },
      ],
    });
    expect(read({ budget: { documentId: 'b1' } })).toEqual({
      portalBudgetId: { $in: subquery(BUDGET, { documentId: 'b1' }) },
    });
  });

  it('keeps the join wherever a row without the relation could match, or the condition leaves the target row', () => {
    const kept = [
      { budget: { name: { $null: true } } },
      { budget: { name: { $notNull: false } } },
      { budget: { documentId: { $eq: null } } },
      { budget: { documentId: null } },
      { budget: { name: { $ne: 'x' } } },
      { budget: { name: { $notIn: ['x'] } } },
      { budget: { $or: [{ name: { $eq: 'x' } }, { name: { $eq: 'y' } }] } },
      { budget: { $not: { name: { $eq: 'x' } } } },
      { budget: { project: { documentId: { $eq: 'p1' } } } },
      { budget: { name: { $in: ['x', null] } } },
      { budget: { name: ['x'] } },
      { budget: {} },
      { task: { documentId: { $eq: 't1' } } },
      { $or: [{ budget: { documentId: { $eq: 'b1' } } }, { minutes: { $eq: 1 } }] },
      { $not: { budget: { documentId: { $eq: 'b1' } } } },
    ];
    for (const where of kept) expect(read(where)).toBe(where);
    expect(
      readIndexedCopies(
        { budget: { id: { $eq: 1 } } },
        TIME_ENTRY,
        contextFor(actor('client', {}), withCopies),
        subquery
      )
    ).toEqual({
      budget: { id: { $eq: 1 } },
    });
    expect(read(null as unknown as Record<string, unknown>)).toBeNull();
  });

  it('namesIndexedCopy: whether a read has a copy to read, though it hands the hook no rows', () => {
    expect(namesIndexedCopy({ $and: [{ minutes: { $gt: 1 } }, { budget: { id: 1 } }] }, TIME_ENTRY, context)).toBe(
      true
    );
    expect(namesIndexedCopy({ task: { id: 1 } }, TIME_ENTRY, context)).toBe(false);
    expect(namesIndexedCopy({ $or: [{ budget: { id: 1 } }] }, TIME_ENTRY, context)).toBe(false);
    expect(namesIndexedCopy({ budget: { id: 1 } }, BUDGET, context)).toBe(false);
    expect(namesIndexedCopy(undefined, TIME_ENTRY, context)).toBe(false);
  });
});

describe('populated relations handed off too (placePopulate)', () => {
  const client = actor('client', { clientManager: true, projectIds: [11, 12] });
  const context = contextFor(client, withCopies);
  const PLACEHOLDER = { documentId: { $eq: 'portal-rows:t2' } };
  const isPlaceholder = (conjunct: Record<string, unknown>) => JSON.stringify(conjunct) === JSON.stringify(PLACEHOLDER);
  const reader = {
    populate: { comments: { filters: { body: { $containsi: 'go' } } }, assignees: { fields: ['firstName'] } },
  };

  /** Strapi's conversion of a populate level, as far as the hand-off reads it: filters → where, fields → select. */
  const converted = (populate: Record<string, Record<string, unknown>>): Record<string, Record<string, unknown>> =>
    Object.fromEntries(
      Object.entries(populate).map(([key, { filters, fields, populate: nested }]) => [
        key,
        {
          where: filters,
          ...(fields ? { select: ['id', 'documentId', ...(fields as string[])] } : {}),
          ...(nested ? { populate: converted(nested as Record<string, Record<string, unknown>>) } : {}),
        },
      ])
    );

  it('the parameters hold what the reader said and one placeholder per relation; the plan holds the rest', () => {
    const shaped = shapeRead(reader, 'api::task.task', context, false, undefined, PLACEHOLDER);
    const populate = shaped.params.populate as Record<string, Record<string, unknown>>;
    expect(shaped.params.fields).toBeUndefined();
    expect(populate.comments.filters).toEqual({ $and: [{ body: { $containsi: 'go' } }, PLACEHOLDER] });
    expect(populate.comments.fields).toBeUndefined();
    // The reader named the assignees' fields: Strapi validates and selects those, as without the rules.
    expect(populate.assignees.filters).toEqual(PLACEHOLDER);
    expect(populate.assignees.fields).toEqual(['firstName']);
    const inline = constrainRead(reader, 'api::task.task', context, false);
    const inlinePopulate = inline.populate as Record<string, Record<string, unknown>>;
    expect(shaped.select).toEqual(['id', 'documentId', ...(inline.fields as string[])]);
    expect(shaped.plan?.comments).toEqual({
      uid: 'api::comment.comment',
      component: false,
      rows: visibleRows(context.policy('api::comment.comment')),
      select: ['id', 'documentId', ...(inlinePopulate.comments.fields as string[])],
      populate: {},
    });
    expect(shaped.plan?.assignees.select).toBeUndefined();
  });

  it('placed into the populate Strapi built, each relation gets the filter constrainRead gives it', () => {
    const shaped = shapeRead(reader, 'api::task.task', context, false, undefined, PLACEHOLDER);
    const built = converted(shaped.params.populate as Record<string, Record<string, unknown>>);
    const placed = placePopulate(built, shaped.plan!, isPlaceholder, context);
    expect(placed.missing).toBe(0);
    const inline = constrainRead(reader, 'api::task.task', context, false).populate as Record<
      string,
      Record<string, unknown>
    >;
    const result = placed.populate as Record<string, Record<string, unknown>>;
    for (const relation of ['comments', 'assignees']) {
      const conjuncts = (filter: unknown): unknown[] =>
        filter && typeof filter === 'object' && '$and' in filter ? (filter as { $and: unknown[] }).$and : [filter];
      expect(conjuncts(result[relation].where)).toEqual(
        expect.arrayContaining(conjuncts(inline[relation].filters).filter((c) => JSON.stringify(c) !== '{}'))
      );
      expect(JSON.stringify(result[relation].where)).not.toContain('portal-rows');
    }
    expect(result.comments.select).toEqual(shaped.plan!.comments.select);
    expect(result.assignees.select).toEqual(['id', 'documentId', 'firstName']);
  });

  it('a level whose placeholder is not found counts as missing (the read then fails closed), nested levels too', () => {
    const shaped = shapeRead(
      { populate: { comments: { populate: { author: true } } } },
      'api::task.task',
      context,
      false,
      undefined,
      PLACEHOLDER
    );
    expect(Object.keys(shaped.plan!.comments.populate)).toEqual(['author']);
    const built = converted(shaped.params.populate as Record<string, Record<string, unknown>>);
    expect(placePopulate(built, shaped.plan!, isPlaceholder, context).missing).toBe(0);
    const lost = { comments: { ...built.comments, populate: { author: { where: {} } } } };
    expect(placePopulate(lost, shaped.plan!, isPlaceholder, context).missing).toBe(1);
    expect(placePopulate({}, shaped.plan!, isPlaceholder, context).missing).toBe(2);
    expect(placePopulate(undefined, shaped.plan!, isPlaceholder, context).missing).toBe(2);
  });

  it('a populate filter nothing can match stays in the parameters, and is not handed off', () => {
    const none = shapeRead(
      { populate: { comments: { filters: { $or: [] } } } },
      'api::task.task',
      contextFor(actor('client', { projectIds: [] }), withCopies),
      false,
      undefined,
      PLACEHOLDER
    );
    const comments = (none.params.populate as Record<string, Record<string, unknown>>).comments;
    expect(JSON.stringify(comments.filters)).not.toContain('portal-rows');
    expect(none.plan).toEqual({});
  });
});
