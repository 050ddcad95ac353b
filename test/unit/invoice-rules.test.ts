import {
  invoiceNumber,
  linesFor,
  sequenceOf,
  totalsOf,
  type BillableEntry,
} from '../../src/plugins/client-portal/server/src/access/invoice-rules';

const entry = (id: number, minutes: number, rateCents: number | null, task: BillableEntry['task']): BillableEntry => ({
  id,
  documentId: `e${id}`,
  minutes,
  rateCents,
  date: '2026-10-0' + id,
  note: `Note ${id}`,
  task,
});
const design = { id: 1, title: 'Design' };

describe('invoice lines and totals (SPEC §6)', () => {
  const entries = [
    entry(1, 90, 10000, design),
    entry(2, 20, 10000, design),
    entry(3, 1, 9999, design),
    entry(4, 30, null, null),
  ];

  it('groups time per task and rate, each entry rounded half up on its own', () => {
    const lines = linesFor(entries, [], 'task');
    expect(lines).toEqual([
      { description: 'Design', quantity: 1.83, unit: 'hour', unitPriceCents: 10000, amountCents: 15000 + 3333 },
      { description: 'Design', quantity: 0.02, unit: 'hour', unitPriceCents: 9999, amountCents: 167 },
      { description: 'Other work', quantity: 0.5, unit: 'hour', unitPriceCents: 0, amountCents: 0 },
    ]);
  });

  it('makes one line per entry, and one per expense, when asked', () => {
    const lines = linesFor(
      entries.slice(0, 1),
      [{ id: 9, documentId: 'x', amountCents: 4900, description: 'Fonts', date: '2026-10-05' }],
      'entry'
    );
    expect(lines).toEqual([
      {
        description: '2026-10-01 — Design — Note 1',
        quantity: 1.5,
        unit: 'hour',
        unitPriceCents: 10000,
        amountCents: 15000,
        timeEntry: 1,
      },
      {
        description: '2026-10-05 — Fonts',
        quantity: 1,
        unit: 'item',
        unitPriceCents: 4900,
        amountCents: 4900,
        expense: 9,
      },
    ]);
  });

  it('rounds tax half up once, on the subtotal', () => {
    expect(totalsOf([{ amountCents: 18333 }, { amountCents: 167 }], 1900)).toEqual({
      subtotalCents: 18500,
      taxCents: 3515,
      totalCents: 22015,
    });
    expect(totalsOf([{ amountCents: 50 }], 1000)).toEqual({ subtotalCents: 50, taxCents: 5, totalCents: 55 });
    expect(totalsOf([{ amountCents: 5 }], 1000)).toEqual({ subtotalCents: 5, taxCents: 1, totalCents: 6 });
    expect(totalsOf([{ amountCents: 4 }], 1000)).toEqual({ subtotalCents: 4, taxCents: 0, totalCents: 4 });
    expect(totalsOf([], 1900)).toEqual({ subtotalCents: 0, taxCents: 0, totalCents: 0 });
  });

  it('numbers invoices INV-YYYY-NNNN', () => {
    expect(invoiceNumber(2026, 1)).toBe('INV-2026-0001');
    expect(invoiceNumber(2026, 12345)).toBe('INV-2026-12345');
    expect(sequenceOf('INV-2026-0042')).toBe(42);
    expect(sequenceOf(null)).toBe(0);
    expect(sequenceOf('garbage')).toBe(0);
  });
});
