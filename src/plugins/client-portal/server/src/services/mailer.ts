import crypto from 'crypto';
import fs from 'fs';
import path from 'path';
import type { Core } from '@strapi/strapi';
import type { NotificationTopic } from '../../../shared/contracts';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  attachments?: { filename: string; content: Buffer; contentType?: string }[];
  /** Extra headers, passed to nodemailer as they are (List-Unsubscribe…). */
  headers?: Record<string, string>;
  /**
   * A notification the recipient may turn off: the outbox drops it when the person
   * (`recipientId`) chose not to get this topic, and adds the signed unsubscribe link.
   */
  topic?: NotificationTopic;
  recipientId?: number;
}

/**
 * Sends through @strapi/email (nodemailer provider); only the outbox worker calls
 * `deliver` (everything else queues: services/outbox.ts). Without SMTP_HOST the
 * provider renders the message into a buffer, written as an .eml file under
 * .tmp/mail/ so a developer can open it.
 */
const mailer = ({ strapi }: { strapi: Core.Strapi }) => ({
  mailDir(): string {
    return path.resolve(strapi.dirs.app.root, '.tmp', 'mail');
  },

  async deliver(message: MailMessage): Promise<void> {
    const info = (await strapi.plugin('email').service('email').send(message)) as { message?: Buffer } | undefined;
    if (Buffer.isBuffer(info?.message)) {
      fs.mkdirSync(this.mailDir(), { recursive: true });
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${crypto.randomBytes(3).toString('hex')}.eml`;
      fs.writeFileSync(path.join(this.mailDir(), name), info.message);
    }
  },
});

export default mailer;
