import { z } from 'zod';

export const declineInput = z
  .object({
    reason: z
      .string({ error: 'must be text: why the estimate is declined' })
      .trim()
      .max(2000, { error: 'is at most 2000 characters' })
      .optional(),
  })
  .strict();

export const convertInput = z
  .object({
    /** A project template's documentId: its tasks, budgets and discussions are added to the project. */
    template: z.string({ error: 'must be a project template documentId' }).min(1).optional(),
    /** The project's leader (a staff person's numeric id, or their documentId); the actor by default. */
    leader: z
      .union([z.number().int().positive(), z.string().min(1)], {
        error: 'must be a person: their numeric id or documentId',
      })
      .optional(),
  })
  .strict();
