import type { Core } from '@strapi/strapi';
import { capabilities, type ReportName } from '../access/capabilities';
import { errors } from '@strapi/utils';
import type { Actor } from '../access/actor';
import { aggregateOver, toBoolean, toInteger } from '../utils/aggregate';
import { getService } from '../utils/get-service';
import { contentType } from '../utils/rows';
import { BUDGET, EXPENSE, INVOICE, PROJECT, TIME_ENTRY, USER } from '../constants';

export type TimeGrouping = 'project' | 'person' | 'month';
export type ReportRow = Record<string, string | number | boolean | null>;

export interface ReportQuery {
  from: string;
  to: string;
  groupBy: TimeGrouping;
}

const percent = (part: number, whole: number): number | null =>
  whole === 0 ? null : Math.round((part * 1000) / whole) / 10;

/** Reports in SQL aggregates, each under the reader's read rules. */
const reports = ({ strapi }: { strapi: Core.Strapi }) => {
  const access = (actor: Actor) => getService(strapi, 'access').for(actor);
  const month = (column: string) =>
    strapi.db.dialect.client === 'postgres' ? `to_char(${column}, 'YYYY-MM')` : `substr(${column}, 1, 7)`;
  const names = async (uid: string, ids: number[], fields: string[]) =>
    new Map(
      (
        (await strapi.db.query(contentType(strapi, uid)).findMany({
          where: { id: { $in: ids } },
          select: ['id', 'documentId', ...fields],
        })) as ({ id: number } & Record<string, string>)[]
      ).map((row) => [row.id, row])
    );

  return {
    async run(actor: Actor, report: ReportName, query: ReportQuery): Promise<ReportRow[]> {
      if (!capabilities(actor).readReport(report))
        throw new errors.ForbiddenError(`The ${report} report is not available to you`);
      switch (report) {
        case 'time':
          return this.time(actor, query);
        case 'budgets':
          return this.budgets(actor);
        case 'uninvoiced':
          return this.uninvoiced(actor, query);
        default:
          return this.invoices(actor, query);
      }
    },

    /** Minutes and billable minutes per project, person or month. */
    async time(actor: Actor, query: ReportQuery): Promise<ReportRow[]> {
      const entries = access(actor).aggregate(
        TIME_ENTRY,
        { date: { $gte: query.from, $lte: query.to }, state: { $ne: 'rejected' } },
        { scope: 'counted' }
      );
      const minutes = entries.column('minutes');
      const billable = entries.raw('SUM(CASE WHEN ?? THEN ?? ELSE 0 END) AS billable_minutes', [
        entries.column('billable'),
        minutes,
      ]);
      let rows: { key: unknown; minutes: unknown; billable_minutes: unknown }[];
      if (query.groupBy === 'month') {
        const key = entries.raw(`${month(entries.column('date'))} AS ??`, ['key']);
        rows = await entries
          .query()
          .select(key)
          .sum({ minutes })
          .select(billable)
          .groupByRaw(month(entries.column('date')))
          .orderBy('key');
        return rows.map((row) => ({
          month: String(row.key),
          minutes: toInteger(row.minutes),
          billableMinutes: toInteger(row.billable_minutes),
        }));
      }
      const key = entries.by(query.groupBy);
      rows = await key
        .join(entries.query())
        .select({ key: key.column })
        .sum({ minutes })
        .select(billable)
        .groupBy(key.column)
        .orderBy(key.column);
      const ids = rows.map((row) => Number(row.key));
      const labels =
        query.groupBy === 'project'
          ? await names(PROJECT, ids, ['name'])
          : await names(USER, ids, ['firstName', 'lastName']);
      return rows.map((row) => {
        const label = labels.get(Number(row.key));
        return {
          [query.groupBy]: label?.documentId ?? null,
          name:
            query.groupBy === 'project'
              ? (label?.name ?? '')
              : [label?.firstName, label?.lastName].filter(Boolean).join(' '),
          minutes: toInteger(row.minutes),
          billableMinutes: toInteger(row.billable_minutes),
        };
      });
    },

    /** Budget vs cost for every budget the reader sees: used, cost, profit, margin. */
    async budgets(actor: Actor): Promise<ReportRow[]> {
      const budgets = (await access(actor).findMany(BUDGET, {
        select: ['id', 'documentId', 'name', 'currency', 'amountCents'],
        populate: { project: { select: ['name'] } },
        orderBy: [{ id: 'asc' }],
      })) as {
        id: number;
        documentId: string;
        name: string;
        currency: string;
        amountCents: number;
        project: { name: string } | null;
      }[];
      if (budgets.length === 0) return [];
      const ids = budgets.map((budget) => budget.id);
      const time = aggregateOver(strapi, TIME_ENTRY, null);
      const timeBudget = time.by('budget');
      const timeRows = (await time
        .linkedTo('budget', ids)
        .where(time.column('state'), 'approved')
        .select({ budget: timeBudget.column, billable: time.column('billable') })
        .sum({ cost: time.column('costCents') })
        .select(
          time.raw('SUM((COALESCE(??, 0) * ?? + 30) / 60) AS amount', [
            time.column('rateCents'),
            time.column('minutes'),
          ])
        )
        .groupBy(timeBudget.column, time.column('billable'))) as {
        budget: unknown;
        billable: unknown;
        cost: unknown;
        amount: unknown;
      }[];
      const spent = aggregateOver(strapi, EXPENSE, null);
      const spentBudget = spent.by('budget');
      const expenseRows = (await spent
        .linkedTo('budget', ids)
        .where(spent.column('state'), 'approved')
        .select({ budget: spentBudget.column, billable: spent.column('billable'), currency: spent.column('currency') })
        .sum({ amount: spent.column('amountCents') })
        .groupBy(spentBudget.column, spent.column('billable'), spent.column('currency'))) as {
        budget: unknown;
        billable: unknown;
        currency: string;
        amount: unknown;
      }[];
      return budgets.map((budget) => {
        const ofBudget = <Row extends { budget: unknown }>(rows: Row[]) =>
          rows.filter((row) => Number(row.budget) === budget.id);
        const times = ofBudget(timeRows);
        const expenses = ofBudget(expenseRows);
        const mixed = expenses.some((row) => row.currency !== budget.currency);
        const usedCents =
          times.filter((row) => toBoolean(row.billable)).reduce((sum, row) => sum + toInteger(row.amount), 0) +
          expenses.filter((row) => toBoolean(row.billable)).reduce((sum, row) => sum + toInteger(row.amount), 0);
        const costCents =
          times.reduce((sum, row) => sum + toInteger(row.cost), 0) +
          expenses.reduce((sum, row) => sum + toInteger(row.amount), 0);
        return {
          budget: budget.documentId,
          name: budget.name,
          project: budget.project?.name ?? '',
          currency: budget.currency,
          amountCents: budget.amountCents,
          usedCents: mixed ? null : usedCents,
          remainingCents: mixed ? null : budget.amountCents - usedCents,
          costCents: mixed ? null : costCents,
          profitCents: mixed ? null : usedCents - costCents,
          marginPercent: mixed ? null : percent(usedCents - costCents, usedCents),
          mixedCurrencies: mixed,
        };
      });
    },

    /** Approved, billable work not on any invoice yet, per project. */
    async uninvoiced(actor: Actor, query: ReportQuery): Promise<ReportRow[]> {
      // Not on an invoice: `without('invoice')` below, so the filter stays on the rows' own columns.
      const open = { state: 'approved', billable: true, date: { $gte: query.from, $lte: query.to } };
      const time = access(actor).aggregate(TIME_ENTRY, open);
      const timeProject = time.by('project');
      const timeRows = (await timeProject
        .join(time.without('invoice')(time.query()))
        .select({ project: timeProject.column })
        .sum({ minutes: time.column('minutes') })
        .select(
          time.raw('SUM((COALESCE(??, 0) * ?? + 30) / 60) AS amount', [
            time.column('rateCents'),
            time.column('minutes'),
          ])
        )
        .groupBy(timeProject.column)) as { project: unknown; minutes: unknown; amount: unknown }[];
      const spent = access(actor).aggregate(EXPENSE, open);
      const spentProject = spent.by('project');
      const expenseRows = (await spentProject
        .join(spent.without('invoice')(spent.query()))
        .select({ project: spentProject.column, currency: spent.column('currency') })
        .sum({ amount: spent.column('amountCents') })
        .groupBy(spentProject.column, spent.column('currency'))) as {
        project: unknown;
        currency: string;
        amount: unknown;
      }[];
      const ids = [...new Set([...timeRows, ...expenseRows].map((row) => Number(row.project)))].sort((a, b) => a - b);
      const projects = await names(PROJECT, ids, ['name', 'currency']);
      return ids.map((id) => {
        const time = timeRows.find((row) => Number(row.project) === id);
        const project = projects.get(id);
        const expenses = expenseRows.filter((row) => Number(row.project) === id);
        const expensesCents = expenses
          .filter((row) => row.currency === project?.currency)
          .reduce((sum, row) => sum + toInteger(row.amount), 0);
        return {
          project: project?.documentId ?? null,
          name: project?.name ?? '',
          currency: project?.currency ?? '',
          minutes: toInteger(time?.minutes),
          timeCents: toInteger(time?.amount),
          expensesCents,
          totalCents: toInteger(time?.amount) + expensesCents,
          mixedCurrencies: expenses.some((row) => row.currency !== project?.currency),
        };
      });
    },

    /** Invoices issued in the period (drafts have no date yet) and what was paid. */
    async invoices(actor: Actor, query: ReportQuery): Promise<ReportRow[]> {
      const rows = (await access(actor).findMany(INVOICE, {
        where: { state: { $ne: 'draft' }, issuedOn: { $gte: query.from, $lte: query.to } },
        select: [
          'documentId',
          'number',
          'state',
          'issuedOn',
          'dueOn',
          'currency',
          'totalCents',
          'paidOn',
          'paidAmountCents',
        ],
        populate: { company: { select: ['name'] } },
        orderBy: [{ issuedOn: 'asc' }, { number: 'asc' }],
      })) as (ReportRow & { company: { name: string } | null })[];
      return rows.map(({ company, ...invoice }) => ({
        ...invoice,
        company: company?.name ?? '',
        outstandingCents:
          invoice.state === 'issued' ? Number(invoice.totalCents) - Number(invoice.paidAmountCents ?? 0) : 0,
      }));
    },
  };
};

export default reports;
