import { errors } from '@strapi/utils';
import type { Core } from '@strapi/strapi';
import { isStaffRole } from '../../access/capabilities';
import { PROJECT, TEAM, USER } from '../../constants';
import { rowsOf } from '../../utils/rows';
import type { DocumentMiddlewareFactory, Params } from './types';

/**
 * Teams (docs/collaboration.md#project-templates-and-teams): a team holds agency people only, and
 * a project written with teams connected (create, or update with connect/set) gets the teams'
 * members as members in the same write. Only adds: disconnecting a team or changing a team later
 * leaves the projects' members as they are. After the rules: the references were checked there.
 */

type Reference = { documentId: string } | { id: number };

/** The rows a relation write adds, in any of Strapi's shapes; `disconnect` adds nothing. */
const addedReferences = (value: unknown): Reference[] => {
  if (value === null || value === undefined) return [];
  if (typeof value === 'string') return [{ documentId: value }];
  if (typeof value === 'number') return [{ id: value }];
  if (Array.isArray(value)) return value.flatMap(addedReferences);
  if (typeof value === 'object') {
    const record = value as Params;
    if ('connect' in record || 'set' in record || 'disconnect' in record) {
      return [record.connect, record.set].flatMap(addedReferences);
    }
    if (typeof record.documentId === 'string') return [{ documentId: record.documentId }];
    if (record.id !== undefined) return [{ id: Number(record.id) }];
  }
  return [];
};

const whereAny = (references: Reference[]) => ({
  $or: [
    { documentId: { $in: references.flatMap((ref) => ('documentId' in ref ? [ref.documentId] : [])) } },
    { id: { $in: references.flatMap((ref) => ('id' in ref ? [ref.id] : [])) } },
  ],
});

const refuseMembers = (message: string): never => {
  throw new errors.ValidationError(`members: ${message}`, {
    errors: [{ path: ['members'], message, name: 'ValidationError' }],
  });
};

/** Every person a team write adds must exist and be an Owner or a Member. */
const checkTeamMembers = async (strapi: Core.Strapi, data: Params) => {
  const references = addedReferences(data.members);
  if (references.length === 0) return;
  const people = await rowsOf(strapi, USER).findMany({
    where: whereAny(references),
    select: ['id', 'documentId'],
    populate: { role: { select: ['type'] } },
  });
  const known = (ref: Reference) =>
    people.some((person) => ('documentId' in ref ? person.documentId === ref.documentId : person.id === ref.id));
  if (!references.every(known)) refuseMembers('references a person who does not exist');
  if (people.some((person) => !isStaffRole(person.role?.type))) {
    refuseMembers('a team holds agency people only (Owners and Members), never clients');
  }
};

/** The documentIds of the staff members of the teams a project write connects. */
const membersOfTeams = async (strapi: Core.Strapi, teams: unknown): Promise<string[]> => {
  const references = addedReferences(teams);
  if (references.length === 0) return [];
  const rows = await rowsOf(strapi, TEAM).findMany({
    where: whereAny(references),
    select: ['id'],
    populate: { members: { select: ['documentId'], populate: { role: { select: ['type'] } } } },
  });
  // Someone whose role changed to a client since joining the team is not carried into projects.
  const staff = rows.flatMap((team) => team.members ?? []).filter((person) => isStaffRole(person.role?.type));
  return [...new Set(staff.map((person) => person.documentId))];
};

const listOf = (value: unknown): unknown[] => (value === undefined || value === null ? [] : [value].flat());

/** `members` of the write with `added` people connected too, whatever shape it came in. */
const withMembers = (members: unknown, added: string[]): unknown => {
  if (members === undefined || members === null) return { connect: added };
  if (Array.isArray(members) || typeof members !== 'object') return [...listOf(members), ...added];
  const record = members as Params;
  if (record.set !== undefined) return { ...record, set: [...listOf(record.set), ...added] };
  return { ...record, connect: [...listOf(record.connect), ...added] };
};

/** People already members of the project being updated: connecting them again would move, not add. */
const currentMembers = async (strapi: Core.Strapi, documentId: string): Promise<Set<string>> => {
  const project = (await strapi.db.query(PROJECT).findOne({
    where: { documentId },
    select: ['id'],
    populate: { members: { select: ['documentId'] } },
  })) as { members?: { documentId: string }[] } | null;
  return new Set((project?.members ?? []).map((person) => person.documentId));
};

export const teams: DocumentMiddlewareFactory = (strapi) => async (context, next) => {
  if (context.action !== 'create' && context.action !== 'update') return next();
  const params = context.params as Params;
  const data = params.data as Params | undefined;
  if (!data || typeof data !== 'object') return next();
  if (context.uid === TEAM && data.members !== undefined) await checkTeamMembers(strapi, data);
  if (context.uid === PROJECT && data.teams !== undefined) {
    let added = await membersOfTeams(strapi, data.teams);
    if (context.action === 'update' && added.length > 0) {
      const present = await currentMembers(strapi, String(params.documentId));
      added = added.filter((documentId) => !present.has(documentId));
    }
    if (added.length > 0) data.members = withMembers(data.members, added);
  }
  return next();
};
