import en from '../../src/plugins/client-portal/admin/src/translations/en.json';
import de from '../../src/plugins/client-portal/admin/src/translations/de.json';
import { describeError } from '../../src/plugins/client-portal/admin/src/utils/logic';
import {
  budgetsByCurrency,
  budgetsOver,
  budgetTotals,
  csvFileName,
  currentWeek,
  formatMajor,
  reportAccess,
  reportPath,
  roleLabel,
  timeChartData,
  timeLabel,
  timeTotals,
  uninvoicedTotals,
  usedPercent,
  type BudgetReportRow,
} from '../../src/plugins/client-portal/admin/src/utils/report-logic';
import type { StaffSession } from '../../src/plugins/client-portal/shared/contracts';

const person = (role: NonNullable<StaffSession['person']>['role'], p = false, f = false) => ({
  id: 1,
  documentId: 'p1',
  email: 'p@agency.test',
  name: 'Pat',
  role,
  canManageProjects: p,
  canManageFinances: f,
});

const budget = (extra: Partial<BudgetReportRow>): BudgetReportRow => ({
  budget: 'b',
  name: 'Design',
  project: 'Website',
  currency: 'EUR',
  amountCents: 100_00,
  usedCents: 50_00,
  remainingCents: 50_00,
  costCents: 20_00,
  profitCents: 30_00,
  marginPercent: 60,
  mixedCurrencies: false,
  ...extra,
});

describe('report access (roles-and-capabilities.md "reports")', () => {
  it('gives the Owner all, Member+ P time, Member+ F financial, everyone else nothing', () => {
    expect(reportAccess({ acting: 'owner', person: person('owner') })).toEqual({ time: true, financial: true });
    expect(reportAccess({ acting: 'linked', person: person('owner') })).toEqual({ time: true, financial: true });
    expect(reportAccess({ acting: 'linked', person: person('member', true) })).toEqual({
      time: true,
      financial: false,
    });
    expect(reportAccess({ acting: 'linked', person: person('member', false, true) })).toEqual({
      time: false,
      financial: true,
    });
    expect(reportAccess({ acting: 'linked', person: person('member') })).toEqual({ time: false, financial: false });
    expect(reportAccess({ acting: 'linked', person: person('client-plus', true, true) })).toEqual({
      time: false,
      financial: false,
    });
    expect(reportAccess({ acting: 'unlinked', person: null })).toEqual({ time: false, financial: false });
    expect(reportAccess(undefined)).toEqual({ time: false, financial: false });
  });

  it('names the role the admin acts as', () => {
    expect(roleLabel(person('owner'))).toBe('Owner');
    expect(roleLabel(person('member'))).toBe('Member');
    expect(roleLabel(person('member', true))).toBe('Member+ P');
    expect(roleLabel(person('member', false, true))).toBe('Member+ F');
    expect(roleLabel(person('member', true, true))).toBe('Member+ P F');
    expect(roleLabel(person('client-plus'))).toBe('Client+');
    expect(roleLabel(null)).toBe('');
  });
});

describe('time report', () => {
  const rows = [
    { project: 'a', name: 'Website', minutes: 90, billableMinutes: 60 },
    { project: 'b', name: '', minutes: 45, billableMinutes: 0 },
  ];
  it('labels, charts in hours and totals in minutes', () => {
    expect(timeLabel(rows[0], 'project')).toBe('Website');
    expect(timeLabel(rows[1], 'project')).toBe('—');
    expect(timeLabel({ month: '2026-11', minutes: 1, billableMinutes: 0 }, 'month')).toBe('2026-11');
    expect(timeChartData(rows, 'project')).toEqual([
      { label: 'Website', hours: 1.5, billableHours: 1 },
      { label: '—', hours: 0.75, billableHours: 0 },
    ]);
    expect(timeTotals(rows)).toEqual({ minutes: 135, billableMinutes: 60 });
    expect(timeTotals([])).toEqual({ minutes: 0, billableMinutes: 0 });
  });
});

