import { addDays } from '../../src/plugins/client-portal/server/src/utils/calendar';
import { policyFor } from '../../src/plugins/client-portal/server/src/access/rules';
import { contentApiPermissions } from '../../src/plugins/client-portal/server/src/access/permissions';
import type { Actor } from '../../src/plugins/client-portal/server/src/access/actor';
import { actor } from './actor-fixture';
import { lookup, MODELS } from './schemas';

const TEMPLATE = 'api::project-template.project-template';
const TEAM = 'api::team.team';

describe('template due dates (addDays)', () => {
  it('counts calendar days from the start, across months, years and leap days', () => {
    expect(addDays('2026-12-01', 0)).toBe('2026-12-01');
    expect(addDays('2026-12-28', 5)).toBe('2027-01-02');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2026-01-31', 30)).toBe('2026-03-02');
    expect(addDays('2026-03-01', 365)).toBe('2027-03-01');
  });

  it('is not moved by a daylight-saving change in the server time zone', () => {
    // 2026-03-29 and 2026-10-25 are the European clock changes: 23- and 25-hour days in local time.
    expect(addDays('2026-03-28', 1)).toBe('2026-03-29');
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30');
    expect(addDays('2026-10-24', 2)).toBe('2026-10-26');
  });

  it('refuses what is not a calendar day or a whole number of days', () => {
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => addDays('2026-13-01', 1)).toThrow(RangeError);
    expect(() => addDays('1.12.2026', 1)).toThrow(RangeError);
    expect(() => addDays('2026-12-01', 1.5)).toThrow(RangeError);
  });
});

describe('templates and teams: agency-wide rules', () => {
  const staff: Actor[] = [actor('owner'), actor('member'), actor('member', { canManageFinances: true })];
  const planners: Actor[] = [actor('owner'), actor('member', { canManageProjects: true })];
  const clients: Actor[] = [actor('client'), actor('client', { clientManager: true }), actor('client-plus')];

  it.each([TEMPLATE, TEAM])('%s: staff read every row, only Owners and Member+ P write', (uid) => {
    for (const who of [...staff, ...planners]) {
      const policy = policyFor(who, MODELS[uid], lookup);
      expect(policy.rows).toBeNull();
      expect(policy.actions.find).toBe(true);
    }
    for (const who of planners) {
      expect(policyFor(who, MODELS[uid], lookup).actions).toEqual({
        find: true,
        create: true,
        update: true,
        delete: true,
      });
    }
    for (const who of staff.slice(1)) {
      expect(policyFor(who, MODELS[uid], lookup).actions).toEqual({
        find: true,
        create: false,
        update: false,
        delete: false,
      });
    }
  });

  it.each([TEMPLATE, TEAM])('%s: clients never read or write a row, and their roles get no route', (uid) => {
    for (const who of clients) {
      const policy = policyFor(who, MODELS[uid], lookup);
      expect(policy.actions).toEqual({ find: false, create: false, update: false, delete: false });
      expect([...policy.readable].filter((name) => name in MODELS[uid].attributes)).toEqual([]);
    }
    for (const role of ['client', 'client-plus'] as const) {
      expect(contentApiPermissions(role, Object.values(MODELS), lookup, []).filter((a) => a.startsWith(uid))).toEqual(
        []
      );
    }
  });

  it("keeps a project's teams from clients and lets staff write them", () => {
    for (const who of clients)
      expect(policyFor(who, MODELS['api::project.project'], lookup).readable.has('teams')).toBe(false);
    expect(policyFor(actor('member'), MODELS['api::project.project'], lookup).writable.has('teams')).toBe(true);
  });
});
