import { z } from 'zod';
import { NOTIFICATION_TOPICS, PORTAL_ROLE_TYPES } from '../../../shared/contracts';

const documentId = z.string().min(1).max(64);
const name = z.string().trim().max(100).nullable();
const cents = z.number().int().min(0).max(100_000_000).nullable();

export const personChange = z
  .object({
    role: z.enum(PORTAL_ROLE_TYPES),
    canManageProjects: z.boolean(),
    canManageFinances: z.boolean(),
    clientManager: z.boolean(),
    company: documentId,
    title: z.string().trim().max(150).nullable(),
    firstName: name,
    lastName: name,
    projects: z.array(documentId).max(500),
    hourlyRateCents: cents,
    costRateCents: cents,
  })
  .partial()
  .strict();

export const profileChange = z
  .object({
    firstName: name,
    lastName: name,
    title: z.string().trim().max(150).nullable(),
    language: z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/, 'must be a language code such as en or de-AT'),
    password: z.string().min(8, 'must have at least 8 characters').max(200),
    /** Topics to turn on (true) or off (false); the others keep their choice. */
    notifications: z.partialRecord(z.enum(NOTIFICATION_TOPICS), z.boolean(), {
      error: (issue) => (issue.code === 'invalid_key' ? 'is not a notification topic' : undefined),
    }),
  })
  .partial()
  .strict();
