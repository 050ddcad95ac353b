import { z } from 'zod';
import { NOTIFICATION_TOPICS, PORTAL_ROLE_TYPES, type JsonSchema } from '../../../shared/contracts';
import { bulkApproval, bulkRejection, queueQuery, rejection } from '../validation/approvals';
import { declineInput } from '../validation/estimates';
import { uploadFields } from '../validation/documents';
import { profileChange } from '../validation/people';
import { sheetQuery } from '../validation/timesheets';
import { documentIdParameter, errors, exact, jsonBody, ok, wrapped, type Paths } from './operations';
import { orNull, ref, type TypeView } from './schemas';

/** The plugin's own routes a role may use (docs/http-api.md), with the schemas of what they answer. Pure. */

export interface PortalRoutes {
  /** The names `GET /api/client-portal/me` reports capabilities under. */
  capabilities: readonly string[];
  /** The document type, when the role reads documents: download them, upload where it may create them. */
  documents?: TypeView;
  /** Budget summary and burn: for roles that read budgets. */
  budgets: boolean;
  /** Timesheets: for roles that read time entries. */
  timesheets: boolean;
  /** Invoice PDFs: for roles that read invoices. */
  invoicePdf: boolean;
  /** Approve and reject time and expenses. */
  approvals: boolean;
  /** Accept, decline and the PDF of estimates: for roles that read estimates (Client Managers). */
  estimates: boolean;
}

/** A controller's zod input as JSON Schema: the document says exactly what the controller accepts. */
const fromZod = (schema: z.ZodType): JsonSchema => {
  const converted = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input' }) as JsonSchema;
  // The document declares its dialect once (jsonSchemaDialect).
  const { $schema: _dialect, ...rest } = converted;
  return rest;
};

type ObjectSchema = { properties?: Record<string, JsonSchema>; required?: string[] };

const queryParameters = (schema: z.ZodType) => {
  const object = fromZod(schema) as ObjectSchema;
  return Object.entries(object.properties ?? {}).map(([name, property]) => ({
    name,
    in: 'query',
    required: object.required?.includes(name) ?? false,
    schema: property,
  }));
};

const integer = { type: 'integer' };
const string = { type: 'string' };
const boolean = { type: 'boolean' };
const nullableString = { type: ['string', 'null'] };
const date = { type: 'string', format: 'date' };
const money = { type: 'integer', description: 'Integer minor units (cents) of the currency' };
const named = exact({ documentId: string, name: string });
const person = exact({ id: integer, documentId: string, firstName: nullableString, lastName: nullableString });

/** PersonSummary and the capabilities (shared/contracts/people.ts); rates only for financial viewers, never a client. */
const meSchema = (capabilities: readonly string[]) =>
  exact({
    id: integer,
    documentId: string,
    email: string,
    firstName: nullableString,
    lastName: nullableString,
    title: nullableString,
    language: string,
    role: { type: 'string', enum: [...PORTAL_ROLE_TYPES] },
    roleLabel: string,
    canManageProjects: boolean,
    canManageFinances: boolean,
    clientManager: boolean,
    blocked: boolean,
    archivedAt: { type: ['string', 'null'], format: 'date-time' },
    company: orNull(named),
    projects: { type: 'array', items: named },
    capabilities: exact(Object.fromEntries(capabilities.map((name) => [name, boolean]))),
    notifications: exact(Object.fromEntries(NOTIFICATION_TOPICS.map((topic) => [topic, boolean]))),
  });

/** BudgetWorkFigures without the figures only financial viewers get. */
const WORK_FIGURES = {
  usedCents: money,
  timeCents: money,
  expensesCents: money,
  billableMinutes: integer,
  unitemizedMinutes: { ...integer, description: 'Part of billableMinutes on work not itemised for clients' },
  unitemizedCents: money,
};

/** BudgetServiceSummary (docs/time-budgets-invoices.md#budget-services), without its rate. */
const BUDGET_SERVICE_SUMMARY = exact({
  documentId: string,
  name: string,
  position: integer,
  capCents: orNull(money),
  remainingCents: orNull({ ...money, description: 'capCents − usedCents; null without a cap' }),
  ...WORK_FIGURES,
});

/** BudgetSummary without the figures only financial viewers get (docs/visibility.md#field-rules): no client role is one. */
const BUDGET_SUMMARY_BASE = exact({
  documentId: string,
  name: string,
  kind: string,
  currency: string,
  amountCents: money,
  remainingCents: { ...money, description: 'Negative when the budget is overspent' },
  ...WORK_FIGURES,
});
/** Only a budget split into services has `services` and `unassigned`. */
const BUDGET_SUMMARY: JsonSchema = {
  ...BUDGET_SUMMARY_BASE,
  properties: {
    ...(BUDGET_SUMMARY_BASE.properties as Record<string, JsonSchema>),
    services: { type: 'array', items: BUDGET_SERVICE_SUMMARY },
    unassigned: exact(WORK_FIGURES),
  },
};

