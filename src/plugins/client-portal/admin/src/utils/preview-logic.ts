import { formatDay } from './money-logic';
import { formatDuration, formatMoney } from './format';

/** Pure logic of "view as client" (docs/admin-panel.md#view-as-client), tested without a browser. */

/** One replayed GET: the client's status and parsed body, as the preview route answered. */
export interface PreviewResult {
  status: number;
  body: unknown;
}

export type Row = Record<string, unknown> & { documentId?: string };

export type PreviewOutcome =
  | { kind: 'ok'; data: unknown }
  | { kind: 'refused' | 'notFound' | 'invalid' | 'failed'; status: number; message: string | null };

export type PreviewFailure = Exclude<PreviewOutcome, { kind: 'ok' }>;

/** The response body as JSON, or null when it is not JSON (an HTML error page, nothing). */
export const parseBody = (text: unknown): unknown => {
  if (typeof text !== 'string') return text ?? null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
};

const errorMessage = (body: unknown): string | null => {
  const error = (body as { error?: { message?: unknown } } | null)?.error;
  return typeof error?.message === 'string' && error.message.trim() !== '' ? error.message : null;
};

/** A 2xx is what the client sees; anything else is a refusal or failure, never "their view". */
export const classify = (result: PreviewResult): PreviewOutcome => {
  const { status, body } = result;
  if (status >= 200 && status < 300) return { kind: 'ok', data: (body as { data?: unknown } | null)?.data ?? null };
  const message = errorMessage(body);
  if (status === 401 || status === 403) return { kind: 'refused', status, message };
  if (status === 404) return { kind: 'notFound', status, message };
  if (status === 400) return { kind: 'invalid', status, message };
  return { kind: 'failed', status, message };
};

export type Label = (id: string, fallback: string, values?: Record<string, string | number>) => string;

/** "Refused (403): Forbidden", "Not found (404)" — the status always, the server's message when it sent one. */
export const failureText = (failure: PreviewFailure, label: Label): string => {
  const titles: Record<PreviewFailure['kind'], [string, string]> = {
    refused: ['preview.error.refused', 'Refused ({status})'],
    notFound: ['preview.error.notFound', 'Not found ({status})'],
    invalid: ['preview.error.invalid', 'Invalid request ({status})'],
    failed: ['preview.error.failed', 'Failed ({status})'],
  };
  const [id, fallback] = titles[failure.kind];
  const title = label(id, fallback, { status: failure.status });
  // Strapi's own "Not Found" adds nothing to "Not found (404)".
  const redundant = failure.message === null || failure.message.toLowerCase() === 'not found';
  return redundant ? title : `${title}: ${failure.message}`;
};

/** The rows of a list response (an empty list when the body holds none). */
export const rowsOf = (outcome: PreviewOutcome | undefined): Row[] =>
  outcome?.kind === 'ok' && Array.isArray(outcome.data) ? (outcome.data as Row[]) : [];

/** The single entry of a `GET /api/<type>/:documentId` response. */
export const entryOf = (outcome: PreviewOutcome | undefined): Row | null =>
  outcome?.kind === 'ok' && outcome.data && typeof outcome.data === 'object' && !Array.isArray(outcome.data)
    ? (outcome.data as Row)
    : null;

/** The summary the client gets for one of its budgets. */
export const summaryPath = (budgetDocumentId: string) => `/api/budgets/${budgetDocumentId}/summary`;

export interface Format {
  locale: string;
  label: Label;
}

export interface Column {
  id: string;
  header: string;
  cell: (row: Row) => string;
}

const text = (value: unknown) => (value === null || value === undefined || value === '' ? '—' : String(value));
const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const day = (value: unknown, locale: string) => (typeof value === 'string' ? formatDay(value, locale) : '—');
const minutes = (value: unknown) => (num(value) === null ? '—' : formatDuration(num(value) as number));
const money = (cents: unknown, currency: unknown, locale: string) =>
  num(cents) === null || typeof currency !== 'string' || currency === ''
    ? '—'
    : formatMoney(num(cents), currency, locale);
