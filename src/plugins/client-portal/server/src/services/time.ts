import type { Core, UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { ENTRY_INVOICED, type ApprovalQueue, type ApprovalResult } from '../../../shared/contracts';
import type { Actor } from '../access/actor';
import type { RequestScope } from '../adapters/request-scope';
import {
  amountForMinutes,
  approvalVerdict,
  logsTime,
  mayLogFor,
  snapshotRate,
  stateAfterWrite,
} from '../access/time-rules';
import { conflict, invalidField } from '../errors';
import { getService } from '../utils/get-service';
import { rowsOf, type Query, type Row } from '../utils/rows';
import type { RejectedEntry } from './notifications';
import { singleReference, whereOf, type Reference } from '../utils/references';
import { BUDGET, BUDGET_SERVICE, EXPENSE, PROJECT, TASK, TIME_ENTRY, USER } from '../constants';

export type LoggedType = typeof TIME_ENTRY | typeof EXPENSE;
export const isLoggedType = (uid: string): uid is LoggedType => uid === TIME_ENTRY || uid === EXPENSE;

const QUEUED_EXPENSE = ['description', 'amountCents', 'currency'];

/** What an approver decides about entries. */
export type Decision = { state: 'approved' } | { state: 'rejected'; reason: string };

type Data = Record<string, unknown>;

/** An approval of an approved entry, or a rejection of a rejected one for the same reason. */
const alreadyDecided = (row: Pick<EntryRow, 'state' | 'rejectionReason'>, decision: Decision) =>
  row.state === decision.state && (decision.state === 'approved' || row.rejectionReason === decision.reason);

const PROJECT_POPULATE = {
  select: ['id', 'requireTimeApproval', 'trackingEnabled', 'currency', 'clientsCanApproveTime'],
  populate: { leader: { select: ['id'] }, members: { select: ['id'] }, company: { select: ['id'] } },
} as const;
const PERSON_POPULATE = {
  select: ['id', 'documentId', 'hourlyRateCents', 'costRateCents'],
  populate: { role: { select: ['type'] } },
} as const;
const BUDGET_POPULATE = {
  select: ['id', 'currency', 'hourlyRateCents'],
  populate: { project: { select: ['id'] } },
} as const;

const SERVICE_POPULATE = {
  select: ['id', 'hourlyRateCents'],
  populate: { budget: { select: ['id'] } },
} as const;

const ENTRY_POPULATE = {
  project: PROJECT_POPULATE,
  person: PERSON_POPULATE,
  budget: BUDGET_POPULATE,
  service: SERVICE_POPULATE,
  invoice: { select: ['id'] },
} as const;

/** What an approver's decision reads of each entry. */
const DECISION_POPULATE = {
  project: PROJECT_POPULATE,
  person: { select: ['id'] },
  invoice: { select: ['id'] },
  approvedBy: { select: ['id', 'documentId'] },
} as const;

type ProjectRow = Row<typeof PROJECT, typeof PROJECT_POPULATE>;
/**
 * A time entry or an expense with its project, person, budget, service and invoice (the
 * fields both types have), and the one field of each that the rules read.
 */
type EntryRow = Row<LoggedType, { populate: typeof ENTRY_POPULATE }> & {
  /** Time entries only. */
  minutes?: Row<typeof TIME_ENTRY>['minutes'];
  /** Time entries only (loadEntry reads it with `select: ['id']`). */
  task?: Row<typeof TASK, { select: ['id'] }> | null;
  /** Expenses only. */
  currency?: Row<typeof EXPENSE>['currency'];
};

const label = (uid: LoggedType) => (uid === TIME_ENTRY ? 'time entry' : 'expense');

/**
 * The rules of docs/time-budgets-invoices.md on every write of a time entry or expense: who logs for whom, entries
 * consistent with their project, rate and cost snapshots, state from the
 * project's approval setting, invoiced entries frozen. Runs after the access
 * rules have accepted the write.
 */
const time = ({ strapi }: { strapi: Core.Strapi }) => {
  /** The row a write's reference names, read with `query` (its select and populate). */
  const find = async <U extends UID.ContentType, const Q extends Query<U>>(
    uid: U,
    reference: Reference | null | undefined,
    query: Q
  ) => (reference ? rowsOf(strapi, uid).findOne({ where: whereOf(reference), ...query }) : null);

  const now = () => getService(strapi, 'clock').now();

  const checkMinutes = (minutes: unknown) => {
    if (!Number.isInteger(minutes) || (minutes as number) < 1 || (minutes as number) > 1440) {
      invalidField('minutes', 'must be a whole number of minutes from 1 to 1440');
    }
    return minutes as number;
  };

  /** The entry's project, person, task and budget after the write, checked against each other. */
  const resolve = async (uid: LoggedType, scope: RequestScope, data: Data, current: EntryRow | null) => {
    const pick = (field: string, existing: { id: number } | null | undefined) =>
      field in data ? singleReference(data[field]) : existing ? { id: existing.id } : undefined;

    const projectRef = pick('project', current?.project);
    if (!projectRef) invalidField('project', `is required: every ${label(uid)} belongs to a project`);
    const project = await find(PROJECT, projectRef, PROJECT_POPULATE);
    if (!project) return invalidField('project', 'does not exist');
    const projectChanged = project.id !== current?.project?.id;
    if (scope.kind !== 'system' && projectChanged && !project.trackingEnabled) {
      invalidField('project', 'time and expense tracking is turned off for this project');
    }

    let personRef = pick('person', current?.person);
    if (!personRef && scope.kind === 'portal') {
      personRef = { id: scope.actor.id };
      data.person = scope.actor.documentId;
    }
    const person = await find(USER, personRef, PERSON_POPULATE);
    if (personRef && !person) invalidField('person', 'does not exist');
    if (person && scope.kind !== 'system') {
      if (!logsTime(person.role?.type)) invalidField('person', 'only agency people log time and expenses');
      if (!project.members.some((member) => member.id === person.id)) {
        invalidField('person', 'is not a member of the project');
      }
    }
    if (scope.kind === 'portal' && person && person.id !== current?.person?.id) {
      if (!mayLogFor(scope.actor, person.id, project.leader?.id === scope.actor.id)) {
        throw new errors.ForbiddenError(`You may log a ${label(uid)} only for yourself on this project`);
      }
    }

    const budget = await find(BUDGET, pick('budget', current?.budget), BUDGET_POPULATE);
    if (budget && budget.project?.id !== project.id) invalidField('budget', 'belongs to another project');
    // docs/time-budgets-invoices.md#budget-services: a service of the entry's own budget, or none.
    const service = await find(BUDGET_SERVICE, pick('service', current?.service), SERVICE_POPULATE);
    if (service && (!budget || service.budget?.id !== budget.id)) {
      invalidField('service', budget ? "is not a service of the entry's budget" : 'needs the budget it belongs to');
    }
    if (uid === TIME_ENTRY) {
      const task = await find(TASK, pick('task', current?.task), {
        select: ['id'],
        populate: { project: { select: ['id'] } },
      });
      if (task && task.project?.id !== project.id) invalidField('task', 'belongs to another project');
    }
    return { project, person, budget, service };
  };

  const resetState = (data: Data, project: ProjectRow) => {
    const state = stateAfterWrite(project.requireTimeApproval);
    Object.assign(data, {
      state,
      approvedAt: state === 'approved' ? now() : null,
      approvedBy: null,
      rejectionReason: null,
    });
  };

  const loadEntry = async (uid: LoggedType, where: Data): Promise<EntryRow | null> =>
    rowsOf(strapi, uid).findOne({
      where,
      populate: { ...ENTRY_POPULATE, ...(uid === TIME_ENTRY ? { task: { select: ['id'] } } : {}) },
    });

  const refuseInvoiced = (uid: LoggedType, entry: Pick<EntryRow, 'invoice' | 'documentId'>) => {
    if (entry.invoice) {
      throw conflict(`This ${label(uid)} is on an invoice and can no longer change`, {
        code: ENTRY_INVOICED,
        documentId: entry.documentId,
      });
    }
  };

  return {
    /**
     * Pending entries waiting for this actor's decision (never their own), newest first.
     * For a Client Manager who approves time this is the one place pending work shows.
     */
    async queue(actor: Actor, uid: LoggedType, page: number, pageSize: number): Promise<ApprovalQueue> {
      const access = getService(strapi, 'access').for(actor);
      const where = { state: { $eq: 'pending' }, person: { id: { $ne: actor.id } } };
      const [rows, total] = await Promise.all([
        access.findMany<ApprovalQueue['data'][number] & { id?: number }>(
          uid,
          {
            where,
            select: ['documentId', 'date', 'billable', ...(uid === TIME_ENTRY ? ['minutes', 'note'] : QUEUED_EXPENSE)],
            populate: {
              person: { select: ['id', 'documentId', 'firstName', 'lastName'] },
              project: { select: ['documentId', 'name'] },
              ...(uid === TIME_ENTRY ? { task: { select: ['documentId', 'title'] } } : {}),
            },
            orderBy: [{ date: 'desc' }, { id: 'desc' }],
            limit: pageSize,
            offset: (page - 1) * pageSize,
          },
          { scope: 'approvable' }
        ),
        access.count(uid, where, { scope: 'approvable' }),
      ]);
      const data = rows.map(({ id: _id, ...entry }) => entry);
      return { data, meta: { pagination: { page, pageSize, total, pageCount: Math.ceil(total / pageSize) } } };
    },

    /** The document-service step for creates, updates and deletes of time entries and expenses. */
    async beforeWrite(scope: RequestScope, uid: LoggedType, action: string, params: Data) {
      if (scope.kind === 'anonymous') return;
      const data = (params.data ?? {}) as Data;
      const trusted = scope.kind === 'system';
      if (action === 'create') {
        if (uid === TIME_ENTRY && (!trusted || data.minutes !== undefined)) checkMinutes(data.minutes);
        const { project, person, budget, service } = await resolve(uid, scope, data, null);
        if (uid === TIME_ENTRY) {
          if (!trusted || data.rateCents === undefined) {
            data.rateCents = snapshotRate(budget?.hourlyRateCents, person?.hourlyRateCents, service?.hourlyRateCents);
          }
          if (!trusted || data.costCents === undefined) {
            data.costCents =
              person?.costRateCents == null ? null : amountForMinutes(person.costRateCents, data.minutes as number);
          }
        } else {
          data.currency ??= budget?.currency ?? project.currency;
          if (budget && data.currency !== budget.currency) {
            invalidField('currency', `must be the budget's currency (${budget.currency})`);
          }
        }
        if (!trusted || data.state === undefined) resetState(data, project);
        params.data = data;
        return;
      }
      if (trusted || (action !== 'update' && action !== 'delete')) return;
      const current = await loadEntry(uid, { documentId: { $eq: String(params.documentId) } });
      if (!current) return;
      refuseInvoiced(uid, current);
      if (action === 'delete') return;

      if (uid === TIME_ENTRY && 'minutes' in data) checkMinutes(data.minutes);
      const { project, person, budget, service } = await resolve(uid, scope, data, current);
      if (uid === TIME_ENTRY) {
        const minutes = (data.minutes as number | undefined) ?? current.minutes ?? 0;
        const personChanged = person?.id !== current.person?.id;
        if (personChanged || budget?.id !== current.budget?.id || service?.id !== current.service?.id) {
          data.rateCents = snapshotRate(budget?.hourlyRateCents, person?.hourlyRateCents, service?.hourlyRateCents);
        }
        if (personChanged || minutes !== current.minutes) {
          data.costCents = person?.costRateCents == null ? null : amountForMinutes(person.costRateCents, minutes);
        }
      } else {
        const currency = (data.currency as string | undefined) ?? current.currency;
        if (budget && currency !== undefined && currency !== budget.currency) {
          invalidField('currency', `must be the budget's currency (${budget.currency})`);
        }
      }
      // An edited entry is restated: approved again only where approval is not required (docs/time-budgets-invoices.md#approval).
      if (scope.kind === 'portal') resetState(data, project);
      params.data = data;
    },

    /**
     * Approves or rejects entries, all or none, in one transaction (docs/time-budgets-invoices.md#approval).
     * 404 for an entry the actor can neither see nor approve, 403 for one they see
     * but may not approve (or their own), 409 for an invoiced one.
     */
    async decide(actor: Actor, uid: LoggedType, documentIds: string[], decision: Decision): Promise<ApprovalResult[]> {
      const unique = [...new Set(documentIds)];
      return strapi.db.transaction(async () => {
        const rows = await getService(strapi, 'access')
          .for(actor)
          .findMany<Row<LoggedType, { populate: typeof DECISION_POPULATE }>>(
            uid,
            { where: { documentId: { $in: unique } }, populate: DECISION_POPULATE },
            { scope: 'actionable' }
          );
        const byDocumentId = new Map(rows.map((row) => [row.documentId, row]));
        const missing = unique.filter((documentId) => !byDocumentId.has(documentId));
        if (missing.length > 0) {
          throw new errors.NotFoundError(`No ${label(uid)} ${missing.join(', ')}`, { documentIds: missing });
        }
        for (const row of rows) {
          const verdict = approvalVerdict(actor, {
            personId: row.person?.id ?? null,
            project: {
              leaderId: row.project?.leader?.id ?? null,
              memberIds: row.project?.members.map((member) => member.id) ?? [],
              companyId: row.project?.company?.id ?? null,
              clientsCanApproveTime: Boolean(row.project?.clientsCanApproveTime),
            },
          });
          if (verdict === 'own-entry') {
            throw new errors.ForbiddenError(`Nobody approves their own ${label(uid)} (${row.documentId})`);
          }
          if (verdict !== 'allowed') {
            throw new errors.ForbiddenError(`You may not approve or reject ${label(uid)} ${row.documentId}`);
          }
          refuseInvoiced(uid, row);
        }
        const approved = decision.state === 'approved';
        const at = now();
        const results: ApprovalResult[] = [];
        const rejected: RejectedEntry[] = [];
        for (const row of rows) {
          // Deciding again what is already decided changes nothing: no new stamp, no second activity.
          if (alreadyDecided(row, decision)) {
            results.push({
              documentId: row.documentId,
              state: row.state,
              approvedAt: row.approvedAt ? new Date(row.approvedAt).toISOString() : null,
              approvedBy: row.approvedBy ? { id: row.approvedBy.id, documentId: row.approvedBy.documentId } : null,
              rejectionReason: row.rejectionReason,
            });
            continue;
          }
          // Bounded by the request's 100 entries; each update writes the row and its approvedBy link.
          await strapi.db.query(uid).update({
            where: { id: row.id },
            data: {
              state: decision.state,
              approvedAt: approved ? at : null,
              approvedBy: approved ? actor.id : null,
              rejectionReason: approved ? null : decision.reason,
            },
          });
          await getService(strapi, 'activity').record(actor, uid, decision.state, row, row.project?.id ?? null);
          results.push({
            documentId: row.documentId,
            state: decision.state,
            approvedAt: approved ? at.toISOString() : null,
            approvedBy: approved ? { id: actor.id, documentId: actor.documentId } : null,
            rejectionReason: approved ? null : decision.reason,
          });
          if (!approved) rejected.push({ ...row });
        }
        if (decision.state === 'rejected' && rejected.length > 0) {
          await getService(strapi, 'notifications').rejected(actor, label(uid), rejected, decision.reason);
        }
        return results;
      });
    },
  };
};

export default time;
