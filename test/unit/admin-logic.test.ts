import en from '../../src/plugins/client-portal/admin/src/translations/en.json';
import de from '../../src/plugins/client-portal/admin/src/translations/de.json';
import {
  describeError,
  groupByRole,
  invitationPayload,
  previewPaths,
  seatState,
} from '../../src/plugins/client-portal/admin/src/utils/logic';
import { person } from './people-fixture';

describe('admin page logic', () => {
  it('groups people by role, archived people last, by name', () => {
    const groups = groupByRole([
      person(1, 'client', { firstName: 'Zoe' }),
      person(2, 'member', { firstName: 'Max', archivedAt: '2026-01-01' }),
      person(3, 'member', { firstName: 'Ada' }),
      person(4, 'owner'),
    ]);
    expect(groups.map((group) => [group.role, group.people.map((row) => row.id)])).toEqual([
      ['owner', [4]],
      ['member', [3, 2]],
      ['client', [1]],
    ]);
  });

  it('shows a full plan as full, and an unlimited one as unlimited', () => {
    const byRole = { owner: 1, member: 1, 'client-plus': 0, client: 3 };
    expect(seatState({ limit: 2, used: 2, available: 0, byRole })).toEqual({ kind: 'full', used: 2, limit: 2 });
    expect(seatState({ limit: 3, used: 2, available: 1, byRole })).toEqual({ kind: 'available', used: 2, limit: 3 });
    expect(seatState({ limit: null, used: 2, available: null, byRole })).toEqual({ kind: 'unlimited', used: 2 });
  });

  it('turns the seat-limit 409 into words and field errors into a map', () => {
    const seatLimit = { response: { data: { error: { message: 'raw', details: { code: 'SEAT_LIMIT_REACHED' } } } } };
    expect(describeError(seatLimit).message).toBe(
      'All seats of your plan are in use. Archive someone or raise the seat limit in Settings.'
    );
    const invalid = {
      response: {
        data: {
          error: { message: 'Invalid email', details: { errors: [{ path: ['email'], message: 'must be an email' }] } },
        },
      },
    };
    expect(describeError(invalid)).toEqual({ message: 'Invalid email', fields: { email: 'must be an email' } });
    expect(describeError(new Error('offline')).message).toBe('offline');
  });

  it('sends only the fields an invitation may carry for its role', () => {
    expect(
      invitationPayload({
        email: 'a@b.test',
        role: 'client',
        firstName: '',
        canManageProjects: true,
        clientManager: true,
        projects: [],
      })
    ).toEqual({ email: 'a@b.test', role: 'client', clientManager: true });
    expect(
      invitationPayload({ email: 'a@b.test', role: 'member', canManageFinances: true, clientManager: true })
    ).toEqual({
      email: 'a@b.test',
      role: 'member',
      canManageFinances: true,
    });
  });

  it('previews a project through content-API paths', () => {
    const paths = previewPaths('abc');
    expect(Object.values(paths).every((path) => path.startsWith('/api/'))).toBe(true);
    expect(paths.tasks).toContain('filters[project][documentId][$eq]=abc');
  });

  it('has every string in English and German', () => {
    expect(Object.keys(de).sort()).toEqual(Object.keys(en).sort());
    expect(Object.values(de).every((text) => text.trim().length > 0)).toBe(true);
  });
});
