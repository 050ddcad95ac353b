/**
 * Child process of `npm run bench`: boots the app once, with the access rules ON or
 * OFF, on the seeded database; checks every scenario, counts its SQL queries and times
 * single requests, then serves while the parent loads it. Each mode has its own process,
 * so neither shares the other's JIT or heap; both stay up so their loads can alternate.
 */
'use strict';

const { OWNER, log, boot, serveCommands } = require('./bench-app');

const DAY = 86_400_000;
const isoDay = (time) => new Date(time).toISOString().slice(0, 10);

/**
 * Every scenario, with the readers that load it: client reads as the Client Manager and
 * the Owner; staff-only reads as the Owner and, where the role may read them, the Member+ F.
 * `latencyTarget`: its idle p50 must stay under 20 ms on PostgreSQL (issue 14).
 */
const scenariosFor = (fixtures) => {
  const to = isoDay(Date.now());
  const from = isoDay(Date.now() - 364 * DAY); // the longest range the timesheet accepts
  return [
    {
      key: 'tasks',
      kind: 'client',
      name: 'Task list (25, populate comments + assignees)',
      path: '/api/tasks?pagination[pageSize]=25&populate[comments]=true&populate[assignees]=true',
      roles: ['client', 'owner'],
    },
    {
      key: 'project',
      kind: 'client',
      name: 'One project (populate=*)',
      path: `/api/projects/${fixtures.projectDocumentId}?populate=*`,
      roles: ['client', 'owner'],
    },
    {
      key: 'timeEntries',
      kind: 'client',
      name: 'Time entries of a budget (25)',
      path: `/api/time-entries?filters[budget][documentId][$eq]=${fixtures.budgetDocumentId}&pagination[pageSize]=25`,
      roles: ['client', 'owner'],
    },
    {
      key: 'budgetSummary',
      kind: 'client',
      name: 'Budget summary (budget of 10,000 entries)',
      path: `/api/budgets/${fixtures.summaryBudgetDocumentId}/summary`,
      roles: ['client', 'owner'],
      latencyTarget: true,
    },
    {
      key: 'activities',
      kind: 'client',
      name: 'Activity feed of a project (25)',
      path: `/api/activities?project=${fixtures.projectDocumentId}&pagination[pageSize]=25`,
      roles: ['client', 'owner'],
    },
    {
      key: 'timesheet',
      kind: 'staff',
      name: 'Timesheet of a person, 365 days',
      path: `/api/timesheets?from=${from}&to=${to}&person=${fixtures.timesheetPersonId}`,
      roles: ['owner', 'member'],
      latencyTarget: true,
    },
    {
      key: 'reportTime',
      kind: 'staff',
      name: 'Report: time by project',
      path: '/api/reports/time?groupBy=project',
      roles: ['owner'],
    },
    {
      key: 'reportBudgets',
      kind: 'staff',
      name: 'Report: budgets',
      path: '/api/reports/budgets',
      roles: ['owner', 'member'],
    },
    {
      key: 'reportUninvoiced',
      kind: 'staff',
      name: 'Report: uninvoiced',
      path: '/api/reports/uninvoiced',
      roles: ['owner', 'member'],
    },
  ];
};

/** JWTs for the three readers, signed by this boot's secret. */
const identitiesFor = async (strapi, fixtures) => {
  const owner = await strapi.db.query('plugin::users-permissions.user').findOne({ where: { email: OWNER.email } });
  const jwt = strapi.plugin('users-permissions').service('jwt');
  return {
    client: { key: 'client', label: 'Client Manager', token: jwt.issue({ id: fixtures.clientId }) },
    owner: { key: 'owner', label: 'Owner', token: jwt.issue({ id: owner.id }) },
    member: { key: 'member', label: 'Member+ F', token: jwt.issue({ id: fixtures.memberId }) },
  };
};

/** Each scenario with each of its readers, in table order. */
const runsOf = (scenarios, identities) =>
  scenarios.flatMap((scenario) => scenario.roles.map((role) => ({ scenario, who: identities[role] })));

