import { randomUUID } from 'crypto';
import type { Core } from '@strapi/strapi';
import {
  mergeToOneRelations,
  placePopulate,
  readIndexedCopies,
  withRows,
  type PopulatePlan,
  type ShapedRead,
} from '../access/query';
import type { RowFilter } from '../access/rules';
import { getService } from '../utils/get-service';
import { readInFlight, runReading } from './request-scope';

/**
 * Hands a read's row filters to the database layer, after the document service has
 * validated and converted the reader's own parameters (docs/benchmarks.md, "Rows handed
 * to the query layer"). Strapi walks every filter node, field and populate level of a
 * document-service read twice (validation, then conversion to the database query), and what
 * the rules add (the rows of the main type and of each populated relation, the readable
 * fields) is often the larger part of it; it is compiled from our own declarations, so it
 * needs neither.
 *
 * The read's document-service call runs with the read in its request context (runReading), and a
 * database lifecycle hook puts its rows into every statement of its type that call makes
 * (there is one: the call's own; anything else would only be narrowed), and the readable
 * fields where the reader named none. The main filters carry nothing extra: a placeholder
 * there would be walked by each of Strapi's validators and converters (about a millisecond
 * of a 13 ms request, docs/benchmarks.md). Each populated relation's filters carry a
 * placeholder conjunct `documentId = <token>`, which no row matches; the hook puts that
 * relation's rows in its place. Fails closed twice: a placeholder left in a statement matches
 * no row, and a read whose statement never had all its rows put in (no statement of its type
 * seen, a placeholder lost on the way) throws instead of returning what it read.
 *
 * In the main statement, a condition on a to-one relation whose target id the row keeps in
 * an indexed copy (the rules' and the reader's, merged) reads the copy against a subquery of
 * the target's ids instead of joining the link table and the target (readIndexedCopies).
 */

const TOKEN_PREFIX = 'portal-rows:';

interface PendingRead {
  uid: string;
  /** The placeholder's token in each populated relation's filters. */
  token: string;
  rows: RowFilter;
  /** The main select, and each populated relation's rows and select (findMany, findOne). */
  select?: string[];
  plan?: PopulatePlan;
  placed: boolean;
  populated: boolean;
  /** The call has returned: a statement still to come (work it left running) is not its read. */
  released: boolean;
}

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
 * filters (shapeRead); `run` runs the rest of the document-service call with the shaped read
 * handed to the hook of its statements; `release` ends the hand-off, false if anything handed
 * was never placed.
 */
export const startHandOff = (strapi: Core.Strapi, uid: string) => {
  const token = `${TOKEN_PREFIX}${randomUUID()}`;
  const placeholder = { documentId: { $eq: token } };
  let entry: PendingRead | undefined;
  return {
    placeholder,
    run<T>(shaped: Pick<ShapedRead, 'rows' | 'select' | 'plan'>, call: () => T): Promise<Awaited<T>> {
      entry = {
        uid,
        token,
        rows: shaped.rows,
        select: shaped.select,
        plan: shaped.plan,
        placed: false,
        populated: false,
        released: false,
      };
      return runReading(strapi, entry, call);
    },
    release: (): boolean => {
      if (!entry) return false;
      entry.released = true;
      return entry.placed && (entry.populated || !hasPlan(entry));
    },
  };
};

interface QueryEvent {
  action: string;
  model: { uid: string };
  params: { where?: unknown; select?: unknown; populate?: unknown };
}

const POPULATING = new Set(['beforeFindMany', 'beforeFindOne']);

/** The lifecycle hook: puts the running read's rows into its statements (findMany, findOne, count). */
export const registerRowHandoff = (strapi: Core.Strapi): void => {
  const access = getService(strapi, 'access');
  // Compiled into the statement as `IN (SELECT id …)`, never run on its own.
  const idsOf = (target: string, filter: Record<string, unknown>) =>
    strapi.db.queryBuilder(target).where(filter).select('id').getKnexQuery();
  const substitute = (event: QueryEvent) => {
    const read = readInFlight(strapi) as PendingRead | undefined;
    // Every statement of the read's type in its call gets its rows (the call reads its type
    // once; anything more is narrowed, never widened); work the call runs as the system is its own.
    if (!read || read.released || read.uid !== event.model.uid || !event.params) return;
    const uid = read.uid;
    read.placed = true;
    const where = mergeToOneRelations(withRows(event.params.where, read.rows), uid, access);
    event.params.where = readIndexedCopies(where ?? {}, uid, access, idsOf) ?? {};
    if (!POPULATING.has(event.action) || !hasPlan(read)) return;
    if (read.select && event.params.select === undefined) event.params.select = read.select;
    const placed = placePopulate(
      event.params.populate,
      read.plan ?? {},
      (conjunct) => tokenOf(conjunct) === read.token,
      access
    );
    event.params.populate = placed.populate;
    if (placed.missing === 0) read.populated = true;
  };
  strapi.db.lifecycles.subscribe({ beforeFindMany: substitute, beforeFindOne: substitute, beforeCount: substitute });
};
