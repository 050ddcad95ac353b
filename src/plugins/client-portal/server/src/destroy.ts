import type { Core } from '@strapi/strapi';
import { getService } from './utils/get-service';

/** Lets the password resets under way queue their mails, and a mail being sent be recorded, before the database closes. */
const destroy = async ({ strapi }: { strapi: Core.Strapi }) => {
  await getService(strapi, 'accounts').settle();
  await getService(strapi, 'outbox').stop();
};

export default destroy;
