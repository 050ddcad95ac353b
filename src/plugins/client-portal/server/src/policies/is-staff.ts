import { errors } from '@strapi/utils';
import { capabilities } from '../access/capabilities';
import { resolveActor, type PortalPolicy } from './actor';

/** Agency people (Owners and Members); 403 for clients. */
const isStaff: PortalPolicy = async (policyContext, _config, { strapi }) => {
  const actor = await resolveActor(policyContext, strapi);
  if (!capabilities(actor).staff) throw new errors.ForbiddenError('Forbidden');
  return true;
};

export default isStaff;
