import type { Core, Data } from '@strapi/strapi';
import type { Knex } from 'knex';
import { capabilities } from '../access/capabilities';
import { errors } from '@strapi/utils';
import { MIXED_CURRENCIES } from '../../../shared/contracts';
import { type Actor } from '../access/actor';
import { runAsSystem } from '../adapters/request-scope';
import {
  invoiceNumber,
  linesFor,
  sequenceOf,
  totalsOf,
  type BillableEntry,
  type Grouping,
} from '../access/invoice-rules';
import { conflict } from '../errors';
import { renderInvoicePdf, type InvoiceForPdf } from '../mail/invoice-pdf';
import { withAdvisoryLock } from '../utils/advisory-lock';
import { aggregateOver, toBoolean, toInteger, toIsoDate } from '../utils/aggregate';
import { isoDay } from '../utils/periods';
import { getService } from '../utils/get-service';
import { rowsOf, type Row } from '../utils/rows';
import { EXPENSE, INVOICE, PROJECT, TIME_ENTRY, USER } from '../constants';

const DAY = 24 * 60 * 60 * 1000;
const PAYMENT_TERM_DAYS = 30;

export const INVOICE_CODES = {
  nothingToInvoice: 'NOTHING_TO_INVOICE',
  notDraft: 'INVOICE_NOT_DRAFT',
  frozen: 'INVOICE_FROZEN',
} as const;

export interface GenerateInput {
  project: string;
  from: string;
  to: string;
  includeExpenses: boolean;
  grouping: Grouping;
  taxRateBasisPoints: number;
}

type InvoiceRow = Row<typeof INVOICE>;

/** "A draft invoice", "An issued invoice". */
const anInvoice = (state: string) => `${/^[aeiou]/.test(state) ? 'An' : 'A'} ${state} invoice`;

/**
 * Invoices (docs/time-budgets-invoices.md#invoices): drafts from approved, billable, uninvoiced work; gap-free numbers;
 * frozen once issued; the PDF emailed after the issuing transaction committed,
 * a failed email recorded on the invoice and retryable; void releases the work.
 */
