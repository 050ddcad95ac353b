import { errors } from '@strapi/utils';
import { capabilities } from '../access/capabilities';
import { resolveActor, type PortalPolicy } from './actor';

/** The plan and defaults are the agency's: only an Owner (or a super admin acting as one) changes them. */
const canChangeSettings: PortalPolicy = async (policyContext, _config, { strapi }) => {
  const actor = await resolveActor(policyContext, strapi);
  if (!capabilities(actor).manageSettings) throw new errors.ForbiddenError('Only an Owner changes the settings');
  return true;
};

export default canChangeSettings;
