import {
  estimateNumber,
  estimateSequenceOf,
  estimateTotals,
  isPastValidity,
  lineAmount,
} from '../../src/plugins/client-portal/server/src/access/estimate-rules';
import { policyFor, type ModelInfo } from '../../src/plugins/client-portal/server/src/access/rules';
import {
  accessDeclarationSchema,
  readDeclaration,
} from '../../src/plugins/client-portal/server/src/access/declaration';
import type { Actor } from '../../src/plugins/client-portal/server/src/access/actor';

describe('estimate amounts and totals (docs/time-budgets-invoices.md#estimates)', () => {
  it('rounds quantity × unit price half up to a cent, without float drift', () => {
    expect(lineAmount(1.5, 10001)).toBe(15002); // 150.015 → 150.02
    expect(lineAmount(1.005, 100)).toBe(101); // 100.5 → 101, where 1.005 * 100 in floats is 100.49999…
    expect(lineAmount(0.333, 1)).toBe(0);
    expect(lineAmount('2.5', '333')).toBe(833); // 832.5 → 833: decimals arrive as strings from some databases
    expect(lineAmount(0, 99999)).toBe(0);
    expect(lineAmount(3, 123457)).toBe(370371);
  });

  it('refuses what is no amount', () => {
    expect(lineAmount(-1, 100)).toBeNull();
    expect(lineAmount(1, -100)).toBeNull();
    expect(lineAmount(1, 1.5)).toBeNull();
    expect(lineAmount('abc', 100)).toBeNull();
    expect(lineAmount(1e12, Number.MAX_SAFE_INTEGER)).toBeNull();
  });

  it('counts the lines, then tax half up once on the subtotal', () => {
    const counted = estimateTotals(
      [
        { description: 'a', quantity: 1.5, unitPriceCents: 10001, amountCents: 1 },
        { description: 'b', quantity: 3, unitPriceCents: 333 },
      ],
      1900
    );
    expect(counted?.lines.map((line) => line.amountCents)).toEqual([15002, 999]);
    expect(counted?.lines[0].description).toBe('a');
    expect(counted).toMatchObject({ subtotalCents: 16001, taxCents: 3040, totalCents: 19041 });
    expect(estimateTotals([{ quantity: 1, unitPriceCents: 50 }], 1000)).toMatchObject({ taxCents: 5, totalCents: 55 });
    expect(estimateTotals([], 1900)).toMatchObject({ subtotalCents: 0, taxCents: 0, totalCents: 0 });
    expect(estimateTotals([{ quantity: 'x', unitPriceCents: 1 }], 0)).toBeNull();
  });

  it('numbers EST-year-0001, four digits at least', () => {
    expect(estimateNumber(2026, 1)).toBe('EST-2026-0001');
    expect(estimateNumber(2026, 12345)).toBe('EST-2026-12345');
    expect(estimateSequenceOf('EST-2026-0042')).toBe(42);
    expect(estimateSequenceOf('INV-2026-0042')).toBe(0);
    expect(estimateSequenceOf(null)).toBe(0);
  });

  it('is valid through its validUntil day', () => {
    expect(isPastValidity('2026-12-06', '2026-12-06')).toBe(false);
    expect(isPastValidity('2026-12-05', '2026-12-06')).toBe(true);
    expect(isPastValidity(null, '2026-12-06')).toBe(false);
  });
});

describe('amounts: a declaration list between clientRead and financial', () => {
  const attributes = {
    title: { type: 'string' },
    totalCents: { type: 'integer' },
    rateCents: { type: 'integer' },
  };
  const model: ModelInfo = {
    uid: 'api::offer.offer',
    attributes,
    access: accessDeclarationSchema.parse({
      clientManagerRead: ['title', 'totalCents', 'rateCents'],
      amounts: ['totalCents'],
      financial: ['rateCents'],
    }),
  };
  const actor = (role: Actor['role'], flags: Partial<Actor> = {}): Actor => ({
    id: 1,
    documentId: 'p1',
    role,
    companyId: 1,
    canManageProjects: false,
    canManageFinances: false,
    clientManager: false,
    ...flags,
  });
  const policy = (person: Actor) => policyFor(person, model, () => undefined);

  it('is read by finance staff and listed clients, never by other staff', () => {
    expect(policy(actor('owner')).readable.has('totalCents')).toBe(true);
    expect(policy(actor('member', { canManageFinances: true })).readable.has('totalCents')).toBe(true);
    expect(policy(actor('member')).readable.has('totalCents')).toBe(false);
    expect(policy(actor('member', { canManageProjects: true })).readable.has('totalCents')).toBe(false);
    expect(policy(actor('member')).readable.has('title')).toBe(true);
    const manager = policy(actor('client', { clientManager: true }));
    expect(manager.readable.has('totalCents')).toBe(true);
    // Financial stays hidden from every client, whatever the lists say.
    expect(manager.readable.has('rateCents')).toBe(false);
    expect(policy(actor('client')).readable.has('totalCents')).toBe(false);
  });

  it('is written only by finance staff', () => {
    expect(policy(actor('owner')).writable.has('totalCents')).toBe(true);
    expect(policy(actor('member')).writable.has('totalCents')).toBe(false);
    expect(policy(actor('client', { clientManager: true })).writable.has('totalCents')).toBe(false);
  });

  it('names existing attributes', () => {
    expect(() => readDeclaration('api::offer.offer', { 'client-portal': { amounts: ['nope'] } }, attributes)).toThrow(
      /amounts names unknown attributes: nope/
    );
  });
});
