import { z } from 'zod';
import { isoDate } from './common';

const documentId = (what: string) =>
  z
    .string({ error: `is required: the ${what} documentId` })
    .trim()
    .min(1, { error: 'is required' });

export const fromTemplateInput = z
  .object({
    template: documentId('project template'),
    name: z
      .string({ error: 'is required: the project name' })
      .trim()
      .min(1, { error: 'is required' })
      .max(200, { error: 'must be at most 200 characters' }),
    company: documentId('company'),
    description: z
      .string({ error: 'must be text' })
      .max(20000, { error: 'must be at most 20000 characters' })
      .optional(),
    // People are addressed by their numeric id (as /api/users/:id); a documentId is taken too, as relations take it.
    leader: z
      .union([z.number().int().positive(), z.string().trim().min(1)], {
        error: 'must be a person id (a positive whole number) or documentId',
      })
      .optional(),
    startsOn: isoDate,
    teams: z
      .array(z.string({ error: 'must be team documentIds' }).trim().min(1), {
        error: 'must be a list of team documentIds',
      })
      .max(100, { error: 'must list at most 100 teams' })
      .optional(),
  })
  .strict();
