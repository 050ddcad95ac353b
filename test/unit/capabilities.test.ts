import type { Actor } from '../../src/plugins/client-portal/server/src/access/actor';
import { actor } from './actor-fixture';
import {
  capabilities,
  capabilitiesOf,
  mayPreview,
  type Capabilities,
} from '../../src/plugins/client-portal/server/src/access/capabilities';

const PEOPLE: Record<string, Actor> = {
  owner: actor('owner'),
  member: actor('member'),
  'member+P': actor('member', { canManageProjects: true }),
  'member+F': actor('member', { canManageFinances: true }),
  'client-plus': actor('client-plus'),
  client: actor('client'),
  'client manager': actor('client', { clientManager: true }),
};

type Flag = Exclude<keyof Capabilities, 'readReport' | 'logFor' | 'shareBudget'>;

/** Who holds each flag (docs/roles-and-capabilities.md#capability-matrix); everyone else must not. */
const HOLDERS: Record<Flag, string[]> = {
  owner: ['owner'],
  staff: ['owner', 'member', 'member+P', 'member+F'],
  client: ['client-plus', 'client', 'client manager'],
  clientManager: ['client manager'],
  manageProjects: ['owner', 'member+P'],
  manageFinances: ['owner', 'member+F'],
  managePeople: ['owner', 'member+P'],
  deletePeople: ['owner'],
  purgeTrash: ['owner'],
  manageSettings: ['owner'],
  linkAdmins: ['owner'],
  seeAllProjects: ['owner'],
  seeHiddenItems: ['owner', 'member', 'member+P', 'member+F'],
  editTasks: ['owner', 'member', 'member+P', 'member+F', 'client-plus'],
  logTime: ['owner', 'member', 'member+P', 'member+F'],
  approve: ['owner', 'member', 'member+P', 'member+F'],
  seeInvoices: ['owner', 'member+F', 'client manager'],
  reports: ['owner', 'member+P', 'member+F'],
  preview: ['owner', 'member', 'member+P', 'member+F'],
};

describe('capabilities', () => {
  it.each(Object.entries(HOLDERS))('%s is held by exactly %j', (flag, holders) => {
    const holding = Object.entries(PEOPLE)
      .filter(([, person]) => capabilities(person)[flag as Flag])
      .map(([name]) => name);
    expect(holding).toEqual(holders);
  });

  it('flags on the wrong role give nothing', () => {
    const client = actor('client', { canManageProjects: true, canManageFinances: true });
    expect(capabilities(client).manageProjects).toBe(false);
    expect(capabilities(client).manageFinances).toBe(false);
    expect(capabilities(actor('member', { clientManager: true })).clientManager).toBe(false);
  });

  it('reports: the financial ones for Member+ F, the others for Member+ P, all for Owners', () => {
    const readers = (report: 'time' | 'budgets' | 'uninvoiced' | 'invoices') =>
      Object.entries(PEOPLE)
        .filter(([, person]) => capabilities(person).readReport(report))
        .map(([name]) => name);
    expect(readers('time')).toEqual(['owner', 'member+P']);
    for (const report of ['budgets', 'uninvoiced', 'invoices'] as const) {
      expect(readers(report)).toEqual(['owner', 'member+F']);
    }
  });

  it('logging for others and sharing budgets: Owners, Member+ F, and staff who lead the project', () => {
    expect(capabilities(PEOPLE.member).logFor(7, false)).toBe(true);
    expect(capabilities(PEOPLE.member).logFor(8, false)).toBe(false);
    expect(capabilities(PEOPLE.member).logFor(8, true)).toBe(true);
    expect(capabilities(PEOPLE['member+F']).logFor(8, false)).toBe(true);
    expect(capabilities(PEOPLE['client manager']).logFor(8, true)).toBe(false);
    expect(capabilities(PEOPLE.member).shareBudget(false)).toBe(false);
    expect(capabilities(PEOPLE.member).shareBudget(true)).toBe(true);
    expect(capabilities(PEOPLE['member+F']).shareBudget(false)).toBe(true);
    expect(capabilities(PEOPLE['client manager']).shareBudget(true)).toBe(false);
  });

  it('View as client: Owners anyone, a leader only clients of projects they lead', () => {
    expect(mayPreview(PEOPLE.owner, { role: 'member', leadsTheirProject: false })).toBe(true);
    expect(mayPreview(PEOPLE.member, { role: 'client', leadsTheirProject: true })).toBe(true);
    expect(mayPreview(PEOPLE.member, { role: 'client-plus', leadsTheirProject: true })).toBe(true);
    expect(mayPreview(PEOPLE.member, { role: 'member', leadsTheirProject: true })).toBe(false);
    expect(mayPreview(PEOPLE.member, { role: 'client', leadsTheirProject: false })).toBe(false);
    expect(mayPreview(PEOPLE['client manager'], { role: 'client', leadsTheirProject: true })).toBe(false);
  });

  it('GET /me reports the same decisions under the contract names', () => {
    expect(capabilitiesOf(PEOPLE['member+F'])).toEqual({
      seeAllProjects: false,
      createProjects: false,
      invitePeople: false,
      seeSeats: false,
      deletePeople: false,
      seeHiddenItems: true,
      editTasks: true,
      logTime: true,
      seeFinancials: true,
      manageInvoices: true,
      seeInvoices: true,
      reports: true,
    });
    expect(capabilitiesOf(PEOPLE['client manager'])).toEqual({
      seeAllProjects: false,
      createProjects: false,
      invitePeople: false,
      seeSeats: false,
      deletePeople: false,
      seeHiddenItems: false,
      editTasks: false,
      logTime: false,
      seeFinancials: false,
      manageInvoices: false,
      seeInvoices: true,
      reports: false,
    });
  });
});
