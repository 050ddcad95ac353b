/**
 * Strapi secrets (docs/operations.md#environment-variables). `npm run setup` writes random values into `.env`;
 * in production the app refuses to boot while a secret is missing or still
 * holds the placeholder shipped in `.env.example`, naming the variable to set.
 */
export const SECRET_VARIABLES = [
  'APP_KEYS',
  'API_TOKEN_SALT',
  'ADMIN_JWT_SECRET',
  'TRANSFER_TOKEN_SALT',
  'JWT_SECRET',
  'ENCRYPTION_KEY',
] as const;

export type SecretVariable = (typeof SECRET_VARIABLES)[number];

/** The placeholder every secret has in `.env.example`. */
export const DEVELOPMENT_PLACEHOLDER = 'change-me';

const isUnsafe = (value: string | undefined): boolean =>
  value === undefined ||
  value.split(',').some((part) => part.trim() === '' || part.trim().startsWith(DEVELOPMENT_PLACEHOLDER));

export class InsecureSecretError extends Error {
  constructor(public readonly variable: SecretVariable) {
    super(
      `${variable} is not set or still holds the development placeholder. ` +
        `Set ${variable} to a long random value (\`npm run setup\` generates one into .env) before starting in production.`
    );
    this.name = 'InsecureSecretError';
  }
}

/** Throws for the first unsafe secret when running in production; a no-op otherwise. */
export const assertProductionSecrets = (env: NodeJS.ProcessEnv = process.env): void => {
  if (env.NODE_ENV !== 'production') return;
  const unsafe = SECRET_VARIABLES.find((variable) => isUnsafe(env[variable]));
  if (unsafe) throw new InsecureSecretError(unsafe);
};
