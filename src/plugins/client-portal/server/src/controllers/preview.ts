import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { getService } from '../utils/get-service';
import { actorOf } from './actor';
import { parse, previewInput } from '../validation';

const preview = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** GET /api/client-portal/preview/:userId?path=/api/… — answers exactly what that person gets. */
  async show(ctx: Context) {
    const actor = actorOf(ctx);
    const { userId, path } = parse(previewInput, { userId: ctx.params.userId, ...ctx.query });
    const response = await getService(strapi, 'preview').viewAs(actor, userId, path);
    ctx.status = response.status;
    if (response.contentType) ctx.type = response.contentType;
    ctx.body = response.body;
  },
});

export default preview;
