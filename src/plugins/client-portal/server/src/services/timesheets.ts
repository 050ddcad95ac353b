import type { Core } from '@strapi/strapi';
import type { Timesheet } from '../../../shared/contracts';
import type { Actor } from '../access/actor';
import { and } from '../access/rules';
import { toInteger, toIsoDate } from '../utils/aggregate';
import { getService } from '../utils/get-service';
import { rowsOf } from '../utils/rows';
import { TIME_ENTRY, USER } from '../constants';

export interface TimesheetQuery {
  from: string;
  to: string;
  /** A project documentId. */
  project?: string;
  /** A person's numeric id. */
  person?: number;
}

/** Timesheet (docs/time-budgets-invoices.md#timesheets): minutes per person per day, in one SQL aggregate under the actor's read rules. */
const timesheets = ({ strapi }: { strapi: Core.Strapi }) => ({
  async sheet(actor: Actor, query: TimesheetQuery): Promise<Timesheet> {
    const where = and(
      { date: { $gte: query.from, $lte: query.to }, state: { $ne: 'rejected' } },
      // An invisible project or person simply matches no visible entry: no existence oracle.
      query.project ? { project: { documentId: { $eq: query.project } } } : null
    );
    const entries = getService(strapi, 'access').for(actor).aggregate(TIME_ENTRY, where, { scope: 'counted' });
    const person = entries.by('person');
    const date = entries.column('date');
    const minutes = entries.column('minutes');
    const selected = person.join(entries.query());
    // One person's sheet reads their entries by date from the person index.
    if (query.person) selected.where(person.column, query.person);
    const rows = (await selected
      .select({ personId: person.column, date })
      .sum({ minutes })
      .select(
        entries.raw('SUM(CASE WHEN ?? THEN ?? ELSE 0 END) AS billable_minutes', [entries.column('billable'), minutes])
      )
      .groupBy(person.column, date)
      .orderBy([date, person.column])) as {
      personId: number;
      date: unknown;
      minutes: unknown;
      billable_minutes: unknown;
    }[];

    const ids = [...new Set(rows.map((row) => Number(row.personId)))];
    const people = await rowsOf(strapi, USER).findMany({
      where: { id: { $in: ids } },
      select: ['id', 'documentId', 'firstName', 'lastName'],
    });
    const byId = new Map(people.map((row) => [row.id, row]));
    const data = rows.map((row) => {
      const who = byId.get(Number(row.personId));
      return {
        person: {
          id: Number(row.personId),
          documentId: who?.documentId ?? '',
          firstName: who?.firstName ?? null,
          lastName: who?.lastName ?? null,
        },
        date: toIsoDate(row.date),
        minutes: toInteger(row.minutes),
        billableMinutes: toInteger(row.billable_minutes),
      };
    });
    return {
      data,
      meta: {
        from: query.from,
        to: query.to,
        totalMinutes: data.reduce((sum, row) => sum + row.minutes, 0),
        totalBillableMinutes: data.reduce((sum, row) => sum + row.billableMinutes, 0),
      },
    };
  },
});

export default timesheets;
