import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { getService } from '../utils/get-service';
import { documentQuery, parse } from '../validation';

/** GET /api/client-portal/openapi.json?role=client|client-plus|client-manager (docs/http-api.md#openapi), public. */
const openapi = ({ strapi }: { strapi: Core.Strapi }) => ({
  async show(ctx: Context) {
    const { role } = parse(documentQuery, ctx.query);
    ctx.body = getService(strapi, 'openapi').document(role);
  },
});

export default openapi;
