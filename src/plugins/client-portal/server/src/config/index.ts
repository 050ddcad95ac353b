import { z } from 'zod';

/**
 * A whole number from an environment string; empty means `fallback` (`null`: no value,
 * such as an unlimited seat limit). Messages name the variable.
 */
const wholeNumber = <Fallback extends number | null>(variable: string, min: number, fallback: Fallback) => {
  const number = z
    .number({ error: `${variable} must be a whole number` })
    .int(`${variable} must be a whole number`)
    .min(min, `${variable} must be ${min} or more`);
  return z.preprocess(
    (value) =>
      value === '' || value === undefined ? fallback : typeof value === 'string' ? Number(value.trim()) : value,
    fallback === null ? number.nullable() : number
  ) as unknown as z.ZodType<Fallback extends null ? number | null : number, unknown>;
};

/** Empty means unlimited; otherwise a whole number of billable seats. */
const seatLimit = wholeNumber('PORTAL_SEAT_LIMIT', 0, null);

/** What each S3 setting is called in the environment, for the messages. */
const S3_VARIABLES = {
  bucket: 'PORTAL_S3_BUCKET',
  endpoint: 'PORTAL_S3_ENDPOINT',
  region: 'PORTAL_S3_REGION',
  accessKeyId: 'PORTAL_S3_ACCESS_KEY_ID',
  secretAccessKey: 'PORTAL_S3_SECRET_ACCESS_KEY',
} as const;

/** A bucket name, not a URL or a path pasted into the variable. */
const BUCKET_NAME = /^[A-Za-z0-9._-]{3,63}$/;

const isHttpUrl = (value: string) => {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
};

/**
 * Documents on S3-compatible storage (docs/operations.md#documents-storage), on when PORTAL_S3_BUCKET is set; without an
 * endpoint the SDK talks to AWS itself. Any other S3 variable without a bucket is refused rather
 * than silently keeping files on one instance's disk. Messages never repeat a value (the secret).
 */
export const s3ConfigSchema = z
  .object({
    bucket: z.string().trim().default(''),
    endpoint: z.string().trim().default(''),
    region: z.string().trim().default(''),
    accessKeyId: z.string().trim().default(''),
    secretAccessKey: z.string().trim().default(''),
  })
  .superRefine((s3, context) => {
    const problem = (field: keyof typeof S3_VARIABLES, message: string) =>
      context.addIssue({ code: 'custom', path: [field], message: `${S3_VARIABLES[field]} ${message}` });
    if (!s3.bucket) {
      for (const field of ['endpoint', 'region', 'accessKeyId', 'secretAccessKey'] as const) {
        if (s3[field]) problem(field, 'is set but PORTAL_S3_BUCKET is not: set the bucket, or unset the S3 variables');
      }
      return;
    }
    if (!BUCKET_NAME.test(s3.bucket)) {
      problem('bucket', 'must be a bucket name (3 to 63 letters, digits, dots, hyphens or underscores), not a URL');
    }
    if (s3.endpoint && !isHttpUrl(s3.endpoint)) problem('endpoint', 'must be an http:// or https:// URL');
    if (s3.region && !/^[a-z0-9-]+$/.test(s3.region)) problem('region', 'must be a region name such as us-east-1');
    if (!s3.accessKeyId) problem('accessKeyId', 'is required when PORTAL_S3_BUCKET is set');
    if (!s3.secretAccessKey) problem('secretAccessKey', 'is required when PORTAL_S3_BUCKET is set');
  })
  .transform((s3) =>
    s3.bucket
      ? {
          bucket: s3.bucket,
          endpoint: s3.endpoint || undefined,
          // S3-compatible servers accept any region; AWS's own default otherwise.
          region: s3.region || 'us-east-1',
          accessKeyId: s3.accessKeyId,
          secretAccessKey: s3.secretAccessKey,
        }
      : undefined
  );

export type S3Config = NonNullable<z.output<typeof s3ConfigSchema>>;

/** Every ten minutes: the job is cheap when nothing is due, and runs each period exactly once. */
export const DEFAULT_JOBS_CRON = '*/10 * * * *';

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
    /** Absent or without a bucket: documents stay in `filesDir`. */
    s3: s3ConfigSchema.optional(),
    mailRetrySeconds: wholeNumber('PORTAL_MAIL_RETRY_SECONDS', 1, 30),
    mailMaxAttempts: wholeNumber('PORTAL_MAIL_MAX_ATTEMPTS', 1, 10),
    mailLeaseSeconds: wholeNumber('PORTAL_MAIL_LEASE_SECONDS', 5, 300),
    /** On SIGTERM, how long requests in flight may take to finish before the instance stops. */
    shutdownSeconds: wholeNumber('PORTAL_SHUTDOWN_SECONDS', 0, 25),
    redisUrl: z
      .union([z.literal(''), z.string().regex(/^rediss?:\/\//, 'REDIS_URL must be a redis:// or rediss:// URL')])
      .default(''),
    /** When the scheduled job (recurring invoices, client reports) runs: a cron rule, or "off". */
    jobsCron: z.preprocess(
      (value) => (value === '' || value === undefined ? DEFAULT_JOBS_CRON : String(value).trim()),
      z
        .string()
        .refine(
          (rule) => rule === 'off' || /^\S+( \S+){4,5}$/.test(rule),
          'PORTAL_JOBS_CRON must be a cron rule of 5 or 6 fields (e.g. "*/10 * * * *"), or "off"'
        )
    ),
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
  mailRetrySeconds: '',
  mailMaxAttempts: '',
  mailLeaseSeconds: '',
  shutdownSeconds: '',
  redisUrl: '',
  jobsCron: '',
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
