import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { errors } from '@strapi/utils';
import type { Actor } from '../access/actor';
import { capabilities } from '../access/capabilities';
import {
  estimateNumber,
  estimateSequenceOf,
  estimateTotals,
  isPastValidity,
  type EstimateLineInput,
} from '../access/estimate-rules';
import { totalsOf } from '../access/invoice-rules';
import { joinedProject, runAsSystem } from '../adapters/request-scope';
import { conflict, invalidField } from '../errors';
import { renderEstimatePdf, type EstimateForPdf } from '../mail/estimate-pdf';
import { withAdvisoryLock } from '../utils/advisory-lock';
import { getService } from '../utils/get-service';
import { rowsOf, type Row } from '../utils/rows';
import { isoDay } from '../utils/periods';
import { BUDGET, ESTIMATE, PROJECT, USER } from '../constants';

export const ESTIMATE_CODES = {
  frozen: 'ESTIMATE_FROZEN',
  wrongState: 'ESTIMATE_WRONG_STATE',
  expired: 'ESTIMATE_EXPIRED',
  noRecipients: 'ESTIMATE_NO_RECIPIENTS',
  converted: 'ESTIMATE_CONVERTED',
} as const;

export type EstimateState = 'draft' | 'sent' | 'accepted' | 'declined' | 'expired';

const VISIBLE_POPULATE = { company: { select: ['id', 'documentId', 'name'] }, project: { select: ['id'] } } as const;
/** An estimate with its company and project, as the actor reads it. */
type EstimateRow = Row<typeof ESTIMATE, { populate: typeof VISIBLE_POPULATE }>;

export interface ConvertInput {
  template?: string;
  leader?: number | string;
}

/**
 * A stored line with its amount as a number: the schema leaves the amount optional (the editor
 * does not ask for it, withTotals counts it); a missing one counts as 0, as it did in the sums.
 */
const withAmount = <Line extends { amountCents: number | null }>(line: Line) => ({
  ...line,
  amountCents: line.amountCents ?? 0,
});

/** "A draft estimate", "An accepted estimate". */
const anEstimate = (state: string) => `${/^[aeiou]/.test(state) ? 'An' : 'A'} ${state} estimate`;

/**
 * Estimates (docs/time-budgets-invoices.md#estimates): drafts edited by Owners and Member+ F, a
 * gap-free number when first sent, the PDF mailed to the company's Client Managers, who accept
 * or decline it while it is valid; an accepted one becomes a project with a fixed budget.
 * Every action runs in one transaction under the `estimates` advisory lock.
 */
