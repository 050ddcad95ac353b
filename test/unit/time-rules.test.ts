import { actor } from './actor-fixture';
import { NOTHING, trashRows } from '../../src/plugins/client-portal/server/src/access/rules';
import {
  amountForMinutes,
  approvableRows,
  approvalVerdict,
  countedTime,
  logsTime,
  mayLogFor,
  snapshotRate,
  stateAfterWrite,
  type ApprovalSubject,
} from '../../src/plugins/client-portal/server/src/access/time-rules';
import { lookup, MODELS } from './schemas';

const subject = (project: Partial<ApprovalSubject['project']> = {}, personId = 99): ApprovalSubject => ({
  personId,
  project: { leaderId: 1, memberIds: [7, 99], companyId: 3, clientsCanApproveTime: false, ...project },
});

describe('approval', () => {
  it('lets the Owner, the leader and a Member+ F on the project approve', () => {
    expect(approvalVerdict(actor('owner'), subject({ memberIds: [] }))).toBe('allowed');
    expect(approvalVerdict(actor('member'), subject({ leaderId: 7 }))).toBe('allowed');
    expect(approvalVerdict(actor('member', { canManageFinances: true }), subject())).toBe('allowed');
    expect(approvalVerdict(actor('member', { canManageFinances: true }), subject({ memberIds: [99] }))).toBe(
      'not-an-approver'
    );
    expect(approvalVerdict(actor('member'), subject())).toBe('not-an-approver');
    expect(approvalVerdict(actor('member', { canManageProjects: true }), subject())).toBe('not-an-approver');
  });

  it('lets a Client Manager of the project’s company on the project approve only where clients approve time', () => {
    const manager = actor('client', { clientManager: true });
    expect(approvalVerdict(manager, subject())).toBe('not-an-approver');
    expect(approvalVerdict(manager, subject({ clientsCanApproveTime: true }))).toBe('allowed');
    expect(
      approvalVerdict(actor('client-plus', { clientManager: true }), subject({ clientsCanApproveTime: true }))
    ).toBe('allowed');
    expect(approvalVerdict(manager, subject({ clientsCanApproveTime: true, companyId: 4 }))).toBe('not-an-approver');
    expect(approvalVerdict(manager, subject({ clientsCanApproveTime: true, memberIds: [99] }))).toBe('not-an-approver');
    expect(approvalVerdict(actor('client'), subject({ clientsCanApproveTime: true }))).toBe('not-an-approver');
  });

  it('never lets anyone approve their own entry', () => {
    expect(approvalVerdict(actor('owner'), subject({}, 7))).toBe('own-entry');
    expect(approvalVerdict(actor('member'), subject({ leaderId: 7 }, 7))).toBe('own-entry');
    expect(approvalVerdict(actor('member'), subject({}, 7))).toBe('not-an-approver');
  });

  it('compiles the same rule into a row filter', () => {
    const me = { $eq: 7 };
    expect(approvableRows(actor('owner'))).toBeNull();
    expect(approvableRows(actor('member'))).toEqual({ project: { leader: { id: me } } });
    expect(approvableRows(actor('member', { canManageFinances: true }))).toEqual({
      $or: [{ project: { leader: { id: me } } }, { project: { members: { id: me } } }],
    });
    expect(approvableRows(actor('client', { clientManager: true }))).toEqual({
      project: { clientsCanApproveTime: { $eq: true }, members: { id: me }, company: { id: { $eq: 3 } } },
    });
    expect(approvableRows(actor('client'))).toBe(NOTHING);
    expect(approvableRows(actor('client', { clientManager: true, companyId: null }))).toBe(NOTHING);
  });

  it('filters approvable rows on the project ids loaded with the actor; none is nothing', () => {
    const me = { $eq: 7 };
    const inProjects = { id: { $in: [11] } };
    expect(approvableRows(actor('member', { canManageFinances: true, projectIds: [11] }))).toEqual({
      $or: [{ project: { leader: { id: me } } }, { project: inProjects }],
    });
    expect(approvableRows(actor('member', { canManageFinances: true, projectIds: [] }))).toEqual({
      project: { leader: { id: me } },
    });
    expect(approvableRows(actor('client', { clientManager: true, projectIds: [11] }))).toEqual({
      project: { clientsCanApproveTime: { $eq: true }, ...inProjects, company: { id: { $eq: 3 } } },
    });
    expect(approvableRows(actor('client', { clientManager: true, projectIds: [] }))).toBe(NOTHING);
  });
});

