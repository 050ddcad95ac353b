import { checkOperands, OperandError } from '../../src/plugins/client-portal/server/src/access/operands';

const refusal = (type: string | undefined, value: unknown) => {
  try {
    checkOperands(type, value, 'filters.x');
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(OperandError);
    return (error as OperandError).message;
  }
};

describe('filter values that fit their column', () => {
  it.each([
    ['id', { $eq: '12' }],
    ['id', '12'],
    ['integer', { $in: ['1', '2'] }],
    ['integer', { $between: ['1', '20'] }],
    ['integer', { $not: { $eq: '3' } }],
    ['integer', { $null: 'true' }],
    ['float', { $gt: '1.5' }],
    ['boolean', { $eq: 'false' }],
    ['date', { $gte: '2026-11-01' }],
    ['datetime', { $lt: '2026-11-01T10:00:00Z' }],
    ['string', { $containsi: 'abc' }],
    ['enumeration', { $in: ['draft', 'issued'] }],
  ])('accepts %s %j', (type, value) => {
    expect(refusal(type, value)).toBeNull();
  });

  it.each([
    ['id', { $eq: 'abc' }, 'filters.x.$eq must be a whole number'],
    ['id', 'abc', 'filters.x must be a whole number'],
    ['integer', { $eq: '99999999999' }, 'filters.x.$eq must be a whole number'],
    ['integer', { $eq: { $eq: '1' } }, 'filters.x.$eq must be a single value, not a list or an object'],
    ['integer', { $between: '1' }, 'filters.x.$between must be a list of two values'],
    ['integer', { $in: ['1', 'x'] }, 'filters.x.$in.1 must be a whole number'],
    ['boolean', { $eq: 'maybe' }, 'filters.x.$eq must be true or false'],
    ['datetime', { $gt: 'not-a-date' }, 'filters.x.$gt must be a date and time'],
    ['date', { $eq: '2026-13-45' }, 'filters.x.$eq must be a date (YYYY-MM-DD)'],
    ['string', { $null: 'perhaps' }, 'filters.x.$null must be true or false'],
    ['string', { $like: '%' }, 'filters.x.$like: "$like" is not a filter operator'],
    ['string', { $not: 'x' }, 'filters.x.$not must be a filter'],
  ])('refuses %s %j', (type, value, message) => {
    expect(refusal(type, value)).toBe(message);
  });
});
