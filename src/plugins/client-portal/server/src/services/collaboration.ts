import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { TrashItem } from '../../../shared/contracts';
import { type Actor } from '../access/actor';
import { runAsSystem, type RequestScope } from '../adapters/request-scope';
import { capabilities } from '../access/capabilities';
import { and } from '../access/rules';
import { invalidField } from '../errors';
import { getService } from '../utils/get-service';
import { singleReference, whereOf } from '../utils/references';
import { contentType, rowsOf } from '../utils/rows';
import type { Subject, Verb } from './activity';
import { COMMENT, DOCUMENT, TASK } from '../constants';

type Params = Record<string, unknown>;
type Row = Subject & { project?: { id: number } | null };

/** An email the change should send once its transaction has committed. */
export interface Notification {
  kind: 'assigned' | 'commented';
  recipients: number[];
  uid: string;
  subject: Row;
  actor: Actor | null;
  text?: string;
}

const idsOf = (rows: unknown) => ((rows as { id: number }[] | undefined) ?? []).map((row) => row.id);

/**
 * The rules of docs/collaboration.md on every write of a project item through the API: tasks complete and
 * reopen, assignees are project members, a comment hangs off exactly one item
 * of its project, deleting a trashable item moves it to the trash, and every
 * change writes its activity row — all in the change's transaction.
 */
