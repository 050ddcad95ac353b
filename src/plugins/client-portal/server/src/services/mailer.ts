import crypto from 'crypto';
import fs from 'fs';
import path from 'path';
import type { Core } from '@strapi/strapi';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  attachments?: { filename: string; content: Buffer; contentType?: string }[];
}

/**
 * Sends through @strapi/email (nodemailer provider). Without SMTP_HOST the
 * provider renders the message into a buffer, written as an .eml file under
 * .tmp/mail/ so a developer can open it.
 */
const mailer = ({ strapi }: { strapi: Core.Strapi }) => ({
  outbox(): string {
    return path.resolve(strapi.dirs.app.root, '.tmp', 'mail');
  },

  async send(message: MailMessage): Promise<void> {
    const info = (await strapi.plugin('email').service('email').send(message)) as { message?: Buffer } | undefined;
    if (Buffer.isBuffer(info?.message)) {
      fs.mkdirSync(this.outbox(), { recursive: true });
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${crypto.randomBytes(3).toString('hex')}.eml`;
      fs.writeFileSync(path.join(this.outbox(), name), info.message);
    }
  },
});

export default mailer;
