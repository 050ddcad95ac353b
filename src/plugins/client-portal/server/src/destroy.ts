import type { Core } from '@strapi/strapi';
import { getService } from './utils/get-service';

/**
 * SIGTERM (or any shutdown): first the requests in flight finish (no new connection is
 * taken), then the password resets under way queue their mails and a mail being sent is
 * recorded, and the rate limiter's Redis connection closes, before Strapi closes the
 * server and the database.
 */
const destroy = async ({ strapi }: { strapi: Core.Strapi }) => {
  await getService(strapi, 'lifecycle').drain(getService(strapi, 'settings').get().shutdownSeconds * 1000);
  await getService(strapi, 'accounts').settle();
  await getService(strapi, 'outbox').stop();
  await getService(strapi, 'rateLimit').close();
};

export default destroy;
