import { AsyncResource } from 'async_hooks';
import crypto from 'crypto';
import os from 'os';
import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import { getService } from '../utils/get-service';
import { rowsOf, type Row } from '../utils/rows';
import type { MailMessage } from './mailer';
import { withUnsubscribe } from '../mail/unsubscribe';
import { INVOICE, MAIL } from '../constants';

/** Rows one instance claims per round. */
const BATCH = 10;
const POLL_MS = 1000;
/** The longest wait between two attempts, whatever the number of failures. */
const MAX_BACKOFF_MS = 3600_000;

/** What a delivered or failed mail reports back to (an invoice records whether it was sent). */
export type MailRef = { invoice: string };

export type MailKind = 'invitation' | 'password-reset' | 'notification' | 'invoice';

type MailRow = Row<typeof MAIL>;

/** The JSON columns of a mail row, in the shapes `queue` writes them. */
const storedMail = z.object({
  attachments: z
    .array(z.object({ filename: z.string(), contentType: z.string().optional(), base64: z.string() }))
    .nullable(),
  headers: z.record(z.string(), z.string()).nullable(),
  ref: z.object({ invoice: z.string() }).nullable(),
});

/** attempts → wait before the next one: base, 2×base, 4×base… capped at an hour. */
export const backoffMs = (attempts: number, baseMs: number): number =>
  Math.min(baseMs * 2 ** Math.max(0, attempts - 1), MAX_BACKOFF_MS);

/**
 * The mail outbox (docs/operations.md#mail-outbox). `queue` writes a row in the caller's transaction, so a
 * mail exists exactly when the change that causes it was committed. A worker in every
 * instance claims due rows (PostgreSQL: `FOR UPDATE SKIP LOCKED`, so two instances never
 * claim the same row; SQLite: one instance, one writer), sends them and records the
 * outcome; a failure waits with exponential backoff. A row claimed by an instance that
 * died is claimed again once its lease has run out: the only duplicate possible is a
 * mail the SMTP server accepted just before that instance died, before it recorded it.
 */
