import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { errors } from '@strapi/utils';
import { acceptDone, acceptForm, acceptProblem } from '../mail/accept-page';
import { getService } from '../utils/get-service';
import { actorOf, idParam } from './actor';
import { acceptInput, invitationInput, parse } from '../validation';

/** The form for a usable invitation (with the refusal of a failed attempt), else why the link cannot be used. */
const acceptPageFor = async (strapi: Core.Strapi, token: string, error?: string) => {
  const found = await getService(strapi, 'invitations').forPage(token);
  return 'problem' in found ? acceptProblem(found.problem, found.language) : acceptForm(token, found.invitation, error);
};

const invitations = ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: Context) {
    const data = await getService(strapi, 'invitations').list(actorOf(ctx));
    ctx.body = { data, meta: { total: data.length } };
  },

  async create(ctx: Context) {
    const actor = actorOf(ctx);
    const input = parse(invitationInput, (ctx.request as { body?: unknown }).body);
    ctx.status = 201;
    ctx.body = { data: await getService(strapi, 'invitations').create(actor, input) };
  },

  async delete(ctx: Context) {
    await getService(strapi, 'invitations').revoke(actorOf(ctx), idParam(ctx));
    ctx.status = 204;
  },

  /** The page the emailed link opens. */
  async acceptPage(ctx: Context) {
    const token = typeof ctx.query.token === 'string' ? ctx.query.token : '';
    ctx.type = 'html';
    ctx.body = await acceptPageFor(strapi, token);
  },

  /** JSON for API clients; the HTML form of `acceptPage` gets an HTML answer. */
  async accept(ctx: Context) {
    const fromForm = Boolean(ctx.is('urlencoded'));
    const body = { ...((ctx.request as { body?: Record<string, unknown> }).body ?? {}) };
    if (fromForm) {
      for (const field of ['firstName', 'lastName']) if (body[field] === '') delete body[field];
    }
    try {
      const input = parse(acceptInput, body);
      const { id } = await getService(strapi, 'invitations').accept(input);
      const user = getService(strapi, 'people').summarize((await getService(strapi, 'people').load(id))!, false);
      if (fromForm) {
        ctx.type = 'html';
        ctx.body = acceptDone(user.email, user.language);
        return;
      }
      const jwt = strapi.plugin('users-permissions').service('jwt').issue({ id });
      ctx.body = { jwt, user };
    } catch (error) {
      // Only the refusals meant for the invitee are shown on the page; anything else is a real error.
      const status = error instanceof errors.ApplicationError ? 400 : (error as { status?: number }).status;
      if (!fromForm || !status || status >= 500) throw error;
      ctx.status = status;
      ctx.type = 'html';
      ctx.body = await acceptPageFor(strapi, String(body.token ?? ''), (error as Error).message);
    }
  },
});

export default invitations;
