import { z } from 'zod';
import { isoDate } from './common';

export const sheetQuery = z
  .object({
    from: isoDate.optional(),
    to: isoDate.optional(),
    project: z.string().min(1, { error: 'must be a project documentId' }).optional(),
    person: z.coerce
      .number({ error: 'must be a person id' })
      .int({ error: 'must be a person id' })
      .positive({ error: 'must be a person id' })
      .optional(),
  })
  .strict();
