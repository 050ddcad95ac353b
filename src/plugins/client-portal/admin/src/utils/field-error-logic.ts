import type { Message } from './translations';

/** A form's validation codes ("required", "date", …) and the message each is shown as. */
export type ErrorMessages = Readonly<Record<string, Message>>;

/** A form's failed fields: field key ("title", "lines.0.quantity") → validation code. */
export type FieldErrors = Partial<Record<string, string>>;

/** The message for a field's error, or undefined when the field passed (or its code has no message). */
export const fieldErrorMessage = (messages: ErrorMessages, errors: FieldErrors, key: string): Message | undefined => {
  const code = errors[key];
  return code === undefined ? undefined : messages[code];
};
