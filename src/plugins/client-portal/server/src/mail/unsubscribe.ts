/**
 * One-click unsubscribe (docs/collaboration.md#notification-preferences): the signed token of a
 * (person, topic), the footer and headers every notification mail gets, and the page the link
 * opens. Pure: the secret and the URL come from the caller.
 */
import crypto from 'crypto';
import { NOTIFICATION_TOPICS, type NotificationTopic } from '../../../shared/contracts';
import { layout } from './accept-page';
import { escapeHtml } from './invitation';
import type { MailMessage } from '../services/mailer';

/** How each topic is named in the footer and on the page ("emails about …"). */
export const TOPIC_LABELS: Record<NotificationTopic, string> = {
  assigned: 'tasks assigned to you',
  comment: 'new comments on your items',
  mention: 'mentions of you in comments',
  'time-rejected': 'rejected time entries and expenses',
  'invoice-issued': 'issued invoices',
  'estimate-sent': 'estimates sent to you',
  'scheduled-report': 'scheduled project reports',
};

export interface UnsubscribeSubject {
  personId: number;
  topic: NotificationTopic;
}

const isTopic = (value: string): value is NotificationTopic =>
  (NOTIFICATION_TOPICS as readonly string[]).includes(value);

const signature = (secret: Buffer, payload: string) =>
  crypto.createHmac('sha256', secret).update(payload).digest('base64url');

/** `<payload>.<signature>`: the payload names person and topic, the HMAC makes it unforgeable. */
export const unsubscribeToken = (secret: Buffer, subject: UnsubscribeSubject): string => {
  const payload = Buffer.from(`${subject.personId}:${subject.topic}`).toString('base64url');
  return `${payload}.${signature(secret, payload)}`;
};

/** The (person, topic) a token was signed for under one of `secrets`, else null. */
export const verifyUnsubscribeToken = (secrets: Buffer[], token: string): UnsubscribeSubject | null => {
  const match = /^([A-Za-z0-9_-]{1,200})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return null;
  const [, payload, given] = match;
  const signed = secrets.some((secret) =>
    crypto.timingSafeEqual(Buffer.from(signature(secret, payload)), Buffer.from(given))
  );
  if (!signed) return null;
  const [id, topic] = Buffer.from(payload, 'base64url').toString('utf8').split(':');
  const personId = Number(id);
  if (!Number.isSafeInteger(personId) || personId < 1 || !topic || !isTopic(topic)) return null;
  return { personId, topic };
};

/** The footer in both bodies and the RFC 2369/8058 headers that let a mail client unsubscribe in one click. */
export const withUnsubscribe = (message: MailMessage, topic: NotificationTopic, url: string): MailMessage => {
  const sentence = `You get this email because you receive emails about ${TOPIC_LABELS[topic]}.`;
  return {
    ...message,
    text: `${message.text}\n\n--\n${sentence}\nUnsubscribe: ${url}\n`,
    html:
      `${message.html}<hr><p style="color:#666;font-size:12px">${escapeHtml(sentence)} ` +
      `<a href="${escapeHtml(url)}">Unsubscribe</a></p>`,
    headers: {
      ...message.headers,
      'List-Unsubscribe': `<${url}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
  };
};

const TITLE = 'Email preferences';

/** Asks before turning the topic off: a link opened by a mail scanner changes nothing. */
export const unsubscribePage = (email: string, topic: NotificationTopic) =>
  layout(
    TITLE,
    `<h1>${TITLE}</h1>
<p>Stop emails about ${escapeHtml(TOPIC_LABELS[topic])} to ${escapeHtml(email)}?</p>
<form method="post">
<input type="hidden" name="List-Unsubscribe" value="One-Click">
<button type="submit">Unsubscribe</button>
</form>
<p>You can turn them on again in your profile.</p>`
  );

export const unsubscribeDone = (email: string, topic: NotificationTopic) =>
  layout(
    TITLE,
    `<h1>${TITLE}</h1>
<p>${escapeHtml(email)} no longer gets emails about ${escapeHtml(TOPIC_LABELS[topic])}.</p>
<p>You can turn them on again in your profile.</p>`
  );

export const unsubscribeInvalid = () =>
  layout(
    TITLE,
    `<h1>${TITLE}</h1>
<p class="error">This unsubscribe link is not valid. Check that you opened the whole link from the email.</p>`
  );
