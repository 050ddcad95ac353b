import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { errors } from '@strapi/utils';
import { unsubscribeDone, unsubscribeInvalid, unsubscribePage } from '../mail/unsubscribe';
import { getService } from '../utils/get-service';

const tokenOf = (ctx: Context) => (typeof ctx.query.token === 'string' ? ctx.query.token : '');

/** API clients get JSON; a browser's form and a mail client's one-click POST get a page. */
const wantsJson = (ctx: Context) => Boolean(ctx.is('json')) || ctx.accepts('html', 'json') === 'json';

/**
 * The link in every notification mail (docs/collaboration.md#notification-preferences), public:
 * the signed token is the authority. GET only asks; POST (the page's button, or a mail client's
 * RFC 8058 one-click `List-Unsubscribe=One-Click`) turns the topic off. A bad token is a 400 and
 * changes nothing.
 */
const unsubscribe = ({ strapi }: { strapi: Core.Strapi }) => ({
  async page(ctx: Context) {
    const subject = await getService(strapi, 'preferences').resolve(tokenOf(ctx));
    ctx.type = 'html';
    if (!subject) {
      ctx.status = 400;
      ctx.body = unsubscribeInvalid();
      return;
    }
    ctx.body = unsubscribePage(subject.email, subject.topic);
  },

  async confirm(ctx: Context) {
    const preferences = getService(strapi, 'preferences');
    const subject = await preferences.resolve(tokenOf(ctx));
    if (!subject) {
      if (wantsJson(ctx)) {
        throw new errors.ValidationError('Invalid token: this unsubscribe link is not valid', {
          errors: [{ path: ['token'], message: 'is not a valid unsubscribe link', name: 'ValidationError' }],
        });
      }
      ctx.status = 400;
      ctx.type = 'html';
      ctx.body = unsubscribeInvalid();
      return;
    }
    await preferences.update(subject.personId, { [subject.topic]: false });
    if (wantsJson(ctx)) {
      ctx.body = { data: { topic: subject.topic, subscribed: false } };
      return;
    }
    ctx.type = 'html';
    ctx.body = unsubscribeDone(subject.email, subject.topic);
  },
});

export default unsubscribe;
