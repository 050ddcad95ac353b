import { z } from 'zod';

/** Multipart fields arrive as strings. */
const flag = z.enum(['true', 'false'], { error: 'must be true or false' }).transform((value) => value === 'true');

export const uploadFields = z
  .object({
    project: z.string({ error: 'is required: the project documentId' }).min(1, { error: 'is required' }),
    title: z.string().trim().min(1, { error: 'must not be empty' }).max(300).optional(),
    task: z.string().min(1).optional(),
    hiddenFromClients: flag.optional(),
  })
  .strict();

export const signedQuery = z.object({
  expires: z.coerce.number().int().positive(),
  signature: z.string().min(1),
});