const outbox = ({ strapi }: { strapi: Core.Strapi }) => {
  const worker = `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString('hex')}`;
  let timer: NodeJS.Timeout | null = null;
  /** The async context `start` ran in, outside any request or transaction. */
  let detached = new AsyncResource('client-portal-outbox');
  let round: Promise<void> | null = null;
  let again = false;
  let lastRoundAt = 0;
  const settings = () => getService(strapi, 'settings').get();

  /** Due rows: pending and due, or claimed by an instance whose lease ran out. */
  const claim = async (): Promise<MailRow[]> => {
    const now = new Date();
    const staleBefore = new Date(now.getTime() - settings().mailLeaseSeconds * 1000);
    return strapi.db.transaction(async ({ trx }) => {
      const due = strapi.db
        .queryBuilder(MAIL)
        .select(['id', 'attempts'])
        .where({
          $or: [
            { state: 'pending', notBefore: { $lte: now } },
            { state: 'sending', claimedAt: { $lt: staleBefore } },
          ],
        })
        .orderBy('id')
        .limit(BATCH)
        .transacting(trx)
        .getKnexQuery();
      if (strapi.db.dialect.client === 'postgres') due.forUpdate().skipLocked();
      const rows = z.array(z.object({ id: z.number(), attempts: z.number() })).parse(await due);
      for (const row of rows) {
        await strapi.db.query(MAIL).update({
          where: { id: row.id },
          data: { state: 'sending', claimedBy: worker, claimedAt: now, attempts: row.attempts + 1 },
        });
      }
      if (rows.length === 0) return [];
      return rowsOf(strapi, MAIL).findMany({
        where: { id: { $in: rows.map((row) => row.id) } },
        orderBy: { id: 'asc' },
      });
    });
  };

  /** Records what an invoice's mail did: sent, or the error to show until a retry succeeds. */
  const report = async (ref: MailRef | null, outcome: { sentAt: Date } | { sendError: string }) => {
    if (!ref?.invoice) return;
    const data = 'sentAt' in outcome ? { sentAt: outcome.sentAt, sendError: null } : { sendError: outcome.sendError };
    await strapi.db.query(INVOICE).update({ where: { documentId: ref.invoice }, data });
  };

  const deliver = async (row: MailRow) => {
    const { attachments, headers, ref } = storedMail.parse(row);
    try {
      await getService(strapi, 'mailer').deliver({
        to: row.to,
        subject: row.subject,
        text: row.text ?? '',
        html: row.html ?? '',
        attachments: (attachments ?? []).map((file) => ({
          filename: file.filename,
          contentType: file.contentType,
          content: Buffer.from(file.base64, 'base64'),
        })),
        headers: headers ?? undefined,
      });
    } catch (error) {
      const message = (error as Error).message.slice(0, 2000);
      const { mailMaxAttempts, mailRetrySeconds } = settings();
      const { attempts } = row; // counted when it was claimed
      const failed = attempts >= mailMaxAttempts;
      strapi.log.error(
        `[client-portal] ${row.kind} mail #${row.id} to ${row.to}, attempt ${attempts}: ${message}` +
          (failed ? ' (giving up)' : '')
      );
      await strapi.db.query(MAIL).update({
        where: { id: row.id, claimedBy: worker },
        data: {
          state: failed ? 'failed' : 'pending',
          lastError: message,
          notBefore: new Date(Date.now() + backoffMs(attempts, mailRetrySeconds * 1000)),
          claimedBy: null,
          claimedAt: null,
        },
      });
      await report(ref, { sendError: message });
      return;
    }
    const sentAt = new Date();
    await strapi.db.query(MAIL).update({
      where: { id: row.id },
      data: { state: 'sent', sentAt, lastError: null, claimedBy: null, claimedAt: null },
    });
    await report(ref, { sentAt });
  };

  const runRound = async () => {
    try {
      for (;;) {
        const rows = await claim();
        for (const row of rows) await deliver(row);
        if (rows.length < BATCH) break;
      }
    } catch (error) {
      strapi.log.error(`[client-portal] mail outbox: ${(error as Error).message}`);
    } finally {
      lastRoundAt = Date.now();
    }
  };

  /** One round at a time per instance; a kick during a round runs one more after it. */
  const runSoon = (): Promise<void> => {
    if (round) {
      again = true;
      return round;
    }
    round = runRound().finally(() => {
      round = null;
      if (again && timer) {
        again = false;
        void runSoon();
      }
    });
    return round;
  };

  return {
    /**
     * Writes a mail in the current transaction (if any); the worker sends it after commit. A
     * notification (`topic` and `recipientId`) the person turned off is not written (false);
     * otherwise it gets the person's unsubscribe link for its topic (docs/collaboration.md#notification-preferences).
     */
    async queue(kind: MailKind, message: MailMessage, ref: MailRef | null = null): Promise<boolean> {
      const { topic, recipientId } = message;
      let mail = message;
      if (topic && recipientId) {
        const preferences = getService(strapi, 'preferences');
        if (!(await preferences.wants(recipientId, topic))) return false;
        mail = withUnsubscribe(message, topic, preferences.unsubscribeUrl(recipientId, topic));
      }
      await strapi.db.query(MAIL).create({
        data: {
          kind,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          attachments: (mail.attachments ?? []).map((file) => ({
            filename: file.filename,
            contentType: file.contentType,
            base64: file.content.toString('base64'),
          })),
          headers: mail.headers ?? null,
          ref,
          state: 'pending',
          attempts: 0,
          notBefore: new Date(),
        },
      });
      this.kick();
      return true;
    },

    /** Soon, not now: the caller's transaction commits first (the poll catches anything missed). */
    kick() {
      if (!timer) return;
      // Checked again when it fires: after `stop` (the database may be closing) nothing more runs.
      // Run in the worker's own async context: a timer set inside the caller's transaction would
      // otherwise inherit it (Strapi keeps the transaction in AsyncLocalStorage) and reuse it once committed.
      detached.runInAsyncScope(() => setTimeout(() => timer && void runSoon(), 50).unref());
    },

    start() {
      if (timer) return;
      detached = new AsyncResource('client-portal-outbox');
      timer = setInterval(() => void runSoon(), POLL_MS);
      timer.unref();
      lastRoundAt = Date.now();
      void runSoon();
    },

    /** Stops polling and lets a round under way finish (a mail being sent is recorded). */
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await round;
    },

    /** The worker runs and has finished a round recently (readiness). */
    alive(): boolean {
      return timer !== null && Date.now() - lastRoundAt < POLL_MS * 10 + settings().mailLeaseSeconds * 1000;
    },
  };
};

export default outbox;
