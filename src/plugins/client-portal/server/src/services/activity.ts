import type { Core } from '@strapi/strapi';
import { FINANCIAL_TYPES } from '../access/capabilities';
import type { Actor } from '../access/actor';
import type { ModelInfo } from '../access/rules';
import { getService } from '../utils/get-service';
import { contentType, isSchema, rowsOf } from '../utils/rows';
import { ACTIVITY, USER } from '../constants';

export type Verb =
  | 'created'
  | 'updated'
  | 'deleted'
  | 'restored'
  | 'completed'
  | 'reopened'
  | 'approved'
  | 'rejected'
  | 'commented';

/** What the feed needs of a subject row. */
export interface Subject {
  id: number;
  documentId: string;
  [field: string]: unknown;
}

const TITLE_FIELDS = ['title', 'name', 'description', 'note', 'body', 'number'];
const MAX_TITLE = 80;

export const titleOf = (row: Subject): string => {
  const value = TITLE_FIELDS.map((field) => row[field]).find((field) => typeof field === 'string' && field.trim());
  const logged = typeof row.minutes === 'number' && row.date ? `${row.minutes} min on ${String(row.date)}` : null;
  const text = typeof value === 'string' ? value.trim().replace(/\s+/g, ' ') : (logged ?? row.documentId);
  return text.length > MAX_TITLE ? `${text.slice(0, MAX_TITLE - 1)}…` : text;
};

/**
 * The activity feed (docs/collaboration.md#activity): one row per change of a project item, written by
 * the server in the change's transaction, carrying whether clients may see it.
 * A subject that is hidden, trashed, hangs off a hidden or trashed item, or is
 * about money is hidden from clients; the flag follows later hides and restores.
 */
const activity = ({ strapi }: { strapi: Core.Strapi }) => {
  const model = (uid: string) => getService(strapi, 'access').model(uid);

  /** Types whose rows belong to a project (declared `project` path), the feed itself excluded. */
  const projectItem = (uid: string): ModelInfo | undefined => {
    const info = model(uid);
    const path = info?.access?.project;
    return uid !== ACTIVITY && path && path !== 'self' ? info : undefined;
  };

  const concealing = (info: ModelInfo | undefined) =>
    [
      ...(info?.access?.hideable ? ['hiddenFromClients'] : []),
      ...(info?.access?.trash ? ['deletedAt'] : []),
    ] as string[];

  const concealed = (row: Record<string, unknown> | null | undefined) =>
    Boolean(row && (row.hiddenFromClients === true || row.hiddenFromClients === 1 || row.deletedAt));

  /** Whether clients must not see activity about this row (now). */
  const hiddenFromClients = async (uid: string, row: Subject): Promise<boolean> => {
    const info = model(uid);
    if (!info?.access || FINANCIAL_TYPES.has(uid) || info.access.clientRead.length === 0) return true;
    const parents = info.access.hiddenVia.filter(
      (relation) => concealing(model(info.attributes[relation]?.target ?? '')).length
    );
    const own = concealing(info);
    if (own.length === 0 && parents.length === 0) return false;
    const loaded = (await strapi.db.query(contentType(strapi, uid)).findOne({
      where: { id: row.id },
      select: ['id', ...own],
      populate: Object.fromEntries(
        parents.map((relation) => [
          relation,
          { select: ['id', ...concealing(model(info.attributes[relation].target ?? ''))] },
        ])
      ),
    })) as Record<string, unknown> | null;
    return concealed(loaded) || parents.some((relation) => concealed(loaded?.[relation] as Record<string, unknown>));
  };

  const nameOf = async (actor: Actor | null) => {
    if (!actor) return 'An administrator';
    if (actor.administrator) return actor.administrator;
    const person = await rowsOf(strapi, USER).findOne({
      where: { id: actor.id },
      select: ['firstName', 'lastName', 'username'],
    });
    return [person?.firstName, person?.lastName].filter(Boolean).join(' ') || person?.username || 'Someone';
  };

  const labelOf = (uid: string) => (isSchema(strapi, uid) ? strapi.getModel(uid)?.info?.displayName : undefined) ?? uid;

  return {
    projectItem,
    hiddenFromClients,

    /** Writes one feed row; runs inside the caller's transaction (Strapi's queries join it). */
    async record(actor: Actor | null, uid: string, verb: Verb, row: Subject, projectId: number | null) {
      if (projectId === null) return;
      const title = titleOf(row);
      const label = labelOf(uid).toLowerCase();
      const summary =
        verb === 'commented'
          ? `${await nameOf(actor)} commented: "${title}"`
          : `${await nameOf(actor)} ${verb} ${label} "${title}"`;
      await strapi.db.query(ACTIVITY).create({
        data: {
          project: projectId,
          actor: actor && !actor.administrator ? actor.id : null,
          verb,
          subjectType: uid,
          subjectId: row.documentId,
          summary: summary.slice(0, 255),
          hiddenFromClients: await hiddenFromClients(uid, row),
        },
      });
    },

    /**
     * After an item is hidden, shown, trashed or restored: the feed rows about it and
     * about everything hanging off it (comments, documents, time) follow.
     */
    async refreshVisibility(uid: string, row: Subject) {
      const subjects: { uid: string; row: Subject }[] = [{ uid, row }];
      for (const childUid of Object.keys(strapi.contentTypes)) {
        const child = projectItem(childUid);
        for (const relation of child?.access?.hiddenVia ?? []) {
          if (child!.attributes[relation]?.target !== uid) continue;
          const rows = (await strapi.db.query(contentType(strapi, childUid)).findMany({
            where: { [relation]: { id: row.id } },
            select: ['id', 'documentId'],
          })) as Subject[];
          subjects.push(...rows.map((childRow) => ({ uid: childUid, row: childRow })));
        }
      }
      const byFlag = new Map<boolean, Map<string, string[]>>();
      for (const subject of subjects) {
        const hidden = await hiddenFromClients(subject.uid, subject.row);
        const perType = byFlag.get(hidden) ?? new Map<string, string[]>();
        perType.set(subject.uid, [...(perType.get(subject.uid) ?? []), subject.row.documentId]);
        byFlag.set(hidden, perType);
      }
      for (const [hidden, perType] of byFlag) {
        for (const [subjectType, ids] of perType) {
          await strapi.db.query(ACTIVITY).updateMany({
            where: { subjectType, subjectId: { $in: ids } },
            data: { hiddenFromClients: hidden },
          });
        }
      }
    },
  };
};

export default activity;