describe('logging time', () => {
  it('lets everyone log their own; Owners, Member+ F and leaders for others', () => {
    expect(mayLogFor(actor('member'), 7, false)).toBe(true);
    expect(mayLogFor(actor('member'), 8, false)).toBe(false);
    expect(mayLogFor(actor('member', { canManageProjects: true }), 8, false)).toBe(false);
    expect(mayLogFor(actor('member'), 8, true)).toBe(true);
    expect(mayLogFor(actor('member', { canManageFinances: true }), 8, false)).toBe(true);
    expect(mayLogFor(actor('owner'), 8, false)).toBe(true);
    expect(mayLogFor(actor('client-plus'), 8, true)).toBe(false);
    expect(['owner', 'member', 'client-plus', 'client', undefined].map(logsTime)).toEqual([
      true,
      true,
      false,
      false,
      false,
    ]);
  });

  it('starts entries pending only where approval is required', () => {
    expect(stateAfterWrite(true)).toBe('pending');
    expect(stateAfterWrite(false)).toBe('approved');
  });

  it('snapshots the budget’s rate over the person’s, and rounds minutes × rate half up to a cent', () => {
    expect(snapshotRate(15000, 9000)).toBe(15000);
    expect(snapshotRate(null, 9000)).toBe(9000);
    expect(snapshotRate(undefined, null)).toBeNull();
    expect(snapshotRate(0, 9000)).toBe(0);
    // A budget service's override comes first (docs/time-budgets-invoices.md#budget-services).
    expect(snapshotRate(15000, 9000, 17500)).toBe(17500);
    expect(snapshotRate(15000, 9000, null)).toBe(15000);
    expect(snapshotRate(null, 9000, 0)).toBe(0);
    expect(amountForMinutes(9000, 90)).toBe(13500);
    expect(amountForMinutes(1, 30)).toBe(1);
    expect(amountForMinutes(1, 29)).toBe(0);
    expect(amountForMinutes(null, 600)).toBe(0);
    expect(amountForMinutes(12345, 1440)).toBe(296280);
  });

  it('counts others’ non-billable time only for financial viewers', () => {
    const visible = { project: { members: { id: { $eq: 7 } } } };
    expect(countedTime(actor('owner'), null)).toBeNull();
    expect(countedTime(actor('member', { canManageFinances: true }), visible)).toBe(visible);
    expect(countedTime(actor('member', { canManageProjects: true }), visible)).toEqual({
      $and: [visible, { $or: [{ person: { id: { $eq: 7 } } }, { billable: true }] }],
    });
  });
});

describe('the trash', () => {
  it('shows staff the trashed rows of their projects, clients none', () => {
    const trashed = { deletedAt: { $notNull: true } };
    expect(trashRows(actor('owner'), MODELS['api::note.note'], lookup)).toEqual(trashed);
    expect(trashRows(actor('member'), MODELS['api::note.note'], lookup)).toEqual({
      $and: [{ project: { members: { id: { $eq: 7 } } } }, trashed],
    });
    expect(trashRows(actor('client-plus'), MODELS['api::note.note'], lookup)).toBe(NOTHING);
    expect(trashRows(actor('owner'), MODELS['api::budget.budget'], lookup)).toBe(NOTHING);
  });
});
