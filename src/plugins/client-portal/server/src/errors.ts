import { errors } from '@strapi/utils';
import createError from 'http-errors';
import { SEAT_LIMIT_REACHED } from '../../shared/contracts';

/**
 * 409 and 410 in Strapi's error format ({data: null, error: {status, name, message, details}}):
 * Strapi's own error classes stop at 404.
 */
export const conflict = (message: string, details: Record<string, unknown> = {}) =>
  createError(409, message, { name: 'ConflictError', details });

export const gone = (message: string, details: Record<string, unknown> = {}) =>
  createError(410, message, { name: 'GoneError', details });

export const seatLimitReached = (limit: number) =>
  conflict(`The plan's ${limit} seats are all in use: archive someone or raise the seat limit`, {
    code: SEAT_LIMIT_REACHED,
    limit,
  });

/** A 400 naming the field (a dotted path such as `pagination.pageSize`) in message and details. */
export const invalidField = (field: string, message: string): never => {
  throw new errors.ValidationError(`${field}: ${message}`, {
    errors: [{ path: field.split('.'), message, name: 'ValidationError' }],
  });
};
