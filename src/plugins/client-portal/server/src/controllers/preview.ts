import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { z } from 'zod';
import { getService } from '../utils/get-service';
import { requireActor } from './actor';
import { parse } from '../validation';

const previewInput = z
  .object({
    userId: z.coerce.number({ error: 'must be a person id' }).int().positive({ error: 'must be a person id' }),
    path: z.string({ error: 'is required: the GET to preview, e.g. /api/projects' }).min(1),
  })
  .strict();

const preview = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** GET /api/client-portal/preview/:userId?path=/api/… — answers exactly what that person gets. */
  async show(ctx: Context) {
    const actor = requireActor(ctx);
    const { userId, path } = parse(previewInput, { userId: ctx.params.userId, ...ctx.query });
    const response = await getService(strapi, 'preview').viewAs(actor, userId, path);
    ctx.status = response.status;
    if (response.contentType) ctx.type = response.contentType;
    ctx.body = response.body;
  },
});

export default preview;
