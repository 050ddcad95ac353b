import de from '../../src/plugins/client-portal/admin/src/translations/de.json';
import en from '../../src/plugins/client-portal/admin/src/translations/en.json';
import {
  burnSeries,
  canSetClientAccess,
  forecast,
  formatDay,
  formatHours,
  generatePayload,
  invoiceActions,
  invoiceListQuery,
  lastMonth,
  percentToBasisPoints,
  searchBudgets,
  usedPercent,
} from '../../src/plugins/client-portal/admin/src/utils/money-logic';

describe('hours and days', () => {
  it('formats hours and calendar days without a time zone shift', () => {
    expect(formatHours(90, 'en')).toBe('1.5 h');
    expect(formatHours(90, 'de')).toBe('1,5 h');
    expect(formatDay('2026-11-01', 'en')).toBe('Nov 1, 2026');
    expect(formatDay(null, 'en')).toBe('—');
  });
});

describe('burn series', () => {
  it('is cumulative, sorted, and starts from zero the day before the first work', () => {
    const series = burnSeries(
      [
        { date: '2026-11-03', minutes: 60, cents: 10000 },
        { date: '2026-11-02', minutes: 30, cents: 5000 },
      ],
      50000
    );
    expect(series).toEqual([
      { date: '2026-11-01', usedCents: 0, usedMinutes: 0, amountCents: 50000 },
      { date: '2026-11-02', usedCents: 5000, usedMinutes: 30, amountCents: 50000 },
      { date: '2026-11-03', usedCents: 15000, usedMinutes: 90, amountCents: 50000 },
    ]);
  });
  it('starts on the budget start when earlier, merges a repeated day, and is empty without work', () => {
    const series = burnSeries(
      [
        { date: '2026-11-05', minutes: 60, cents: 100 },
        { date: '2026-11-05', minutes: 60, cents: 100 },
      ],
      1000,
      '2026-10-01'
    );
    expect(series.map((point) => [point.date, point.usedCents])).toEqual([
      ['2026-10-01', 0],
      ['2026-11-05', 200],
    ]);
    expect(burnSeries([], 1000)).toEqual([]);
  });
  it('carries the total on to today', () => {
    const series = burnSeries([{ date: '2026-11-05', minutes: 60, cents: 100 }], 1000, null, '2026-11-29');
    expect(series.map((point) => [point.date, point.usedCents])).toEqual([
      ['2026-11-04', 0],
      ['2026-11-05', 100],
      ['2026-11-29', 100],
    ]);
    expect(burnSeries([{ date: '2026-11-05', minutes: 60, cents: 100 }], 1000, null, '2026-11-05')).toHaveLength(2);
  });
});

describe('forecast at the current pace', () => {
  const base = { amountCents: 100000, startsOn: '2026-11-01', today: '2026-11-10' };
  it('names the day the budget runs out', () => {
    // 10 days, 20 000 used: 2 000 a day, 80 000 left → 40 more days.
    expect(forecast({ ...base, usedCents: 20000 })).toEqual({ kind: 'runsOut', date: '2026-12-20' });
  });
  it('says within budget when that day is after the budget ends', () => {
    expect(forecast({ ...base, usedCents: 20000, endsOn: '2027-01-31' })).toEqual({
      kind: 'runsOut',
      date: '2026-12-20',
    });
    expect(forecast({ ...base, usedCents: 20000, endsOn: '2026-11-30' })).toEqual({ kind: 'within' });
  });
  it('knows a used-up budget and one without work', () => {
    expect(forecast({ ...base, usedCents: 100000 })).toEqual({ kind: 'exhausted' });
    expect(forecast({ ...base, usedCents: 120000 })).toEqual({ kind: 'exhausted' });
    expect(forecast({ ...base, usedCents: 0 })).toEqual({ kind: 'none' });
    expect(forecast({ ...base, usedCents: 0, endsOn: '2026-12-31' })).toEqual({ kind: 'within' });
  });
  it('counts from the first work when the budget has no start', () => {
    expect(forecast({ amountCents: 1000, usedCents: 500, firstWork: '2026-11-10', today: '2026-11-10' })).toEqual({
      kind: 'runsOut',
      date: '2026-11-11',
    });
  });
  it('gives the used share, capped', () => {
    expect(usedPercent(2500, 10000)).toBe(25);
    expect(usedPercent(20000, 10000)).toBe(100);
    expect(usedPercent(1, 0)).toBeNull();
  });
});

