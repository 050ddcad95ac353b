import {
  addDays,
  addMonths,
  firstReportOn,
  latestDueReport,
  nextOccurrence,
  reportPeriod,
} from '../../src/plugins/client-portal/server/src/utils/periods';

describe('recurring periods', () => {
  it('keeps the anchor day, clamped to each month: Jan 31 → Feb 28/29 → Mar 31', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-01-31', 2)).toBe('2026-03-31');
    expect(addMonths('2026-01-31', 3)).toBe('2026-04-30');
    expect(addMonths('2026-11-15', 2)).toBe('2027-01-15');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2024-02-29', 48)).toBe('2028-02-29');
  });

  it('steps by month, quarter and year from the anchor, never from a clamped date', () => {
    expect(nextOccurrence('2026-01-31', 'month', '2026-01-31')).toBe('2026-02-28');
    expect(nextOccurrence('2026-01-31', 'month', '2026-02-28')).toBe('2026-03-31');
    expect(nextOccurrence('2026-01-31', 'quarter', '2026-01-31')).toBe('2026-04-30');
    expect(nextOccurrence('2026-01-31', 'quarter', '2026-04-30')).toBe('2026-07-31');
    expect(nextOccurrence('2026-11-30', 'quarter', '2026-11-30')).toBe('2027-02-28');
    expect(nextOccurrence('2024-02-29', 'year', '2024-02-29')).toBe('2025-02-28');
    expect(nextOccurrence('2024-02-29', 'year', '2027-02-28')).toBe('2028-02-29');
  });

  it('goes to the next date of the schedule after a date off the schedule (nextOn moved by hand)', () => {
    expect(nextOccurrence('2026-01-15', 'month', '2026-05-20')).toBe('2026-06-15');
    expect(nextOccurrence('2026-01-15', 'month', '2026-05-14')).toBe('2026-05-15');
    expect(nextOccurrence('2026-03-10', 'month', '2026-01-01')).toBe('2026-03-10');
  });

  it('adds days across months and leap years', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});

describe('client report periods', () => {
  it('starts with the next whole week (Monday) or month', () => {
    // 2026-12-02 is a Wednesday.
    expect(firstReportOn('weekly', '2026-12-02')).toBe('2026-12-07');
    expect(firstReportOn('weekly', '2026-12-07')).toBe('2026-12-14');
    expect(firstReportOn('monthly', '2026-12-02')).toBe('2027-01-01');
    expect(firstReportOn('monthly', '2026-12-01')).toBe('2027-01-01');
  });

  it('covers the week or month that ended the day before it is sent', () => {
    expect(reportPeriod('weekly', '2026-12-07')).toEqual({ from: '2026-11-30', to: '2026-12-06' });
    expect(reportPeriod('monthly', '2026-12-01')).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(reportPeriod('monthly', '2028-03-01')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
  });

  it('reports the latest due period once after missed runs', () => {
    expect(latestDueReport('weekly', '2026-11-02', '2026-12-09')).toBe('2026-12-07');
    expect(latestDueReport('monthly', '2026-09-01', '2026-12-09')).toBe('2026-12-01');
    expect(latestDueReport('weekly', '2026-12-07', '2026-12-07')).toBe('2026-12-07');
    // A date set by hand off the calendar is kept when it is the only one due.
    expect(latestDueReport('weekly', '2026-12-09', '2026-12-10')).toBe('2026-12-09');
  });
});