/** A field the API returned for at least one row: columns appear only for data that came back. */
const returned = (rows: Row[], key: string) => rows.some((row) => row[key] !== undefined);

/** An enum value in words through the translations ("time-and-materials" → "Time and materials"). */
export const humanize = (value: unknown, prefix: string, label: Label): string => {
  if (typeof value !== 'string' || value === '') return '—';
  const fallback = value.charAt(0).toUpperCase() + value.slice(1).replace(/-/g, ' ');
  return label(`${prefix}.${value}`, fallback);
};

const personName = (person: unknown) => {
  const row = person as { firstName?: unknown; lastName?: unknown } | null;
  if (!row || typeof row !== 'object') return '—';
  return [row.firstName, row.lastName].filter((part) => typeof part === 'string' && part).join(' ') || '—';
};

const relationTitle = (relation: unknown, key: string) =>
  relation && typeof relation === 'object' ? text((relation as Record<string, unknown>)[key]) : '—';

export const taskColumns = (rows: Row[], { locale, label }: Format): Column[] => [
  { id: 'title', header: label('preview.col.title', 'Title'), cell: (row) => text(row.title) },
  {
    id: 'state',
    header: label('preview.col.state', 'State'),
    cell: (row) => humanize(row.state, 'preview.taskState', label),
  },
  { id: 'dueOn', header: label('preview.col.dueOn', 'Due'), cell: (row) => day(row.dueOn, locale) },
  ...(returned(rows, 'estimateMinutes')
    ? [
        {
          id: 'estimate',
          header: label('preview.col.estimate', 'Estimate'),
          cell: (row: Row) => minutes(row.estimateMinutes),
        },
      ]
    : []),
];

export const discussionColumns = (_rows: Row[], { locale, label }: Format): Column[] => [
  { id: 'title', header: label('preview.col.title', 'Title'), cell: (row) => text(row.title) },
  { id: 'author', header: label('preview.col.author', 'Started by'), cell: (row) => personName(row.author) },
  { id: 'createdAt', header: label('preview.col.started', 'Started on'), cell: (row) => day(row.createdAt, locale) },
];

export const documentColumns = (_rows: Row[], { locale, label }: Format): Column[] => [
  { id: 'title', header: label('preview.col.title', 'Title'), cell: (row) => text(row.title) },
  { id: 'task', header: label('preview.col.task', 'Task'), cell: (row) => relationTitle(row.task, 'title') },
  { id: 'createdAt', header: label('preview.col.added', 'Added on'), cell: (row) => day(row.createdAt, locale) },
];

/** Budgets with the summary each got (missing or failed summaries show "—"; the section says why). */
export const budgetColumns = (
  rows: Row[],
  { locale, label }: Format,
  summaries: Record<string, Row | null> = {}
): Column[] => {
  const summary = (row: Row) => summaries[String(row.documentId)] ?? null;
  const summaryMoney = (key: string) => (row: Row) => money(summary(row)?.[key], row.currency, locale);
  const period = (row: Row) =>
    row.startsOn || row.endsOn ? `${day(row.startsOn, locale)} – ${day(row.endsOn, locale)}` : '—';
  return [
    { id: 'name', header: label('preview.col.name', 'Name'), cell: (row) => text(row.name) },
    { id: 'kind', header: label('preview.col.kind', 'Kind'), cell: (row) => humanize(row.kind, 'money.kind', label) },
    { id: 'period', header: label('preview.col.period', 'Period'), cell: period },
    {
      id: 'amount',
      header: label('preview.col.amount', 'Amount'),
      cell: (row) => money(row.amountCents, row.currency, locale),
    },
    { id: 'used', header: label('preview.col.used', 'Used'), cell: summaryMoney('usedCents') },
    { id: 'remaining', header: label('preview.col.remaining', 'Remaining'), cell: summaryMoney('remainingCents') },
    {
      id: 'billable',
      header: label('preview.col.billable', 'Billable time'),
      cell: (row) => minutes(summary(row)?.billableMinutes),
    },
    {
      id: 'unitemized',
      header: label('preview.col.unitemized', 'Of which not itemised'),
      cell: (row) => {
        const shown = summary(row);
        if (!shown || num(shown.unitemizedMinutes) === null) return '—';
        return `${minutes(shown.unitemizedMinutes)} (${money(shown.unitemizedCents, row.currency, locale)})`;
      },
    },
  ];
};

