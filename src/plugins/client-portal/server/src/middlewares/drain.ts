import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import { getService } from '../utils/get-service';

/**
 * First of all middlewares: counts the requests in flight for a graceful shutdown, and
 * while the instance drains asks keep-alive clients to open their next connection
 * elsewhere (docs/operations.md#health-readiness-and-shutdown).
 */
export const drain = (strapi: Core.Strapi) => async (ctx: Context, next: Next) => {
  const lifecycle = getService(strapi, 'lifecycle');
  await lifecycle.track(async () => {
    await next();
    if (lifecycle.draining) ctx.set('Connection', 'close');
  });
};
