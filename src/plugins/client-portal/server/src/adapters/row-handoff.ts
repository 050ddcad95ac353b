import { randomUUID } from 'crypto';
import type { Core } from '@strapi/strapi';
import { placePopulate, readIndexedCopies, substituteRows, type PopulatePlan, type ShapedRead } from '../access/query';
import type { RowFilter } from '../access/rules';
import { getService } from '../utils/get-service';

/**
 * Hands a read's row filters to the database layer, after the document service has
 * validated and converted the reader's own parameters (docs/benchmarks.md, "Rows handed
 * to the query layer"). Strapi walks every filter node, field and populate level of a
 * document-service read twice (validation, then conversion to the database query), and what
 * the rules add (the rows of the main type and of each populated relation, the readable
 * fields) is often the larger part of it; it is compiled from our own declarations, so it
 * needs neither.
 *
 * The read's filters, and those of each populated relation, carry a placeholder conjunct
 * `documentId = <token>`, which no row matches; a database lifecycle hook puts the rows in its
 * place just before the statement is built, and the readable fields where the reader named
 * none. Fails closed twice: a placeholder left in a statement matches no row, and a read whose
 * statement never had all its rows put in (a placeholder lost on the way) throws instead of
 * returning what it read.
 *
 * In the main statement, a condition on a to-one relation whose target id the row keeps in
 * an indexed copy (the rules' and the reader's, merged) reads the copy against a subquery of
 * the target's ids instead of joining the link table and the target (readIndexedCopies).
 */

const TOKEN_PREFIX = 'portal-rows:';

interface PendingRead {
  uid: string;
  rows: RowFilter;
  /** The main select, and each populated relation's rows and select (findMany, findOne). */
  select?: string[];
  plan?: PopulatePlan;
  placed: boolean;
  populated: boolean;
}

/** The reads in flight by token; each is released when its call returns. */
const pending = new Map<string, PendingRead>();

const tokenOf = (conjunct: Record<string, unknown>): string | undefined => {
  const condition = conjunct.documentId as { $eq?: unknown } | undefined;
  if (Object.keys(conjunct).length !== 1 || typeof condition !== 'object' || condition === null) return undefined;
  const token = condition.$eq;
  return typeof token === 'string' && token.startsWith(TOKEN_PREFIX) ? token : undefined;
};

/** Whether the hook has a select or populated relations' rows to put into the read's statement. */
const hasPlan = (read: Pick<ShapedRead, 'select' | 'plan'>) =>
  Boolean(read.select) || Object.keys(read.plan ?? {}).length > 0;

/** Whether a shaped read has anything to hand off: rows to add, a select or a populate plan. */
export const handsSomething = (read: Pick<ShapedRead, 'rows' | 'select' | 'plan'>): boolean =>
  read.rows !== null || hasPlan(read);

/**
 * Starts the hand-off of a read of `uid`: `placeholder` goes into the populated relations'
 * filters (shapeRead); `hand` registers what the hook puts in its place and returns the
 * conjunct to AND into the main filters; `release` forgets the read, false if anything handed
 * was never placed.
 */
export const startHandOff = (uid: string) => {
  const token = `${TOKEN_PREFIX}${randomUUID()}`;
  const placeholder = { documentId: { $eq: token } };
  let entry: PendingRead | undefined;
  return {
    placeholder,
    hand(shaped: ShapedRead) {
      entry = { uid, rows: shaped.rows, select: shaped.select, plan: shaped.plan, placed: false, populated: false };
      pending.set(token, entry);
      // Under $and, never a key of its own: Strapi's findOne sets `where.documentId` itself.
      return { $and: [placeholder] };
    },
    release: (): boolean => {
      pending.delete(token);
      return entry !== undefined && entry.placed && (entry.populated || !hasPlan(entry));
    },
  };
};

interface QueryEvent {
  action: string;
  model: { uid: string };
  params: { where?: unknown; select?: unknown; populate?: unknown };
}

const POPULATING = new Set(['beforeFindMany', 'beforeFindOne']);

/** The lifecycle hook: puts each pending read's rows into its statement (findMany, findOne, count). */
export const registerRowHandoff = (strapi: Core.Strapi): void => {
  const access = getService(strapi, 'access');
  // Compiled into the statement as `IN (SELECT id …)`, never run on its own.
  const idsOf = (target: string, filter: Record<string, unknown>) =>
    strapi.db.queryBuilder(target).where(filter).select('id').getKnexQuery();
  const substitute = (event: QueryEvent) => {
    if (pending.size === 0 || !event.params?.where) return;
    const uid = event.model.uid;
    let read: PendingRead | undefined;
    const rowsFor = (conjunct: Record<string, unknown>) => {
      const token = tokenOf(conjunct);
      const entry = token === undefined ? undefined : pending.get(token);
      // A token of another type's read stays where it is, and matches no row.
      if (entry?.uid !== uid) return undefined;
      entry.placed = true;
      read = entry;
      return entry;
    };
    const where = substituteRows(event.params.where, rowsFor, uid, access);
    if (where === undefined || !read) return;
    event.params.where = readIndexedCopies(where, uid, access, idsOf) ?? {};
    if (!POPULATING.has(event.action) || !hasPlan(read)) return;
    if (read.select && event.params.select === undefined) event.params.select = read.select;
    const placed = placePopulate(
      event.params.populate,
      read.plan ?? {},
      (conjunct) => pending.get(tokenOf(conjunct) ?? '') === read,
      access
    );
    event.params.populate = placed.populate;
    if (placed.missing === 0) read.populated = true;
  };
  strapi.db.lifecycles.subscribe({ beforeFindMany: substitute, beforeFindOne: substitute, beforeCount: substitute });
};
