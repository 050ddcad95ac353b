import { z } from 'zod';

const required = (message: string) => ({
  error: (issue: { input: unknown }) => (issue.input === undefined ? 'is required' : message),
});

export const forgotInput = z
  .object({
    email: z
      .string(required('must be an email address'))
      .trim()
      .toLowerCase()
      .email('must be an email address')
      .max(254),
  })
  .strict();

/** users-permissions' reset body (docs/http-api.md#accounts). */
export const resetInput = z
  .object({
    code: z.string(required('must be a string')).min(20, 'is not a valid reset code').max(200),
    password: z
      .string(required('must be a string'))
      .min(8, 'must have at least 8 characters')
      // bcrypt reads no further than 72 bytes.
      .refine((password) => Buffer.byteLength(password) <= 72, 'must be at most 72 bytes'),
    passwordConfirmation: z.string(required('must be a string')),
  })
  .strict()
  .refine((body) => body.password === body.passwordConfirmation, {
    path: ['passwordConfirmation'],
    message: 'does not match password',
  });
