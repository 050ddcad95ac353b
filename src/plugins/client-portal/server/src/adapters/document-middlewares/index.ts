import type { Core } from '@strapi/strapi';
import { accessRules } from './access-rules';
import { budgetServices } from './budget-services';
import { estimateTotals } from './estimate-totals';
import { invoiceTotals } from './invoice-totals';
import { projectDefaults } from './project-defaults';
import { projectItems } from './project-items';
import { seatCheck } from './seat-check';
import { teams } from './teams';
import { timeSnapshots } from './time-snapshots';
import type { DocumentMiddlewareFactory } from './types';

/**
 * The plugin's document-service middlewares, in the order Strapi runs them (the order they
 * are registered in). The order matters:
 * 1. seatCheck wraps an admin's edit of a person in the seat lock, so everything after it,
 *    the write included, is counted;
 * 2. accessRules decides: everything after it sees only reads it constrained and writes it
 *    accepted (left out with PORTAL_RULES_OFF, the benchmark's baseline); the main rows'
 *    filter reaches the statement through a database lifecycle hook (../row-handoff.ts);
 * 3. timeSnapshots and 4. projectDefaults fill in what the server decides (rates, states,
 *    currency) on writes already accepted; teams adds a connected team's members to a
 *    project's (after the rules: a Member+ may add a team whose people they cannot see), and
 *    budgetServices keeps each service on its budget;
 * 5. invoiceTotals refuses edits of issued invoices and recomputes a draft's totals from the
 *    data as completed above; estimateTotals does the same for estimates (and expires them at read);
 * 6. projectItems runs the write itself inside its transaction, with the activity row and the
 *    mails: it must be last, so that its transaction holds the final data.
 */
const ordered = ({ rulesOff }: { rulesOff: boolean }): DocumentMiddlewareFactory[] => [
  seatCheck,
  ...(rulesOff ? [] : [accessRules]),
  timeSnapshots,
  projectDefaults,
  teams,
  budgetServices,
  invoiceTotals,
  estimateTotals,
  projectItems,
];

export const registerDocumentMiddlewares = (strapi: Core.Strapi, options: { rulesOff: boolean }): void => {
  for (const create of ordered(options)) strapi.documents.use(create(strapi));
};
