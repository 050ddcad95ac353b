import fs from 'fs';
import path from 'path';
import { parse } from 'dotenv';

/**
 * `npm run setup` copies .env.example into .env, and Strapi loads .env before
 * scripts/demo.js gives the demo its defaults: whatever the example sets wins over them.
 */
describe('.env.example', () => {
  const example = parse(fs.readFileSync(path.join(__dirname, '..', '..', '.env.example')));

  it('leaves the agency name and the first Owner to their defaults, so the demo agency is Northwind Studio', () => {
    expect(example.PORTAL_AGENCY_NAME).toBeUndefined();
    expect(example.PORTAL_OWNER_EMAIL).toBeUndefined();
    expect(example.PORTAL_OWNER_PASSWORD).toBeUndefined();
  });

  it('names every Strapi secret with a placeholder that setup replaces', () => {
    for (const name of [
      'APP_KEYS',
      'API_TOKEN_SALT',
      'ADMIN_JWT_SECRET',
      'TRANSFER_TOKEN_SALT',
      'JWT_SECRET',
      'ENCRYPTION_KEY',
    ]) {
      expect(example[name]).toMatch(/^change-me/);
    }
  });
});
