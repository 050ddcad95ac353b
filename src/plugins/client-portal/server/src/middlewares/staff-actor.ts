import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import { STAFF_CODES } from '../../../shared/contracts';
import type { AdminUser } from '../services/staff';
import { getService } from '../utils/get-service';

export const NOT_LINKED_MESSAGE =
  'Your admin account is not linked to a person of the agency: ask an Owner to link it on People & seats';

/**
 * On the plugin's admin routes: resolves whom the admin acts as (docs/admin-panel.md, "Staff
 * identity") once per request, for the handlers and the document-service rules.
 * An admin who acts as nobody gets the refusal in Strapi's error format here
 * (written, not thrown: a route middleware's error loses its details).
 */
export const staffActor =
  (strapi: Core.Strapi) =>
  async (ctx: Context, next: Next): Promise<void> => {
    const actor = await getService(strapi, 'staff').actorFor(ctx.state.user as AdminUser);
    if (!actor) {
      ctx.status = 403;
      ctx.body = {
        data: null,
        error: {
          status: 403,
          name: 'ForbiddenError',
          message: NOT_LINKED_MESSAGE,
          details: { code: STAFF_CODES.notLinked },
        },
      };
      return;
    }
    ctx.state.portalActor = actor;
    await next();
  };