const getJson = async (baseUrl, pathname, token, { method = 'GET', body } = {}) => {
  const response = await fetch(`${baseUrl}${pathname}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body && { 'content-type': 'application/json' }) },
    ...(body && { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(60_000),
  });
  return { status: response.status, body: await response.json().catch(() => null) };
};

/**
 * Before timing anything: every scenario answers 200 with data for each of its readers,
 * and the rules really are on (the Client sees exactly its visible tasks) or off (all).
 */
const verify = async (app, runs, rulesOff, expected) => {
  const totals = {};
  for (const { scenario, who } of runs) {
    const { status, body } = await getJson(app.baseUrl, scenario.path, who.token);
    const data = body?.data;
    if (status !== 200 || !data || (Array.isArray(data) && data.length === 0)) {
      const detail = JSON.stringify(body?.error ?? body).slice(0, 300);
      throw new Error(`${scenario.name} as ${who.label}: HTTP ${status} without data: ${detail}`);
    }
    totals[`${scenario.key}.${who.key}`] = body.meta?.pagination?.total ?? (Array.isArray(data) ? data.length : 1);
  }
  const mode = rulesOff ? 'OFF' : 'ON';
  const seen = (key) => `Owner ${totals[`${key}.owner`]}, Client ${totals[`${key}.client`]}`;
  log(`rules ${mode}: tasks: ${seen('tasks')}; time entries of the budget: ${seen('timeEntries')}`);
  log(`rules ${mode}: activities of the project: ${seen('activities')}`);
  const clientTasks = rulesOff ? expected.tasks : expected.clientVisibleTasks;
  if (totals['tasks.owner'] !== expected.tasks || totals['tasks.client'] !== clientTasks) {
    throw new Error(
      `rules ${mode}: expected ${expected.tasks} tasks for the Owner and ${clientTasks} for the Client, got ` +
        `${totals['tasks.owner']} and ${totals['tasks.client']}`
    );
  }
};

/** The SQL statements of one request, captured while the app is otherwise idle. */
const captureQueries = async (app, work) => {
  const knex = app.strapi.db.connection;
  const statements = [];
  const onQuery = (query) => statements.push(query.sql);
  // The mail worker polls its table every second: paused, so only the request's statements count.
  const outbox = app.strapi.plugin('client-portal').service('outbox');
  await outbox.stop();
  knex.on('query', onQuery);
  try {
    await work();
  } finally {
    knex.removeListener('query', onQuery);
    outbox.start();
  }
  return statements;
};

/** JOINs summed over a request's statements: what the rules add to the SQL, per request. */
const joinsIn = (statements) => statements.reduce((sum, sql) => sum + (sql.match(/\bjoin\b/gi) ?? []).length, 0);

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** Milliseconds of one request, from sending it to its whole body read. */
const timed = async (app, pathname, token, init) => {
  const started = process.hrtime.bigint();
  const answer = await getJson(app.baseUrl, pathname, token, init);
  return { ...answer, ms: Number(process.hrtime.bigint() - started) / 1e6 };
};

/** p50 of `count` sequential requests on the otherwise idle app. */
const idleLatency = async (app, scenario, who, count) => {
  const times = [];
  for (let i = 0; i < count; i += 1) {
    const { status, ms } = await timed(app, scenario.path, who.token);
    if (status !== 200) throw new Error(`${scenario.name} as ${who.label}: HTTP ${status}`);
    times.push(ms);
  }
  return median(times);
};

/**
 * Invoice generation is a write, not a load: time `count` single generations over all the
 * invoicing project's entries, voiding each draft (which releases its entries) before the next.
 */
const timeInvoices = async (app, fixtures, owner, count) => {
  const body = { project: fixtures.invoiceProjectDocumentId, from: '2000-01-01', to: isoDay(Date.now() + DAY) };
  const times = [];
  let queries = 0;
  let lines = 0;
  let entries = 0;
  for (let i = 0; i < count; i += 1) {
    let answer;
    const statements = await captureQueries(app, async () => {
      answer = await timed(app, '/api/invoices/generate', owner.token, { method: 'POST', body });
    });
    if (answer.status !== 201) {
      throw new Error(`invoice generation: HTTP ${answer.status}: ${JSON.stringify(answer.body).slice(0, 300)}`);
    }
    times.push(answer.ms);
    if (i === 0) {
      queries = statements.length;
      lines = answer.body.data.lines.length;
      const { strapi } = app;
      const invoice = await strapi.db.query('api::invoice.invoice').findOne({
        where: { documentId: answer.body.data.documentId },
        populate: { timeEntries: { count: true } },
      });
      entries = invoice?.timeEntries?.count ?? 0;
    }
    const voided = await getJson(app.baseUrl, `/api/invoices/${answer.body.data.documentId}/void`, owner.token, {
      method: 'POST',
    });
    if (voided.status !== 200) throw new Error(`voiding the draft: HTTP ${voided.status}`);
  }
  return { runs: count, p50: median(times), max: Math.max(...times), queries, lines, entries };
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

let app;
/** Responses this app has finished since it booted (every status): the denominator of CPU a request. */
let served = 0;

/**
 * The worker of one mode in one round. `prepare` boots the app, verifies every scenario and,
 * in the first round, counts its queries and times single requests on the idle app; the
 * parent then loads the scenarios over HTTP, alternating this mode with the other, and calls
 * `settle` after each load.
 */
serveCommands({
  /** `measure`: also count each scenario's queries and time its idle latency (the first pair of processes only). */
  prepare: async ({ options, fixtures, expected, rulesOff, measure }) => {
    const mode = rulesOff ? 'OFF' : 'ON';
    log(`booting the app with the access rules ${mode}…`);
    app = await boot(options.dialect, rulesOff);
    app.strapi.server.httpServer.on('request', (_request, response) => response.on('finish', () => (served += 1)));
    const identities = await identitiesFor(app.strapi, fixtures);
    const runs = runsOf(scenariosFor(fixtures), identities);
    await verify(app, runs, rulesOff, expected);
    if (!measure) {
      return {
        runs: runs.map(({ scenario, who }) => ({ url: `${app.baseUrl}${scenario.path}`, token: who.token })),
        ownerToken: identities.owner.token,
      };
    }
    const measured = [];
    for (const { scenario, who } of runs) {
      const statements = await captureQueries(app, async () => {
        const { status } = await getJson(app.baseUrl, scenario.path, who.token);
        if (status !== 200) throw new Error(`${scenario.name} as ${who.label}: HTTP ${status}`);
      });
      if (options.showSql) log(`SQL, ${scenario.name}, ${who.label}, rules ${mode}:\n  ${statements.join('\n  ')}`);
      const idleP50 = await idleLatency(app, scenario, who, options.idle);
      log(`${scenario.name} | ${who.label} | rules ${mode}: idle p50 ${idleP50.toFixed(1)} ms`);
      const { key, kind, name, path, latencyTarget = false } = scenario;
      measured.push({
        scenario: { key, kind, name, latencyTarget },
        url: `${app.baseUrl}${path}`,
        token: who.token,
        role: who.label,
        rulesOff,
        queries: statements.length,
        joins: joinsIn(statements),
        idleP50,
      });
    }
    return { runs: measured, ownerToken: identities.owner.token };
  },

  settle: () => waitIdle(app),

  /** CPU microseconds of this process so far (all its threads: JavaScript, GC, libuv, SQLite), and responses served. */
  cpu: () => {
    const { user, system } = process.cpuUsage();
    return { cpuMicros: user + system, served };
  },

  // A failing generation is a result to report, not a reason to lose the whole run.
  invoices: async ({ fixtures, ownerToken, count }) => {
    try {
      return await timeInvoices(app, fixtures, { token: ownerToken }, count);
    } catch (error) {
      return { error: String(error.message ?? error).slice(0, 200) };
    }
  },

  stop: async () => {
    if (!app) return;
    await waitIdle(app).catch(() => undefined); // destroying under load would abort queued queries
    await app.strapi.destroy();
  },
});
