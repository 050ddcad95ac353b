import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { z } from 'zod';
import { OPENAPI_ROLES } from '../../../shared/contracts';
import { getService } from '../utils/get-service';
import { parse } from '../validation';

const documentQuery = z
  .object({
    role: z.enum(OPENAPI_ROLES, { error: `must be one of ${OPENAPI_ROLES.join(', ')}` }),
  })
  .strict();

/** GET /api/client-portal/openapi.json?role=client|client-plus|client-manager (docs/http-api.md#openapi), public. */
const openapi = ({ strapi }: { strapi: Core.Strapi }) => ({
  async show(ctx: Context) {
    const { role } = parse(documentQuery, ctx.query);
    ctx.body = getService(strapi, 'openapi').document(role);
  },
});

export default openapi;
