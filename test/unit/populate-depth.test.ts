import {
  AccessQueryError,
  constrainRead,
  MAX_POPULATE_DEPTH,
} from '../../src/plugins/client-portal/server/src/access/query';
import { populateDepth } from '../../src/plugins/client-portal/server/src/middlewares/query-guard';
import { ACTORS, contextFor } from './access-context';

/**
 * The populate depth limit, in its two places: the query guard (middlewares/query-guard.ts,
 * `populateDepth`, a 400 before any controller runs) and the compiler (access/query.ts,
 * `constrainPopulate`, which enforces it again on the shape it actually compiles).
 */

const PROJECT = 'api::project.project';

/** `{ a: { populate: { b: { populate: leaf } } } }`: what qs makes of populate[a][populate][b]…=leaf. */
const nest = (names: string[], leaf: unknown): Record<string, unknown> =>
  names.reduceRight<unknown>((inner, name) => ({ [name]: { populate: inner } }), leaf) as Record<string, unknown>;
/** `{ a: { populate: { b: leaf } } }`: the last relation given the leaf directly. */
const nestLeaf = (names: string[], leaf: unknown): Record<string, unknown> =>
  names.slice(0, -1).reduceRight<unknown>((inner, name) => ({ [name]: { populate: inner } }), {
    [names[names.length - 1]]: leaf,
  }) as Record<string, unknown>;

const FIVE = ['tasks', 'project', 'tasks', 'project', 'tasks'];

/** Whether the compiler accepts the populate for the Owner on projects (every level readable). */
const compiles = (populate: unknown) => {
  try {
    constrainRead({ populate }, PROJECT, contextFor(ACTORS.owner), true);
    return true;
  } catch (error) {
    if (error instanceof AccessQueryError && error.message.includes('nested deeper')) return false;
    throw error;
  }
};

describe('populateDepth (query guard): the nesting depth of every populate shape', () => {
  it.each<[string, unknown, number]>([
    ['nothing', undefined, 0],
    ['null', null, 0],
    ['true', true, 0],
    ['false', false, 0],
    ['an empty string', '', 0],
    ['"*"', '*', 1],
    ['one name', 'project', 1],
    ['a dotted path', 'tasks.project.tasks', 3],
    ['a list in a string: the deepest entry', 'project, tasks.comments.author', 3],
    ['a string with empty entries', 'project,,', 1],
    ['an empty array', [], 0],
    ['an array: the deepest entry', ['project', 'tasks.comments'], 2],
    ['an object with true', { project: true }, 1],
    ['an object with "*"', { project: '*' }, 1],
    ['an object with a nested object', { tasks: { populate: { comments: true } } }, 2],
    ['an object with a nested "*"', { tasks: { populate: '*' } }, 2],
    ['an object with a nested dotted string', { tasks: { populate: 'comments.author' } }, 3],
    ['an object with a nested list', { tasks: { populate: ['comments.author', 'project'] } }, 3],
    ['an object with a dotted string as value', { tasks: 'comments.author' }, 3],
    ['an object whose entries differ: the deepest', { project: true, tasks: { populate: { comments: true } } }, 2],
    ['an object with options but no populate', { tasks: { fields: ['title'], filters: { title: 'x' } } }, 1],
    ['five levels of objects', nest(FIVE.slice(0, 4), { tasks: true }), 5],
    ['six levels of objects', nest(FIVE, { project: true }), 6],
  ])('%s → %i', (_shape, populate, depth) => {
    expect(populateDepth(populate)).toBe(depth);
  });
});

describe('the guard and the compiler agree on the limit', () => {
  it.each<[string, unknown]>([
    ['dotted string', FIVE.join('.')],
    ['array', [FIVE.join('.'), 'company']],
    ['objects with true at the end', nestLeaf(FIVE, true)],
    ['objects with a name at the end', nest(FIVE.slice(0, 4), 'tasks')],
  ])(`${MAX_POPULATE_DEPTH} levels (%s) pass both`, (_shape, populate) => {
    expect(populateDepth(populate)).toBeLessThanOrEqual(MAX_POPULATE_DEPTH);
    expect(compiles(populate)).toBe(true);
  });

  it.each<[string, unknown]>([
    ['dotted string', [...FIVE, 'project'].join('.')],
    ['array', ['company', [...FIVE, 'project'].join('.')]],
    ['objects with true at the end', nestLeaf([...FIVE, 'project'], true)],
    ['objects with "*" at the end', nest(FIVE, '*')],
  ])(`${MAX_POPULATE_DEPTH + 1} levels (%s) are refused by both`, (_shape, populate) => {
    expect(populateDepth(populate)).toBeGreaterThan(MAX_POPULATE_DEPTH);
    expect(compiles(populate)).toBe(false);
  });

  it('what the guard under-counts (a nested `populate: true`, one level more for the compiler), the compiler still refuses', () => {
    const populate = nest(FIVE, true);
    expect(populateDepth(populate)).toBe(MAX_POPULATE_DEPTH);
    expect(compiles(populate)).toBe(false);
  });

  // qs makes populate[a][populate][b]=true of a query string: its "true" is no level of its own.
  it('counts a "true"/"false" string leaf like the boolean: five levels from a query string pass the guard', () => {
    expect(populateDepth({ project: 'true' })).toBe(1);
    expect(populateDepth({ project: 'false' })).toBe(1);
    expect(populateDepth({ project: true })).toBe(1);
    const fiveFromQueryString = nestLeaf(FIVE, 'true');
    expect(compiles(fiveFromQueryString)).toBe(true);
    expect(populateDepth(fiveFromQueryString)).toBe(MAX_POPULATE_DEPTH);
  });
});
