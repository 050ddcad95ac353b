import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import {
  MIXED_CURRENCIES,
  type BudgetAccessProject,
  type BudgetBurn,
  type BudgetServiceSummary,
  type BudgetSummary,
  type BudgetWorkFigures,
} from '../../../shared/contracts';
import type { Actor } from '../access/actor';
import { capabilities, isClientRole } from '../access/capabilities';
import { conflict } from '../errors';
import { aggregateOver, toBoolean, toInteger } from '../utils/aggregate';
import { PARENT_HIDDEN, PARENT_TRASHED } from '../utils/row-index';
import { getService } from '../utils/get-service';
import { dayOf } from '../utils/periods';
import { BUDGET, BUDGET_SERVICE, EXPENSE, PROJECT, TIME_ENTRY } from '../constants';

interface BudgetRow {
  id: number;
  documentId: string;
  name: string;
  clientAccess: boolean;
  project: { documentId: string; name: string; leader?: { id: number } | null } | null;
}

interface SummaryBudget {
  id: number;
  documentId: string;
  name: string;
  kind: string;
  currency: string;
  amountCents: number;
}

interface ServiceRow {
  id: number;
  documentId: string;
  name: string;
  position: number | null;
  capCents: number | null;
  hourlyRateCents?: number | null;
}

/** Approved time of a budget summed per billable flag and service (SQL aggregates: strings on PostgreSQL). */
interface TimeSums {
  billable: unknown;
  service: unknown;
  minutes: unknown;
  costCents: unknown;
  amount_cents: unknown;
  unitemized_minutes: unknown;
  unitemized_cents: unknown;
}

interface ExpenseSums {
  billable: unknown;
  currency: string;
  service: unknown;
  amountCents: unknown;
}

/** An entry's worth in cents, rounded half up on its own (as invoice lines count it). */
const ENTRY_AMOUNT_SQL = '(COALESCE(??, 0) * ?? + 30) / 60';

/**
 * Approved billable time clients see only as a total: on a task hidden from them or
 * trashed (the entry's copies of its task's state, utils/row-index.ts).
 */
const UNITEMIZED_SQL = '?? AND (?? OR ??)';

/** Half up, one decimal: 1234 / 5000 → 24.7. */
const percent = (part: number, whole: number): number | null =>
  whole === 0 ? null : Math.round((part * 1000) / whole) / 10;

const total = <Row>(rows: Row[], value: (row: Row) => unknown) =>
  rows.reduce((sum, row) => sum + toInteger(value(row)), 0);

/**
 * What some of a budget's approved work adds up to (all of it, a service's, the work on no
 * service): the same arithmetic for each, so the parts add up to the whole.
 */
const figuresOf = (time: TimeSums[], expenses: ExpenseSums[], financial: boolean): BudgetWorkFigures => {
  const billableTime = time.filter((row) => toBoolean(row.billable));
  const timeCents = total(billableTime, (row) => row.amount_cents);
  const expensesCents = total(
    expenses.filter((row) => toBoolean(row.billable)),
    (row) => row.amountCents
  );
  const usedCents = timeCents + expensesCents;
  const figures: BudgetWorkFigures = {
    usedCents,
    timeCents,
    expensesCents,
    billableMinutes: total(billableTime, (row) => row.minutes),
    unitemizedMinutes: total(time, (row) => row.unitemized_minutes),
    unitemizedCents: total(time, (row) => row.unitemized_cents),
  };
  if (!financial) return figures;
  // The agency's cost: every approved hour at its cost rate and every approved expense, billable or not.
  const costCents = total(time, (row) => row.costCents) + total(expenses, (row) => row.amountCents);
  return {
    ...figures,
    workedMinutes: total(time, (row) => row.minutes),
    costCents,
    profitCents: usedCents - costCents,
    marginPercent: percent(usedCents - costCents, usedCents),
  };
};

/** The service a sum row belongs to: null for work on no service (or on a service of another budget). */
const serviceIdOf = (row: { service: unknown }, known: ReadonlySet<number>): number | null => {
  const id = row.service === null || row.service === undefined ? null : Number(row.service);
  return id !== null && known.has(id) ? id : null;
};

