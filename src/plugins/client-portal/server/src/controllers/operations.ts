import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { getService } from '../utils/get-service';

/** Probes for load balancers and orchestrators (docs/operations.md#health-readiness-and-shutdown); no authentication, nothing private. */
const operations = ({ strapi }: { strapi: Core.Strapi }) => ({
  async ready(ctx: Context) {
    const readiness = await getService(strapi, 'lifecycle').ready();
    ctx.set('Cache-Control', 'no-store');
    ctx.status = readiness.ready ? 200 : 503;
    ctx.body = readiness;
  },
});

export default operations;
