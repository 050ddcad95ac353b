/** Content-type uids the plugin reads or guards: one spelling for every module. */
export const USER = 'plugin::users-permissions.user';
export const ROLE = 'plugin::users-permissions.role';
export const PERMISSION = 'plugin::users-permissions.permission';
export const UPLOAD_FILE = 'plugin::upload.file';
export const ADMIN_USER = 'admin::user';

export const COMPANY = 'api::company.company';
export const PROJECT = 'api::project.project';
export const BUDGET = 'api::budget.budget';
export const BUDGET_SERVICE = 'api::budget-service.budget-service';
export const TASK = 'api::task.task';
export const COMMENT = 'api::comment.comment';
export const DOCUMENT = 'api::document.document';
export const TIME_ENTRY = 'api::time-entry.time-entry';
export const EXPENSE = 'api::expense.expense';
export const INVOICE = 'api::invoice.invoice';
export const ACTIVITY = 'api::activity.activity';
export const ESTIMATE = 'api::estimate.estimate';
export const PROJECT_TEMPLATE = 'api::project-template.project-template';
export const TEAM = 'api::team.team';
export const DISCUSSION = 'api::discussion.discussion';
export const RECURRING_INVOICE = 'api::recurring-invoice.recurring-invoice';

export const INVITATION = 'plugin::client-portal.invitation';
export const PASSWORD_RESET = 'plugin::client-portal.password-reset';
export const MAIL = 'plugin::client-portal.mail';

/** The most rows one request may ask for (pagination, bulk decisions, exports of a page). */
export const MAX_PAGE_SIZE = 100;
