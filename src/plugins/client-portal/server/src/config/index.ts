import { z } from 'zod';

/** Empty means unlimited; otherwise a whole number of billable seats. */
const seatLimit = z.preprocess(
  (value) => (value === '' || value === undefined ? null : typeof value === 'string' ? Number(value.trim()) : value),
  z
    .number({ error: 'PORTAL_SEAT_LIMIT must be a whole number' })
    .int('PORTAL_SEAT_LIMIT must be a whole number')
    .min(0, 'PORTAL_SEAT_LIMIT must be 0 or more')
    .nullable()
);

export const pluginConfigSchema = z
  .object({
    publicUrl: z.string().url('PUBLIC_URL must be an absolute URL'),
    agencyName: z.string().trim().min(1, 'PORTAL_AGENCY_NAME must not be empty').max(200),
    ownerEmail: z.union([
      z.literal(''),
      z.string().trim().toLowerCase().email('PORTAL_OWNER_EMAIL must be an email address'),
    ]),
    ownerPassword: z.string(),
    seatLimit,
    currency: z.string().regex(/^[A-Z]{3}$/, 'PORTAL_CURRENCY must be an ISO 4217 code such as EUR'),
    rulesOff: z.boolean().default(false),
    /** Where document files are stored, outside `public/` (relative paths: from the app's root). */
    filesDir: z.string().trim().min(1, 'PORTAL_FILES_DIR must not be empty').default('.tmp/private-files'),
  })
  .refine((config) => !(config.rulesOff && process.env.NODE_ENV === 'production'), {
    message: 'PORTAL_RULES_OFF switches every access rule off and is refused in production',
    path: ['rulesOff'],
  })
  .refine((config) => config.ownerEmail === '' || config.ownerPassword.length >= 8, {
    message: 'PORTAL_OWNER_PASSWORD must have at least 8 characters when PORTAL_OWNER_EMAIL is set',
    path: ['ownerPassword'],
  });

export type PluginConfigInput = z.input<typeof pluginConfigSchema>;
export type PluginConfig = z.output<typeof pluginConfigSchema>;

export const defaultConfig: PluginConfigInput = {
  publicUrl: 'http://localhost:1337',
  agencyName: 'Agency',
  ownerEmail: '',
  ownerPassword: '',
  seatLimit: '',
  currency: 'EUR',
  rulesOff: false,
};

/** Parses the raw (string) configuration; throws a message naming every bad setting. */
export const parsePluginConfig = (raw: unknown): PluginConfig => {
  const result = pluginConfigSchema.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid client-portal configuration: ${problems.join('; ')}`);
  }
  return result.data;
};

export default {
  default: defaultConfig,
  validator(config: unknown) {
    parsePluginConfig(config);
  },
};
