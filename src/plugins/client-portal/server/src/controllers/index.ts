import { approvalQueue, expenseApprovals, timeEntryApprovals } from './approvals';
import budgets from './budgets';
import invitations from './invitations';
import people from './people';
import preview from './preview';
import seats from './seats';
import timesheets from './timesheets';
import trash from './trash';

export default {
  approvalQueue,
  budgets,
  expenseApprovals,
  invitations,
  people,
  preview,
  seats,
  timeEntryApprovals,
  timesheets,
  trash,
};
