import en from '../../src/plugins/client-portal/admin/src/translations/en.json';
import { previewPaths } from '../../src/plugins/client-portal/admin/src/utils/logic';
import {
  allSucceeded,
  budgetColumns,
  classify,
  expenseColumns,
  failureText,
  humanize,
  invoiceColumns,
  outcomeOf,
  parseBody,
  projectFacts,
  rowsOf,
  summaryPath,
  taskColumns,
  timeColumns,
  type Column,
  type Label,
  type PreviewFailure,
  type Row,
} from '../../src/plugins/client-portal/admin/src/utils/preview-logic';

/** The English strings, as react-intl would format them (only `{name}` placeholders are needed here). */
const label: Label = (id, fallback, values = {}) =>
  ((en as Record<string, string>)[id] ?? fallback).replace(/\{(\w+)\}/g, (_, key) => String(values[key] ?? ''));
const format = { locale: 'en-GB', label };
const cells = (columns: Column[], row: Row) =>
  Object.fromEntries(columns.map((column) => [column.id, column.cell(row)]));

describe('view as client logic', () => {
  it('replays every section of one project through content-API paths', () => {
    const paths = previewPaths('abc');
    expect(Object.keys(paths)).toEqual([
      'project',
      'tasks',
      'discussions',
      'documents',
      'budgets',
      'time',
      'expenses',
      'invoices',
    ]);
    expect(paths.project).toBe('/api/projects/abc');
    for (const [name, path] of Object.entries(paths)) {
      expect(path.startsWith('/api/')).toBe(true);
      if (name !== 'project') expect(path).toContain('filters[project][documentId][$eq]=abc');
    }
    expect(paths.invoices.startsWith('/api/invoices?')).toBe(true);
    expect(paths.expenses.startsWith('/api/expenses?')).toBe(true);
    expect(summaryPath('b1')).toBe('/api/budgets/b1/summary');
    expect(previewPaths('a/b').project).toBe('/api/projects/a%2Fb');
  });

  it('reads a 2xx as data and anything else as a refusal or failure, never as data', () => {
    expect(classify({ status: 200, body: { data: [{ documentId: 'x' }] } })).toEqual({
      kind: 'ok',
      data: [{ documentId: 'x' }],
    });
    const forbidden = { error: { status: 403, name: 'ForbiddenError', message: 'Forbidden' } };
    expect(classify({ status: 403, body: forbidden })).toEqual({ kind: 'refused', status: 403, message: 'Forbidden' });
    expect(classify({ status: 401, body: null })).toEqual({ kind: 'refused', status: 401, message: null });
    expect(classify({ status: 404, body: { data: null, error: { message: 'Not Found' } } })).toMatchObject({
      kind: 'notFound',
    });
    expect(classify({ status: 400, body: { error: { message: 'Invalid key x' } } }).kind).toBe('invalid');
    expect(classify({ status: 500, body: 'oops' })).toEqual({ kind: 'failed', status: 500, message: null });
    // A refusal has no rows, even if the body held a list.
    expect(rowsOf(classify({ status: 403, body: { data: [{ title: 'x' }] } }))).toEqual([]);
  });

  it('says what went wrong with the status and the server’s message', () => {
    const failure = (kind: PreviewFailure['kind'], status: number, message: string | null) =>
      failureText({ kind, status, message } as PreviewFailure, label);
    expect(failure('refused', 403, 'Project leaders preview only the clients of projects they lead')).toBe(
      'Refused (403): Project leaders preview only the clients of projects they lead'
    );
    expect(failure('notFound', 404, 'Not Found')).toBe('Not found (404)');
    expect(failure('failed', 502, null)).toBe('Failed (502)');
    expect(failure('invalid', 400, 'Invalid key secret')).toBe('Invalid request (400): Invalid key secret');
  });

  it('tells loading, thrown requests and answers apart, and banners only full success', () => {
    expect(outcomeOf({ isLoading: true })).toBe('loading');
    expect(outcomeOf({ error: new Error('Network down') })).toEqual({
      kind: 'failed',
      status: 0,
      message: 'Network down',
    });
    const ok = outcomeOf({ data: { status: 200, body: { data: [] } } });
    const refused = outcomeOf({ data: { status: 403, body: null } });
    expect(allSucceeded([ok, ok])).toBe(true);
    expect(allSucceeded([ok, refused])).toBe(false);
    expect(allSucceeded([ok, 'loading'])).toBe(false);
    expect(allSucceeded([])).toBe(false);
    expect(parseBody('{"data":1}')).toEqual({ data: 1 });
    expect(parseBody('<html>')).toBeNull();
  });

  it('humanizes enum values through the translations, never raw', () => {
    expect(humanize('time-and-materials', 'money.kind', label)).toBe('Time and materials');
    expect(humanize('issued', 'invoices.state', label)).toBe('Issued');
    expect(humanize('open', 'preview.taskState', label)).toBe('Open');
    expect(humanize('some-new-state', 'preview.taskState', label)).toBe('Some new state');
    expect(humanize(undefined, 'preview.taskState', label)).toBe('—');
  });

  it('formats task rows, with the estimate column only when the API returned estimates', () => {
    const task = { documentId: 't', title: 'Wireframes', state: 'open', dueOn: '2026-11-24', estimateMinutes: 90 };
    const withEstimate = taskColumns([task], format);
    expect(cells(withEstimate, task)).toEqual({
      title: 'Wireframes',
      state: 'Open',
      dueOn: '24 Nov 2026',
      estimate: '1:30',
    });
    const { estimateMinutes: _hidden, ...plain } = task;
    expect(taskColumns([plain], format).map((column) => column.id)).toEqual(['title', 'state', 'dueOn']);
  });

  it('formats budgets with their summary as money and h:mm, never cents', () => {
    const budget = {
      documentId: 'b1',
      name: 'Design',
      kind: 'time-and-materials',
      amountCents: 5000,
      currency: 'EUR',
      startsOn: null,
      endsOn: null,
    };
    const summary = {
      usedCents: 1500,
      remainingCents: 3500,
      billableMinutes: 75,
      unitemizedMinutes: 15,
      unitemizedCents: 300,
    };
    const columns = budgetColumns([budget], { locale: 'en-US', label }, { b1: summary });
    expect(cells(columns, budget)).toEqual({
      name: 'Design',
      kind: 'Time and materials',
      period: '—',
      amount: '€50.00',
      used: '€15.00',
      remaining: '€35.00',
      billable: '1:15',
      unitemized: '0:15 (€3.00)',
    });
    // Without a summary (refused, or still loading), its cells stay empty rather than invented.
    const bare = cells(budgetColumns([budget], { locale: 'en-US', label }), budget);
    expect([bare.used, bare.remaining, bare.billable, bare.unitemized]).toEqual(['—', '—', '—', '—']);
  });

  it('formats time, expenses and invoices in the admin’s locale', () => {
    const entry = {
      date: '2026-11-03',
      minutes: 60,
      note: 'Sketches',
      task: { title: 'Wireframes' },
      person: { firstName: 'Mia', lastName: 'Meyer' },
    };
    expect(cells(timeColumns([entry], format), entry)).toEqual({
      date: '3 Nov 2026',
      person: 'Mia Meyer',
      task: 'Wireframes',
      minutes: '1:00',
      note: 'Sketches',
    });
    const expense = { date: '2026-11-04', description: 'Fonts', amountCents: 4900, currency: 'EUR' };
    expect(cells(expenseColumns([expense], { locale: 'de-DE', label }), expense).amount).toBe('49,00\u00a0€');
    const invoice = { number: 'INV-1', state: 'issued', issuedOn: '2026-11-02', totalCents: 11900, currency: 'USD' };
    expect(cells(invoiceColumns([invoice], { locale: 'en-US', label }), invoice)).toEqual({
      number: 'INV-1',
      state: 'Issued',
      issuedOn: 'Nov 2, 2026',
      dueOn: '—',
      total: '$119.00',
    });
  });

  it('lists the project’s facts the API returned, in words', () => {
    expect(projectFacts({ state: 'active', currency: 'EUR' }, format)).toEqual([
      ['State', 'Active'],
      ['Currency', 'EUR'],
    ]);
    expect(projectFacts({ name: 'Website' }, format)).toEqual([]);
  });
});
