import { z } from 'zod';
import { OPENAPI_ROLES } from '../../../shared/contracts';

export const documentQuery = z
  .object({
    role: z.enum(OPENAPI_ROLES, { error: `must be one of ${OPENAPI_ROLES.join(', ')}` }),
  })
  .strict();
