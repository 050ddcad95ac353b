/**
 * A second Strapi process on the same database, for tests of what must hold
 * across processes (seat limit). Boots the compiled app with the environment it
 * is given, prints "PORT <n>" once listening, and shuts down on SIGTERM as `strapi start`
 * does (createStrapi installs that handler: Strapi destroys itself, then exits).
 */
'use strict';

const path = require('path');
const { createStrapi } = require('@strapi/strapi');

const root = path.resolve(__dirname, '..', '..');

const main = async () => {
  const strapi = createStrapi({
    appDir: root,
    distDir: path.join(root, 'dist'),
    autoReload: false,
    serveAdminPanel: false,
  });
  strapi.log.level = 'error';
  await strapi.load();
  strapi.server.mount();
  strapi.server.httpServer.listen(0, '127.0.0.1', () => {
    process.stdout.write(`PORT ${strapi.server.httpServer.address().port}\n`);
  });
};

main().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
