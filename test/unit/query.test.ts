import { actor } from './actor-fixture';
import {
  constrainRead,
  mergeToOneRelations,
  type QueryContext,
} from '../../src/plugins/client-portal/server/src/access/query';
import { policyFor, type ModelInfo } from '../../src/plugins/client-portal/server/src/access/rules';
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
