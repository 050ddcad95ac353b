/**
 * The Content Manager configuration the plugin ships for its types (docs/admin-panel.md, "The Content
 * Manager"): list columns, default sort, the field that names an entry (and so every
 * relation pointing to it) and human labels. Applied on every boot by `./apply.ts`;
 * a value an admin changed in the Content Manager ("Configure the view") is kept.
 */
export interface ShippedView {
  /** The field that names an entry: relations to this type show it, never a documentId. */
  mainField: string;
  /** List view columns, in order. */
  list?: string[];
  defaultSortBy?: string;
  defaultSortOrder?: 'ASC' | 'DESC';
  /** Labels differing from the humanized attribute name ("issuedOn" → "Issued on"). */
  labels?: Record<string, string>;
  /** Help texts under the edit view's inputs. */
  descriptions?: Record<string, string>;
}

export const CONTENT_TYPE_VIEWS: Record<string, ShippedView> = {
  'api::company.company': {
    mainField: 'name',
    list: ['name', 'isAgency', 'billingEmail', 'createdAt'],
    defaultSortBy: 'name',
    labels: { isAgency: 'Agency', creator: 'Created by (person)' },
  },
  'api::project.project': {
    mainField: 'name',
    list: ['name', 'company', 'leader', 'state', 'currency'],
    defaultSortBy: 'name',
    labels: { clientsCanApproveTime: 'Clients can approve time' },
  },
  'api::task.task': {
    mainField: 'title',
    list: ['title', 'project', 'state', 'dueOn', 'hiddenFromClients'],
    defaultSortBy: 'updatedAt',
    defaultSortOrder: 'DESC',
    labels: { estimateMinutes: 'Estimate (minutes)', dueOn: 'Due on' },
  },
  'api::discussion.discussion': {
    mainField: 'title',
    list: ['title', 'project', 'author', 'hiddenFromClients', 'updatedAt'],
    defaultSortBy: 'updatedAt',
    defaultSortOrder: 'DESC',
  },
  'api::note.note': {
    mainField: 'title',
    list: ['title', 'project', 'author', 'hiddenFromClients', 'updatedAt'],
    defaultSortBy: 'updatedAt',
    defaultSortOrder: 'DESC',
  },
  'api::comment.comment': {
    mainField: 'body',
    list: ['body', 'author', 'project', 'createdAt'],
    defaultSortBy: 'createdAt',
    defaultSortOrder: 'DESC',
    labels: { body: 'Comment' },
  },
  'api::document.document': {
    mainField: 'title',
    list: ['title', 'project', 'task', 'author', 'hiddenFromClients'],
    defaultSortBy: 'updatedAt',
    defaultSortOrder: 'DESC',
    labels: { task: 'Attached to task' },
  },
  'api::budget.budget': {
    mainField: 'name',
    list: ['name', 'project', 'kind', 'amountCents', 'clientAccess'],
    defaultSortBy: 'name',
    labels: { amountCents: 'Amount', hourlyRateCents: 'Hourly rate (override)', clientAccess: 'Client access' },
    descriptions: { hourlyRateCents: 'Leave empty to use each person’s hourly rate.' },
  },
  'api::budget-service.budget-service': {
    mainField: 'name',
    list: ['name', 'budget', 'position', 'capCents', 'hourlyRateCents'],
    defaultSortBy: 'position',
    labels: { hourlyRateCents: 'Hourly rate (override)', capCents: 'Cap' },
    descriptions: {
      hourlyRateCents: 'Leave empty to use the budget’s rate, else each person’s.',
      capCents: 'Leave empty for no cap.',
    },
  },
  'api::time-entry.time-entry': {
    mainField: 'date',
    list: ['date', 'person', 'project', 'minutes', 'state'],
    defaultSortBy: 'date',
    defaultSortOrder: 'DESC',
    labels: { rateCents: 'Rate (per hour)', costCents: 'Cost' },
    descriptions: {
      rateCents: 'The billing rate when the time was logged.',
      costCents: 'The person’s cost of this time when it was logged.',
    },
  },
  'api::expense.expense': {
    mainField: 'description',
    list: ['date', 'person', 'description', 'amountCents', 'state'],
    defaultSortBy: 'date',
    defaultSortOrder: 'DESC',
    labels: { amountCents: 'Amount' },
  },
  'api::invoice.invoice': {
    mainField: 'number',
    list: ['number', 'company', 'state', 'issuedOn', 'dueOn', 'totalCents'],
    defaultSortBy: 'createdAt',
    defaultSortOrder: 'DESC',
    labels: {
      issuedOn: 'Issued on',
      dueOn: 'Due on',
      paidOn: 'Paid on',
      subtotalCents: 'Subtotal',
      taxRateBasisPoints: 'Tax rate (basis points)',
      taxCents: 'Tax',
      totalCents: 'Total',
      paidAmountCents: 'Amount paid',
      sentAt: 'Sent at',
      sendError: 'Sending error',
      timeEntries: 'Time entries',
    },
    descriptions: {
      number: 'Given when the invoice is issued (INV-YYYY-NNNN).',
      taxRateBasisPoints: '100 basis points = 1 %: 1900 is 19 %.',
    },
  },
  'api::estimate.estimate': {
    mainField: 'title',
    list: ['number', 'title', 'company', 'state', 'validUntil', 'totalCents'],
    defaultSortBy: 'createdAt',
    defaultSortOrder: 'DESC',
    labels: {
      validUntil: 'Valid until',
      subtotalCents: 'Subtotal',
      taxRateBasisPoints: 'Tax rate (basis points)',
      taxCents: 'Tax',
      totalCents: 'Total',
      sentAt: 'Sent at',
      acceptedAt: 'Accepted at',
      acceptedBy: 'Accepted by',
      declinedAt: 'Declined at',
      declineReason: 'Reason for declining',
    },
    descriptions: {
      number: 'Given when the estimate is first sent (EST-YYYY-NNNN).',
      taxRateBasisPoints: '100 basis points = 1 %: 1900 is 19 %.',
      validUntil: 'Clients may accept or decline through this day; after it the estimate expires.',
    },
  },
  'api::activity.activity': {
    mainField: 'summary',
    list: ['createdAt', 'actor', 'verb', 'summary', 'project'],
    defaultSortBy: 'createdAt',
    defaultSortOrder: 'DESC',
    labels: { verb: 'What happened', subjectType: 'Subject type', subjectId: 'Subject (documentId)' },
  },
  'api::project-template.project-template': {
    mainField: 'name',
    list: ['name', 'description', 'updatedAt'],
    defaultSortBy: 'name',
  },
  'api::team.team': {
    mainField: 'name',
    list: ['name', 'members', 'updatedAt'],
    defaultSortBy: 'name',
  },
  'plugin::users-permissions.user': {
    mainField: 'email',
    list: ['email', 'firstName', 'lastName', 'company', 'role'],
    defaultSortBy: 'email',
    labels: {
      hourlyRateCents: 'Hourly rate',
      costRateCents: 'Cost rate (per hour)',
      ledProjects: 'Leads projects',
      clientManager: 'Client Manager',
      canManageProjects: 'Member+: projects, people, reports',
      canManageFinances: 'Member+: finances',
      notificationPreferences: 'Notification emails',
    },
    descriptions: {
      notificationPreferences: 'Topics the person turned off, e.g. {"comment": false}; they choose them themselves.',
    },
  },
};

