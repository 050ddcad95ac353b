/** Pure logic of the timesheet and approvals pages (docs/admin-panel.md), tested without a browser. */

const DAY_MS = 24 * 60 * 60 * 1000;
export const MAX_MINUTES = 1440;

/** A calendar date 'YYYY-MM-DD' (no time zone: the person's own day). */
export type IsoDate = string;

const toUtc = (date: IsoDate) => Date.parse(`${date}T00:00:00Z`);
const fromUtc = (ms: number): IsoDate => new Date(ms).toISOString().slice(0, 10);

export const isIsoDate = (value: unknown): value is IsoDate =>
  typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(toUtc(value));

/** The local calendar date of a moment (the browser's day, not UTC's). */
export const localDate = (moment: Date): IsoDate =>
  [
    moment.getFullYear(),
    String(moment.getMonth() + 1).padStart(2, '0'),
    String(moment.getDate()).padStart(2, '0'),
  ].join('-');

export const addDays = (date: IsoDate, days: number): IsoDate => fromUtc(toUtc(date) + days * DAY_MS);

/** The Monday of the week holding `date` (ISO weeks: Monday to Sunday). */
export const weekStart = (date: IsoDate): IsoDate => {
  const weekday = new Date(toUtc(date)).getUTCDay(); // 0 = Sunday
  return addDays(date, -((weekday + 6) % 7));
};

/** Monday to Sunday of the week starting at `monday`. */
export const weekDays = (monday: IsoDate): IsoDate[] => Array.from({ length: 7 }, (_, i) => addDays(monday, i));

/**
 * Minutes from what a person types: `1:30`, `0:45`, `1.5`, `1,5` (hours), `2` (hours),
 * `90m`, `2h`, `1h 30m`. Null when it is not a duration of 1 minute to 24 hours.
 */
export const parseDuration = (input: string): number | null => {
  const text = input.trim().toLowerCase();
  let minutes: number | null = null;
  let match: RegExpMatchArray | null;
  if ((match = text.match(/^(\d{1,2}):([0-5]\d)$/))) {
    minutes = Number(match[1]) * 60 + Number(match[2]);
  } else if ((match = text.match(/^(\d+(?:[.,]\d+)?)\s*h?$/))) {
    minutes = Math.round(Number(match[1].replace(',', '.')) * 60);
  } else if ((match = text.match(/^(\d+)\s*m(?:in)?$/))) {
    minutes = Number(match[1]);
  } else if ((match = text.match(/^(\d+)\s*h\s*(\d+)\s*m(?:in)?$/))) {
    minutes = Number(match[1]) * 60 + Number(match[2]);
  }
  return minutes !== null && Number.isInteger(minutes) && minutes >= 1 && minutes <= MAX_MINUTES ? minutes : null;
};

/** Whole minutes a timer ran, rounded up (a started minute counts), at least 1 and at most a day. */
export const timerMinutes = (startedAt: number, now: number): number =>
  Math.min(MAX_MINUTES, Math.max(1, Math.ceil((now - startedAt) / 60_000)));

export type EntryState = 'pending' | 'approved' | 'rejected';

/** A time entry as the timesheet reads it from `/api/time-entries`. */
export interface SheetEntry {
  documentId: string;
  date: IsoDate;
  minutes: number;
  note?: string | null;
  state: EntryState;
  rejectionReason?: string | null;
  project: { documentId: string; name: string } | null;
  task?: { documentId: string; title: string } | null;
}

/** A grid row: one project and, optionally, one of its tasks. */
export interface RowKey {
  project: { documentId: string; name: string };
  task: { documentId: string; title: string } | null;
}

export interface SheetRow extends RowKey {
  key: string;
  /** Entries per day of the week (same order as the week's days). */
  cells: SheetEntry[][];
  total: number;
}

export interface Sheet {
  rows: SheetRow[];
  dayTotals: number[];
  weekTotal: number;
}

export const rowKey = (project: string, task: string | null | undefined) => `${project}|${task ?? ''}`;

export const rowLabel = (row: RowKey) => (row.task ? `${row.project.name} / ${row.task.title}` : row.project.name);

/**
 * The week grid: entries of the week grouped by project and task, plus rows the person
 * picked (empty until they log), sorted by project name then task; totals per row, day, week.
 */
