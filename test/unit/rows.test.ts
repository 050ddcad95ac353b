import type { Core } from '@strapi/strapi';
import { contentType, isSchema, rowsOf, type Row } from '../../src/plugins/client-portal/server/src/utils/rows';

/** Compile-time checks (npm run typecheck): `check<Equal<A, B>>()` fails to compile unless A and B are the same type. */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const check = <T extends true>(): T | undefined => undefined;

const USER = 'plugin::users-permissions.user';

// The fields a select names, and id; required attributes hold a value, others may be null, dates are strings.
type Person = Row<typeof USER, { select: readonly ['id', 'email', 'firstName', 'archivedAt'] }>;
check<Equal<Person['id'], number>>();
check<Equal<Person['email'], string>>();
check<Equal<Person['firstName'], string | null>>();
check<Equal<Person['archivedAt'], string | null>>();
check<Equal<'title' extends keyof Person ? true : false, false>>();
check<Equal<'documentId' extends keyof Person ? true : false, false>>();

// Without select every scalar and the documentId; the timestamps are always set; relations only when populated.
type Full = Row<typeof USER>;
check<Equal<Full['documentId'], string>>();
check<Equal<Full['createdAt'], string>>();
check<Equal<'role' extends keyof Full ? true : false, false>>();

// Populated relations with their own select/populate; to-many relations and repeatable components are lists.
type WithProjects = Row<
  typeof USER,
  { populate: { role: { select: readonly ['type'] }; projects: { populate: readonly ['leader'] } } }
>;
check<Equal<WithProjects['role'], Row<'plugin::users-permissions.role', { select: readonly ['type'] }> | null>>();
check<Equal<NonNullable<WithProjects['role']>['type'], string | null>>();
check<Equal<NonNullable<WithProjects['projects'][number]['leader']>['email'], string>>();
type Recurring = Row<'api::recurring-invoice.recurring-invoice', { populate: { lines: true } }>;
check<Equal<Recurring['lines'], Row<'invoice.recurring-line', true>[]>>();
check<Equal<Recurring['lines'][number]['amountCents'], number>>();
check<Equal<'documentId' extends keyof Recurring['lines'][number] ? true : false, false>>();

const strapiWith = (repository: Record<string, jest.Mock>) => {
  const query = jest.fn(() => repository);
  const strapi = {
    db: { query },
    contentTypes: { [USER]: {} },
    components: { 'invoice.line': {} },
  } as unknown as Core.Strapi;
  return { strapi, query };
};

describe('rowsOf: the query engine with typed rows', () => {
  it('hands the query to strapi.db.query(uid) unchanged and returns what it returns', async () => {
    const row = { id: 1, email: 'anna@acme.test' };
    const repository = {
      findOne: jest.fn(async () => row),
      findMany: jest.fn(async () => [row]),
      create: jest.fn(async () => row),
      update: jest.fn(async () => null),
    };
    const { strapi, query } = strapiWith(repository);
    const rows = rowsOf(strapi, USER);
    const read = { where: { id: 1 }, select: ['id', 'email'] } as const;

    expect(await rows.findOne(read)).toBe(row);
    expect(await rows.findMany(read)).toEqual([row]);
    expect(await rows.create({ data: { email: 'anna@acme.test' } })).toBe(row);
    expect(await rows.update({ where: { id: 2 }, data: { title: 'CEO' } })).toBeNull();
    expect(query).toHaveBeenCalledWith(USER);
    expect(repository.findOne).toHaveBeenCalledWith(read);
    expect(repository.findMany).toHaveBeenCalledWith(read);
    expect(repository.create).toHaveBeenCalledWith({ data: { email: 'anna@acme.test' } });
    expect(repository.update).toHaveBeenCalledWith({ where: { id: 2 }, data: { title: 'CEO' } });
  });
});

describe('uids known only at run time', () => {
  const { strapi } = strapiWith({});

  it('pass as content types when registered, and fail with the query engine’s message otherwise', () => {
    expect(contentType(strapi, USER)).toBe(USER);
    expect(() => contentType(strapi, 'api::nope.nope')).toThrow('Metadata for "api::nope.nope" not found');
    expect(() => contentType(strapi, 'invoice.line')).toThrow('Metadata for "invoice.line" not found');
  });

  it('count components as schemas', () => {
    expect(isSchema(strapi, USER)).toBe(true);
    expect(isSchema(strapi, 'invoice.line')).toBe(true);
    expect(isSchema(strapi, 'api::nope.nope')).toBe(false);
  });
});
