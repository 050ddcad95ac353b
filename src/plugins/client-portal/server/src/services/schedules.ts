import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import type { BudgetSummary } from '../../../shared/contracts';
import { toActor, type Actor } from '../access/actor';
import { furtherWorkDescription, totalsOf } from '../access/invoice-rules';
import { runAsSystem } from '../adapters/request-scope';
import { money } from '../mail/priced-pdf';
import { withAdvisoryLock } from '../utils/advisory-lock';
import type { MailMessage } from './mailer';
import { aggregateOver, toInteger } from '../utils/aggregate';
import { getService } from '../utils/get-service';
import { roleIn } from '../utils/memberships';
import {
  dayOf,
  firstReportOn,
  isoDay,
  latestDueReport,
  nextOccurrence,
  reportPeriod,
  type ReportFrequency,
} from '../utils/periods';
import { rowsOf, type Row } from '../utils/rows';
import { BUDGET, INVOICE, PROJECT, RECURRING_INVOICE, TIME_ENTRY, USER } from '../constants';

/** Periods one recurring invoice catches up in one run (a schedule left off for years waits for the next run). */
const MAX_CATCH_UP = 120;
const JOB_NAME = 'client-portal-scheduled-job';

const RECIPIENT_FIELDS = [
  'id',
  'documentId',
  'email',
  'firstName',
  'clientManager',
  'canManageProjects',
  'canManageFinances',
] as const;
const RECIPIENT_POPULATE = { role: { select: ['type'] }, company: { select: ['id'] } } as const;
type RecipientRow = Row<typeof USER, { select: typeof RECIPIENT_FIELDS; populate: typeof RECIPIENT_POPULATE }>;

const REPORT_FIELDS = ['id', 'name', 'clientReport', 'clientReportNextOn'] as const;
type ProjectRow = Row<typeof PROJECT, { select: typeof REPORT_FIELDS }>;

/** Client Managers get the reports; a client role's rules decide what they read. */
const isClient = roleIn(['client', 'client-plus']);