const invoicing = ({ strapi }: { strapi: Core.Strapi }) => {
  const now = () => getService(strapi, 'clock').now();

  /** Generating, issuing and voiding are serialised across processes (gap-free numbers, no double billing). */
  const locked = <T>(work: (trx: Knex.Transaction) => Promise<T>) => withAdvisoryLock(strapi, 'invoices', work);

  const requireManager = (actor: Actor) => {
    if (!capabilities(actor).manageFinances) {
      throw new errors.ForbiddenError('Only Owners and Member+ with the finance permission manage invoices');
    }
  };

  /** The link table behind `entry.invoice`: set or cleared for many entries in one statement. */
  const invoiceLink = (uid: string) => {
    const attribute = strapi.db.metadata.get(uid).attributes.invoice as unknown as {
      joinTable: {
        name: string;
        joinColumn: { name: string };
        inverseJoinColumn: { name: string };
        inverseOrderColumnName?: string;
      };
    };
    return attribute.joinTable;
  };

  /**
   * Links `ids` to the invoice, in their order, in one statement whatever their number: the ids
   * travel as one JSON array, unpacked by the database (a multi-row INSERT is limited to 500
   * rows on SQLite, and took 25 statements for 10,000 entries).
   */
  const attach = async (trx: Knex.Transaction, uid: string, ids: number[], invoiceId: Data.ID) => {
    if (ids.length === 0) return;
    const link = invoiceLink(uid);
    const order = link.inverseOrderColumnName;
    const columns = [link.joinColumn.name, link.inverseJoinColumn.name, ...(order ? [order] : [])];
    const rows =
      strapi.db.dialect.client === 'postgres'
        ? `SELECT listed.id::integer, ?::integer${order ? ', listed.position' : ''} FROM jsonb_array_elements_text(?::jsonb) WITH ORDINALITY AS listed(id, position)`
        : `SELECT value, ?${order ? ', key + 1' : ''} FROM json_each(?)`;
    await trx.raw(`INSERT INTO ?? (${columns.map(() => '??').join(', ')}) ${rows}`, [
      link.name,
      ...columns,
      invoiceId,
      JSON.stringify(ids),
    ]);
  };

  /**
   * The approved, billable, uninvoiced time of a project in a period, by date, with what its
   * lines name (task, budget, service), in one statement: the row's copies of its project,
   * budget and service (utils/row-index.ts) instead of Strapi's populate, which read the
   * 10,000 rows of a large invoice once per relation.
   */
  const billableEntries = async (
    trx: Knex.Transaction,
    projectId: number,
    period: { from: string; to: string }
  ): Promise<BillableEntry[]> => {
    const entries = aggregateOver(strapi, TIME_ENTRY, {
      state: 'approved',
      billable: true,
      date: { $gte: period.from, $lte: period.to },
    });
    const [project, task, budget, service] = [
      entries.by('project'),
      entries.by('task', { optional: true }),
      entries.by('budget', { optional: true }),
      entries.by('service', { optional: true }),
    ];
    const targets = {
      task: entries.target('task'),
      budget: entries.target('budget'),
      service: entries.target('service'),
    };
    let query = entries.without('invoice')(entries.query());
    for (const relation of [project, task, budget, service]) query = relation.join(query);
    const rows = (await query
      .leftJoin({ task: targets.task.table }, 'task.id', task.column)
      .leftJoin({ budget: targets.budget.table }, 'budget.id', budget.column)
      .leftJoin({ service: targets.service.table }, 'service.id', service.column)
      .where(project.column, projectId)
      .select({
        id: entries.column('id'),
        documentId: entries.column('documentId'),
        minutes: entries.column('minutes'),
        rateCents: entries.column('rateCents'),
        date: entries.column('date'),
        note: entries.column('note'),
        taskId: 'task.id',
        taskTitle: `task.${targets.task.column('title')}`,
        taskHidden: `task.${targets.task.column('hiddenFromClients')}`,
        taskDeletedAt: `task.${targets.task.column('deletedAt')}`,
        budgetId: 'budget.id',
        budgetName: `budget.${targets.budget.column('name')}`,
        serviceId: 'service.id',
        serviceName: `service.${targets.service.column('name')}`,
      })
      .orderBy([entries.column('date'), entries.column('id')])
      .transacting(trx)) as Record<string, unknown>[];
    return rows.map((row) => ({
      id: Number(row.id),
      documentId: String(row.documentId),
      minutes: toInteger(row.minutes),
      rateCents: row.rateCents === null ? null : toInteger(row.rateCents),
      date: toIsoDate(row.date),
      note: (row.note as string | null) ?? null,
      task:
        row.taskId === null
          ? null
          : {
              id: Number(row.taskId),
              title: String(row.taskTitle),
              hiddenFromClients: toBoolean(row.taskHidden),
              deletedAt: row.taskDeletedAt ?? null,
            },
      budget: row.budgetId === null ? null : { id: Number(row.budgetId), name: String(row.budgetName) },
      service: row.serviceId === null ? null : { id: Number(row.serviceId), name: String(row.serviceName) },
    }));
  };

  const release = async (trx: Knex.Transaction, invoiceId: number) => {
    for (const uid of [TIME_ENTRY, EXPENSE]) {
      const link = invoiceLink(uid);
      await trx(link.name).where(link.inverseJoinColumn.name, invoiceId).delete();
    }
  };

  const find = async (documentId: string) => {
    const invoice = await rowsOf(strapi, INVOICE).findOne({ where: { documentId } });
    if (!invoice) throw new errors.NotFoundError('Not Found');
    return invoice;
  };

  const requireState = (invoice: InvoiceRow, allowed: InvoiceRow['state'][], action: string) => {
    if (!allowed.includes(invoice.state)) {
      throw conflict(`${anInvoice(invoice.state)} cannot be ${action}`, {
        code: INVOICE_CODES.notDraft,
        state: invoice.state,
      });
    }
  };

  const forPdf = async (documentId: string): Promise<InvoiceForPdf> => {
    const invoice = await rowsOf(strapi, INVOICE).findOne({
      where: { documentId },
      populate: { lines: true, company: true, project: { select: ['name'] } },
    });
    if (!invoice) throw new errors.NotFoundError('Not Found');
    return invoice;
  };

  /**
   * Billing contacts: the company's billing email(s), else its active Client Managers. An address
   * that is a person's gets their id: the mail is then a notification they may turn off.
   */
  const recipientsOf = async (
    companyId: number | undefined,
    billingEmail: string | null | undefined
  ): Promise<{ email: string; personId?: number }[]> => {
    const listed = (billingEmail ?? '')
      .split(/[,;\s]+/)
      .map((address) => address.trim())
      .filter(Boolean);
    if (listed.length > 0 || !companyId) {
      const people = listed.length
        ? await rowsOf(strapi, USER).findMany({
            where: { $or: listed.map((address) => ({ email: { $eqi: address } })) },
            select: ['id', 'email'],
          })
        : [];
      const personOf = new Map(people.map((person) => [person.email.toLowerCase(), person.id]));
      return listed.map((email) => ({ email, personId: personOf.get(email.toLowerCase()) }));
    }
    const managers = await rowsOf(strapi, USER).findMany({
      where: { company: { id: companyId }, clientManager: true, blocked: false, archivedAt: { $null: true } },
      select: ['id', 'email'],
    });
    return managers.map((person) => ({ email: person.email, personId: person.id }));
  };

  return {
    INVOICE_CODES,

    async generate(actor: Actor, input: GenerateInput): Promise<string> {
      requireManager(actor);
      return locked(async (trx) => {
        const project = await rowsOf(strapi, PROJECT).findOne({
          where: { documentId: input.project },
          select: ['id', 'documentId', 'name', 'currency'],
          populate: { company: { select: ['id', 'documentId'] } },
        });
        if (!project) throw new errors.NotFoundError('No such project');
        const entries = await billableEntries(trx, project.id, input);
        const open = {
          project: { id: project.id },
          state: 'approved',
          billable: true,
          invoice: { id: { $null: true } },
          date: { $gte: input.from, $lte: input.to },
        };
        const expenses = input.includeExpenses
          ? await rowsOf(strapi, EXPENSE).findMany({
              where: open,
              select: ['id', 'documentId', 'amountCents', 'description', 'date', 'currency'],
              populate: { service: { select: ['id', 'name'] } },
              orderBy: [{ date: 'asc' }, { id: 'asc' }],
            })
          : [];
        const foreign = [...new Set(expenses.map((expense) => expense.currency))].filter(
          (code) => code !== project.currency
        );
        if (foreign.length > 0) {
          throw conflict(`Expenses in ${foreign.join(', ')} cannot go on a ${project.currency} invoice`, {
            code: MIXED_CURRENCIES,
            currency: project.currency,
            currencies: foreign,
          });
        }
        if (entries.length === 0 && expenses.length === 0) {
          throw conflict('No approved, billable, uninvoiced time or expenses in this period', {
            code: INVOICE_CODES.nothingToInvoice,
          });
        }
        const lines = linesFor(entries, expenses, input.grouping, project.name);
        const invoice = await runAsSystem(() =>
          strapi.documents(INVOICE).create({
            data: {
              project: project.documentId,
              company: project.company?.documentId,
              state: 'draft',
              currency: project.currency,
              taxRateBasisPoints: input.taxRateBasisPoints,
              ...totalsOf(lines, input.taxRateBasisPoints),
              lines: lines.map(({ timeEntry, expense, ...line }) => ({
                ...line,
                ...(timeEntry ? { timeEntry } : {}),
                ...(expense ? { expense } : {}),
              })),
            },
          })
        );
        await attach(
          trx,
          TIME_ENTRY,
          entries.map((entry) => entry.id),
          invoice.id
        );
        await attach(
          trx,
          EXPENSE,
          expenses.map((expense) => expense.id),
          invoice.id
        );
        return invoice.documentId;
      });
    },

    /** Numbers the draft (next in its year, no gaps), freezes it, then emails it. */
    async issue(actor: Actor, documentId: string, dueOn?: string) {
      requireManager(actor);
      await this.issueDraft(documentId, dueOn);
    },

    /** `issue` without a person behind it: the scheduled job issuing a recurring invoice's period. */
    async issueDraft(documentId: string, dueOn?: string) {
      await locked(async () => {
        const invoice = await find(documentId);
        requireState(invoice, ['draft'], 'issued');
        const today = now();
        const year = today.getUTCFullYear();
        const numbered = await rowsOf(strapi, INVOICE).findMany({
          where: { number: { $startsWith: `INV-${year}-` } },
          select: ['number'],
        });
        const next = Math.max(0, ...numbered.map((row) => sequenceOf(row.number))) + 1;
        await strapi.db.query(INVOICE).update({
          where: { id: invoice.id },
          data: {
            number: invoiceNumber(year, next),
            state: 'issued',
            issuedOn: isoDay(today),
            dueOn: dueOn ?? invoice.dueOn ?? isoDay(new Date(today.getTime() + PAYMENT_TERM_DAYS * DAY)),
          },
        });
        // Its mails are queued with the number: an issued invoice is never left unsent by a crash.
        await this.send(documentId);
      });
    },

    /**
     * Queues the PDF for the billing contacts (the outbox, docs/operations.md#mail-outbox). The outcome is recorded on
     * the invoice by the outbox (sentAt, or sendError until a retry succeeds; POST …/send
     * queues it again); it never changes the invoice's state.
     */
    async send(documentId: string) {
      const invoice = await forPdf(documentId);
      const recipients = await recipientsOf(invoice.company?.id, invoice.company?.billingEmail);
      const agency = getService(strapi, 'settings').get().agencyName;
      if (recipients.length === 0) {
        const sendError = 'The company has no billing email and no Client Manager';
        strapi.log.error(`[client-portal] invoice ${invoice.number} was not sent: ${sendError}`);
        await strapi.db.query(INVOICE).update({ where: { documentId }, data: { sentAt: null, sendError } });
        return;
      }
      const pdf = await renderInvoicePdf(invoice, agency);
      const total = `${(invoice.totalCents / 100).toFixed(2)} ${invoice.currency}`;
      let queued = 0;
      for (const { email, personId } of recipients) {
        const sent = await getService(strapi, 'outbox').queue(
          'invoice',
          {
            to: email,
            subject: `${agency}: invoice ${invoice.number}`,
            text: `Please find attached invoice ${invoice.number} for ${total}, due on ${invoice.dueOn}.\n\n— ${agency}`,
            html: `<p>Please find attached invoice <strong>${invoice.number}</strong> for ${total}, due on ${invoice.dueOn}.</p><p>— ${agency}</p>`,
            attachments: [{ filename: `${invoice.number}.pdf`, content: pdf, contentType: 'application/pdf' }],
            ...(personId ? { topic: 'invoice-issued' as const, recipientId: personId } : {}),
          },
          { invoice: documentId }
        );
        if (sent) queued += 1;
      }
      if (queued === 0) {
        const sendError = 'Every billing contact turned invoice emails off';
        await strapi.db.query(INVOICE).update({ where: { documentId }, data: { sentAt: null, sendError } });
      }
    },

    async resend(actor: Actor, documentId: string) {
      requireManager(actor);
      requireState(await find(documentId), ['issued', 'paid'], 'sent');
      await this.send(documentId);
    },

    /** Void keeps the number (no gaps) and releases the time and expenses for another invoice. */
    async void(actor: Actor, documentId: string) {
      requireManager(actor);
      await locked(async (trx) => {
        const invoice = await find(documentId);
        requireState(invoice, ['draft', 'issued'], 'voided');
        await strapi.db.query(INVOICE).update({ where: { id: invoice.id }, data: { state: 'void' } });
        await release(trx, invoice.id);
      });
    },

    async markPaid(actor: Actor, documentId: string, payment: { paidOn?: string; amountCents?: number }) {
      requireManager(actor);
      await locked(async () => {
        const invoice = await find(documentId);
        requireState(invoice, ['issued'], 'marked paid');
        await strapi.db.query(INVOICE).update({
          where: { id: invoice.id },
          data: {
            state: 'paid',
            paidOn: payment.paidOn ?? isoDay(now()),
            paidAmountCents: payment.amountCents ?? invoice.totalCents,
          },
        });
      });
    },

    /** The PDF of an invoice the request's person may read (the read goes through the rules). */
    async pdf(documentId: string) {
      const visible = await strapi.documents(INVOICE).findOne({ documentId, fields: ['documentId'] });
      if (!visible) throw new errors.NotFoundError('Not Found');
      const invoice = await runAsSystem(() => forPdf(documentId));
      return {
        name: `${invoice.number ?? `draft-${documentId}`}.pdf`,
        content: await renderInvoicePdf(invoice, getService(strapi, 'settings').get().agencyName),
      };
    },

    /**
     * A written invoice's subtotal, tax and total are the server's sum of its lines at its tax
     * rate (docs/time-budgets-invoices.md#lines-and-totals), whatever the writer sent; values that are no numbers are left to validation.
     */
    async withTotals(documentId: string | undefined, data: Record<string, unknown>) {
      let lines = data.lines as { amountCents?: unknown }[] | undefined;
      let rate = data.taxRateBasisPoints;
      if ((lines === undefined || rate === undefined) && documentId) {
        const stored = await rowsOf(strapi, INVOICE).findOne({
          where: { documentId },
          select: ['taxRateBasisPoints'],
          populate: { lines: { select: ['amountCents'] } },
        });
        lines ??= stored?.lines ?? [];
        rate ??= stored?.taxRateBasisPoints;
      }
      const amounts = (Array.isArray(lines) ? lines : []).map((line) => Number(line?.amountCents));
      const basisPoints = Number(rate ?? 0);
      if (!Array.isArray(lines) || ![...amounts, basisPoints].every(Number.isSafeInteger)) return data;
      return {
        ...data,
        ...totalsOf(
          amounts.map((amountCents) => ({ amountCents })),
          basisPoints
        ),
      };
    },

    /** Issued, paid and void invoices no longer change through the generic endpoints (409). */
    async assertEditable(documentId: string) {
      const invoice = await rowsOf(strapi, INVOICE).findOne({ where: { documentId }, select: ['state'] });
      if (invoice && invoice.state !== 'draft') {
        throw conflict(`${anInvoice(invoice.state)} is frozen`, { code: INVOICE_CODES.frozen, state: invoice.state });
      }
    },
  };
};

export default invoicing;
