import { z } from 'zod';

export const previewInput = z
  .object({
    userId: z.coerce.number({ error: 'must be a person id' }).int().positive({ error: 'must be a person id' }),
    path: z.string({ error: 'is required: the GET to preview, e.g. /api/projects' }).min(1),
  })
  .strict();
