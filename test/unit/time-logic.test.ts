import {
  addDays,
  buildSheet,
  filterQueue,
  formatDay,
  keepSelected,
  localDate,
  parseDuration,
  parseTimer,
  personName,
  queueOptions,
  rowLabel,
  timerMinutes,
  weekDays,
  weekStart,
  type SheetEntry,
} from '../../src/plugins/client-portal/admin/src/utils/time-logic';

const website = { documentId: 'p-web', name: 'Website' };
const app = { documentId: 'p-app', name: 'App' };
const design = { documentId: 't-design', title: 'Design' };

const entry = (over: Partial<SheetEntry>): SheetEntry => ({
  documentId: Math.random().toString(36).slice(2),
  date: '2026-11-23',
  minutes: 60,
  state: 'pending',
  project: website,
  task: null,
  ...over,
});

describe('week math', () => {
  it('finds the Monday of any day, across months, years and DST changes', () => {
    expect(weekStart('2026-11-23')).toBe('2026-11-23'); // Monday
    expect(weekStart('2026-11-29')).toBe('2026-11-23'); // Sunday
    expect(weekStart('2026-11-25')).toBe('2026-11-23');
    expect(weekStart('2027-01-01')).toBe('2026-12-28'); // Friday, week across the year
    expect(weekStart('2026-03-31')).toBe('2026-03-30');
    expect(weekStart('2026-10-25')).toBe('2026-10-19'); // DST ends in Europe on this Sunday
  });

  it('lists Monday to Sunday and moves by weeks', () => {
    expect(weekDays('2026-12-28')).toEqual([
      '2026-12-28',
      '2026-12-29',
      '2026-12-30',
      '2026-12-31',
      '2027-01-01',
      '2027-01-02',
      '2027-01-03',
    ]);
    expect(addDays('2026-11-23', -7)).toBe('2026-11-16');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
  });

  it('takes the local calendar date, not UTC’s', () => {
    expect(localDate(new Date(2026, 10, 23, 23, 59))).toBe('2026-11-23');
    expect(localDate(new Date(2026, 0, 1, 0, 1))).toBe('2026-01-01');
  });
});

describe('durations', () => {
  it.each([
    ['1:30', 90],
    ['0:45', 45],
    ['2:00', 120],
    [' 1.5 ', 90],
    ['1,5', 90],
    ['2', 120],
    ['0.25', 15],
    ['2h', 120],
    ['90m', 90],
    ['90 min', 90],
    ['1h 30m', 90],
    ['24:00', 1440],
  ])('reads %p as %p minutes', (input, minutes) => {
    expect(parseDuration(input)).toBe(minutes);
  });

  it.each(['', 'abc', '0', '0:00', '1:60', '24:01', '25', '-1', '1:5', '1.2.3', '0.001'])('refuses %p', (input) => {
    expect(parseDuration(input)).toBeNull();
  });

  it('rounds a timer up to the started minute, at least 1, at most a day', () => {
    const start = Date.UTC(2026, 10, 23, 9);
    expect(timerMinutes(start, start)).toBe(1);
    expect(timerMinutes(start, start + 1000)).toBe(1);
    expect(timerMinutes(start, start + 60_000)).toBe(1);
    expect(timerMinutes(start, start + 60_001)).toBe(2);
    expect(timerMinutes(start, start + 90 * 60_000 + 1)).toBe(91);
    expect(timerMinutes(start, start + 3 * 24 * 3600_000)).toBe(1440);
  });

  it('reads a stored timer, ignoring anything broken', () => {
    const stored = JSON.stringify({ startedAt: 5, project: website, task: design });
    expect(parseTimer(stored)).toEqual({ startedAt: 5, project: website, task: design });
    expect(parseTimer(JSON.stringify({ startedAt: 5, project: website }))).toEqual({
      startedAt: 5,
      project: website,
      task: null,
    });
    expect(parseTimer(null)).toBeNull();
    expect(parseTimer('{')).toBeNull();
    expect(parseTimer(JSON.stringify({ startedAt: 'x', project: website }))).toBeNull();
    expect(parseTimer(JSON.stringify({ startedAt: 5 }))).toBeNull();
  });
});

