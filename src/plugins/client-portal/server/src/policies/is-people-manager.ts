import { errors } from '@strapi/utils';
import { capabilities } from '../access/capabilities';
import { resolveActor, type PortalPolicy } from './actor';
import isStaff from './is-staff';

/** Owners and Member+ with the people permission (seats, invitations); 403 for everyone else. */
const isPeopleManager: PortalPolicy = async (policyContext, config, context) => {
  await isStaff(policyContext, config, context);
  const actor = await resolveActor(policyContext, context.strapi);
  if (!capabilities(actor).managePeople)
    throw new errors.ForbiddenError('Only Owners and Member+ with the people permission');
  return true;
};

export default isPeopleManager;