const BUDGET_BURN = exact({
  documentId: string,
  currency: string,
  amountCents: money,
  startsOn: { type: ['string', 'null'], format: 'date' },
  endsOn: { type: ['string', 'null'], format: 'date' },
  days: { type: 'array', items: exact({ date, minutes: integer, cents: money }) },
});

const TIMESHEET = exact({
  data: { type: 'array', items: exact({ person, date, minutes: integer, billableMinutes: integer }) },
  meta: exact({ from: date, to: date, totalMinutes: integer, totalBillableMinutes: integer }),
});

/** QueuedEntry: time entries carry minutes, note and task; expenses description, amount and currency. */
const QUEUED_ENTRY: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['documentId', 'date', 'billable', 'person', 'project'],
  properties: {
    documentId: string,
    date,
    billable: boolean,
    minutes: integer,
    note: nullableString,
    description: string,
    amountCents: money,
    currency: string,
    person: orNull(person),
    project: orNull(named),
    task: orNull(exact({ documentId: string, title: string })),
  },
};

const APPROVAL_RESULT = exact({
  documentId: string,
  state: { type: 'string', enum: ['pending', 'approved', 'rejected'] },
  approvedAt: { type: ['string', 'null'], format: 'date-time' },
  approvedBy: orNull(exact({ id: integer, documentId: string })),
  rejectionReason: nullableString,
});

const tags = ['Portal'];

const documentPaths = (documents: TypeView): Paths => {
  const paths: Paths = {
    '/api/documents/{documentId}/download': {
      get: {
        operationId: 'downloadDocument',
        tags,
        summary: 'The file of a document you may see',
        parameters: [documentIdParameter],
        responses: {
          200: { description: 'The file, with its own media type', content: { '*/*': { schema: string } } },
          ...errors(401, 403, 404),
        },
      },
    },
  };
  if (!documents.actions.create) return paths;
  // The fields the role may write; a document's file is stored privately (docs/collaboration.md#documents).
  const fields = fromZod(uploadFields) as ObjectSchema;
  const allowed = Object.entries(fields.properties ?? {}).filter(([name]) => documents.writable.has(name));
  paths['/api/documents/upload'] = {
    post: {
      operationId: 'uploadDocument',
      tags,
      summary: 'Upload a file into a project as a private document',
      requestBody: {
        required: true,
        content: {
          'multipart/form-data': {
            schema: {
              type: 'object',
              additionalProperties: false,
              required: ['file', ...(fields.required ?? []).filter((name) => documents.writable.has(name))],
              properties: {
                file: { type: 'string', contentMediaType: 'application/octet-stream' },
                ...Object.fromEntries(allowed),
              },
            },
          },
        },
      },
      responses: { 201: ok('The new document', wrapped(ref(documents.name))), ...errors(400, 401, 403) },
    },
  };
  return paths;
};

const budgetPaths: Paths = {
  '/api/budgets/{documentId}/summary': {
    get: {
      operationId: 'getBudgetSummary',
      tags,
      summary: 'Amount, used and remaining money and billable time of a budget',
      parameters: [documentIdParameter],
      responses: { 200: ok('The summary', wrapped(ref('BudgetSummary'))), ...errors(401, 403, 404, 409) },
    },
  },
  '/api/budgets/{documentId}/burn': {
    get: {
      operationId: 'getBudgetBurn',
      tags,
      summary: 'Approved billable work on a budget per day',
      parameters: [documentIdParameter],
      responses: { 200: ok('The burn', wrapped(ref('BudgetBurn'))), ...errors(401, 403, 404) },
    },
  },
};

const timesheetPaths = (): Paths => ({
  '/api/timesheets': {
    get: {
      operationId: 'getTimesheet',
      tags,
      summary: 'Minutes per person and day (the last seven days unless from/to are given)',
      parameters: queryParameters(sheetQuery),
      responses: { 200: ok('The timesheet', ref('Timesheet')), ...errors(400, 401, 403) },
    },
  },
});

const invoicePaths: Paths = {
  '/api/invoices/{documentId}/pdf': {
    get: {
      operationId: 'getInvoicePdf',
      tags,
      parameters: [documentIdParameter],
      responses: {
        200: {
          description: 'The invoice as PDF',
          content: { 'application/pdf': { schema: { type: 'string', contentMediaType: 'application/pdf' } } },
        },
        ...errors(401, 403, 404),
      },
    },
  },
};

