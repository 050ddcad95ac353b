/**
 * Child process of `npm run bench`: runs one autocannon scenario and answers with a
 * summary. The load generator runs here, not in the process that serves the app,
 * so it never competes for the server's event loop.
 */
'use strict';

const autocannon = require('autocannon');
const { serveOnce } = require('./bench-app');

serveOnce(async (options) => {
  const result = await autocannon(options);
  return {
    requestsPerSecond: result.requests.average,
    total: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
});
