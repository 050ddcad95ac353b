import type { Actor } from './actor';

/** A Strapi filter object; `null` means "no restriction". */
export type RowFilter = Record<string, unknown> | null;

/** Matches no row: ids are positive. */
export const NOTHING: Record<string, unknown> = { id: { $null: true } };

/**
 * Projects an actor may see (SPEC §3 "see projects"): Owners all, everyone else
 * the projects they are a member of (the leader is always a member).
 */
export const projectRowFilter = (actor: Actor): RowFilter =>
  actor.role === 'owner' ? null : { members: { id: { $eq: actor.id } } };