describe('the week grid', () => {
  const days = weekDays('2026-11-23');

  it('groups entries by project and task, with totals per row, day and week', () => {
    const sheet = buildSheet(
      [
        entry({ minutes: 90, task: design }),
        entry({ minutes: 30, task: design }),
        entry({ date: '2026-11-24', minutes: 45 }),
        entry({ date: '2026-11-29', minutes: 15, project: app }),
        entry({ date: '2026-11-30', minutes: 999 }), // next week: left out
        entry({ minutes: 10, project: null }), // no readable project: left out
      ],
      days
    );
    expect(sheet.rows.map(rowLabel)).toEqual(['App', 'Website', 'Website / Design']);
    const [appRow, webRow, designRow] = sheet.rows;
    expect(designRow.cells[0].map((cell) => cell.minutes)).toEqual([90, 30]);
    expect(designRow.total).toBe(120);
    expect(webRow.cells[1].map((cell) => cell.minutes)).toEqual([45]);
    expect(appRow.cells[6].map((cell) => cell.minutes)).toEqual([15]);
    expect(sheet.dayTotals).toEqual([120, 45, 0, 0, 0, 0, 15]);
    expect(sheet.weekTotal).toBe(180);
  });

  it('keeps rows the person picked, empty, without duplicating logged ones', () => {
    const sheet = buildSheet([entry({ task: design })], days, [
      { project: website, task: design },
      { project: app, task: null },
    ]);
    expect(sheet.rows.map((row) => [rowLabel(row), row.total])).toEqual([
      ['App', 0],
      ['Website / Design', 60],
    ]);
    expect(buildSheet([], days)).toEqual({ rows: [], dayTotals: [0, 0, 0, 0, 0, 0, 0], weekTotal: 0 });
  });
});

describe('the approvals queue', () => {
  const ann = { id: 1, firstName: 'Ann', lastName: 'Lee' };
  const bob = { id: 2, firstName: 'Bob', lastName: null };
  const queue = [
    { documentId: 'a', date: '2026-11-23', person: ann, project: website },
    { documentId: 'b', date: '2026-11-29', person: bob, project: app },
    { documentId: 'c', date: '2026-11-30', person: ann, project: app },
  ];

  it('filters by project, person and week together', () => {
    const ids = (filter: Parameters<typeof filterQueue>[1]) => filterQueue(queue, filter).map((e) => e.documentId);
    expect(ids({})).toEqual(['a', 'b', 'c']);
    expect(ids({ project: 'p-app' })).toEqual(['b', 'c']);
    expect(ids({ person: 1 })).toEqual(['a', 'c']);
    expect(ids({ week: '2026-11-23' })).toEqual(['a', 'b']);
    expect(ids({ week: '2026-11-23', project: 'p-app', person: 2 })).toEqual(['b']);
    expect(ids({ week: '2026-11-30', person: 2 })).toEqual([]);
  });

  it('offers the projects, people and weeks present', () => {
    expect(queueOptions(queue)).toEqual({
      projects: [
        { value: 'p-app', label: 'App' },
        { value: 'p-web', label: 'Website' },
      ],
      people: [
        { value: 1, label: 'Ann Lee' },
        { value: 2, label: 'Bob' },
      ],
      weeks: ['2026-11-30', '2026-11-23'],
    });
    expect(personName(null)).toBe('—');
    expect(personName({ id: 7, firstName: null, lastName: null })).toBe('#7');
  });

  it('keeps only selected entries that are still listed', () => {
    expect(keepSelected(['a', 'x', 'c'], queue)).toEqual(['a', 'c']);
  });
});

describe('formatting for the admin’s locale', () => {
  it('formats days the same wherever the browser is', () => {
    expect(formatDay('2026-11-23', 'en')).toBe('Nov 23, 2026');
    expect(formatDay('2026-11-23', 'de')).toBe('23. Nov. 2026');
    expect(formatDay('2026-11-23', 'en', 'short')).toBe('Mon, 11/23');
    expect(formatDay('2026-11-23', 'de', 'short')).toBe('Mo., 23.11.');
  });
});