const collaboration = ({ strapi }: { strapi: Core.Strapi }) => {
  const activity = () => getService(strapi, 'activity');
  const now = () => getService(strapi, 'clock').now();

  /**
   * The row with its project as `project`: read through the declared path when the row
   * reaches its project through a parent (a budget service: `budget.project`).
   */
  const load = async (uid: string, where: Params): Promise<Row | null> => {
    const [first, ...rest] = (activity().projectItem(uid)?.access?.project ?? 'project').split('.');
    const nested = rest.reduceRight<Params>((inner, key) => ({ select: ['id'], populate: { [key]: inner } }), {
      select: ['id'],
    });
    const row = (await strapi.db.query(contentType(strapi, uid)).findOne({
      where,
      populate: {
        [first]: nested,
        ...(uid === TASK ? { assignees: { select: ['id'] } } : {}),
      },
    })) as Row | null;
    if (!row || rest.length === 0) return row;
    const project = rest.reduce<Params | null>(
      (parent, key) => (parent?.[key] as Params | null) ?? null,
      row[first] as Params | null
    );
    return { ...row, project: project as Row['project'] };
  };

  /** A comment without a project takes its parent's. */
  const fillCommentProject = async (data: Params) => {
    if (data.project !== undefined) return;
    for (const relation of getService(strapi, 'access').parentsOf(COMMENT)) {
      const reference = singleReference(data[relation]);
      if (!reference) continue;
      const target = getService(strapi, 'access').model(COMMENT)?.attributes[relation]?.target ?? '';
      const parent = (await strapi.db.query(contentType(strapi, target)).findOne({
        where: whereOf(reference),
        populate: { project: { select: ['documentId'] } },
      })) as { project?: { documentId: string } | null } | null;
      if (parent?.project) data.project = parent.project.documentId;
      return;
    }
  };

  /** Checks that need the row as written (every relation shape resolved); a failure rolls the write back. */
  const checkWritten = async (uid: string, documentId: string) => {
    if (uid === TASK) {
      const task = await rowsOf(strapi, TASK).findOne({
        where: { documentId },
        populate: {
          assignees: { select: ['id'], populate: { role: { select: ['type'] } } },
          project: { populate: { members: { select: ['id'] } } },
        },
      });
      const members = new Set(idsOf(task?.project?.members));
      if (task && task.assignees.some((person) => !members.has(person.id))) {
        invalidField('assignees', 'must be members of the task’s project');
      }
      // docs/roles-and-capabilities.md: Client+ can be assigned, plain Clients cannot.
      if (task && task.assignees.some((person) => person.role?.type === 'client')) {
        invalidField('assignees', 'Clients cannot be assigned tasks (Client+ can)');
      }
    }
    if (uid === COMMENT || uid === DOCUMENT) {
      const relations = getService(strapi, 'access').parentsOf(uid);
      const row = (await strapi.db.query(uid).findOne({
        where: { documentId },
        populate: {
          project: { select: ['id'] },
          ...Object.fromEntries(
            relations.map((relation) => [relation, { select: ['id'], populate: { project: { select: ['id'] } } }])
          ),
        },
      })) as Record<string, { id: number; project?: { id: number } | null } | null> | null;
      if (!row) return;
      const parents = relations.filter((relation) => row[relation]);
      if (uid === COMMENT && parents.length !== 1) {
        invalidField('task', 'a comment belongs to exactly one task, discussion, note or document');
      }
      for (const relation of parents) {
        if (row[relation]?.project?.id !== row.project?.id) invalidField(relation, 'belongs to another project');
      }
    }
  };

  const verbOf = (uid: string, action: string, before: Row | null, after: Row): Verb => {
    if (action === 'create') return uid === COMMENT ? 'commented' : 'created';
    if (uid === TASK && before?.state !== after.state) return after.state === 'completed' ? 'completed' : 'reopened';
    return 'updated';
  };

  const notificationsOf = (uid: string, actor: Actor | null, before: Row | null, after: Row): Notification[] => {
    if (uid === TASK) {
      const already = new Set(idsOf(before?.assignees));
      const added = idsOf(after.assignees).filter((id) => !already.has(id) && id !== actor?.id);
      return added.length > 0 ? [{ kind: 'assigned', recipients: added, uid, subject: after, actor }] : [];
    }
    if (uid === COMMENT && !before) {
      return [{ kind: 'commented', recipients: [], uid, subject: after, actor, text: String(after.body ?? '') }];
    }
    return [];
  };

  return {
    /**
     * The document-service step for writes of project items in the portal and the
     * admin panel. Runs inside a transaction the caller opened; returns Strapi's
     * result and the notifications it announces.
     */
    async write(
      scope: RequestScope,
      uid: string,
      action: string,
      params: Params,
      next: () => Promise<unknown>
    ): Promise<{ result: unknown; notifications: Notification[] }> {
      const actor = scope.kind === 'portal' ? scope.actor : null;
      const info = activity().projectItem(uid)!;
      const data = (params.data ?? {}) as Params;
      const documentId = params.documentId === undefined ? undefined : String(params.documentId);
      const before = documentId ? await load(uid, { documentId }) : null;
      if (action !== 'create' && !before) return { result: await next(), notifications: [] };

      if (uid === TASK && typeof data.state === 'string' && data.state !== before?.state) {
        data.completedAt = data.state === 'completed' ? now() : null;
      }
      if (uid === COMMENT && action === 'create') await fillCommentProject(data);
      params.data = data;

      if (action === 'delete') {
        const projectId = before!.project?.id ?? null;
        if (info.access!.trash && scope.kind === 'portal') {
          // docs/collaboration.md#the-trash: a delete moves the item to the trash; only an Owner deletes it for good (trash endpoints).
          await strapi.db.query(contentType(strapi, uid)).update({
            where: { id: before!.id },
            data: { deletedAt: now(), deletedBy: actor?.id ?? null },
          });
          await activity().record(actor, uid, 'deleted', before!, projectId);
          await activity().refreshVisibility(uid, before!);
          return { result: { documentId, entries: [before] }, notifications: [] };
        }
        await activity().record(actor, uid, 'deleted', before!, projectId);
        return { result: await next(), notifications: [] };
      }

      const result = (await next()) as { documentId?: string } | null;
      const written = result?.documentId ?? documentId;
      if (!written) return { result, notifications: [] };
      await checkWritten(uid, written);
      const after = (await load(uid, { documentId: written }))!;
      await activity().record(actor, uid, verbOf(uid, action, before, after), after, after.project?.id ?? null);
      if (before && (before.hiddenFromClients !== after.hiddenFromClients || before.deletedAt !== after.deletedAt)) {
        await activity().refreshVisibility(uid, after);
      }
      return { result, notifications: notificationsOf(uid, actor, before, after) };
    },

    /** GET /trash (docs/collaboration.md#the-trash): trashed items the actor may see, newest first. */
    async trash(actor: Actor): Promise<TrashItem[]> {
      const access = getService(strapi, 'access').for(actor);
      const items: TrashItem[] = [];
      for (const uid of this.trashableTypes()) {
        const rows = (await access.findMany(
          uid,
          {
            populate: { deletedBy: { select: ['id', 'documentId', 'firstName', 'lastName'] } },
            orderBy: [{ deletedAt: 'desc' }, { id: 'desc' }],
          },
          { scope: 'trash' }
        )) as (Row & { deletedAt: string; deletedBy: TrashItem['deletedBy'] })[];
        items.push(
          ...rows.map((row) => ({
            type: uid,
            documentId: row.documentId,
            title: row.title as string,
            deletedAt: new Date(row.deletedAt).toISOString(),
            deletedBy: row.deletedBy ?? null,
          }))
        );
      }
      return items.sort((a, b) => (a.deletedAt < b.deletedAt ? 1 : a.deletedAt > b.deletedAt ? -1 : 0));
    },

    trashableTypes(): string[] {
      return Object.keys(strapi.contentTypes).filter((uid) => activity().projectItem(uid)?.access?.trash);
    },

    /** The trashed row the actor may act on, or 404 (a type without a trash has no trashed rows). */
    async trashed(actor: Actor, uid: string, documentId: string, extra: Params | null = null) {
      if (!this.trashableTypes().includes(uid)) throw new errors.NotFoundError('Not Found');
      return getService(strapi, 'access')
        .for(actor)
        .findOne<Row>(
          uid,
          { where: and({ documentId: { $eq: documentId } }, extra), populate: { project: { select: ['id'] } } },
          { scope: 'trash' }
        );
    },

    /** Staff who could edit the item restore it. */
    async restore(actor: Actor, uid: string, documentId: string) {
      if (!(await this.trashed(actor, uid, documentId))) throw new errors.NotFoundError('Not Found');
      const editable = getService(strapi, 'access').for(actor).policy(uid).editable;
      const row = await this.trashed(actor, uid, documentId, editable);
      if (!row) throw new errors.ForbiddenError('Only staff who could edit this item restore it');
      await strapi.db.transaction(async () => {
        await strapi.db
          .query(contentType(strapi, uid))
          .update({ where: { id: row.id }, data: { deletedAt: null, deletedBy: null } });
        await activity().record(actor, uid, 'restored', row, row.project?.id ?? null);
        await activity().refreshVisibility(uid, row);
      });
      return { type: uid, documentId };
    },

    /** Owners delete trashed items for good (a document's file with it). */
    async purge(actor: Actor, uid: string, documentId: string) {
      if (!capabilities(actor).purgeTrash) throw new errors.ForbiddenError('Only an Owner deletes permanently');
      const row = await this.trashed(actor, uid, documentId);
      if (!row) throw new errors.NotFoundError('Not Found');
      await this.purgeRows(uid, [row]);
    },

    async empty(actor: Actor) {
      if (!capabilities(actor).purgeTrash) throw new errors.ForbiddenError('Only an Owner empties the trash');
      const access = getService(strapi, 'access').for(actor);
      let count = 0;
      for (const uid of this.trashableTypes()) {
        const rows = await access.findMany<Row>(uid, { select: ['id', 'documentId'] }, { scope: 'trash' });
        await this.purgeRows(uid, rows);
        count += rows.length;
      }
      return count;
    },

    async purgeRows(uid: string, rows: Row[]) {
      const files: unknown[] = [];
      await strapi.db.transaction(async () => {
        for (const row of rows) {
          if (uid === DOCUMENT) {
            const document = await rowsOf(strapi, DOCUMENT).findOne({ where: { id: row.id }, populate: ['file'] });
            if (document?.file) files.push(document.file);
          }
          await runAsSystem(() => strapi.documents(contentType(strapi, uid)).delete({ documentId: row.documentId }));
        }
      });
      for (const file of files) await strapi.plugin('upload').service('upload').remove(file);
    },

    /** Queues the mails a change announces, in the change's transaction (the outbox sends them after commit). */
    async notify(notifications: Notification[]) {
      for (const notification of notifications) await getService(strapi, 'notifications').send(notification);
    },
  };
};

export default collaboration;
