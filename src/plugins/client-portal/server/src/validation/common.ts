import { z } from 'zod';

/** A calendar date as the API takes it: 2026-11-24. */
export const isoDate = z
  .string({ error: 'must be a date like 2026-11-24' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date like 2026-11-24' })
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), { error: 'is not a real date' });