export const buildSheet = (entries: SheetEntry[], days: IsoDate[], extraRows: RowKey[] = []): Sheet => {
  const rows = new Map<string, SheetRow>();
  const ensure = (key: RowKey) => {
    const id = rowKey(key.project.documentId, key.task?.documentId);
    if (!rows.has(id)) {
      rows.set(id, { ...key, key: id, cells: days.map(() => []), total: 0 });
    }
    return rows.get(id)!;
  };
  const dayTotals = days.map(() => 0);
  for (const entry of entries) {
    const day = days.indexOf(entry.date);
    if (day < 0 || !entry.project) continue;
    const row = ensure({ project: entry.project, task: entry.task ?? null });
    row.cells[day].push(entry);
    row.total += entry.minutes;
    dayTotals[day] += entry.minutes;
  }
  for (const extra of extraRows) ensure(extra);
  const sorted = [...rows.values()].sort(
    (a, b) =>
      a.project.name.localeCompare(b.project.name) ||
      a.project.documentId.localeCompare(b.project.documentId) ||
      (a.task?.title ?? '').localeCompare(b.task?.title ?? '')
  );
  return { rows: sorted, dayTotals, weekTotal: dayTotals.reduce((sum, minutes) => sum + minutes, 0) };
};

/** The running timer, as kept in localStorage so that it survives reloads. */
export interface TimerState extends RowKey {
  startedAt: number;
}

export const parseTimer = (stored: string | null): TimerState | null => {
  if (!stored) return null;
  try {
    const value = JSON.parse(stored) as Partial<TimerState>;
    if (typeof value.startedAt !== 'number' || !value.project?.documentId || !value.project.name) return null;
    return {
      startedAt: value.startedAt,
      project: { documentId: value.project.documentId, name: value.project.name },
      task: value.task?.documentId ? { documentId: value.task.documentId, title: value.task.title ?? '' } : null,
    };
  } catch {
    return null;
  }
};

/** An entry of the approvals queue (time or expense). */
export interface QueueEntry {
  documentId: string;
  date: IsoDate;
  person: { id: number; firstName: string | null; lastName: string | null } | null;
  project: { documentId: string; name: string } | null;
}

export interface QueueFilter {
  project?: string | null;
  person?: number | null;
  /** The Monday of a week. */
  week?: IsoDate | null;
}

export const personName = (person: QueueEntry['person']) =>
  person ? [person.firstName, person.lastName].filter(Boolean).join(' ') || `#${person.id}` : '—';

export const filterQueue = <Entry extends QueueEntry>(entries: Entry[], filter: QueueFilter): Entry[] =>
  entries.filter(
    (entry) =>
      (!filter.project || entry.project?.documentId === filter.project) &&
      (!filter.person || entry.person?.id === filter.person) &&
      (!filter.week || weekStart(entry.date) === filter.week)
  );

/** The choices of the approvals filters: projects and people by name, weeks newest first. */
export const queueOptions = (entries: QueueEntry[]) => {
  const projects = new Map<string, string>();
  const people = new Map<number, string>();
  const weeks = new Set<IsoDate>();
  for (const entry of entries) {
    if (entry.project) projects.set(entry.project.documentId, entry.project.name);
    if (entry.person) people.set(entry.person.id, personName(entry.person));
    weeks.add(weekStart(entry.date));
  }
  const byName = <K>(map: Map<K, string>) =>
    [...map.entries()].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label));
  return { projects: byName(projects), people: byName(people), weeks: [...weeks].sort().reverse() };
};

/** Selection after a reload of the queue: only entries still listed stay selected. */
export const keepSelected = (selected: string[], entries: { documentId: string }[]) => {
  const listed = new Set(entries.map((entry) => entry.documentId));
  return selected.filter((id) => listed.has(id));
};

/** A calendar date as the admin's locale writes it (weekday and day, or a full date). */
export const formatDay = (date: IsoDate, locale: string, style: 'short' | 'long' = 'long') =>
  new Intl.DateTimeFormat(
    locale,
    style === 'short'
      ? { weekday: 'short', day: 'numeric', month: 'numeric', timeZone: 'UTC' }
      : { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }
  ).format(new Date(toUtc(date)));
