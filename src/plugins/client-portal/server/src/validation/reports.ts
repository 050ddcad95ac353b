import { z } from 'zod';
import { isoDate } from './common';

export const reportQuery = z
  .object({
    report: z.enum(['time', 'budgets', 'uninvoiced', 'invoices'], {
      error: 'must be time, budgets, uninvoiced or invoices',
    }),
    from: isoDate.default('1970-01-01'),
    to: isoDate.default('9999-12-31'),
    groupBy: z.enum(['project', 'person', 'month'], { error: 'must be project, person or month' }).default('project'),
    format: z.enum(['json', 'csv'], { error: 'must be json or csv' }).default('json'),
  })
  .strict();