describe('money', () => {
  it('formats minor units in the locale with the currency, never cents', () => {
    expect(formatMajor(1234.5, 'USD', 'en')).toBe('$1,235');
    expect(formatMajor(1234.5, 'USD', 'en', false)).toBe('$1,234.50');
  });

  it('groups budgets per currency with totals; mixed-currency rows count for the amount only', () => {
    const rows = [
      budget({ budget: 'b1' }),
      budget({ budget: 'b2', currency: 'USD', amountCents: 1000 }),
      budget({
        budget: 'b3',
        usedCents: null,
        remainingCents: null,
        costCents: null,
        profitCents: null,
        mixedCurrencies: true,
      }),
    ];
    const groups = budgetsByCurrency(rows);
    expect(groups.map((group) => group.currency)).toEqual(['EUR', 'USD']);
    expect(groups[0].totals).toEqual({
      amountCents: 200_00,
      usedCents: 50_00,
      remainingCents: 50_00,
      costCents: 20_00,
      profitCents: 30_00,
    });
    expect(groups[0].chart[0]).toEqual({ label: 'Website · Design', amount: 100, used: 50, cost: 20 });
    expect(groups[0].chart[1].used).toBeNull();
    expect(budgetTotals([])).toEqual({ amountCents: 0, usedCents: 0, remainingCents: 0, costCents: 0, profitCents: 0 });
  });
});

describe('home widgets', () => {
  it('picks budgets at or over 80 %, most used first', () => {
    const summaries = [
      { name: 'a', amountCents: 1000, usedCents: 799 },
      { name: 'b', amountCents: 1000, usedCents: 800 },
      { name: 'c', amountCents: 1000, usedCents: 1500 },
      { name: 'd', amountCents: 0, usedCents: 10 },
    ];
    expect(budgetsOver(summaries).map((row) => [row.name, row.percent])).toEqual([
      ['c', 150],
      ['b', 80],
    ]);
    expect(usedPercent({ amountCents: 0, usedCents: 5 })).toBeNull();
    expect(usedPercent({ amountCents: 300, usedCents: 100 })).toBe(33);
  });

  it('sums uninvoiced work per currency', () => {
    const row = { project: 'p', name: 'P', minutes: 60, timeCents: 100, expensesCents: 50, mixedCurrencies: false };
    expect(
      uninvoicedTotals([
        { ...row, currency: 'EUR', totalCents: 150 },
        { ...row, currency: 'EUR', totalCents: 50 },
        { ...row, currency: 'USD', totalCents: 7 },
      ])
    ).toEqual([
      { currency: 'EUR', totalCents: 200, minutes: 120, projects: 2 },
      { currency: 'USD', totalCents: 7, minutes: 60, projects: 1 },
    ]);
  });

  it('knows the current ISO week (Monday to Sunday)', () => {
    expect(currentWeek(new Date('2026-11-29T08:00:00Z'))).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    expect(currentWeek(new Date('2026-11-23T00:00:00Z'))).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    expect(currentWeek(new Date('2026-12-31T23:59:00Z'))).toEqual({ from: '2026-12-28', to: '2027-01-03' });
  });
});

describe('report paths and errors', () => {
  it('builds the REST paths and CSV names', () => {
    expect(reportPath('time', { groupBy: 'person' })).toBe('/reports/time?groupBy=person');
    expect(reportPath('time', { from: '2026-11-01', to: '2026-11-30', groupBy: 'month', format: 'csv' })).toBe(
      '/reports/time?from=2026-11-01&to=2026-11-30&groupBy=month&format=csv'
    );
    expect(reportPath('budgets')).toBe('/reports/budgets');
    expect(csvFileName('time', { groupBy: 'person', from: '2026-11-01' })).toBe('time-by-person-2026-11-01.csv');
    expect(csvFileName('budgets')).toBe('budgets.csv');
  });

  it('never shows "Policy Failed" and explains an unlinked admin', () => {
    const policy = { response: { data: { error: { status: 403, message: 'Policy Failed' } } } };
    expect(describeError(policy).message).not.toContain('Policy Failed');
    expect(describeError(policy).message).toMatch(/permission/);
    const unlinked = { response: { data: { error: { message: 'x', details: { code: 'ADMIN_NOT_LINKED' } } } } };
    expect(describeError(unlinked).message).toMatch(/not linked to a person of the agency/);
  });

  it('has every new string in English and German', () => {
    const keys = Object.keys(en).filter((key) => /^(reports|widgets|staff|nav)\./.test(key));
    expect(keys.length).toBeGreaterThan(30);
    keys.forEach((key) => expect((de as Record<string, string>)[key]).toBeTruthy());
    expect(Object.keys(de).sort()).toEqual(Object.keys(en).sort());
  });
});
