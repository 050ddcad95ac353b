import type { Core } from '@strapi/strapi';

/** What `hash` answers for a token that cannot be an API token: no stored access key equals it. */
const NOT_AN_ACCESS_KEY = 'not-an-access-key';

/**
 * A request signed in with a users-permissions JWT skips the API-token lookup. Strapi
 * tries its API-token strategy first on every content-API request: it hashes the bearer
 * token and looks the hash up (one statement per request). Access keys are hex
 * (`randomBytes(128)`); a JWT always has dots: a dotted token is not an access key, and
 * the database need not be asked.
 */
export const skipApiTokenLookupForJwts = (strapi: Core.Strapi): void => {
  const tokens = strapi.service('admin::api-token-content-api') as unknown as {
    hash: (token: string) => string;
    getByAccessKey: (accessKeyHash: string, options?: unknown) => Promise<unknown>;
  };
  const { hash, getByAccessKey } = tokens;
  tokens.hash = (token) => (token.includes('.') ? NOT_AN_ACCESS_KEY : hash.call(tokens, token));
  tokens.getByAccessKey = (accessKeyHash, options) =>
    accessKeyHash === NOT_AN_ACCESS_KEY ? Promise.resolve(null) : getByAccessKey.call(tokens, accessKeyHash, options);
};
