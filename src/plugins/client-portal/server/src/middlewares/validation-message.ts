import type { Context, Next } from 'koa';

interface FieldError {
  path?: (string | number)[];
  message?: string;
}

interface ErrorBody {
  error?: { name?: string; message?: string; details?: { errors?: FieldError[] } };
}

/**
 * Strapi sums up several validation errors as "N errors occurred". A client
 * deserves to read which fields are wrong, so the summary names them.
 */
export const nameInvalidFields = async (ctx: Context, next: Next) => {
  await next();
  const body = ctx.body as ErrorBody | undefined;
  const error = body?.error;
  if (ctx.status !== 400 || error?.name !== 'ValidationError' || !/^\d+ errors occurred$/.test(error.message ?? ''))
    return;
  const fields = [
    ...new Set((error.details?.errors ?? []).map((fieldError) => (fieldError.path ?? []).join('.')).filter(Boolean)),
  ];
  if (fields.length > 0) error.message = `Invalid ${fields.join(', ')}: ${error.message}`;
};