/** docs/time-budgets-invoices.md#estimates: a Client Manager answers a sent estimate of their company. */
const estimatePaths = (): Paths => {
  const answered = ok('The estimate, answered', wrapped(ref('Estimate')));
  const refusals = errors(400, 401, 403, 404, 409);
  return {
    '/api/estimates/{documentId}/accept': {
      post: {
        operationId: 'acceptEstimate',
        tags,
        parameters: [documentIdParameter],
        responses: { 200: answered, ...refusals },
      },
    },
    '/api/estimates/{documentId}/decline': {
      post: {
        operationId: 'declineEstimate',
        tags,
        parameters: [documentIdParameter],
        requestBody: jsonBody(fromZod(declineInput)),
        responses: { 200: answered, ...refusals },
      },
    },
    '/api/estimates/{documentId}/pdf': {
      get: {
        operationId: 'getEstimatePdf',
        tags,
        parameters: [documentIdParameter],
        responses: {
          200: {
            description: 'The estimate as PDF',
            content: { 'application/pdf': { schema: { type: 'string', contentMediaType: 'application/pdf' } } },
          },
          ...errors(401, 403, 404),
        },
      },
    },
  };
};

/** docs/time-budgets-invoices.md#approval: a Client Manager approves on projects of their company that let clients approve time. */
const approvalPaths = (): Paths => {
  const paths: Paths = {
    '/api/client-portal/approvals': {
      get: {
        operationId: 'listApprovals',
        tags,
        summary: 'Pending entries waiting for your decision',
        parameters: queryParameters(queueQuery),
        responses: { 200: ok('One page of entries', ref('ApprovalQueue')), ...errors(400, 401, 403) },
      },
    },
  };
  const one = ok('The decision', wrapped(ref('ApprovalResult')));
  const many = ok(
    'The decisions',
    exact({ data: { type: 'array', items: ref('ApprovalResult') }, meta: exact({ count: integer }) })
  );
  for (const [collection, single, plural] of [
    ['time-entries', 'TimeEntry', 'TimeEntries'],
    ['expenses', 'Expense', 'Expenses'],
  ]) {
    const refusals = errors(400, 401, 403, 404, 409);
    paths[`/api/${collection}/approve`] = {
      post: {
        operationId: `approve${plural}`,
        tags,
        requestBody: jsonBody(fromZod(bulkApproval)),
        responses: { 200: many, ...refusals },
      },
    };
    paths[`/api/${collection}/reject`] = {
      post: {
        operationId: `reject${plural}`,
        tags,
        requestBody: jsonBody(fromZod(bulkRejection)),
        responses: { 200: many, ...refusals },
      },
    };
    paths[`/api/${collection}/{documentId}/approve`] = {
      post: {
        operationId: `approve${single}`,
        tags,
        parameters: [documentIdParameter],
        responses: { 200: one, ...refusals },
      },
    };
    paths[`/api/${collection}/{documentId}/reject`] = {
      post: {
        operationId: `reject${single}`,
        tags,
        parameters: [documentIdParameter],
        requestBody: jsonBody(fromZod(rejection)),
        responses: { 200: one, ...refusals },
      },
    };
  }
  return paths;
};

export const portalPaths = (routes: PortalRoutes): { paths: Paths; schemas: Record<string, JsonSchema> } => {
  const paths: Paths = {
    '/api/client-portal/me': {
      get: {
        operationId: 'getMe',
        tags: ['Account'],
        summary: 'Your role, flags, capabilities, company and projects',
        responses: { 200: ok('You', wrapped(ref('Me'))), ...errors(401, 403) },
      },
      put: {
        operationId: 'updateMe',
        tags: ['Account'],
        summary: 'Change your names, title, language, password or notification choices',
        requestBody: jsonBody(fromZod(profileChange)),
        responses: { 200: ok('You, changed', wrapped(ref('Me'))), ...errors(400, 401, 403) },
      },
    },
  };
  const schemas: Record<string, JsonSchema> = { Me: meSchema(routes.capabilities) };
  if (routes.documents) Object.assign(paths, documentPaths(routes.documents));
  if (routes.budgets) {
    Object.assign(paths, budgetPaths);
    Object.assign(schemas, { BudgetSummary: BUDGET_SUMMARY, BudgetBurn: BUDGET_BURN });
  }
  if (routes.timesheets) {
    Object.assign(paths, timesheetPaths());
    schemas.Timesheet = TIMESHEET;
  }
  if (routes.invoicePdf) Object.assign(paths, invoicePaths);
  if (routes.estimates) Object.assign(paths, estimatePaths());
  if (routes.approvals) {
    Object.assign(paths, approvalPaths());
    Object.assign(schemas, {
      QueuedEntry: QUEUED_ENTRY,
      ApprovalQueue: exact({
        data: { type: 'array', items: ref('QueuedEntry') },
        meta: exact({ pagination: ref('Pagination') }),
      }),
      ApprovalResult: APPROVAL_RESULT,
    });
  }
  return { paths, schemas };
};
