import { z } from 'zod';
import { isoDate } from './common';

export const generateInput = z
  .object({
    project: z.string({ error: 'is required: the project documentId' }).min(1, { error: 'is required' }),
    from: isoDate,
    to: isoDate,
    includeExpenses: z.boolean({ error: 'must be true or false' }).default(true),
    grouping: z.enum(['task', 'entry'], { error: 'must be task or entry' }).default('task'),
    taxRateBasisPoints: z
      .number({ error: 'must be a whole number of basis points (1900 = 19 %)' })
      .int({ error: 'must be a whole number of basis points (1900 = 19 %)' })
      .min(0, { error: 'must be from 0 to 10000' })
      .max(10000, { error: 'must be from 0 to 10000' })
      .default(0),
  })
  .strict();

export const issueInput = z.object({ dueOn: isoDate.optional() }).strict();
export const paymentInput = z
  .object({
    paidOn: isoDate.optional(),
    amountCents: z.number({ error: 'must be a whole number of cents' }).int().min(0).optional(),
  })
  .strict();
