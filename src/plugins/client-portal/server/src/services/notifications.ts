import type { Core } from '@strapi/strapi';
import { isClientRole } from '../access/capabilities';
import { getService } from '../utils/get-service';
import { titleOf, type Subject } from './activity';
import type { Notification } from './collaboration';
import { COMMENT, USER } from '../constants';

interface Recipient {
  id: number;
  email: string;
  firstName: string | null;
  blocked: boolean | null;
  archivedAt: string | null;
  role: { type: string } | null;
  projects: { id: number }[];
}

interface CommentRow extends Subject {
  project: { id: number; name: string } | null;
  author: { id: number } | null;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/**
 * Emails about project items (docs/collaboration.md#notifications, issue 6): assignees hear of new assignments,
 * participants of new comments. Nobody hears of what they may not see: recipients
 * must be active project members, and clients never hear of hidden or trashed items.
 */
const notifications = ({ strapi }: { strapi: Core.Strapi }) => {
  const personName = async (id: number | undefined) => {
    if (!id) return 'An administrator';
    const person = (await strapi.db.query(USER).findOne({ where: { id }, select: ['firstName', 'lastName'] })) as {
      firstName?: string | null;
      lastName?: string | null;
    } | null;
    return [person?.firstName, person?.lastName].filter(Boolean).join(' ') || 'Someone';
  };

  /** Active people on the project; clients only when the item is visible to clients. */
  const audience = async (ids: number[], projectId: number, hiddenFromClients: boolean) => {
    if (ids.length === 0) return [];
    const people = (await strapi.db.query(USER).findMany({
      where: { id: { $in: ids } },
      select: ['id', 'email', 'firstName', 'blocked', 'archivedAt'],
      populate: { role: { select: ['type'] }, projects: { select: ['id'] } },
    })) as Recipient[];
    return people.filter(
      (person) =>
        !person.blocked &&
        !person.archivedAt &&
        person.projects.some((project) => project.id === projectId) &&
        !(hiddenFromClients && isClientRole(person.role?.type))
    );
  };

  const deliver = async (people: Recipient[], subject: string, lines: string[]) => {
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
      });
    }
  };

  return {
    async send(notification: Notification) {
      const activity = getService(strapi, 'activity');
      const actorName = await personName(notification.actor?.id);
      const row = (await strapi.db.query(notification.uid as never).findOne({
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
        await deliver(people, `You were assigned "${titleOf(row)}"`, [
          `${actorName} assigned you to the task "${titleOf(row)}" in ${row.project.name}.`,
        ]);
        return;
      }
      const relation = getService(strapi, 'access')
        .parentsOf(COMMENT)
        .find((name) => row[name]);
      if (!relation) return;
      const parent = row[relation] as Subject & { author?: { id: number } | null; assignees?: { id: number }[] };
      const earlier = (await strapi.db.query(COMMENT).findMany({
        where: { [relation]: { id: parent.id }, id: { $ne: row.id } },
        select: ['id'],
        populate: { author: { select: ['id'] } },
      })) as { author: { id: number } | null }[];
      const participants = new Set<number>([
        ...(parent.author ? [parent.author.id] : []),
        ...(parent.assignees ?? []).map((person) => person.id),
        ...earlier.flatMap((comment) => (comment.author ? [comment.author.id] : [])),
      ]);
      participants.delete(notification.actor?.id ?? -1);
      const people = await audience([...participants], row.project.id, hidden);
      await deliver(people, `New comment on "${titleOf(parent)}"`, [
        `${actorName} commented on "${titleOf(parent)}" in ${row.project.name}:`,
        notification.text ?? '',
      ]);
    },
  };
};

export default notifications;
