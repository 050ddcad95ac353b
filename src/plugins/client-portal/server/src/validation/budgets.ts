import { z } from 'zod';

export const accessInput = z.object({ clientAccess: z.boolean({ error: 'must be true or false' }) }).strict();
