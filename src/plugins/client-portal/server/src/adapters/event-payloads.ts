import type { Core } from '@strapi/strapi';
import { ACTIVITY, EXPENSE, TIME_ENTRY } from '../constants';
import { isToMany, type TableMeta } from '../utils/table-meta';

/**
 * Types whose rows accumulate by the thousand under one parent: a budget, a project or an
 * invoice may hold 10,000 time entries.
 */
const LEDGERS: ReadonlySet<string> = new Set([TIME_ENTRY, EXPENSE, ACTIVITY]);

interface FindOneEvent {
  model: TableMeta & { uid: string };
  params?: { populate?: unknown };
}

/**
 * The populate Strapi's document service builds for an event's payload (`getDeepPopulate(uid,
 * {})`) asks for each relation as `{ select: undefined }`: every column of every related row.
 * No request builds that shape (a query's `fields` become a list, a bare populate `true`).
 */
const isEveryColumn = (value: unknown): boolean =>
  typeof value === 'object' &&
  value !== null &&
  Object.keys(value).length === 1 &&
  'select' in value &&
  (value as { select?: unknown }).select === undefined;

/**
 * Strapi's `entry.create` / `entry.update` / `entry.publish` payloads (webhooks, the event
 * hub) carry every relation of the entry, populated in full after the write commits. For a
 * budget, a project or a new invoice that meant loading, sanitizing and sending its 10,000
 * time entries, every column, on each save. Their relations to ledger rows (time entries,
 * expenses, activities) now carry a count, `{ "count": 10000 }`; every other relation is
 * populated as before.
 */
export const countLedgersInEventPayloads = (strapi: Core.Strapi): void => {
  const beforeFindOne = (event: FindOneEvent) => {
    const populate = event.params?.populate;
    if (!event.params || typeof populate !== 'object' || populate === null) return;
    let counted: Record<string, unknown> | null = null;
    for (const [name, value] of Object.entries(populate)) {
      const attribute = event.model.attributes[name];
      const toLedgerRows = attribute?.type === 'relation' && isToMany(attribute) && LEDGERS.has(attribute.target ?? '');
      if (!toLedgerRows || !isEveryColumn(value)) continue;
      // A copy: Strapi caches the deep populate and hands the same object to every event.
      counted ??= { ...populate };
      counted[name] = { count: true };
    }
    if (counted) event.params.populate = counted;
  };
  strapi.db.lifecycles.subscribe({ beforeFindOne } as Parameters<typeof strapi.db.lifecycles.subscribe>[0]);
};