export const COMPONENT_VIEWS: Record<string, ShippedView> = {
  'invoice.line': {
    mainField: 'description',
    labels: { unitPriceCents: 'Unit price', amountCents: 'Amount', timeEntry: 'Time entry' },
  },
  'estimate.line': {
    mainField: 'description',
    labels: { unitPriceCents: 'Unit price', amountCents: 'Amount' },
    descriptions: { amountCents: 'Counted by the server: quantity × unit price.' },
  },
  'project-template.task': {
    mainField: 'title',
    labels: { estimateMinutes: 'Estimate (minutes)', dueAfterDays: 'Due after (days)' },
    descriptions: { dueAfterDays: 'Days after the project starts; empty: no due date.' },
  },
  'project-template.budget': {
    mainField: 'name',
    labels: { amountCents: 'Amount', clientAccess: 'Client access' },
    descriptions: { currency: 'Leave empty to use the project’s currency.' },
  },
  'project-template.discussion': {
    mainField: 'title',
  },
};

/** The field that names entries of types the plugin does not configure. */
export const OTHER_MAIN_FIELDS: Record<string, string> = {
  'plugin::users-permissions.role': 'name',
  'admin::user': 'email',
};

/** "taxRateBasisPoints" → "Tax rate basis points", "amountCents" → "Amount". */
export const humanize = (name: string): string => {
  const words = name
    .replace(/Cents$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};
