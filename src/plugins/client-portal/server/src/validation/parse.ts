import { errors } from '@strapi/utils';
import type { z } from 'zod';

/**
 * Parses controller input with zod; a failure is a 400 naming every bad field. With
 * `messagesInWords`, the schema's messages already name their field for people, and the
 * 400's message is those messages (the field paths stay in `details.errors`).
 */
export const parse = <Schema extends z.ZodTypeAny>(
  schema: Schema,
  input: unknown,
  { messagesInWords = false }: { messagesInWords?: boolean } = {}
): z.output<Schema> => {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const fieldErrors = result.error.issues.map((issue) => ({
    path: issue.path.map(String),
    message: issue.message,
    name: 'ValidationError',
  }));
  if (messagesInWords) {
    const sentences = [...new Set(fieldErrors.map((error) => error.message.replace(/\.?$/, '.')))];
    throw new errors.ValidationError(sentences.join(' '), { errors: fieldErrors });
  }
  const fields = [...new Set(fieldErrors.map((error) => error.path.join('.') || 'body'))];
  throw new errors.ValidationError(`Invalid ${fields.join(', ')}: ${fieldErrors[0].message}`, { errors: fieldErrors });
};
