import type { Core } from '@strapi/strapi';
import { PORTAL_ROLE_TYPES, type NotificationTopic } from '../../../shared/contracts';
import { toActor, type Actor } from '../access/actor';
import { isClientRole } from '../access/capabilities';
import { getService } from '../utils/get-service';
import { roleIn } from '../utils/memberships';
import { contentType, rowsOf, type Row } from '../utils/rows';
import { titleOf, type Subject } from './activity';
import type { Notification } from './collaboration';
import { COMMENT, PROJECT, USER } from '../constants';

/** What a notification mail needs of its recipient. */
type Recipient = Row<typeof USER, { select: ['id', 'email', 'firstName'] }>;

const hasPortalRole = roleIn(PORTAL_ROLE_TYPES);

interface CommentRow extends Subject {
  project: { id: number; name: string } | null;
  author: { id: number } | null;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/** A rejected time entry or expense and whose it is. */
export type RejectedEntry = Subject & { person: { id: number } | null; project: { id: number } | null };

/** The most people one comment can mention (each is one rules check and one mail). */
const MAX_MENTIONS = 20;

/**
 * The addresses a text mentions, lower-cased, once each: `@` followed by a person's email
 * address (`@anna@acme.test`), not part of a longer word or address.
 */
export const mentionedAddresses = (text: string): string[] => {
  const pattern = /(?:^|[^\w@.+-])@([A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})/g;
  const found = [...text.matchAll(pattern)].map((match) => match[1].toLowerCase());
  return [...new Set(found)].slice(0, MAX_MENTIONS);
};

/**
 * Emails about project items (docs/collaboration.md#notifications, issue 6): assignees hear of new assignments,
 * participants of new comments, mentioned people of the comment, and whoever logged rejected
 * time or expenses of the rejection. Nobody hears of what they may not see: recipients
 * must be active project members (mentions: readers of the comment under their own rules),
 * and clients never hear of hidden or trashed items. Each mail has a topic the person may
 * turn off (the outbox checks it: docs/collaboration.md#notification-preferences).
 */
const notifications = ({ strapi }: { strapi: Core.Strapi }) => {
  const personName = async (id: number | undefined) => {
    if (!id) return 'An administrator';
    const person = await rowsOf(strapi, USER).findOne({ where: { id }, select: ['firstName', 'lastName'] });
    return [person?.firstName, person?.lastName].filter(Boolean).join(' ') || 'Someone';
  };

  /** Active people on the project; clients only when the item is visible to clients. */
  const audience = async (ids: number[], projectId: number, hiddenFromClients: boolean) => {
    if (ids.length === 0) return [];
    const people = await rowsOf(strapi, USER).findMany({
      where: { id: { $in: ids } },
      select: ['id', 'email', 'firstName', 'blocked', 'archivedAt'],
      populate: { role: { select: ['type'] }, projects: { select: ['id'] } },
    });
    return people.filter(
      (person) =>
        !person.blocked &&
        !person.archivedAt &&
        person.projects.some((project) => project.id === projectId) &&
        !(hiddenFromClients && isClientRole(person.role?.type))
    );
  };

  /**
   * Active people mentioned in a comment who may read it under their own rules (a client never
   * reads a comment on a hidden item), the author left out.
   */
  const mentionedIn = async (comment: { id: number; body?: unknown }, authorId: number | undefined) => {
    const addresses = mentionedAddresses(typeof comment.body === 'string' ? comment.body : '');
    if (addresses.length === 0) return [];
    const people = await rowsOf(strapi, USER).findMany({
      where: { $or: addresses.map((address) => ({ email: { $eqi: address } })), id: { $ne: authorId ?? -1 } },
      select: [
        'id',
        'documentId',
        'email',
        'firstName',
        'blocked',
        'archivedAt',
        'canManageProjects',
        'canManageFinances',
        'clientManager',
      ],
      populate: { role: { select: ['type'] }, company: { select: ['id'] } },
    });
    const readers: Recipient[] = [];
    for (const person of people.filter((row) => !row.blocked && !row.archivedAt)) {
      // Without loaded project ids the rules join the memberships: reads that join the comment's transaction.
      const actor = hasPortalRole(person) ? toActor(person) : null;
      const visible =
        actor &&
        (await getService(strapi, 'access')
          .for(actor)
          .findOne(COMMENT, { where: { id: comment.id }, select: ['id'] }));
      if (visible) readers.push(person);
    }
    return readers;
  };

  /** One mail per person, each a notification of `topic` they may turn off. */
  const deliver = async (people: Recipient[], topic: NotificationTopic, subject: string, lines: string[]) => {
    const agency = getService(strapi, 'settings').get().agencyName;
    for (const person of people) {
      const greeting = person.firstName ? `Hello ${person.firstName},` : 'Hello,';
      const text = [greeting, '', ...lines, '', `— ${agency}`].join('\n');
      const html = `<p>${escapeHtml(greeting)}</p>${lines.map((line) => `<p>${escapeHtml(line)}</p>`).join('')}<p>— ${escapeHtml(agency)}</p>`;
      await getService(strapi, 'outbox').queue('notification', {
        to: person.email,
        subject: `[${agency}] ${subject}`,
        text,
        html,
        topic,
        recipientId: person.id,
      });
    }
  };

  return {
    /**
     * Whoever logged rejected entries hears which and why: one mail per person for one decision
     * (docs/time-budgets-invoices.md#approval).
     */
    async rejected(actor: Actor, kind: 'time entry' | 'expense', rows: RejectedEntry[], reason: string) {
      const actorName = actor.administrator ?? (await personName(actor.id));
      const byPerson = new Map<number, RejectedEntry[]>();
      for (const row of rows) {
        if (!row.person || row.person.id === actor.id) continue;
        byPerson.set(row.person.id, [...(byPerson.get(row.person.id) ?? []), row]);
      }
      if (byPerson.size === 0) return;
      const people = await rowsOf(strapi, USER).findMany({
        where: { id: { $in: [...byPerson.keys()] }, blocked: { $ne: true }, archivedAt: { $null: true } },
        select: ['id', 'email', 'firstName'],
      });
      const projectIds = [...new Set(rows.flatMap((row) => (row.project ? [row.project.id] : [])))];
      const projects = await rowsOf(strapi, PROJECT).findMany({
        where: { id: { $in: projectIds } },
        select: ['id', 'name'],
      });
      const projectName = new Map(projects.map((project) => [project.id, project.name]));
      for (const person of people) {
        const entries = byPerson.get(person.id)!;
        const plural =
          entries.length === 1
            ? `your ${kind}`
            : `${entries.length} of your ${kind === 'expense' ? 'expenses' : 'time entries'}`;
        await deliver([person], 'time-rejected', `${actorName} rejected ${plural}`, [
          `${actorName} rejected ${plural}:`,
          ...entries.map((entry) => {
            const project = entry.project && projectName.get(entry.project.id);
            return `• ${titleOf(entry)}${project ? ` (${project})` : ''}`;
          }),
          `Reason: ${reason}`,
        ]);
      }
    },

    async send(notification: Notification) {
      const activity = getService(strapi, 'activity');
      const actorName = await personName(notification.actor?.id);
      const row = (await strapi.db.query(contentType(strapi, notification.uid)).findOne({
        where: { id: notification.subject.id },
        populate: {
          project: { select: ['id', 'name'] },
          ...(notification.uid === COMMENT
            ? Object.fromEntries(
                getService(strapi, 'access')
                  .parentsOf(COMMENT)
                  .map((relation) => [
                    relation,
                    {
                      populate: {
                        author: { select: ['id'] },
                        ...(relation === 'task' ? { assignees: { select: ['id'] } } : {}),
                      },
                    },
                  ])
              )
            : {}),
        },
      })) as (CommentRow & Record<string, unknown>) | null;
      if (!row?.project) return;
      const hidden = await activity.hiddenFromClients(notification.uid, row);

      if (notification.kind === 'assigned') {
        const people = await audience(notification.recipients, row.project.id, hidden);
        await deliver(people, 'assigned', `You were assigned "${titleOf(row)}"`, [
          `${actorName} assigned you to the task "${titleOf(row)}" in ${row.project.name}.`,
        ]);
        return;
      }
      const relation = getService(strapi, 'access')
        .parentsOf(COMMENT)
        .find((name) => row[name]);
      if (!relation) return;
      const parent = row[relation] as Subject & { author?: { id: number } | null; assignees?: { id: number }[] };
      const earlier = await rowsOf(strapi, COMMENT).findMany({
        where: { [relation]: { id: parent.id }, id: { $ne: row.id } },
        select: ['id'],
        populate: { author: { select: ['id'] } },
      });
      const participants = new Set<number>([
        ...(parent.author ? [parent.author.id] : []),
        ...(parent.assignees ?? []).map((person) => person.id),
        ...earlier.flatMap((comment) => (comment.author ? [comment.author.id] : [])),
      ]);
      participants.delete(notification.actor?.id ?? -1);
      // Mentioned people hear of it once, as a mention, even when they also take part; one who
      // turned mentions off still hears of comments on their items if they get those.
      const mentioned: Recipient[] = [];
      for (const person of await mentionedIn(row, notification.actor?.id)) {
        if (!(await getService(strapi, 'preferences').wants(person.id, 'mention'))) continue;
        mentioned.push(person);
        participants.delete(person.id);
      }
      await deliver(mentioned, 'mention', `${actorName} mentioned you on "${titleOf(parent)}"`, [
        `${actorName} mentioned you in a comment on "${titleOf(parent)}" in ${row.project.name}:`,
        notification.text ?? '',
      ]);
      const people = await audience([...participants], row.project.id, hidden);
      await deliver(people, 'comment', `New comment on "${titleOf(parent)}"`, [
        `${actorName} commented on "${titleOf(parent)}" in ${row.project.name}:`,
        notification.text ?? '',
      ]);
    },
  };
};

export default notifications;
