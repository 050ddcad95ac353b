'use strict';

// The server side is TypeScript, compiled together with the app by `strapi build`,
// `strapi develop` and `compileStrapi()` into the app's dist/ folder.
const path = require('path');

const compiled = path.resolve(__dirname, '../../../dist/src/plugins/client-portal/server/src');

module.exports = require(compiled).default;