describe('client access switch', () => {
  const person = (role: string, extra: Partial<{ id: number; canManageFinances: boolean }> = {}) => ({
    id: 7,
    role,
    canManageFinances: false,
    ...extra,
  });
  it('is for Owners, Member+ F and the project leader only', () => {
    expect(canSetClientAccess(person('owner'), null)).toBe(true);
    expect(canSetClientAccess(person('member', { canManageFinances: true }), null)).toBe(true);
    expect(canSetClientAccess(person('member'), 7)).toBe(true);
    expect(canSetClientAccess(person('member'), 8)).toBe(false);
    expect(canSetClientAccess(person('client-plus'), 7)).toBe(false);
    expect(canSetClientAccess(null, 7)).toBe(false);
  });
});

describe('invoices', () => {
  it('builds the list query from the filters', () => {
    const query = decodeURIComponent(invoiceListQuery({ state: 'issued', company: 'abc', page: 2, pageSize: 10 }));
    expect(query).toContain('filters[state][$eq]=issued');
    expect(query).toContain('filters[company][documentId][$eq]=abc');
    expect(query).toContain('pagination[page]=2');
    expect(query).toContain('pagination[pageSize]=10');
    const all = decodeURIComponent(invoiceListQuery({ state: null, company: null, page: 1, pageSize: 10 }));
    expect(all).not.toContain('filters');
  });
  it('offers the actions each state allows', () => {
    expect(invoiceActions('draft')).toEqual({ edit: true, issue: true, markPaid: false, void: true });
    expect(invoiceActions('issued')).toEqual({ edit: false, issue: false, markPaid: true, void: true });
    expect(invoiceActions('paid')).toEqual({ edit: false, issue: false, markPaid: false, void: false });
    expect(invoiceActions('void')).toEqual({ edit: false, issue: false, markPaid: false, void: false });
  });
  it('reads a tax rate in percent', () => {
    expect(percentToBasisPoints('19')).toBe(1900);
    expect(percentToBasisPoints('7,5')).toBe(750);
    expect(percentToBasisPoints('0')).toBe(0);
    expect(percentToBasisPoints('101')).toBeNull();
    expect(percentToBasisPoints('abc')).toBeNull();
  });
  it('validates the generate form', () => {
    const form = {
      project: 'p1',
      from: '2026-11-01',
      to: '2026-11-30',
      grouping: 'task',
      taxRate: '19',
      includeExpenses: true,
    };
    expect(generatePayload(form)).toEqual({
      ok: true,
      body: {
        project: 'p1',
        from: '2026-11-01',
        to: '2026-11-30',
        grouping: 'task',
        includeExpenses: true,
        taxRateBasisPoints: 1900,
      },
    });
    expect(generatePayload({ ...form, project: '', from: '2026-12-01', taxRate: 'x' })).toEqual({
      ok: false,
      errors: { project: 'required', to: 'order', taxRate: 'rate' },
    });
  });
  it('proposes last month as the period', () => {
    expect(lastMonth('2026-11-29')).toEqual({ from: '2026-10-01', to: '2026-10-31' });
    expect(lastMonth('2026-01-15')).toEqual({ from: '2025-12-01', to: '2025-12-31' });
  });
});

describe('translations of the money pages', () => {
  it('has every key in English and German', () => {
    const keys = (messages: Record<string, string>) =>
      Object.keys(messages).filter((key) => /^(money|invoices)\./.test(key));
    expect(keys(de).sort()).toEqual(keys(en).sort());
    expect(keys(en).length).toBeGreaterThan(50);
  });
});

describe('searching the Budgets page', () => {
  const budget = (name: string) => ({
    documentId: name,
    name,
    kind: 'fixed',
    currency: 'EUR',
    amountCents: 100,
    clientAccess: false,
    usedCents: 0,
    remainingCents: 100,
  });
  const project = (name: string, company: string | null, budgets: string[]) => ({
    documentId: name,
    name,
    company,
    leaderId: null,
    clientManagers: [],
    budgets: budgets.map(budget),
  });
  const projects = [
    project('Website', 'Acme', ['Design', 'Build']),
    project('Shop', 'Globex', ['Launch campaign']),
    project('Intranet', null, []),
  ];
  const names = (found: ReturnType<typeof searchBudgets>) =>
    found.map((row) => `${row.name}: ${row.budgets.map((item) => item.name).join(', ')}`);

  it('keeps projects with budgets; a project or company match keeps all its budgets', () => {
    expect(names(searchBudgets(projects, ''))).toEqual(['Website: Design, Build', 'Shop: Launch campaign']);
    expect(names(searchBudgets(projects, 'acme'))).toEqual(['Website: Design, Build']);
    expect(names(searchBudgets(projects, ' SHOP '))).toEqual(['Shop: Launch campaign']);
  });
  it('narrows a project to the budgets whose name matches', () => {
    expect(names(searchBudgets(projects, 'build'))).toEqual(['Website: Build']);
    expect(names(searchBudgets(projects, 'intranet'))).toEqual([]);
    expect(names(searchBudgets(projects, 'nothing like it'))).toEqual([]);
  });
});