const budgets = ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * The budget summary (docs/time-budgets-invoices.md#budgets), in SQL aggregates over approved entries. Everyone who may
   * read the budget gets the same used/billable figures, so summary, invoice and what
   * the client pays agree; work clients may not see itemised (on hidden or trashed
   * tasks) is counted in `unitemized…` without naming it.
   */
  async summary(actor: Actor, documentId: string): Promise<BudgetSummary> {
    const budget = await getService(strapi, 'access')
      .for(actor)
      .findOne<SummaryBudget>(BUDGET, {
        where: { documentId: { $eq: documentId } },
        select: ['id', 'documentId', 'name', 'kind', 'currency', 'amountCents'],
      });
    if (!budget) throw new errors.NotFoundError('Not Found');
    // The budget is visible: all its approved entries count, for every reader alike.
    const financial = capabilities(actor).manageFinances;
    const time = aggregateOver(strapi, TIME_ENTRY, null);
    const timeService = time.by('service', { optional: true });
    const amount = [time.column('rateCents'), time.column('minutes')];
    const unitemized = [time.column('billable'), time.column(PARENT_HIDDEN), time.column(PARENT_TRASHED)];
    const timeRows = (await timeService
      .join(time.linkedTo('budget', budget.id))
      .where(time.column('state'), 'approved')
      .select({ billable: time.column('billable'), service: timeService.column })
      .sum({ minutes: time.column('minutes'), costCents: time.column('costCents') })
      .select(time.raw(`SUM(${ENTRY_AMOUNT_SQL}) AS amount_cents`, amount))
      .select(
        time.raw(`SUM(CASE WHEN ${UNITEMIZED_SQL} THEN ?? ELSE 0 END) AS unitemized_minutes`, [
          ...unitemized,
          time.column('minutes'),
        ])
      )
      .select(
        time.raw(`SUM(CASE WHEN ${UNITEMIZED_SQL} THEN ${ENTRY_AMOUNT_SQL} ELSE 0 END) AS unitemized_cents`, [
          ...unitemized,
          ...amount,
        ])
      )
      .groupBy(time.column('billable'), timeService.column)) as TimeSums[];

    const expenses = aggregateOver(strapi, EXPENSE, null);
    const expenseService = expenses.by('service', { optional: true });
    const expenseRows = (await expenseService
      .join(expenses.linkedTo('budget', budget.id))
      .where(expenses.column('state'), 'approved')
      .select({
        billable: expenses.column('billable'),
        currency: expenses.column('currency'),
        service: expenseService.column,
      })
      .sum({ amountCents: expenses.column('amountCents') })
      .groupBy(expenses.column('billable'), expenses.column('currency'), expenseService.column)) as ExpenseSums[];
    const currencies = [...new Set(expenseRows.map((row) => row.currency))].filter((code) => code !== budget.currency);
    if (currencies.length > 0) {
      throw conflict(`Expenses in ${currencies.join(', ')} cannot be summed with a ${budget.currency} budget`, {
        code: MIXED_CURRENCIES,
        currency: budget.currency,
        currencies,
      });
    }

    const whole = figuresOf(timeRows, expenseRows, financial);
    const summary: BudgetSummary = {
      documentId: budget.documentId,
      name: budget.name,
      kind: budget.kind,
      currency: budget.currency,
      amountCents: budget.amountCents,
      ...whole,
      remainingCents: budget.amountCents - whole.usedCents,
    };
    // The services are read under the actor's rules: whoever sees the budget sees them (rates only with finances).
    const services = await getService(strapi, 'access')
      .for(actor)
      .findMany<ServiceRow>(BUDGET_SERVICE, {
        where: { budget: { id: { $eq: budget.id } } },
        select: ['id', 'documentId', 'name', 'position', 'capCents', ...(financial ? ['hourlyRateCents'] : [])],
        orderBy: [{ position: 'asc' }, { name: 'asc' }, { id: 'asc' }],
      });
    if (services.length === 0) return summary;
    const known = new Set(services.map((service) => service.id));
    const part = (id: number | null) =>
      figuresOf(
        timeRows.filter((row) => serviceIdOf(row, known) === id),
        expenseRows.filter((row) => serviceIdOf(row, known) === id),
        financial
      );
    return {
      ...summary,
      services: services.map((service): BudgetServiceSummary => {
        const figures = part(service.id);
        return {
          documentId: service.documentId,
          name: service.name,
          position: service.position ?? 0,
          capCents: service.capCents ?? null,
          ...(financial ? { hourlyRateCents: service.hourlyRateCents ?? null } : {}),
          ...figures,
          remainingCents:
            service.capCents === null || service.capCents === undefined ? null : service.capCents - figures.usedCents,
        };
      }),
      unassigned: part(null),
    };
  },

  /**
   * The burn of a budget per day (admin Budgets chart): approved billable time and
   * expenses summed by date in SQL, the same work the summary counts, so the last
   * cumulative point equals the summary's usedCents.
   */
  async burn(actor: Actor, documentId: string): Promise<BudgetBurn> {
    const budget = await getService(strapi, 'access')
      .for(actor)
      .findOne<SummaryBudget & { startsOn: unknown; endsOn: unknown }>(BUDGET, {
        where: { documentId: { $eq: documentId } },
        select: ['id', 'documentId', 'currency', 'amountCents', 'startsOn', 'endsOn'],
      });
    if (!budget) throw new errors.NotFoundError('Not Found');
    const days = new Map<string, { minutes: number; cents: number }>();
    const add = (date: unknown, minutes: number, cents: number) => {
      const day = dayOf(date);
      if (!day) return;
      const current = days.get(day) ?? { minutes: 0, cents: 0 };
      days.set(day, { minutes: current.minutes + minutes, cents: current.cents + cents });
    };
    const approvedBillable = { state: 'approved', billable: true };
    const time = aggregateOver(strapi, TIME_ENTRY, null);
    const timeRows = (await time
      .linkedTo('budget', budget.id)
      .where({ [time.column('state')]: approvedBillable.state, [time.column('billable')]: approvedBillable.billable })
      .select({ date: time.column('date') })
      .sum({ minutes: time.column('minutes') })
      .select(time.raw(`SUM(${ENTRY_AMOUNT_SQL}) AS amount_cents`, [time.column('rateCents'), time.column('minutes')]))
      .groupBy(time.column('date'))) as { date: unknown; minutes: unknown; amount_cents: unknown }[];
    for (const row of timeRows) add(row.date, toInteger(row.minutes), toInteger(row.amount_cents));
    const expenses = aggregateOver(strapi, EXPENSE, null);
    const expenseRows = (await expenses
      .linkedTo('budget', budget.id)
      .where({
        [expenses.column('state')]: approvedBillable.state,
        [expenses.column('billable')]: approvedBillable.billable,
      })
      .select({ date: expenses.column('date') })
      .sum({ amountCents: expenses.column('amountCents') })
      .groupBy(expenses.column('date'))) as { date: unknown; amountCents: unknown }[];
    for (const row of expenseRows) add(row.date, 0, toInteger(row.amountCents));
    return {
      documentId: budget.documentId,
      currency: budget.currency,
      amountCents: budget.amountCents,
      startsOn: dayOf(budget.startsOn),
      endsOn: dayOf(budget.endsOn),
      days: [...days.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([date, value]) => ({ date, ...value })),
    };
  },

  /** Every project the actor sees with its budgets, their client access and the Client Managers it reaches. */
  async overview(actor: Actor): Promise<BudgetAccessProject[]> {
    const projects = (await getService(strapi, 'access')
      .for(actor)
      .findMany(PROJECT, {
        select: ['id', 'documentId', 'name'],
        populate: {
          company: { select: ['name'] },
          leader: { select: ['id'] },
          members: {
            select: ['id', 'email', 'firstName', 'lastName', 'clientManager', 'archivedAt'],
            populate: { role: { select: ['type'] } },
          },
          budgets: { select: ['documentId', 'name', 'kind', 'currency', 'amountCents', 'clientAccess'] },
        },
        orderBy: [{ name: 'asc' }],
      })) as {
      documentId: string;
      name: string;
      company: { name: string } | null;
      leader: { id: number } | null;
      members: {
        id: number;
        email: string;
        firstName: string | null;
        lastName: string | null;
        clientManager: boolean | null;
        archivedAt: string | null;
        role: { type: string } | null;
      }[];
      budgets: Omit<BudgetAccessProject['budgets'][number], 'usedCents' | 'remainingCents'>[];
    }[];
    const result: BudgetAccessProject[] = [];
    for (const project of projects) {
      const budgets: BudgetAccessProject['budgets'] = [];
      for (const budget of project.budgets) {
        const summary = await this.summary(actor, budget.documentId).catch(() => null);
        budgets.push({
          ...budget,
          usedCents: summary?.usedCents ?? null,
          remainingCents: summary?.remainingCents ?? null,
        });
      }
      result.push({
        documentId: project.documentId,
        name: project.name,
        company: project.company?.name ?? null,
        leaderId: project.leader?.id ?? null,
        clientManagers: project.members
          .filter((person) => person.clientManager && !person.archivedAt && isClientRole(person.role?.type))
          .map((person) => ({
            id: person.id,
            email: person.email,
            name: [person.firstName, person.lastName].filter(Boolean).join(' ') || person.email,
          })),
        budgets,
      });
    }
    return result;
  },

  /** Budget access for clients (docs/time-budgets-invoices.md#what-clients-see-of-budgets-and-time): Owners, Member+ "finances" and the project's leader toggle it. */
  async setClientAccess(actor: Actor, documentId: string, clientAccess: boolean) {
    const visible = await getService(strapi, 'access')
      .for(actor)
      .findOne<BudgetRow>(BUDGET, {
        where: { documentId: { $eq: documentId } },
        populate: { project: { populate: ['leader'] } },
      });
    if (!visible) throw new errors.NotFoundError('Not Found');
    const leads = visible.project?.leader?.id === actor.id;
    if (!capabilities(actor).shareBudget(leads)) {
      throw new errors.ForbiddenError('Only Owners, Member+ with the finance permission and the project leader');
    }
    await strapi.db.query(BUDGET).update({ where: { id: visible.id }, data: { clientAccess } });
    return {
      documentId: visible.documentId,
      name: visible.name,
      clientAccess,
      project: visible.project ? { documentId: visible.project.documentId, name: visible.project.name } : null,
    };
  },
});

export default budgets;
