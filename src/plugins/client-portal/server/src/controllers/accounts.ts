import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { errors } from '@strapi/utils';
import { resetDone, resetPage, type ResetProblem } from '../mail/password-reset';
import { getService } from '../utils/get-service';
import { forgotInput, parse, resetInput } from '../validation';
import { USER } from '../constants';

/** Without a live code: the link's `lang`, else what the browser asks for. */
const pageLanguage = (ctx: Context): string =>
  (typeof ctx.query.lang === 'string' ? ctx.query.lang : '') || ctx.acceptsLanguages('en', 'de') || 'en';

const bodyOf = (ctx: Context) => (ctx.request as { body?: unknown }).body;

/** The field a refusal names, as the reset page explains it. */
const problemOf = (error: unknown): ResetProblem | null => {
  if (!(error instanceof errors.ValidationError)) return null;
  const field = (error.details as { errors?: { path?: string[] }[] } | undefined)?.errors?.[0]?.path?.[0];
  return field === 'password' || field === 'passwordConfirmation' ? field : 'code';
};

/**
 * Forgotten passwords (docs/http-api.md#accounts). `forgotPassword` and `resetPassword`
 * answer users-permissions' own routes (`/api/auth/…`, see register.ts); the page
 * is what the emailed link opens.
 */
const accounts = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** Always `{ok: true}`, at once: whether the email has an account is never told. */
  async forgotPassword(ctx: Context) {
    const { email } = parse(forgotInput, bodyOf(ctx));
    getService(strapi, 'accounts').requestReset(email);
    ctx.body = { ok: true };
  },

  /** `{code, password, passwordConfirmation}` → `{jwt, user}`, like users-permissions. */
  async resetPassword(ctx: Context) {
    const input = parse(resetInput, bodyOf(ctx));
    const { id } = await getService(strapi, 'accounts').reset(input.code, input.password);
    const user = await strapi.db.query(USER).findOne({ where: { id } });
    ctx.body = {
      jwt: strapi.plugin('users-permissions').service('jwt').issue({ id }),
      user: await strapi.contentAPI.sanitize.output(user, strapi.getModel(USER), { auth: ctx.state.auth }),
    };
  },

  /** The page the emailed link opens, in the person's language. */
  async resetPage(ctx: Context) {
    const code = typeof ctx.query.code === 'string' ? ctx.query.code : '';
    const live = await getService(strapi, 'accounts').languageOf(code);
    ctx.type = 'html';
    ctx.body = resetPage(live ?? pageLanguage(ctx), code, live ? undefined : 'code');
  },

  /** The page's form posts here (to the link's own URL) and gets a page back. */
  async resetForm(ctx: Context) {
    const body = (bodyOf(ctx) ?? {}) as Record<string, unknown>;
    const code = typeof body.code === 'string' ? body.code : '';
    const language = (await getService(strapi, 'accounts').languageOf(code)) ?? pageLanguage(ctx);
    ctx.type = 'html';
    try {
      const input = parse(resetInput, body);
      await getService(strapi, 'accounts').reset(input.code, input.password);
      ctx.body = resetDone(language);
    } catch (error) {
      const problem = problemOf(error);
      if (!problem) throw error;
      ctx.status = 400;
      ctx.body = resetPage(language, code, problem);
    }
  },
});

export default accounts;
