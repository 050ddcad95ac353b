/**
 * Controller input: zod schemas (one file per controller) and the parser that turns a failure
 * into a 400 naming the field.
 */
export { parse } from './parse';
export { isoDate } from './common';
export { forgotInput, resetInput } from './accounts';
export { bulkApproval, bulkRejection, queueQuery, rejection, withReason } from './approvals';
export { accessInput } from './budgets';
export { signedQuery, uploadFields } from './documents';
export { convertInput, declineInput } from './estimates';
export { acceptInput, invitationInput } from './invitations';
export { generateInput, issueInput, paymentInput } from './invoices';
export { documentQuery } from './openapi';
export { personChange, profileChange } from './people';
export { previewInput } from './preview';
export { fromTemplateInput } from './project-templates';
export { reportQuery } from './reports';
export { linkInput } from './staff';
export { sheetQuery } from './timesheets';
