import type { Context, Next } from 'koa';
import { errors } from '@strapi/utils';
import createError from 'http-errors';
import { invalidField } from '../errors';

/**
 * formidable's error codes (formidable/src/FormidableError.js) that mean the server is
 * misconfigured, not that the request is wrong: those stay 500s.
 */
const FORMIDABLE_SETUP_CODES = new Set([1000, 1001, 1004]);

interface FormidableLike extends Error {
  code: number;
  httpCode?: number;
}

/** formidable throws its own class, not exported through koa-body: recognised by its numeric codes. */
const isFormidableError = (error: unknown): error is FormidableLike =>
  error instanceof Error &&
  typeof (error as FormidableLike).code === 'number' &&
  (error as FormidableLike).code >= 1000 &&
  (error as FormidableLike).code < 1100;

/** co-body's answer to unparsable JSON: a SyntaxError it marks with status 400 and the raw body. */
const isJsonSyntaxError = (error: unknown): error is SyntaxError =>
  error instanceof SyntaxError && (error as { status?: unknown }).status === 400 && 'body' in error;

/**
 * Wraps `strapi::body` (it must stand right before it): a request body the parser cannot
 * read is the sender's mistake, answered with 400 naming the body (docs/visibility.md#bad-input), never a 500.
 * Multipart bodies without a boundary or with a broken one throw formidable errors that
 * Strapi's error middleware would report as 500.
 */
export const bodyGuard = async (ctx: Context, next: Next) => {
  try {
    await next();
  } catch (error) {
    if (isFormidableError(error) && !FORMIDABLE_SETUP_CODES.has(error.code)) {
      if (error.httpCode === 413) throw new errors.PayloadTooLargeError(`body: ${error.message}`);
      if (error.httpCode === 415)
        throw createError(415, `body: ${error.message}`, { name: 'UnsupportedMediaTypeError' });
      invalidField('body', `not a readable multipart body (${error.message})`);
    }
    if (isJsonSyntaxError(error)) invalidField('body', `not valid JSON (${error.message})`);
    throw error;
  }
};
