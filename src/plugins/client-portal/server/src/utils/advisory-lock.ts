import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';

/**
 * PostgreSQL advisory locks that serialise work across Strapi processes sharing one
 * database. One key per kind of work; SQLite serialises writers by itself.
 */
export const ADVISORY_LOCKS = {
  bootstrap: 727_101,
  seats: 727_102,
  invoices: 727_103,
  /** Scheduled client reports (services/schedules.ts); recurring invoices take `invoices`. */
  schedules: 727_181,
  estimates: 727_104,
} as const;

export type AdvisoryLock = keyof typeof ADVISORY_LOCKS;

/** Runs `work` in a transaction that first takes `lock` (held until the transaction ends). */
export const withAdvisoryLock = async <T>(
  strapi: Core.Strapi,
  lock: AdvisoryLock,
  work: (trx: Knex.Transaction) => Promise<T>
): Promise<T> =>
  strapi.db.transaction(async ({ trx }) => {
    if (strapi.db.dialect.client === 'postgres') {
      await trx.raw('select pg_advisory_xact_lock(?)', [ADVISORY_LOCKS[lock]]);
    }
    return work(trx as Knex.Transaction);
  });
