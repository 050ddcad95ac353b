import { randomUUID } from 'crypto';
import type { Core } from '@strapi/strapi';
import { substituteRows } from '../access/query';
import type { RowFilter } from '../access/rules';
import { getService } from '../utils/get-service';

/**
 * Hands a read's row filter to the database layer, after the document service has
 * validated and converted the reader's own parameters (docs/benchmarks.md, "Rows handed
 * to the query layer"). Strapi walks every filter node of a document-service read twice
 * (validation, then conversion to `where`), and the rules' filter is often the larger
 * part of it; it is compiled from our own declarations, so it needs neither.
 *
 * The read's filters carry a placeholder conjunct `documentId = <token>`, which no row
 * matches; a database lifecycle hook puts the rows' filter in its place just before the
 * statement is built. Fails closed twice: a placeholder left in a statement matches no row,
 * and a read whose statement never had its rows put in (the placeholder lost on the way)
 * throws instead of returning what it read.
 */

const TOKEN_PREFIX = 'portal-rows:';

/** The reads in flight by token, with the type they read; each is released when its call returns. */
const pending = new Map<string, { uid: string; rows: RowFilter; placed: boolean }>();

const tokenOf = (conjunct: Record<string, unknown>): string | undefined => {
  const condition = conjunct.documentId as { $eq?: unknown } | undefined;
  if (Object.keys(conjunct).length !== 1 || typeof condition !== 'object' || condition === null) return undefined;
  const token = condition.$eq;
  return typeof token === 'string' && token.startsWith(TOKEN_PREFIX) ? token : undefined;
};

/** Registers the rows of a read of `uid`: the placeholder to AND into its filters, and the release for when it returned. */
export const handOffRows = (uid: string, rows: RowFilter) => {
  const token = `${TOKEN_PREFIX}${randomUUID()}`;
  const entry = { uid, rows, placed: false };
  pending.set(token, entry);
  return {
    // Under $and, never a key of its own: Strapi's findOne sets `where.documentId` itself.
    placeholder: { $and: [{ documentId: { $eq: token } }] },
    /** Forgets the read; false if its rows were never put into a statement. */
    release: (): boolean => {
      pending.delete(token);
      return entry.placed;
    },
  };
};

interface QueryEvent {
  model: { uid: string };
  params: { where?: unknown };
}

/** The lifecycle hook: puts each pending read's rows into its statement (findMany, findOne, count). */
export const registerRowHandoff = (strapi: Core.Strapi): void => {
  const access = getService(strapi, 'access');
  const substitute = (event: QueryEvent) => {
    if (pending.size === 0 || !event.params?.where) return;
    const uid = event.model.uid;
    const rowsFor = (conjunct: Record<string, unknown>) => {
      const token = tokenOf(conjunct);
      const entry = token === undefined ? undefined : pending.get(token);
      // A token of another type's read stays where it is, and matches no row.
      if (entry?.uid !== uid) return undefined;
      entry.placed = true;
      return entry;
    };
    const where = substituteRows(event.params.where, rowsFor, uid, access);
    if (where !== undefined) event.params.where = where ?? {};
  };
  strapi.db.lifecycles.subscribe({ beforeFindMany: substitute, beforeFindOne: substitute, beforeCount: substitute });
};
