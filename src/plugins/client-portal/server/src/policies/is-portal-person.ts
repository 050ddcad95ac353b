import { resolveActor, type PortalPolicy } from './actor';

/** Signed-in portal people (on the admin routes: an admin acting as a person). 401/403 otherwise. */
const isPortalPerson: PortalPolicy = async (policyContext, _config, { strapi }) => {
  await resolveActor(policyContext, strapi);
  return true;
};

export default isPortalPerson;