export interface RunSummary {
  /** Invoices drafted (and issued when asked), as `recurring documentId: period`. */
  invoices: string[];
  /** Report mails queued. */
  reports: number;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
const hours = (minutes: number) => `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')} h`;

/**
 * The scheduled job (docs/time-budgets-invoices.md#recurring-invoices,
 * docs/collaboration.md#scheduled-client-reports): every instance runs it on `PORTAL_JOBS_CRON`;
 * each recurring invoice's period and each project's report is done in its own transaction
 * under an advisory lock that re-reads the schedule first, so two instances running at once
 * create each period's invoice and send each report exactly once.
 */
const schedules = ({ strapi }: { strapi: Core.Strapi }) => {
  let running: Promise<RunSummary> | null = null;

  /** One period of one recurring invoice, if still due: the draft, the top-up, the issue, the next date. */
  const runPeriod = async (trx: Knex.Transaction, id: number, today: string): Promise<string | null> => {
    const recurring = await rowsOf(strapi, RECURRING_INVOICE).findOne({
      where: { id },
      populate: {
        lines: true,
        company: { select: ['documentId'] },
        project: { select: ['documentId'], populate: { company: { select: ['documentId'] } } },
        budget: { select: ['id', 'currency'] },
      },
    });
    const period = dayOf(recurring?.nextOn);
    const endsOn = dayOf(recurring?.endsOn);
    if (!recurring?.active || !period || period > today || (endsOn && period > endsOn)) return null;
    const anchor = dayOf(recurring.startsOn) ?? period;
    const done = await strapi.db.query(INVOICE).findOne({
      where: { recurringInvoice: { id }, period },
      select: ['id'],
    });
    if (!done) {
      const lines = (recurring.lines ?? []).map((line) => ({
        description: line.description,
        quantity: Number(line.quantity),
        unit: line.unit,
        unitPriceCents: line.unitPriceCents,
        amountCents: line.amountCents,
      }));
      const totals = totalsOf(lines, recurring.taxRateBasisPoints);
      const invoice = await runAsSystem(() =>
        strapi.documents(INVOICE).create({
          data: {
            project: recurring.project?.documentId,
            company: recurring.company?.documentId ?? recurring.project?.company?.documentId,
            state: 'draft',
            currency: recurring.currency,
            taxRateBasisPoints: recurring.taxRateBasisPoints,
            ...totals,
            lines,
            recurringInvoice: recurring.documentId,
            period,
          },
        })
      );
      const budget = recurring.budget;
      if (budget && budget.currency === recurring.currency) {
        // The retainer grows by what the period bills before tax (in SQL: an edit meanwhile is not lost).
        const table = strapi.db.metadata.get(BUDGET) as unknown as {
          tableName: string;
          attributes: { amountCents: { columnName: string } };
        };
        await trx(table.tableName)
          .where('id', budget.id)
          .increment(table.attributes.amountCents.columnName, totals.subtotalCents);
      } else if (budget) {
        strapi.log.warn(
          `[client-portal] recurring invoice ${recurring.documentId}: budget in ${budget.currency}, invoice in ${recurring.currency}: not topped up`
        );
      }
      if (recurring.autoIssue) await getService(strapi, 'invoicing').issueDraft(invoice.documentId);
    }
    await strapi.db.query(RECURRING_INVOICE).update({
      where: { id },
      data: { nextOn: nextOccurrence(anchor, recurring.interval, period), startsOn: anchor, lastRunOn: today },
    });
    return `${recurring.documentId}: ${period}`;
  };

  const recurringInvoices = async (today: string): Promise<string[]> => {
    const due = await rowsOf(strapi, RECURRING_INVOICE).findMany({
      where: { active: true, nextOn: { $lte: today } },
      select: ['id'],
      orderBy: { id: 'asc' },
    });
    const made: string[] = [];
    for (const { id } of due) {
      try {
        for (let round = 0; round < MAX_CATCH_UP; round += 1) {
          // The invoices lock: the same one numbering takes, so issuing inside it cannot wait on another instance.
          const period = await withAdvisoryLock(strapi, 'invoices', (trx) => runPeriod(trx, id, today));
          if (!period) break;
          made.push(period);
        }
      } catch (error) {
        strapi.log.error(`[client-portal] recurring invoice #${id}: ${(error as Error).message}`);
      }
    }
    return made;
  };

  /** What a Client Manager reads of one budget for the period, under their own rules. */
  const budgetSection = async (
    actor: Actor,
    budget: { id: number; documentId: string; name: string },
    from: string,
    to: string
  ) => {
    const summary: BudgetSummary | null = await getService(strapi, 'budgets')
      .summary(actor, budget.documentId)
      .catch(() => null);
    // Itemised: the period's entries this person may read (approved, billable, not on a hidden task).
    const entries = await getService(strapi, 'access')
      .for(actor)
      .findMany<{ minutes: number; task: { title: string } | null }>(TIME_ENTRY, {
        where: { budget: { id: budget.id }, date: { $gte: from, $lte: to } },
        select: ['minutes'],
        populate: { task: { select: ['title'] } },
      });
    // All approved billable work of the period counts, as in the summary; the rest is not itemised.
    const time = aggregateOver(strapi, TIME_ENTRY, null);
    const [total] = (await time
      .linkedTo('budget', budget.id)
      .where({ [time.column('state')]: 'approved', [time.column('billable')]: true })
      .where(time.column('date'), '>=', from)
      .where(time.column('date'), '<=', to)
      .sum({ minutes: time.column('minutes') })) as { minutes: unknown }[];
    const byTask = new Map<string, number>();
    for (const entry of entries) {
      const title = entry.task?.title ?? 'Other work';
      byTask.set(title, (byTask.get(title) ?? 0) + entry.minutes);
    }
    const itemised = entries.reduce((sum, entry) => sum + entry.minutes, 0);
    const unitemised = Math.max(0, toInteger(total?.minutes) - itemised);
    const rows = [...byTask.entries()].map(([title, minutes]) => `${title}: ${hours(minutes)}`);
    if (unitemised > 0) rows.push(`${furtherWorkDescription(budget.name)}: ${hours(unitemised)}`);
    const figures = summary
      ? `amount ${money(summary.amountCents, summary.currency)}, used ${money(summary.usedCents, summary.currency)}, remaining ${money(summary.remainingCents, summary.currency)}`
      : 'figures unavailable';
    return { heading: `${budget.name}: ${figures}`, time: `Approved time: ${hours(itemised + unitemised)}`, rows };
  };

  const reportMail = async (
    person: RecipientRow,
    actor: Actor,
    project: ProjectRow,
    frequency: ReportFrequency,
    period: { from: string; to: string }
  ): Promise<MailMessage> => {
    const budgets = await getService(strapi, 'access')
      .for(actor)
      .findMany<{ id: number; documentId: string; name: string }>(BUDGET, {
        where: { project: { id: project.id } },
        select: ['id', 'documentId', 'name'],
        orderBy: [{ name: 'asc' }, { id: 'asc' }],
      });
    const sections = [];
    for (const budget of budgets) sections.push(await budgetSection(actor, budget, period.from, period.to));
    const agency = getService(strapi, 'settings').get().agencyName;
    const greeting = person.firstName ? `Hello ${person.firstName},` : 'Hello,';
    const intro = `Your ${frequency} report for ${project.name}, ${period.from} to ${period.to}.`;
    const empty = 'No budget of this project is shared with you.';
    const text = [
      greeting,
      '',
      intro,
      '',
      ...(sections.length === 0 ? [empty] : []),
      ...sections.flatMap((section) => [section.heading, section.time, ...section.rows.map((row) => `  - ${row}`), '']),
      `— ${agency}`,
    ].join('\n');
    const html = [
      `<p>${escapeHtml(greeting)}</p>`,
      `<p>${escapeHtml(intro)}</p>`,
      ...(sections.length === 0 ? [`<p>${escapeHtml(empty)}</p>`] : []),
      ...sections.map(
        (section) =>
          `<h3>${escapeHtml(section.heading)}</h3><p>${escapeHtml(section.time)}</p>` +
          (section.rows.length > 0
            ? `<ul>${section.rows.map((row) => `<li>${escapeHtml(row)}</li>`).join('')}</ul>`
            : '')
      ),
      `<p>— ${escapeHtml(agency)}</p>`,
    ].join('');
    return {
      to: person.email,
      subject: `${agency}: ${project.name}, ${frequency} report ${period.from} – ${period.to}`,
      text,
      html,
      topic: 'scheduled-report',
      recipientId: person.id,
    };
  };

  /** The active Client Managers on a project, each with the actor whose rules their report is read under. */
  const reportRecipients = async (projectId: number) => {
    const people = await rowsOf(strapi, USER).findMany({
      where: { projects: { id: projectId }, clientManager: true, blocked: false, archivedAt: { $null: true } },
      select: RECIPIENT_FIELDS,
      populate: RECIPIENT_POPULATE,
      orderBy: { id: 'asc' },
    });
    return people.flatMap((person) => {
      const actor = isClient(person) ? toActor(person) : null;
      return actor ? [{ person, actor }] : [];
    });
  };

  /**
   * One project's report, if due: the mails are written first (their aggregates read outside
   * any transaction), then queued under the lock only if the schedule is still as read, so
   * of two instances only the first queues them.
   */
  const reportProject = async (id: number, today: string): Promise<number> => {
    const read = () => rowsOf(strapi, PROJECT).findOne({ where: { id }, select: REPORT_FIELDS });
    const project = await read();
    const frequency = project?.clientReport;
    if (!project || (frequency !== 'weekly' && frequency !== 'monthly')) return 0;
    const nextOn = dayOf(project.clientReportNextOn);
    if (nextOn && nextOn > today) return 0;
    const mails: MailMessage[] = [];
    if (nextOn) {
      const period = reportPeriod(frequency, latestDueReport(frequency, nextOn, today));
      for (const { person, actor } of await reportRecipients(id)) {
        mails.push(await reportMail(person, actor, project, frequency, period));
      }
    }
    return withAdvisoryLock(strapi, 'schedules', async () => {
      const current = await read();
      if (current?.clientReport !== frequency || dayOf(current.clientReportNextOn) !== nextOn) return 0;
      for (const mail of mails) await getService(strapi, 'outbox').queue('notification', mail);
      // Just switched on (no date yet): the first report covers the first whole period from now on.
      await strapi.db.query(PROJECT).update({
        where: { id },
        data: { clientReportNextOn: firstReportOn(frequency, today) },
      });
      return mails.length;
    });
  };

  const clientReports = async (today: string): Promise<number> => {
    const projects = await rowsOf(strapi, PROJECT).findMany({
      where: {
        clientReport: { $in: ['weekly', 'monthly'] },
        state: { $ne: 'archived' },
        $or: [{ clientReportNextOn: { $null: true } }, { clientReportNextOn: { $lte: today } }],
      },
      select: ['id'],
      orderBy: { id: 'asc' },
    });
    let sent = 0;
    for (const { id } of projects) {
      try {
        sent += await reportProject(id, today);
      } catch (error) {
        strapi.log.error(`[client-portal] client report of project #${id}: ${(error as Error).message}`);
      }
    }
    return sent;
  };

  return {
    /** Everything due by `now` (the clock's "today" in UTC): each recurring period's invoice, each report. */
    async runDue(now: Date = getService(strapi, 'clock').now()): Promise<RunSummary> {
      const today = isoDay(now);
      await getService(strapi, 'estimates').expireDue();
      return { invoices: await recurringInvoices(today), reports: await clientReports(today) };
    },

    /** Registers the job on PORTAL_JOBS_CRON; a run still under way when the next fires is not doubled. */
    start() {
      const rule = getService(strapi, 'settings').get().jobsCron;
      if (rule === 'off') return;
      strapi.cron.add({
        [JOB_NAME]: {
          task: async () => {
            if (running) return;
            running = this.runDue().finally(() => {
              running = null;
            });
            await running.catch((error: Error) => strapi.log.error(`[client-portal] scheduled job: ${error.message}`));
          },
          options: { rule },
        },
      });
    },
  };
};

export default schedules;
