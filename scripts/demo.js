#!/usr/bin/env node
/**
 * `npm run demo`: seeds the demo agency into SQLite (idempotently), creates an
 * admin-panel super admin, starts the server and prints every login.
 * Runs the compiled app: `npm run demo` builds it first.
 */
'use strict';

const path = require('path');
const { createStrapi } = require('@strapi/strapi');

const root = path.resolve(__dirname, '..');
const distDir = path.join(root, 'dist');

// The demo always runs on SQLite; the first Owner and the agency get demo defaults.
process.env.DATABASE_CLIENT = 'sqlite';
process.env.PORTAL_OWNER_EMAIL = process.env.PORTAL_OWNER_EMAIL || 'owner@demo.test';
process.env.PORTAL_OWNER_PASSWORD = process.env.PORTAL_OWNER_PASSWORD || 'demo-password-2026';
process.env.PORTAL_AGENCY_NAME = process.env.PORTAL_AGENCY_NAME || 'Northwind Studio';

const main = async () => {
  const { seedDemo, ensureDemoAdmin, DEMO_PASSWORD, DEMO_ADMIN } = require(path.join(distDir, 'src/demo/seed.js'));
  console.log('[demo] booting Strapi on SQLite…');
  const strapi = createStrapi({ appDir: root, distDir });
  await strapi.load();

  const ownerEmail = process.env.PORTAL_OWNER_EMAIL.toLowerCase();
  const result = await seedDemo(strapi, {
    ownerEmail,
    progress: (step, total, message) => console.log(`[demo] ${step}/${total} ${message}`),
  });
  const adminCreated = await ensureDemoAdmin(strapi);
  console.log(`[demo] ${result.seeded ? 'seeded the demo agency' : 'demo agency already seeded'}`);
  console.log(`[demo] admin panel user ${adminCreated ? 'created' : 'already present'}`);

  await strapi.listen();
  const base = `http://localhost:${strapi.config.get('server.port')}`;
  const ownerPassword = ownerEmail === 'owner@demo.test' ? DEMO_PASSWORD : '(your PORTAL_OWNER_PASSWORD)';
  const rows = result.logins.map((login) => ({
    who: login.label,
    role: login.role,
    email: login.email,
    password: login.role === 'owner' ? ownerPassword : DEMO_PASSWORD,
  }));
  console.log('\nDemo logins (REST API, POST /api/auth/local):');
  console.table(rows);
  console.log(`Admin panel: ${base}/admin  —  ${DEMO_ADMIN.email} / ${DEMO_ADMIN.password}\n`);

  const client = result.logins.find((login) => login.label === 'Acme Client');
  console.log('Try it as a client (sign in, then list the projects you may see):');
  console.log(
    `  JWT=$(curl -s ${base}/api/auth/local -H 'content-type: application/json' ` +
      `-d '{"identifier":"${client.email}","password":"${DEMO_PASSWORD}"}' | node -pe 'JSON.parse(require("fs").readFileSync(0)).jwt')`
  );
  console.log(`  curl -s ${base}/api/projects -H "Authorization: Bearer $JWT"\n`);
};

main().catch((error) => {
  console.error('[demo] failed:', error);
  process.exit(1);
});
