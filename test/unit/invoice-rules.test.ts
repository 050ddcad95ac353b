import {
  invoiceNumber,
  linesFor,
  sequenceOf,
  totalsOf,
  type BillableEntry,
} from '../../src/plugins/client-portal/server/src/access/invoice-rules';

const entry = (
  id: number,
  minutes: number,
  rateCents: number | null,
  task: BillableEntry['task'],
  budget: BillableEntry['budget'] = null
): BillableEntry => ({
  id,
  documentId: `e${id}`,
  minutes,
  rateCents,
  date: '2026-10-0' + id,
  note: `Note ${id}`,
  task,
  budget,
});
const design = { id: 1, title: 'Design' };
const PROJECT = 'Website';

describe('invoice lines and totals', () => {
  const entries = [
    entry(1, 90, 10000, design),
    entry(2, 20, 10000, design),
    entry(3, 1, 9999, design),
    entry(4, 30, null, null),
  ];

  it('groups time per task and rate, each entry rounded half up on its own', () => {
    const lines = linesFor(entries, [], 'task', PROJECT);
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
      'entry',
      PROJECT
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

  describe('work on hidden or trashed tasks', () => {
    const secret = { id: 2, title: 'SECRET pitch for the competitor', hiddenFromClients: true, deletedAt: null };
    const trashed = { id: 3, title: 'TRASHED spike', hiddenFromClients: false, deletedAt: '2026-10-09T10:00:00Z' };
    const phase = { id: 7, name: 'Design phase' };
    const work = [
      entry(1, 60, 10000, design, phase),
      entry(2, 90, 10000, secret, phase),
      entry(3, 30, 10000, trashed, phase),
      entry(4, 45, 8000, secret, phase),
      entry(5, 15, 10000, secret, null),
    ];

    it.each(['task', 'entry'] as const)('never lends a title or note to a line (grouped by %s)', (grouping) => {
      const lines = linesFor(work, [], grouping, PROJECT);
      const text = JSON.stringify(lines);
      for (const leak of ['SECRET', 'TRASHED', 'Note 2', 'Note 3', 'Note 4', 'Note 5'])
        expect(text).not.toContain(leak);
      expect(lines.slice(1)).toEqual([
        {
          description: 'Design phase — further work',
          quantity: 2,
          unit: 'hour',
          unitPriceCents: 10000,
          amountCents: 20000,
        },
        {
          description: 'Design phase — further work',
          quantity: 0.75,
          unit: 'hour',
          unitPriceCents: 8000,
          amountCents: 6000,
        },
        {
          description: 'Website — further work',
          quantity: 0.25,
          unit: 'hour',
          unitPriceCents: 10000,
          amountCents: 2500,
        },
      ]);
    });

    it('bills every minute: the lines add up to the same total as itemising everything', () => {
      const all = linesFor(work, [], 'task', PROJECT).reduce((sum, line) => sum + line.amountCents, 0);
      expect(all).toBe(10000 + 15000 + 5000 + 6000 + 2500);
    });
  });

  describe('work on budget services (docs/time-budgets-invoices.md#budget-services)', () => {
    const phase = { id: 7, name: 'Design phase' };
    const ux = { id: 1, name: 'UX' };
    const visual = { id: 2, name: 'Visual' };
    const secret = { id: 2, title: 'SECRET', hiddenFromClients: true, deletedAt: null };
    const on = (base: BillableEntry, service: BillableEntry['service']): BillableEntry => ({ ...base, service });
    const work = [
      on(entry(1, 60, 10000, design, phase), ux),
      on(entry(2, 30, 10000, design, phase), visual),
      on(entry(3, 30, 10000, design, phase), ux),
      entry(4, 15, 10000, design, phase),
      on(entry(5, 45, 10000, secret, phase), ux),
      on(entry(6, 20, 10000, secret, phase), visual),
      entry(7, 10, 10000, secret, phase),
    ];

    it('never puts two services on one line, itemised or not, and names the service on each', () => {
      expect(linesFor(work, [], 'task', PROJECT)).toEqual([
        {
          description: 'Design',
          quantity: 1.5,
          unit: 'hour',
          unitPriceCents: 10000,
          amountCents: 15000,
          service: 'UX',
        },
        {
          description: 'Design',
          quantity: 0.5,
          unit: 'hour',
          unitPriceCents: 10000,
          amountCents: 5000,
          service: 'Visual',
        },
        { description: 'Design', quantity: 0.25, unit: 'hour', unitPriceCents: 10000, amountCents: 2500 },
        {
          description: 'Design phase — UX — further work',
          quantity: 0.75,
          unit: 'hour',
          unitPriceCents: 10000,
          amountCents: 7500,
          service: 'UX',
        },
        {
          description: 'Design phase — Visual — further work',
          quantity: 0.33,
          unit: 'hour',
          unitPriceCents: 10000,
          amountCents: 3333,
          service: 'Visual',
        },
        {
          description: 'Design phase — further work',
          quantity: 0.17,
          unit: 'hour',
          unitPriceCents: 10000,
          amountCents: 1667,
        },
      ]);
    });

    it('carries the service on lines per entry and on expenses', () => {
      const lines = linesFor(
        work.slice(0, 1),
        [{ id: 9, documentId: 'x', amountCents: 4900, description: 'Fonts', date: '2026-10-05', service: visual }],
        'entry',
        PROJECT
      );
      expect(lines.map((line) => [line.description, line.service])).toEqual([
        ['2026-10-01 — Design — Note 1', 'UX'],
        ['2026-10-05 — Fonts', 'Visual'],
      ]);
    });
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
