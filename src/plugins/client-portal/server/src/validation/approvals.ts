import { z } from 'zod';

const MAX_BULK = 100;

const reason = z
  .string({ error: 'is required: say why the entry is rejected' })
  .trim()
  .min(1, { error: 'is required: say why the entry is rejected' })
  .max(2000, { error: 'is at most 2000 characters' });

/** `rejectionReason` (the stored field's name) is accepted as well as `reason`. */
export const withReason = (body: unknown) => {
  if (body && typeof body === 'object' && !('reason' in body) && 'rejectionReason' in body) {
    const { rejectionReason, ...rest } = body as Record<string, unknown>;
    return { ...rest, reason: rejectionReason };
  }
  return body;
};

const documentIds = z
  .array(z.string().min(1), { error: 'must be a list of documentIds' })
  .min(1, { error: 'must name at least one entry' })
  .max(MAX_BULK, { error: `must name at most ${MAX_BULK} entries` });

export const rejection = z.object({ reason }).strict();
export const bulkApproval = z.object({ documentIds }).strict();
export const bulkRejection = z.object({ documentIds, reason }).strict();

export const queueQuery = z
  .object({
    type: z.enum(['time-entries', 'expenses'], { error: 'must be time-entries or expenses' }).default('time-entries'),
    page: z.coerce.number().int().positive({ error: 'must be a positive whole number' }).default(1),
    pageSize: z.coerce
      .number()
      .int()
      .min(1, { error: `must be from 1 to ${MAX_BULK}` })
      .max(MAX_BULK, { error: `must be from 1 to ${MAX_BULK}` })
      .default(25),
  })
  .strict();
