import accounts from './accounts';
import { approvalQueue, expenseApprovals, timeEntryApprovals } from './approvals';
import budgets from './budgets';
import directory from './directory';
import documents from './documents';
import estimates from './estimates';
import invitations from './invitations';
import invoices from './invoices';
import openapi from './openapi';
import operations from './operations';
import people from './people';
import preview from './preview';
import projectTemplates from './project-templates';
import reports from './reports';
import seats from './seats';
import settings from './settings';
import staff from './staff';
import timesheets from './timesheets';
import trash from './trash';
import unsubscribe from './unsubscribe';

export default {
  accounts,
  approvalQueue,
  budgets,
  directory,
  documents,
  estimates,
  expenseApprovals,
  invitations,
  invoices,
  openapi,
  operations,
  people,
  preview,
  projectTemplates,
  reports,
  seats,
  settings,
  staff,
  timeEntryApprovals,
  timesheets,
  trash,
  unsubscribe,
};