export const timeColumns = (rows: Row[], { locale, label }: Format): Column[] => [
  { id: 'date', header: label('preview.col.date', 'Date'), cell: (row) => day(row.date, locale) },
  ...(returned(rows, 'person')
    ? [{ id: 'person', header: label('preview.col.person', 'Person'), cell: (row: Row) => personName(row.person) }]
    : []),
  { id: 'task', header: label('preview.col.task', 'Task'), cell: (row) => relationTitle(row.task, 'title') },
  { id: 'minutes', header: label('preview.col.duration', 'Duration'), cell: (row) => minutes(row.minutes) },
  { id: 'note', header: label('preview.col.note', 'Note'), cell: (row) => text(row.note) },
];

export const expenseColumns = (_rows: Row[], { locale, label }: Format): Column[] => [
  { id: 'date', header: label('preview.col.date', 'Date'), cell: (row) => day(row.date, locale) },
  { id: 'description', header: label('preview.col.description', 'Description'), cell: (row) => text(row.description) },
  {
    id: 'amount',
    header: label('preview.col.amount', 'Amount'),
    cell: (row) => money(row.amountCents, row.currency, locale),
  },
];

export const invoiceColumns = (_rows: Row[], { locale, label }: Format): Column[] => [
  { id: 'number', header: label('preview.col.number', 'Number'), cell: (row) => text(row.number) },
  {
    id: 'state',
    header: label('preview.col.state', 'State'),
    cell: (row) => humanize(row.state, 'invoices.state', label),
  },
  { id: 'issuedOn', header: label('preview.col.issuedOn', 'Issued on'), cell: (row) => day(row.issuedOn, locale) },
  { id: 'dueOn', header: label('preview.col.dueOn', 'Due'), cell: (row) => day(row.dueOn, locale) },
  {
    id: 'total',
    header: label('preview.col.total', 'Total'),
    cell: (row) => money(row.totalCents, row.currency, locale),
  },
];

/** The project's own facts, as label/value pairs, only those the API returned. */
export const projectFacts = (project: Row, { label }: Format): [string, string][] =>
  [
    ['state', label('preview.col.state', 'State'), humanize(project.state, 'preview.projectState', label)] as const,
    ['currency', label('preview.col.currency', 'Currency'), text(project.currency)] as const,
  ]
    .filter(([key]) => project[key] !== undefined)
    .map(([, name, value]) => [name, value]);

/** A query's state as a section shows it: still loading, or the classified answer (a thrown request is a failure). */
export const outcomeOf = (query: {
  isLoading?: boolean;
  isIdle?: boolean;
  data?: PreviewResult;
  error?: unknown;
}): PreviewOutcome | 'loading' => {
  if (query.data) return classify(query.data);
  if (query.error) {
    const message = (query.error as { message?: unknown })?.message;
    return { kind: 'failed', status: 0, message: typeof message === 'string' ? message : null };
  }
  return 'loading';
};

/** The banner "Seen as …" is shown only when every replayed request came back 2xx. */
export const allSucceeded = (outcomes: (PreviewOutcome | 'loading')[]): boolean =>
  outcomes.length > 0 && outcomes.every((outcome) => outcome !== 'loading' && outcome.kind === 'ok');
