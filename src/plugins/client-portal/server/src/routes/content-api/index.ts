import type { Core } from '@strapi/strapi';
import { RATE_LIMIT } from '../../middlewares/rate-limit';

const approvalRoutes = (collection: string, controller: string): Core.RouteInput[] => [
  { method: 'POST', path: `/${collection}/approve`, handler: `${controller}.approveMany` },
  { method: 'POST', path: `/${collection}/reject`, handler: `${controller}.rejectMany` },
  { method: 'POST', path: `/${collection}/:documentId/approve`, handler: `${controller}.approve` },
  { method: 'POST', path: `/${collection}/:documentId/reject`, handler: `${controller}.reject` },
];

/** docs/http-api.md. Every portal role may reach these routes; the controllers decide per person (403). */
const routes: Core.RouterInput = {
  type: 'content-api',
  routes: [
    { method: 'GET', path: '/ready', handler: 'operations.ready', config: { auth: false } },
    { method: 'GET', path: '/me', handler: 'people.me' },
    { method: 'PUT', path: '/me', handler: 'people.updateMe' },
    { method: 'GET', path: '/seats', handler: 'seats.find' },
    { method: 'GET', path: '/invitations', handler: 'invitations.find' },
    { method: 'POST', path: '/invitations', handler: 'invitations.create' },
    { method: 'GET', path: '/invitations/accept', handler: 'invitations.acceptPage', config: { auth: false } },
    {
      method: 'POST',
      path: '/invitations/accept',
      handler: 'invitations.accept',
      config: { auth: false, middlewares: [RATE_LIMIT] },
    },
    { method: 'DELETE', path: '/invitations/:id', handler: 'invitations.delete' },
    { method: 'GET', path: '/reset-password', handler: 'accounts.resetPage', config: { auth: false } },
    {
      method: 'POST',
      path: '/reset-password',
      handler: 'accounts.resetForm',
      config: { auth: false, middlewares: [RATE_LIMIT] },
    },
    { method: 'GET', path: '/openapi.json', handler: 'openapi.show', config: { auth: false } },
    { method: 'GET', path: '/people', handler: 'people.find' },
    { method: 'PUT', path: '/people/:id', handler: 'people.update' },
    { method: 'POST', path: '/people/:id/archive', handler: 'people.archive' },
    { method: 'POST', path: '/people/:id/unarchive', handler: 'people.unarchive' },
    { method: 'DELETE', path: '/people/:id', handler: 'people.delete' },
    { method: 'PUT', path: '/budgets/:documentId/access', handler: 'budgets.setAccess' },
    { method: 'GET', path: '/preview/:userId', handler: 'preview.show' },
    { method: 'GET', path: '/approvals', handler: 'approvalQueue.find' },
    { method: 'GET', path: '/files/:name', handler: 'documents.signed', config: { auth: false } },
    { method: 'GET', path: '/trash', handler: 'trash.find' },
    { method: 'DELETE', path: '/trash', handler: 'trash.empty' },
    { method: 'POST', path: '/trash/:uid/:documentId/restore', handler: 'trash.restore' },
    { method: 'DELETE', path: '/trash/:uid/:documentId', handler: 'trash.delete' },
    // These paths (docs/http-api.md#plugin-routes-beside-the-content-types) live beside the content types' own routes (/api/…), not under /api/client-portal.
    ...(
      [
        { method: 'GET', path: '/budgets/:documentId/summary', handler: 'budgets.summary' },
        { method: 'GET', path: '/budgets/:documentId/burn', handler: 'budgets.burn' },
        { method: 'GET', path: '/timesheets', handler: 'timesheets.find' },
        { method: 'GET', path: '/reports/:report', handler: 'reports.find' },
        { method: 'POST', path: '/documents/upload', handler: 'documents.upload' },
        { method: 'POST', path: '/invoices/generate', handler: 'invoices.generate' },
        { method: 'POST', path: '/invoices/:documentId/issue', handler: 'invoices.issue' },
        { method: 'POST', path: '/invoices/:documentId/send', handler: 'invoices.send' },
        { method: 'POST', path: '/invoices/:documentId/void', handler: 'invoices.void' },
        { method: 'POST', path: '/invoices/:documentId/mark-paid', handler: 'invoices.markPaid' },
        { method: 'GET', path: '/invoices/:documentId/pdf', handler: 'invoices.pdf' },
        { method: 'GET', path: '/documents/:documentId/download', handler: 'documents.download' },
        ...approvalRoutes('time-entries', 'timeEntryApprovals'),
        ...approvalRoutes('expenses', 'expenseApprovals'),
      ] satisfies Core.RouteInput[]
    ).map((route) => ({ ...route, config: { prefix: '' } })),
  ],
};

export default routes;
