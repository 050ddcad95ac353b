import crypto from 'crypto';
import type { Core } from '@strapi/strapi';
import {
  NOTIFICATION_TOPICS,
  type NotificationPreferences,
  type NotificationSettings,
  type NotificationTopic,
} from '../../../shared/contracts';
import { unsubscribeToken, verifyUnsubscribeToken, type UnsubscribeSubject } from '../mail/unsubscribe';
import { getService } from '../utils/get-service';
import { rowsOf } from '../utils/rows';
import { USER } from '../constants';

/** Every topic, on unless the stored choices turn it off (a topic added later starts on). */
export const settingsOf = (stored: unknown): NotificationSettings => {
  const choices = (stored && typeof stored === 'object' ? stored : {}) as Record<string, unknown>;
  return Object.fromEntries(
    NOTIFICATION_TOPICS.map((topic) => [topic, choices[topic] !== false])
  ) as NotificationSettings;
};

/**
 * Which notification mails a person gets, and the signed one-click unsubscribe links
 * (docs/collaboration.md#notification-preferences). The choices live in the person's private
 * `notificationPreferences`: only they read them (`/api/client-portal/me`), nobody writes them
 * through the generic endpoints.
 */
const preferences = ({ strapi }: { strapi: Core.Strapi }) => {
  const stored = async (personId: number): Promise<{ email: string; choices: unknown } | null> => {
    const row = await rowsOf(strapi, USER).findOne({
      where: { id: personId },
      select: ['email', 'notificationPreferences'],
    });
    return row ? { email: row.email, choices: row.notificationPreferences } : null;
  };

  /**
   * One secret per APP_KEYS key, derived for this purpose only: links are signed with the first
   * key and still verify after a new key is put in front of the list.
   */
  const secrets = (): Buffer[] => {
    const keys = strapi.config.get('server.app.keys') as string[] | undefined;
    if (!keys?.length) throw new Error('APP_KEYS is required to sign unsubscribe links');
    return keys.map((key) => crypto.createHash('sha256').update(`client-portal-unsubscribe:${key}`).digest());
  };

  return {
    async of(personId: number): Promise<NotificationSettings> {
      return settingsOf((await stored(personId))?.choices);
    },

    /** Merges the change into the stored choices (topics not named keep theirs). */
    async update(personId: number, change: NotificationPreferences): Promise<NotificationSettings> {
      const merged = { ...settingsOf((await stored(personId))?.choices), ...change };
      await strapi.db.query(USER).update({ where: { id: personId }, data: { notificationPreferences: merged } });
      return merged;
    },

    async wants(personId: number, topic: NotificationTopic): Promise<boolean> {
      return (await this.of(personId))[topic];
    },

    unsubscribeUrl(personId: number, topic: NotificationTopic): string {
      const base = getService(strapi, 'settings').get().publicUrl.replace(/\/$/, '');
      return `${base}/api/client-portal/unsubscribe?token=${unsubscribeToken(secrets()[0], { personId, topic })}`;
    },

    /** The person and topic of a valid link (its person still exists), else null. */
    async resolve(token: string): Promise<(UnsubscribeSubject & { email: string }) | null> {
      const subject = verifyUnsubscribeToken(secrets(), token);
      const person = subject ? await stored(subject.personId) : null;
      return subject && person ? { ...subject, email: person.email } : null;
    },
  };
};

export default preferences;
