/**
 * The mails a person may choose to get or not (docs/collaboration.md#notifications). Every such
 * mail carries a signed one-click unsubscribe link for its topic and a List-Unsubscribe header.
 * Mails a person asked for themselves (invitation, password reset) have no topic.
 */
export const NOTIFICATION_TOPICS = [
  'assigned',
  'comment',
  'mention',
  'time-rejected',
  'invoice-issued',
  'estimate-sent',
  'scheduled-report',
] as const;

export type NotificationTopic = (typeof NOTIFICATION_TOPICS)[number];

/** A person's choices: a topic missing from the map is on. */
export type NotificationPreferences = Partial<Record<NotificationTopic, boolean>>;

/** Every topic and whether the person gets it (`notifications` of `/api/client-portal/me`). */
export type NotificationSettings = Record<NotificationTopic, boolean>;
