import { z } from 'zod';
import { PORTAL_ROLE_TYPES } from '../../../shared/contracts';

export const invitationInput = z
  .object({
    email: z.string().trim().toLowerCase().email('must be an email address').max(254),
    role: z.enum(PORTAL_ROLE_TYPES, { error: `must be one of ${PORTAL_ROLE_TYPES.join(', ')}` }),
    firstName: z.string().trim().max(100).optional(),
    lastName: z.string().trim().max(100).optional(),
    title: z.string().trim().max(150).optional(),
    company: z.string().min(1).max(64).optional(),
    projects: z.array(z.string().min(1).max(64)).max(100).optional(),
    canManageProjects: z.boolean().optional(),
    canManageFinances: z.boolean().optional(),
    clientManager: z.boolean().optional(),
    language: z
      .string()
      .regex(/^[a-z]{2}(-[A-Z]{2})?$/, 'must be a language code such as en or de-AT')
      .optional(),
    message: z.string().trim().max(2000).optional(),
  })
  .strict();

export const acceptInput = z
  .object({
    token: z.string().min(20, 'is not a valid invitation token').max(200),
    password: z.string().min(8, 'must have at least 8 characters').max(200),
    firstName: z.string().trim().max(100).optional(),
    lastName: z.string().trim().max(100).optional(),
  })
  .strict();
