import type { Core } from '@strapi/strapi';
import { registerDocumentMiddlewares } from './adapters/document-middlewares';
import { protectGraphQL } from './adapters/graphql';
import { registerOutputSanitizer } from './adapters/output-sanitizer';
import { patchAccountRoutes } from './adapters/users-permissions';
import { registerMoneyField } from './content-manager';
import { getService } from './utils/get-service';
import { addRowIndexColumns } from './utils/row-index';

/**
 * The adapters: every way data leaves or enters through the content API asks the access
 * service, which asks the pure rules (server/src/access).
 */
const register = ({ strapi }: { strapi: Core.Strapi }) => {
  // Before Strapi swaps custom fields for their data type (right after every register).
  registerMoneyField(strapi);
  addRowIndexColumns(strapi);
  patchAccountRoutes(strapi);
  // Before the upload plugin's bootstrap asks whether its provider is private (it then signs file URLs).
  getService(strapi, 'files').usePrivateStorage();

  const { rulesOff } = getService(strapi, 'settings').get();
  if (rulesOff) {
    strapi.log.warn('[client-portal] PORTAL_RULES_OFF: access rules are OFF (benchmark mode)');
  } else {
    protectGraphQL(strapi);
    registerOutputSanitizer(strapi);
  }
  registerDocumentMiddlewares(strapi, { rulesOff });
};

export default register;