const estimates = ({ strapi }: { strapi: Core.Strapi }) => {
  const today = () => isoDay(getService(strapi, 'clock').now());
  const locked = <T>(work: (trx: Knex.Transaction) => Promise<T>) => withAdvisoryLock(strapi, 'estimates', work);

  const requireManager = (actor: Actor) => {
    if (!capabilities(actor).manageFinances) {
      throw new errors.ForbiddenError('Only Owners and Member+ with the finance permission manage estimates');
    }
  };

  /** The estimate if the actor may read it (404 otherwise: invisible is the same as absent). */
  const visible = async (actor: Actor, documentId: string): Promise<EstimateRow> => {
    const row = await getService(strapi, 'access')
      .for(actor)
      .findOne<EstimateRow>(ESTIMATE, { where: { documentId }, populate: VISIBLE_POPULATE });
    if (!row) throw new errors.NotFoundError('Not Found');
    return row;
  };

  const requireState = (estimate: EstimateRow, allowed: EstimateState[], action: string) => {
    if (!allowed.includes(estimate.state)) {
      throw conflict(`${anEstimate(estimate.state)} cannot be ${action}`, {
        code: ESTIMATE_CODES.wrongState,
        state: estimate.state,
      });
    }
  };

  /** Active Client Managers of the company: not archived, not blocked. */
  const managersOf = (companyId: number) =>
    rowsOf(strapi, USER).findMany({
      where: { company: { id: companyId }, clientManager: true, blocked: false, archivedAt: { $null: true } },
      select: ['id', 'documentId', 'email'],
      orderBy: { id: 'asc' },
    });

  const forPdf = async (documentId: string): Promise<EstimateForPdf> => {
    const estimate = await rowsOf(strapi, ESTIMATE).findOne({
      where: { documentId },
      populate: { lines: true, company: { select: ['id', 'name', 'address'] } },
    });
    if (!estimate) throw new errors.NotFoundError('Not Found');
    return { ...estimate, lines: estimate.lines.map(withAmount) };
  };

  return {
    ESTIMATE_CODES,

    /**
     * Sent estimates past their validUntil day become `expired`, in one statement; the scheduled
     * job runs it (services/schedules.ts), and every estimate action first, so none acts on a stale `sent`.
     */
    async expireDue() {
      await strapi.db.query(ESTIMATE).updateMany({
        where: { state: 'sent', validUntil: { $lt: today() } },
        data: { state: 'expired' },
      });
    },

    /** Numbers a draft (next in its year, no gaps) and mails the PDF; a sent one is mailed again, same number. */
    async send(actor: Actor, documentId: string) {
      requireManager(actor);
      await this.expireDue();
      await locked(async () => {
        const estimate = await visible(actor, documentId);
        requireState(estimate, ['draft', 'sent'], 'sent');
        if (isPastValidity(estimate.validUntil, today())) {
          throw conflict(`The estimate was valid until ${estimate.validUntil}`, { code: ESTIMATE_CODES.expired });
        }
        const managers = estimate.company ? await managersOf(estimate.company.id) : [];
        if (managers.length === 0) {
          throw conflict('The estimate’s company has no active Client Manager to send it to', {
            code: ESTIMATE_CODES.noRecipients,
          });
        }
        const data: Record<string, unknown> = { sentAt: getService(strapi, 'clock').now() };
        if (estimate.state === 'draft') {
          const year = getService(strapi, 'clock').now().getUTCFullYear();
          const numbered = await rowsOf(strapi, ESTIMATE).findMany({
            where: { number: { $startsWith: `EST-${year}-` } },
            select: ['number'],
          });
          data.number = estimateNumber(year, Math.max(0, ...numbered.map((row) => estimateSequenceOf(row.number))) + 1);
          data.state = 'sent';
        }
        await strapi.db.query(ESTIMATE).update({ where: { id: estimate.id }, data });
        const sent = await forPdf(documentId);
        const agency = getService(strapi, 'settings').get().agencyName;
        const pdf = await renderEstimatePdf(sent, agency);
        const total = `${(sent.totalCents / 100).toFixed(2)} ${sent.currency}`;
        const until = sent.validUntil ? `, valid until ${sent.validUntil}` : '';
        // One mail per Client Manager: each is their notification, which they may turn off.
        for (const manager of managers) {
          await getService(strapi, 'outbox').queue('notification', {
            to: manager.email,
            subject: `${agency}: estimate ${sent.number} — ${sent.title}`,
            text: `Please find attached estimate ${sent.number} (${sent.title}) for ${total}${until}.\n\n— ${agency}`,
            html: `<p>Please find attached estimate <strong>${sent.number}</strong> (${escapeHtml(sent.title)}) for ${total}${until}.</p><p>— ${agency}</p>`,
            attachments: [{ filename: `${sent.number}.pdf`, content: pdf, contentType: 'application/pdf' }],
            topic: 'estimate-sent',
            recipientId: manager.id,
          });
        }
      });
    },

    /** A Client Manager of the company accepts (`accept`) or declines a sent, still valid estimate. */
    async answer(actor: Actor, documentId: string, answer: { accept: true } | { accept: false; reason?: string }) {
      await this.expireDue();
      await locked(async () => {
        const estimate = await visible(actor, documentId);
        if (!capabilities(actor).clientManager) {
          throw new errors.ForbiddenError('Only the company’s Client Managers answer an estimate');
        }
        requireState(estimate, ['sent'], answer.accept ? 'accepted' : 'declined');
        const now = getService(strapi, 'clock').now();
        await strapi.db.query(ESTIMATE).update({
          where: { id: estimate.id },
          data: answer.accept
            ? { state: 'accepted', acceptedAt: now, acceptedBy: actor.id }
            : { state: 'declined', declinedAt: now, declineReason: answer.reason || null },
        });
      });
    },

    /**
     * An accepted estimate becomes a project (its title, its company; leader given or the actor;
     * members: leader, actor, the company's Client Managers) with a fixed budget of its total,
     * and, with a template, the template's tasks, budgets and discussions: all or nothing, in
     * one transaction that `projectTemplates.instantiate` joins. Returns the project's documentId.
     */
    async convert(actor: Actor, documentId: string, input: ConvertInput): Promise<string> {
      requireManager(actor);
      const project = await locked(async () => {
        const estimate = await visible(actor, documentId);
        requireState(estimate, ['accepted'], 'converted');
        if (estimate.project) {
          throw conflict('The estimate already has a project', { code: ESTIMATE_CODES.converted });
        }
        if (!estimate.company) invalidField('company', 'the estimate names no company');
        const company = estimate.company!;
        // Converting is the finance capability's decision, checked above; a Member+ F need not have
        // the projects capability, so the project's writes run below the rules (checked here).
        const created = await runAsSystem(() =>
          getService(strapi, 'projectTemplates').instantiate(
            actor,
            {
              ...(input.template === undefined ? {} : { template: input.template }),
              ...(input.leader === undefined ? {} : { leader: input.leader }),
              name: estimate.title,
              company: company.documentId,
              startsOn: today(),
            },
            { converting: true }
          )
        );
        const managers = await managersOf(company.id);
        await runAsSystem(async () => {
          await strapi.documents(PROJECT).update({
            documentId: created.documentId,
            data: {
              currency: estimate.currency,
              members: { connect: managers.map((person) => person.documentId) },
            },
          });
          await strapi.documents(BUDGET).create({
            data: {
              project: created.documentId,
              name: estimate.number ? `Estimate ${estimate.number}` : estimate.title,
              kind: 'fixed',
              amountCents: estimate.totalCents,
              currency: estimate.currency,
              clientAccess: true,
              startsOn: today(),
            },
          });
        });
        await strapi.db.query(ESTIMATE).update({ where: { id: estimate.id }, data: { project: created.id } });
        return created;
      });
      joinedProject(strapi, project.id);
      return project.documentId;
    },

    /** The PDF, for whoever reads the estimate with its amounts (403 for staff who may not see amounts). */
    async pdf(actor: Actor, documentId: string) {
      await this.expireDue();
      await visible(actor, documentId);
      if (!getService(strapi, 'access').for(actor).policy(ESTIMATE).readable.has('totalCents')) {
        throw new errors.ForbiddenError('Only Owners and Member+ with the finance permission see estimate amounts');
      }
      const estimate = await forPdf(documentId);
      return {
        name: `${estimate.number ?? `draft-${documentId}`}.pdf`,
        content: await renderEstimatePdf(estimate, getService(strapi, 'settings').get().agencyName),
      };
    },

    /**
     * A written estimate's line amounts and totals are the server's (docs/time-budgets-invoices.md#estimates),
     * whatever the writer sent; values that are no numbers are left to validation.
     */
    async withTotals(documentId: string | undefined, data: Record<string, unknown>) {
      const stored =
        documentId === undefined
          ? null
          : await rowsOf(strapi, ESTIMATE).findOne({
              where: { documentId },
              select: ['taxRateBasisPoints'],
              populate: { lines: { select: ['amountCents'] } },
            });
      const rate = Number(data.taxRateBasisPoints ?? stored?.taxRateBasisPoints ?? 0);
      if (Array.isArray(data.lines)) {
        const counted = estimateTotals(data.lines as EstimateLineInput[], rate);
        return counted ? { ...data, ...counted } : data;
      }
      if (!Number.isSafeInteger(rate)) return data;
      return { ...data, ...totalsOf((stored?.lines ?? []).map(withAmount), rate) };
    },

    /** Only drafts change through the generic endpoints (409). */
    async assertEditable(documentId: string) {
      const estimate = await rowsOf(strapi, ESTIMATE).findOne({ where: { documentId }, select: ['state'] });
      if (estimate && estimate.state !== 'draft') {
        throw conflict(`${anEstimate(estimate.state)} is frozen`, {
          code: ESTIMATE_CODES.frozen,
          state: estimate.state,
        });
      }
    },
  };
};

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

export default estimates;
