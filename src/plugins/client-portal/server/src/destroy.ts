import type { Core } from '@strapi/strapi';
import { getService } from './utils/get-service';

/** Lets the password reset emails still under way finish before the database closes. */
const destroy = async ({ strapi }: { strapi: Core.Strapi }) => {
  await getService(strapi, 'accounts').settle();
};

export default destroy;
