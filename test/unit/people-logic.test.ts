import {
  ALL,
  companiesOf,
  filterPeople,
  NO_COMPANY,
  NO_FILTER,
  roleChange,
  seatBar,
  sortPeople,
} from '../../src/plugins/client-portal/admin/src/utils/people-logic';
import type { PersonSummary } from '../../src/plugins/client-portal/shared/contracts';
import { person } from './people-fixture';

const acme = { documentId: 'acme', name: 'Acme' };
const globex = { documentId: 'globex', name: 'Globex' };

const people = [
  person(1, 'client', { firstName: 'Cora', lastName: 'Acme', email: 'cora@acme.test', company: acme }),
  person(2, 'member', { firstName: 'Max', lastName: 'Archived', archivedAt: '2026-01-01T00:00:00.000Z' }),
  person(3, 'member', { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@agency.test' }),
  person(4, 'owner', { firstName: 'Olga', lastName: 'Owner' }),
  person(5, 'client-plus', { firstName: 'Gus', lastName: 'Globex', email: 'gus@globex.test', company: globex }),
  person(6, 'client', {
    firstName: 'Zed',
    email: 'zed@globex.test',
    company: globex,
    archivedAt: '2026-02-01T00:00:00.000Z',
  }),
];
const names = (list: PersonSummary[]) => list.map((one) => one.firstName);

describe('People & seats logic', () => {
  it('lists everyone in one table: Owner, Member, Client+, Client, archived people last', () => {
    expect(names(sortPeople(people))).toEqual(['Olga', 'Ada', 'Gus', 'Cora', 'Max', 'Zed']);
  });

  it('searches names and emails in any case, every word must match', () => {
    expect(names(filterPeople(people, { ...NO_FILTER, query: 'cora' }))).toEqual(['Cora']);
    expect(names(filterPeople(people, { ...NO_FILTER, query: 'AGENCY.test' }))).toEqual(['Olga', 'Ada', 'Max']);
    expect(names(filterPeople(people, { ...NO_FILTER, query: '  ada   love ' }))).toEqual(['Ada']);
    expect(names(filterPeople(people, { ...NO_FILTER, query: 'ada globex' }))).toEqual([]);
    expect(filterPeople(people, { ...NO_FILTER, query: '   ' })).toHaveLength(people.length);
  });

  it('filters by role and company, together with the search', () => {
    expect(names(filterPeople(people, { ...NO_FILTER, role: 'member' }))).toEqual(['Ada', 'Max']);
    expect(names(filterPeople(people, { ...NO_FILTER, company: 'globex' }))).toEqual(['Gus', 'Zed']);
    expect(names(filterPeople(people, { ...NO_FILTER, company: NO_COMPANY }))).toEqual(['Olga', 'Ada', 'Max']);
    expect(names(filterPeople(people, { query: 'gus', role: 'client', company: 'globex' }))).toEqual([]);
    expect(names(filterPeople(people, { query: 'z', role: ALL, company: 'globex' }))).toEqual(['Zed']);
  });

  it('offers the companies people belong to, once each, by name', () => {
    expect(companiesOf(people)).toEqual([acme, globex]);
    expect(companiesOf([])).toEqual([]);
  });

  it('words a role change for its confirmation: names, seat and flags that go', () => {
    const cora = people[0];
    expect(roleChange(cora, 'client-plus')).toEqual({
      name: 'Cora Acme',
      from: 'Client',
      to: 'Client+',
      seat: 'takes',
      dropsFlags: [],
    });
    const financeMember = person(7, 'member', { firstName: 'Fay', canManageFinances: true });
    expect(roleChange(financeMember, 'client')).toMatchObject({ seat: 'frees', dropsFlags: ['canManageFinances'] });
    expect(roleChange(financeMember, 'owner')).toMatchObject({ seat: null, dropsFlags: ['canManageFinances'] });
    const manager = person(8, 'client', { clientManager: true });
    expect(roleChange(manager, 'client-plus').dropsFlags).toEqual([]);
    expect(roleChange(manager, 'member').dropsFlags).toEqual(['clientManager']);
    // An archived person holds no seat, whatever the role.
    expect(roleChange(people[5], 'member').seat).toBeNull();
    expect(roleChange(cora, 'owner', (role) => role.toUpperCase())).toMatchObject({ from: 'CLIENT', to: 'OWNER' });
  });

  it('fills the seat bar by share, warns from 80 % and is red when full', () => {
    expect(seatBar({ kind: 'available', used: 1, limit: 3 })).toEqual({ percent: 33, tone: 'normal' });
    expect(seatBar({ kind: 'available', used: 4, limit: 5 })).toEqual({ percent: 80, tone: 'high' });
    expect(seatBar({ kind: 'full', used: 3, limit: 3 })).toEqual({ percent: 100, tone: 'full' });
    expect(seatBar({ kind: 'full', used: 7, limit: 5 })).toEqual({ percent: 100, tone: 'full' });
    expect(seatBar({ kind: 'full', used: 0, limit: 0 })).toEqual({ percent: 100, tone: 'full' });
    expect(seatBar({ kind: 'unlimited', used: 12 })).toEqual({ percent: null, tone: 'normal' });
  });
});
