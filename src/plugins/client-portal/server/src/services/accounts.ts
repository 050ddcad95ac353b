import crypto from 'crypto';
import type { Core } from '@strapi/strapi';
import { runAsSystem } from '../adapters/request-scope';
import { invalidField } from '../errors';
import { supportedLanguage } from '../mail/invitation';
import { resetMail } from '../mail/password-reset';
import { getService } from '../utils/get-service';
import { rowsOf, type Row } from '../utils/rows';
import { COMPANY, PASSWORD_RESET, USER } from '../constants';

const VALID_FOR_MS = 3600 * 1000;
/** The path of the reset page; the code travels as `?code=`. */
export const RESET_PATH = '/api/client-portal/reset-password';
const INVALID_CODE = 'this link is not valid, has already been used or has expired';

const PERSON_FIELDS = ['id', 'email', 'firstName', 'language', 'blocked', 'archivedAt'] as const;

type Person = Row<typeof USER, { select: typeof PERSON_FIELDS }>;

const hashCode = (code: string) => crypto.createHash('sha256').update(code).digest('hex');

/** Only people who may sign in get a reset link, or may use one. */
const maySignIn = (person: Person | null | undefined): person is Person =>
  Boolean(person && !person.blocked && !person.archivedAt);

/**
 * Forgotten passwords (docs/http-api.md#accounts): a single-use link that expires
 * after an hour, mailed like invitations; only a SHA-256 of the 256-bit code is
 * stored, in the database (several processes may share it).
 */
const accounts = ({ strapi }: { strapi: Core.Strapi }) => {
  const clock = () => getService(strapi, 'clock').now();
  /** Mails still being sent after their request was answered (awaited when Strapi stops). */
  const pending = new Set<Promise<void>>();

  /** The unexpired reset this code belongs to, when its person may still sign in. */
  const liveReset = async (code: string): Promise<{ id: number; person: Person } | null> => {
    const row = await rowsOf(strapi, PASSWORD_RESET).findOne({
      where: { tokenHash: hashCode(code), expiresAt: { $gt: clock() } },
      populate: { person: { select: PERSON_FIELDS } },
    });
    return row && maySignIn(row.person) ? { ...row, person: row.person } : null;
  };

  const sendReset = async (email: string) => {
    // Expired codes are of no use to anyone: every request clears them away.
    await strapi.db.query(PASSWORD_RESET).deleteMany({ where: { expiresAt: { $lte: clock() } } });
    const person = await rowsOf(strapi, USER).findOne({ where: { email }, select: PERSON_FIELDS });
    if (!maySignIn(person)) return;
    const code = crypto.randomBytes(32).toString('base64url');
    // The new link and its mail are written together (the outbox sends it once committed).
    await strapi.db.transaction(async () => {
      // One live link per person: a new request replaces the previous one.
      const earlier = await rowsOf(strapi, PASSWORD_RESET).findMany({
        where: { person: { id: person.id } },
        select: ['id'],
      });
      if (earlier.length > 0) {
        await strapi.db.query(PASSWORD_RESET).deleteMany({ where: { id: { $in: earlier.map((row) => row.id) } } });
      }
      await strapi.db.query(PASSWORD_RESET).create({
        data: {
          person: person.id,
          tokenHash: hashCode(code),
          expiresAt: new Date(clock().getTime() + VALID_FOR_MS),
        },
      });
      const settings = getService(strapi, 'settings').get();
      const agency = await rowsOf(strapi, COMPANY).findOne({ where: { isAgency: true } });
      const language = supportedLanguage(person.language);
      // The page speaks the person's language, also once the code is spent or expired.
      const link = `${settings.publicUrl.replace(/\/$/, '')}${RESET_PATH}?code=${encodeURIComponent(code)}&lang=${language}`;
      const mail = resetMail(language, {
        agencyName: agency?.name ?? settings.agencyName,
        link,
        firstName: person.firstName,
      });
      await getService(strapi, 'outbox').queue('password-reset', {
        to: person.email,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
      });
    });
  };

  return {
    /**
     * The work behind forgot-password, started after the answer: the answer and its
     * timing are the same for every email, with or without an account.
     */
    requestReset(email: string): void {
      const job: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
        .then(() => runAsSystem(() => sendReset(email)))
        .catch((error: Error) => {
          strapi.log.error(`[client-portal] password reset email failed: ${error.message}`);
        })
        .finally(() => pending.delete(job));
      pending.add(job);
    },

    /** Waits for the reset emails still under way. */
    async settle(): Promise<void> {
      await Promise.allSettled([...pending]);
    },

    /** The language of the person a live code belongs to, for the reset page; null when the code is not live. */
    async languageOf(code: string): Promise<string | null> {
      const row = await liveReset(code);
      return row ? (row.person.language ?? 'en') : null;
    },

    /** Sets the new password and spends the code; never changes whether the person is archived or blocked. */
    async reset(code: string, password: string): Promise<{ id: number }> {
      return strapi.db.transaction(async () => {
        const row = await liveReset(code);
        if (!row) return invalidField('code', INVALID_CODE);
        // Single use, also across processes: only the request that deletes the row goes on.
        const { count } = await strapi.db
          .query(PASSWORD_RESET)
          .deleteMany({ where: { id: row.id, expiresAt: { $gt: clock() } } });
        if (count !== 1) return invalidField('code', INVALID_CODE);
        await runAsSystem(() => strapi.plugin('users-permissions').service('user').edit(row.person.id, { password }));
        return { id: row.person.id };
      });
    },
  };
};

export default accounts;
