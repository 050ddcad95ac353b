/**
 * Child process of `npm run bench`: boots the app once, with the access rules ON or
 * OFF, on the seeded database; checks every scenario, counts its SQL queries, loads it
 * with autocannon (in a further child) as both readers and answers with the results.
 * Each mode gets a fresh process, so neither inherits the other's warm JIT or heap.
 */
'use strict';

const { OWNER, log, boot, runChild, serveOnce } = require('./bench-app');

const scenariosFor = (fixtures) => [
  {
    key: 'tasks',
    name: 'Task list (25, populate comments + assignees)',
    path: '/api/tasks?pagination[pageSize]=25&populate[comments]=true&populate[assignees]=true',
  },
  {
    key: 'project',
    name: 'One project (populate=*)',
    path: `/api/projects/${fixtures.projectDocumentId}?populate=*`,
  },
  {
    key: 'timeEntries',
    name: 'Time entries of a budget (25)',
    path: `/api/time-entries?filters[budget][documentId][$eq]=${fixtures.budgetDocumentId}&pagination[pageSize]=25`,
  },
];

/** JWTs for the two readers, signed by this boot's secret. */
const identitiesFor = async (strapi, fixtures) => {
  const owner = await strapi.db.query('plugin::users-permissions.user').findOne({ where: { email: OWNER.email } });
  const jwt = strapi.plugin('users-permissions').service('jwt');
  return [
    { key: 'client', label: 'Client Manager', token: jwt.issue({ id: fixtures.clientId }) },
    { key: 'owner', label: 'Owner', token: jwt.issue({ id: owner.id }) },
  ];
};

const getJson = async (baseUrl, pathname, token) => {
  const response = await fetch(`${baseUrl}${pathname}`, {
    headers: { authorization: `Bearer ${token}` },
    signal: AbortSignal.timeout(60_000),
  });
  return { status: response.status, body: await response.json().catch(() => null) };
};

/**
 * Before timing anything: every scenario answers 200 with data for both readers, and
 * the rules really are on (the Client sees exactly its visible tasks) or off (it sees all).
 */
const verify = async (app, scenarios, identities, rulesOff, expected) => {
  const totals = {};
  for (const scenario of scenarios) {
    for (const who of identities) {
      const { status, body } = await getJson(app.baseUrl, scenario.path, who.token);
      const data = body?.data;
      if (status !== 200 || !data || (Array.isArray(data) && data.length === 0)) {
        const detail = JSON.stringify(body?.error ?? body).slice(0, 300);
        throw new Error(`${scenario.name} as ${who.label}: HTTP ${status} without data: ${detail}`);
      }
      totals[`${scenario.key}.${who.key}`] = body.meta?.pagination?.total;
    }
  }
  const mode = rulesOff ? 'OFF' : 'ON';
  log(`rules ${mode}: tasks visible to the Owner ${totals['tasks.owner']}, to the Client ${totals['tasks.client']}`);
  log(
    `rules ${mode}: time entries of the budget visible to the Owner ${totals['timeEntries.owner']}, ` +
      `to the Client ${totals['timeEntries.client']}`
  );
  const clientTasks = rulesOff ? expected.tasks : expected.clientVisibleTasks;
  if (totals['tasks.owner'] !== expected.tasks || totals['tasks.client'] !== clientTasks) {
    throw new Error(
      `rules ${mode}: expected ${expected.tasks} tasks for the Owner and ${clientTasks} for the Client, got ` +
        `${totals['tasks.owner']} and ${totals['tasks.client']}`
    );
  }
};

/** The SQL statements of one request, captured while the app is otherwise idle. */
const captureQueries = async (app, scenario, who) => {
  const knex = app.strapi.db.connection;
  const statements = [];
  const onQuery = (query) => statements.push(query.sql);
  knex.on('query', onQuery);
  try {
    const { status } = await getJson(app.baseUrl, scenario.path, who.token);
    if (status !== 200) throw new Error(`${scenario.name} as ${who.label}: HTTP ${status}`);
  } finally {
    knex.removeListener('query', onQuery);
  }
  return statements;
};

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * autocannon stops at its deadline with requests still in flight, which the server goes
 * on serving: wait until it has no connection and no busy database connection for 0.5 s.
 */
const waitIdle = async (app) => {
  const pool = app.strapi.db.connection.client.pool;
  const server = app.strapi.server.httpServer;
  const deadline = Date.now() + 60_000;
  for (let quiet = 0; quiet < 5; ) {
    if (Date.now() > deadline) throw new Error('the app was still busy 60 s after a load run');
    const sockets = await new Promise((resolve, reject) =>
      server.getConnections((error, count) => (error ? reject(error) : resolve(count)))
    );
    quiet = sockets === 0 && pool.numUsed() + pool.numPendingAcquires() === 0 ? quiet + 1 : 0;
    await sleep(100);
  }
};

/** One mode: verify, count queries on the idle app, then load every scenario as both readers. */
const measureMode = async ({ options, fixtures, expected, rulesOff }) => {
  const mode = rulesOff ? 'OFF' : 'ON';
  log(`booting the app with the access rules ${mode}…`);
  const app = await boot(options.dialect, rulesOff);
  const rows = [];
  try {
    const scenarios = scenariosFor(fixtures);
    const identities = await identitiesFor(app.strapi, fixtures);
    await verify(app, scenarios, identities, rulesOff, expected);
    const runs = [];
    for (const scenario of scenarios) {
      for (const who of identities) {
        const statements = await captureQueries(app, scenario, who);
        if (options.showSql) log(`SQL, ${scenario.name}, ${who.label}, rules ${mode}:\n  ${statements.join('\n  ')}`);
        runs.push({ scenario, who, queries: statements.length });
      }
    }
    for (const { scenario, who, queries } of runs) {
      const load = await runChild(
        'bench-load.js',
        {
          url: `${app.baseUrl}${scenario.path}`,
          headers: { authorization: `Bearer ${who.token}` },
          connections: options.connections,
          duration: options.duration,
          ...(options.warmup > 0 && { warmup: { connections: options.connections, duration: options.warmup } }),
        },
        (options.duration + options.warmup + 60) * 1000
      );
      await waitIdle(app);
      const row = { scenario: { key: scenario.key, name: scenario.name }, role: who.label, rulesOff, queries, ...load };
      rows.push(row);
      log(
        `${scenario.name} | ${who.label} | rules ${mode}: ${load.requestsPerSecond.toFixed(1)} req/s, ` +
          `p50 ${load.p50} ms, p99 ${load.p99} ms, ${queries} queries/request` +
          (load.non2xx || load.errors ? `, ${load.non2xx} non-2xx, ${load.errors} errors` : '')
      );
    }
  } finally {
    await waitIdle(app).catch(() => undefined); // destroying under load would abort queued queries
    await app.strapi.destroy();
  }
  return rows;
};

serveOnce(measureMode);
