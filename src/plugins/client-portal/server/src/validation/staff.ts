import { z } from 'zod';

export const linkInput = z
  .object({
    adminUserId: z
      .number({ error: 'must be an admin user id or null' })
      .int('must be a whole number')
      .positive('must be an admin user id or null')
      .nullable(),
  })
  .strict();
