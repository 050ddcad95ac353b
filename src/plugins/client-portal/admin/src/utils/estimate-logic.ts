import { parseAmount } from '../components/MoneyInput/money';
import { percentToBasisPoints } from './money-logic';

/** docs/time-budgets-invoices.md#estimates: the life of an estimate. */
export const ESTIMATE_STATES = ['draft', 'sent', 'accepted', 'declined', 'expired'] as const;
export type EstimateState = (typeof ESTIMATE_STATES)[number];

export const LINE_UNITS = ['hour', 'day', 'item'] as const;

/** What staff may do with an estimate in a state: clients accept or decline, staff send and convert. */
export const estimateActions = (state: string, converted: boolean) => ({
  edit: state === 'draft',
  send: state === 'draft' || state === 'sent',
  convert: state === 'accepted' && !converted,
  delete: state === 'draft',
});

export interface LineForm {
  description: string;
  quantity: string;
  unit: string;
  unitPrice: string;
}

export const emptyLine = (): LineForm => ({ description: '', quantity: '1', unit: 'item', unitPrice: '' });

export interface EstimateForm {
  company: string;
  title: string;
  validUntil: string;
  taxRate: string;
  note: string;
  lines: LineForm[];
}

type Errors = Record<string, string>;

/** "1.5" or "1,5" → 1.5; null when not a non-negative number with at most two decimals. */
export const parseQuantity = (input: string): number | null => {
  const text = input.trim().replace(',', '.');
  if (!/^\d{1,7}(\.\d{1,2})?$/.test(text)) return null;
  return Number(text);
};

/** A line's amount as the server counts it: quantity × unit price, half up to a minor unit. */
export const lineAmount = (quantity: number, unitPriceCents: number): number =>
  Math.floor(quantity * unitPriceCents + 0.5 + 1e-9);

/** Subtotal, tax (half up once on the subtotal) and total: the server's arithmetic, for the preview. */
export const estimateTotals = (amounts: number[], taxRateBasisPoints: number) => {
  const subtotalCents = amounts.reduce((sum, amount) => sum + amount, 0);
  const taxCents = Math.floor((subtotalCents * taxRateBasisPoints + 5000) / 10000);
  return { subtotalCents, taxCents, totalCents: subtotalCents + taxCents };
};

/**
 * The form as `POST /api/estimates` wants it (`{data}`), or the fields that are wrong, keyed
 * `title`, `lines.0.unitPrice`…: the server recounts amounts and totals either way.
 */
export const estimatePayload = (
  form: EstimateForm,
  currency: string,
  locale: string
): { ok: true; body: { data: Record<string, unknown> } } | { ok: false; errors: Errors } => {
  const errors: Errors = {};
  if (!form.company) errors.company = 'required';
  if (!form.title.trim()) errors.title = 'required';
  if (form.validUntil && !/^\d{4}-\d{2}-\d{2}$/.test(form.validUntil)) errors.validUntil = 'date';
  const taxRateBasisPoints = percentToBasisPoints(form.taxRate || '0');
  if (taxRateBasisPoints === null) errors.taxRate = 'rate';
  if (form.lines.length === 0) errors.lines = 'required';
  const lines = form.lines.map((line, index) => {
    const quantity = parseQuantity(line.quantity);
    const unitPriceCents = parseAmount(line.unitPrice, currency, locale);
    if (!line.description.trim()) errors[`lines.${index}.description`] = 'required';
    if (quantity === null) errors[`lines.${index}.quantity`] = 'quantity';
    if (unitPriceCents === null || unitPriceCents === undefined || unitPriceCents < 0) {
      errors[`lines.${index}.unitPrice`] = 'amount';
    }
    const unit = (LINE_UNITS as readonly string[]).includes(line.unit) ? line.unit : 'item';
    const price = unitPriceCents ?? 0;
    return {
      description: line.description.trim(),
      quantity: quantity ?? 0,
      unit,
      unitPriceCents: price,
      amountCents: lineAmount(quantity ?? 0, price),
    };
  });
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    body: {
      data: {
        company: form.company,
        title: form.title.trim(),
        validUntil: form.validUntil || null,
        note: form.note.trim() || null,
        currency,
        taxRateBasisPoints,
        lines,
      },
    },
  };
};

/** The estimate list's content-API query: newest first, filtered by state, paged. */
export const estimateListQuery = ({
  state,
  page,
  pageSize,
}: {
  state: string | null;
  page: number;
  pageSize: number;
}): string => {
  const query = new URLSearchParams({
    sort: 'createdAt:desc',
    'populate[company][fields][0]': 'name',
    'populate[project][fields][0]': 'name',
    'pagination[page]': String(page),
    'pagination[pageSize]': String(pageSize),
  });
  if (state) query.set('filters[state][$eq]', state);
  return `/estimates?${query.toString()}`;
};

export interface TemplateTaskForm {
  title: string;
  estimateMinutes: string;
  dueAfterDays: string;
  hiddenFromClients: boolean;
}

export const emptyTemplateTask = (): TemplateTaskForm => ({
  title: '',
  estimateMinutes: '',
  dueAfterDays: '',
  hiddenFromClients: false,
});

const wholeNumber = (input: string, max: number): number | null | undefined => {
  if (input.trim() === '') return null;
  if (!/^\d+$/.test(input.trim())) return undefined;
  const value = Number(input.trim());
  return value <= max ? value : undefined;
};

/** A template's name and task list as `POST /api/project-templates` wants it, or what is wrong. */
export const templatePayload = (form: {
  name: string;
  description: string;
  tasks: TemplateTaskForm[];
}): { ok: true; body: { data: Record<string, unknown> } } | { ok: false; errors: Errors } => {
  const errors: Errors = {};
  if (!form.name.trim()) errors.name = 'required';
  const tasks = form.tasks.map((task, index) => {
    const estimateMinutes = wholeNumber(task.estimateMinutes, 100_000);
    const dueAfterDays = wholeNumber(task.dueAfterDays, 3650);
    if (!task.title.trim()) errors[`tasks.${index}.title`] = 'required';
    if (estimateMinutes === undefined) errors[`tasks.${index}.estimateMinutes`] = 'whole';
    if (dueAfterDays === undefined) errors[`tasks.${index}.dueAfterDays`] = 'whole';
    return {
      title: task.title.trim(),
      estimateMinutes: estimateMinutes ?? null,
      dueAfterDays: dueAfterDays ?? null,
      hiddenFromClients: task.hiddenFromClients,
    };
  });
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    body: { data: { name: form.name.trim(), description: form.description.trim() || null, tasks } },
  };
};

/** `POST /api/projects/from-template`'s body, or what is wrong. */
export const fromTemplatePayload = (form: {
  template: string;
  name: string;
  company: string;
  startsOn: string;
}): { ok: true; body: Record<string, string> } | { ok: false; errors: Errors } => {
  const errors: Errors = {};
  if (!form.template) errors.template = 'required';
  if (!form.name.trim()) errors.name = 'required';
  if (!form.company) errors.company = 'required';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(form.startsOn)) errors.startsOn = 'date';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    body: { template: form.template, name: form.name.trim(), company: form.company, startsOn: form.startsOn },
  };
};
