import { isFlat } from '../../src/plugins/client-portal/server/src/utils/aggregate';

const attributes = {
  id: { type: 'increments', columnName: 'id' },
  date: { type: 'date', columnName: 'date' },
  state: { type: 'string', columnName: 'state' },
  portalProjectId: { type: 'integer', columnName: 'portal_project_id' },
  budget: {
    type: 'relation',
    joinTable: { name: 'b_lnk', joinColumn: { name: 'e_id' }, inverseJoinColumn: { name: 'b_id' } },
  },
};

describe('aggregates compile flat filters onto their own query', () => {
  it('take filters on the row’s own columns, through $and / $or / $not, as flat', () => {
    expect(isFlat(attributes, null)).toBe(true);
    expect(isFlat(attributes, { date: { $gte: '2026-01-01' }, state: 'approved' })).toBe(true);
    expect(
      isFlat(attributes, {
        $and: [{ portalProjectId: { $in: [1, 2] } }, { $or: [{ id: 3 }, { $not: { state: 'rejected' } }] }],
      })
    ).toBe(true);
  });

  it('take any relation, unknown key or unknown shape as needing the subquery', () => {
    expect(isFlat(attributes, { budget: { id: { $eq: 1 } } })).toBe(false);
    expect(isFlat(attributes, { $and: [{ state: 'approved' }, { budget: { id: 1 } }] })).toBe(false);
    expect(isFlat(attributes, { $or: [{ $not: { budget: { id: 1 } } }] })).toBe(false);
    expect(isFlat(attributes, { nope: 1 })).toBe(false);
    expect(isFlat(attributes, { $where: 'true' })).toBe(false);
    expect(isFlat(attributes, 'state')).toBe(false);
  });
});
