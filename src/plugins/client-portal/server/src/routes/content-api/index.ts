import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../../../../shared/contracts';
import { RATE_LIMIT } from '../../middlewares/rate-limit';

/**
 * Route guards (policies/): who may call a route at all; the services decide per row. A fresh
 * config per route: Strapi writes each route's auth scope into its config.
 */
const guarded = (policy: 'is-portal-person' | 'is-staff' | 'is-people-manager') => ({
  policies: [`plugin::${PLUGIN_ID}.${policy}`],
});
const portalPerson = () => guarded('is-portal-person');
const staff = () => guarded('is-staff');
const peopleManager = () => guarded('is-people-manager');

const approvalRoutes = (collection: string, controller: string): Core.RouteInput[] => [
  { method: 'POST', path: `/${collection}/approve`, handler: `${controller}.approveMany`, config: portalPerson() },
  { method: 'POST', path: `/${collection}/reject`, handler: `${controller}.rejectMany`, config: portalPerson() },
  {
    method: 'POST',
    path: `/${collection}/:documentId/approve`,
    handler: `${controller}.approve`,
    config: portalPerson(),
  },
  {
    method: 'POST',
    path: `/${collection}/:documentId/reject`,
    handler: `${controller}.reject`,
    config: portalPerson(),
  },
];

/**
 * docs/http-api.md. Every portal role may reach these routes; their policies refuse whom the
 * route is not for (401/403), the services decide per person and per row (403).
 */
const routes: Core.RouterInput = {
  type: 'content-api',
  routes: [
    { method: 'GET', path: '/ready', handler: 'operations.ready', config: { auth: false } },
    { method: 'GET', path: '/me', handler: 'people.me', config: portalPerson() },
    { method: 'PUT', path: '/me', handler: 'people.updateMe', config: portalPerson() },
    { method: 'GET', path: '/seats', handler: 'seats.find', config: peopleManager() },
    { method: 'GET', path: '/invitations', handler: 'invitations.find', config: peopleManager() },
    { method: 'POST', path: '/invitations', handler: 'invitations.create', config: peopleManager() },
    { method: 'GET', path: '/invitations/accept', handler: 'invitations.acceptPage', config: { auth: false } },
    {
      method: 'POST',
      path: '/invitations/accept',
      handler: 'invitations.accept',
      config: { auth: false, middlewares: [RATE_LIMIT] },
    },
    { method: 'DELETE', path: '/invitations/:id', handler: 'invitations.delete', config: peopleManager() },
    { method: 'GET', path: '/reset-password', handler: 'accounts.resetPage', config: { auth: false } },
    {
      method: 'POST',
      path: '/reset-password',
      handler: 'accounts.resetForm',
      config: { auth: false, middlewares: [RATE_LIMIT] },
    },
    { method: 'GET', path: '/unsubscribe', handler: 'unsubscribe.page', config: { auth: false } },
    {
      method: 'POST',
      path: '/unsubscribe',
      handler: 'unsubscribe.confirm',
      config: { auth: false, middlewares: [RATE_LIMIT] },
    },
    { method: 'GET', path: '/openapi.json', handler: 'openapi.show', config: { auth: false } },
    { method: 'GET', path: '/people', handler: 'people.find', config: staff() },
    { method: 'PUT', path: '/people/:id', handler: 'people.update', config: staff() },
    { method: 'POST', path: '/people/:id/archive', handler: 'people.archive', config: staff() },
    { method: 'POST', path: '/people/:id/unarchive', handler: 'people.unarchive', config: staff() },
    { method: 'DELETE', path: '/people/:id', handler: 'people.delete', config: staff() },
    { method: 'PUT', path: '/budgets/:documentId/access', handler: 'budgets.setAccess', config: staff() },
    { method: 'GET', path: '/preview/:userId', handler: 'preview.show', config: portalPerson() },
    { method: 'GET', path: '/approvals', handler: 'approvalQueue.find', config: portalPerson() },
    { method: 'GET', path: '/files/:name', handler: 'documents.signed', config: { auth: false } },
    { method: 'GET', path: '/trash', handler: 'trash.find', config: staff() },
    { method: 'DELETE', path: '/trash', handler: 'trash.empty', config: portalPerson() },
    { method: 'POST', path: '/trash/:uid/:documentId/restore', handler: 'trash.restore', config: staff() },
    { method: 'DELETE', path: '/trash/:uid/:documentId', handler: 'trash.delete', config: portalPerson() },
    // These paths (docs/http-api.md#plugin-routes-beside-the-content-types) live beside the content types' own routes (/api/…), not under /api/client-portal.
    ...(
      [
        { method: 'GET', path: '/budgets/:documentId/summary', handler: 'budgets.summary', config: portalPerson() },
        { method: 'GET', path: '/budgets/:documentId/burn', handler: 'budgets.burn', config: portalPerson() },
        { method: 'GET', path: '/timesheets', handler: 'timesheets.find', config: portalPerson() },
        { method: 'GET', path: '/reports/:report', handler: 'reports.find', config: portalPerson() },
        { method: 'POST', path: '/documents/upload', handler: 'documents.upload', config: portalPerson() },
        { method: 'POST', path: '/invoices/generate', handler: 'invoices.generate', config: portalPerson() },
        { method: 'POST', path: '/invoices/:documentId/issue', handler: 'invoices.issue', config: portalPerson() },
        { method: 'POST', path: '/invoices/:documentId/send', handler: 'invoices.send', config: portalPerson() },
        { method: 'POST', path: '/invoices/:documentId/void', handler: 'invoices.void', config: portalPerson() },
        {
          method: 'POST',
          path: '/invoices/:documentId/mark-paid',
          handler: 'invoices.markPaid',
          config: portalPerson(),
        },
        { method: 'GET', path: '/invoices/:documentId/pdf', handler: 'invoices.pdf', config: portalPerson() },
        { method: 'POST', path: '/estimates/:documentId/send', handler: 'estimates.send', config: portalPerson() },
        { method: 'POST', path: '/estimates/:documentId/accept', handler: 'estimates.accept', config: portalPerson() },
        {
          method: 'POST',
          path: '/estimates/:documentId/decline',
          handler: 'estimates.decline',
          config: portalPerson(),
        },
        {
          method: 'POST',
          path: '/estimates/:documentId/convert',
          handler: 'estimates.convert',
          config: portalPerson(),
        },
        { method: 'GET', path: '/estimates/:documentId/pdf', handler: 'estimates.pdf', config: portalPerson() },
        {
          method: 'GET',
          path: '/documents/:documentId/download',
          handler: 'documents.download',
          config: portalPerson(),
        },
        {
          method: 'POST',
          path: '/projects/from-template',
          handler: 'projectTemplates.instantiate',
          config: portalPerson(),
        },
        ...approvalRoutes('time-entries', 'timeEntryApprovals'),
        ...approvalRoutes('expenses', 'expenseApprovals'),
      ] satisfies Core.RouteInput[]
    ).map((route) => ({ ...route, config: { ...route.config, prefix: '' } })),
  ],
};

export default routes;
