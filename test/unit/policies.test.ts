import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Actor } from '../../src/plugins/client-portal/server/src/access/actor';
import policies from '../../src/plugins/client-portal/server/src/policies';
import { NOT_LINKED_MESSAGE } from '../../src/plugins/client-portal/server/src/policies/actor';

/**
 * The route guards (docs/http-api.md): who may call a plugin route at all, on the content API
 * (the signed-in person) and on the admin routes (the person the admin acts as).
 */

type PolicyName = keyof typeof policies;
type Person = { role: string; canManageProjects?: boolean; canManageFinances?: boolean; clientManager?: boolean };

const PEOPLE: Record<string, Person> = {
  owner: { role: 'owner' },
  member: { role: 'member' },
  'member+P': { role: 'member', canManageProjects: true },
  'member+F': { role: 'member', canManageFinances: true },
  'client-plus': { role: 'client-plus' },
  'client manager': { role: 'client', clientManager: true },
  client: { role: 'client' },
  'not a portal role': { role: 'authenticated' },
};

/** Who passes each guard, by the capability matrix (docs/roles-and-capabilities.md). */
const PASSES: Record<PolicyName, string[]> = {
  'is-portal-person': ['owner', 'member', 'member+P', 'member+F', 'client-plus', 'client manager', 'client'],
  'is-staff': ['owner', 'member', 'member+P', 'member+F'],
  'is-people-manager': ['owner', 'member+P'],
  'can-change-settings': ['owner'],
};

/** The staff service is the only part of Strapi a guard reaches, and only on admin routes. */
const strapiWith = (actorFor: (admin: unknown) => Promise<Actor | null>) =>
  ({ plugin: () => ({ service: () => ({ actorFor }) }) }) as unknown as Core.Strapi;
const noStrapi = strapiWith(async () => {
  throw new Error('a content-API request never asks the staff service');
});

const contentApiContext = (person: Person | null) =>
  ({
    state: {
      user: person && { ...person, id: 7, documentId: 'p7', role: { type: person.role } },
      auth: { strategy: { name: 'users-permissions' } },
    },
  }) as unknown as Core.PolicyContext;

const outcome = async (name: PolicyName, context: Core.PolicyContext, strapi = noStrapi) => {
  try {
    return await policies[name](context, {}, { strapi });
  } catch (error) {
    return (error as Error).name;
  }
};

describe('route guards (policies/)', () => {
  it.each(Object.keys(PASSES) as PolicyName[])('%s lets through exactly the people it is for', async (name) => {
    const results: Record<string, unknown> = {};
    for (const [label, person] of Object.entries(PEOPLE))
      results[label] = await outcome(name, contentApiContext(person));
    expect(results).toEqual(
      Object.fromEntries(
        Object.keys(PEOPLE).map((label) => [label, PASSES[name].includes(label) ? true : 'ForbiddenError'])
      )
    );
  });

  it('answers 401 to a request without a signed-in user, whatever the guard', async () => {
    for (const name of Object.keys(PASSES) as PolicyName[]) {
      expect(await outcome(name, contentApiContext(null))).toBe('UnauthorizedError');
    }
  });

  it('leaves the resolved actor on the state for the handler, and resolves it once', async () => {
    const context = contentApiContext(PEOPLE['member+P']);
    await policies['is-people-manager'](context, {}, { strapi: noStrapi });
    const state = (context as unknown as { state: { portalActor?: Actor } }).state;
    expect(state.portalActor).toMatchObject({ id: 7, role: 'member', canManageProjects: true });
    const first = state.portalActor;
    await policies['is-staff'](context, {}, { strapi: noStrapi });
    expect(state.portalActor).toBe(first);
  });

  describe('on the admin routes', () => {
    const adminContext = () =>
      ({
        state: { user: { id: 1, email: 'admin@agency.test' }, auth: { strategy: { name: 'admin' } } },
      }) as unknown as Core.PolicyContext;
    const actor = (person: Person): Actor => ({
      id: 3,
      documentId: 'p3',
      role: person.role as Actor['role'],
      companyId: null,
      canManageProjects: Boolean(person.canManageProjects),
      canManageFinances: Boolean(person.canManageFinances),
      clientManager: false,
    });

    it('acts as the person the admin is linked to, under that person’s guards', async () => {
      const asked: unknown[] = [];
      const linkedTo = (person: Person) =>
        strapiWith(async (admin) => {
          asked.push(admin);
          return actor(person);
        });
      expect(await outcome('is-people-manager', adminContext(), linkedTo(PEOPLE['member+P']))).toBe(true);
      expect(await outcome('is-people-manager', adminContext(), linkedTo(PEOPLE['member+F']))).toBe('ForbiddenError');
      expect(await outcome('can-change-settings', adminContext(), linkedTo(PEOPLE.owner))).toBe(true);
      expect(asked).toEqual([
        { id: 1, email: 'admin@agency.test' },
        { id: 1, email: 'admin@agency.test' },
        { id: 1, email: 'admin@agency.test' },
      ]);
    });

    it('refuses an admin linked to nobody with a 403 that keeps its message and code', async () => {
      const unlinked = strapiWith(async () => null);
      const refusal = await policies['is-portal-person'](adminContext(), {}, { strapi: unlinked }).catch(
        (error: unknown) => error
      );
      expect(refusal).toBeInstanceOf(errors.PolicyError);
      expect(refusal).toMatchObject({
        name: 'ForbiddenError',
        message: NOT_LINKED_MESSAGE,
        details: { code: 'ADMIN_NOT_LINKED' },
      });
    });
  });
});
