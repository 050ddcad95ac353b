#!/usr/bin/env node
/**
 * `npm run bench`: seeds a large agency into a fresh database with bulk SQL inserts,
 * boots the real (compiled) app twice — access rules ON, then OFF (PORTAL_RULES_OFF,
 * plain Strapi) — loads the main client reads with autocannon as a Client Manager and
 * as the Owner, counts SQL queries per request, and writes docs/benchmarks.md.
 *
 *   npm run bench                                  full run on PostgreSQL (BENCH_DATABASE_URL)
 *   npm run bench -- --sqlite                      on SQLite (.tmp/bench.db); or BENCH_DATABASE=sqlite
 *   npm run bench -- --scale 0.02 --duration 3     smoke run: 2% of the data, 3 s per scenario
 *
 * Other flags: --connections N (10), --warmup S (3), --out FILE (docs/benchmarks.md), --sql
 * (print the SQL of each counted request). The PostgreSQL database is dropped and
 * recreated on every run, through BENCH_DATABASE_ADMIN_URL.
 */
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');
const { parseArgs } = require('util');
const { Client } = require('pg');
const { ROOT, DIST, BENCH_URL, ADMIN_URL, SQLITE_FILE, log, boot, runChild } = require('./bench-app');
const { seed, planFor } = require('./bench-seed');

/** Rules-on throughput must reach this share of rules-off throughput. */
const TARGET = 0.85;
/** Hard stop for the whole run, whatever hangs. */
const RUN_LIMIT_MS = 45 * 60_000;
const MARK_START = '<!-- bench:results:start -->';
const MARK_END = '<!-- bench:results:end -->';

const parseOptions = () => {
  const { values } = parseArgs({
    options: {
      sqlite: { type: 'boolean', default: false },
      scale: { type: 'string', default: '1' },
      duration: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '3' },
      connections: { type: 'string', default: '10' },
      out: { type: 'string', default: path.join(ROOT, 'docs', 'benchmarks.md') },
      sql: { type: 'boolean', default: false },
    },
  });
  const number = (name, min, max) => {
    const value = Number(values[name]);
    if (!Number.isFinite(value) || value < min || value > max) {
      throw new Error(`--${name} must be a number from ${min} to ${max} (got "${values[name]}")`);
    }
    return value;
  };
  return {
    dialect: values.sqlite || process.env.BENCH_DATABASE === 'sqlite' ? 'sqlite' : 'postgres',
    scale: number('scale', 0.001, 2),
    duration: number('duration', 1, 60),
    warmup: number('warmup', 0, 30),
    connections: Math.round(number('connections', 1, 50)),
    out: path.resolve(values.out),
    showSql: values.sql,
  };
};

/** Drops and recreates the benchmark database; returns a label for the report. */
const recreateDatabase = async (dialect) => {
  if (dialect === 'sqlite') {
    fs.mkdirSync(path.dirname(SQLITE_FILE), { recursive: true });
    for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(`${SQLITE_FILE}${suffix}`, { force: true });
    const { version } = require('better-sqlite3/package.json');
    return `SQLite (better-sqlite3 ${version}), file ${path.relative(ROOT, SQLITE_FILE)}`;
  }
  const name = decodeURIComponent(new URL(BENCH_URL).pathname.slice(1));
  // The database is dropped on every run: refuse anything that is not plainly a benchmark database.
  if (!/^[a-z0-9_]*bench[a-z0-9_]*$/i.test(name)) {
    throw new Error(`BENCH_DATABASE_URL must name a database containing "bench" (got "${name}"): it is dropped`);
  }
  const admin = new Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 10_000 });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
    const { rows } = await admin.query('SHOW server_version');
    return `PostgreSQL ${rows[0].server_version.split(' ')[0]}, fresh database \`${name}\``;
  } finally {
    await admin.end();
  }
};

/** One mode in a fresh process (see bench-measure.js), bounded by its own deadline. */
const measureMode = (options, fixtures, expected, rulesOff) => {
  const perScenario = options.duration + options.warmup + 60;
  return runChild('bench-measure.js', { options, fixtures, expected, rulesOff }, (6 * perScenario + 300) * 1000);
};

const formatMs = (value) => (value >= 10 ? value.toFixed(0) : value.toFixed(1));
const count = (value) => value.toLocaleString('en-US');
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

/** Rules-on throughput as a share of rules-off, for each rules-on line. */
const shareOf = (row, rows) => {
  const off = rows.find(
    (other) => other.rulesOff && other.scenario.key === row.scenario.key && other.role === row.role
  );
  return row.requestsPerSecond / off.requestsPerSecond;
};

/** One line per scenario, reader and mode; the on/off ratio on the rules-ON line. */
const renderTable = (rows) => {
  const lines = [
    '| Scenario | Role | Rules | req/s | p50 ms | p99 ms | queries/req | non-2xx / errors | ON/OFF throughput (target >= 85%) |',
    '| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | --- |',
  ];
  for (const row of rows) {
    let ratio = '';
    if (!row.rulesOff) {
      const share = shareOf(row, rows);
      const verdict = share >= TARGET ? 'met' : `missed by ${((TARGET - share) * 100).toFixed(0)} points`;
      ratio = `${(share * 100).toFixed(0)}% (${verdict})`;
    }
    const cells = [row.scenario.name, row.role, row.rulesOff ? 'OFF' : 'ON', row.requestsPerSecond.toFixed(1)];
    cells.push(formatMs(row.p50), formatMs(row.p99), row.queries, row.non2xx + row.errors, ratio);
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
};

/** When dist/ (what the benchmark boots) was last compiled. */
const distCompiledAt = () => fs.statSync(path.join(DIST, 'src', 'index.js')).mtime;

/** Which build was measured: the commit checked out and when dist/ was compiled. */
const appVersion = () => {
  let commit = 'unknown commit';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT }).toString().trim();
  } catch {
    // not a git checkout: the compile date alone still identifies the build
  }
  return `git ${commit}, \`dist/\` compiled ${distCompiledAt().toISOString().slice(0, 16).replace('T', ' ')} UTC`;
};

const renderResults = (run) => {
  const { counts, options } = run;
  const cpu = os.cpus();
  const hidden = ((counts.hiddenTasks / counts.tasks) * 100).toFixed(0);
  const clientRows = run.rows.filter((row) => !row.rulesOff && row.role === 'Client Manager');
  const met = clientRows.filter((row) => shareOf(row, run.rows) >= TARGET).length;
  return [
    `## Latest run${options.scale === 1 ? '' : ` (smoke run, scale ${options.scale}: not for comparison)`}`,
    '',
    `- Date: ${run.date.toISOString().slice(0, 16).replace('T', ' ')} UTC; app: ${run.build}`,
    `- Machine: ${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown CPU'}), ` +
      `${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${os.type()} ${os.release()}, Node ${process.version}. ` +
      'The app, the database and the load generator share these cores ' +
      `(1-minute load average before the run: ${run.load.toFixed(2)}).`,
    `- Database: ${run.database}`,
    `- Dataset: ${counts.companies} client companies (${counts.clientUsers} client users) and ` +
      `${counts.agencyMembers} agency members, ${count(counts.projects)} projects, ${count(counts.budgets)} budgets, ` +
      `${count(counts.tasks)} tasks (${count(counts.hiddenTasks)}, ${hidden}%, hidden from clients), ` +
      `${count(counts.comments)} comments, ${count(counts.timeEntries)} time entries`,
    `- Seeding: ${seconds(run.seedMs)} of bulk INSERTs${options.dialect === 'postgres' ? ' and ANALYZE' : ''}, ` +
      `after a first boot of ${seconds(run.schemaMs)} that created the schema, the roles and the Owner`,
    `- Load: autocannon, ${options.connections} connections, ${options.duration} s per scenario after a ` +
      `${options.warmup} s warm-up; each mode boots in a fresh Node process with NODE_ENV=development ` +
      '(rules OFF = `PORTAL_RULES_OFF=true`, refused in production), log level error',
    '- Readers: the Client is a Client Manager (role `client`) who is a member of the project; the budget has ' +
      'client access. The Owner reads the same URLs. With the rules ON the Client sees ' +
      `${count(run.expected.clientVisibleTasks)} of the ${count(counts.tasks)} tasks, with them OFF all of them.`,
    '- queries/req: SQL statements of one request on the idle app (knex `query` events), including the 6 of ' +
      'authentication and the `BEGIN`/`COMMIT` around each document-service read',
    '',
    renderTable(run.rows),
    '',
    `Client scenarios at >= 85% of rules-OFF throughput: **${met} of ${clientRows.length}**.`,
  ].join('\n');
};

const DOC_INTRO = `# Benchmarks

\`npm run bench\` measures what the access rules cost. It bulk-loads a large agency
(50 client companies, 500 projects, 50,000 tasks of which 20% are hidden from
clients, 200,000 time entries) into a fresh database with plain SQL inserts, boots
the real app from \`dist/\` with the rules ON, then with the rules OFF
(\`PORTAL_RULES_OFF=true\`: plain Strapi, refused in production), and loads the main
client reads with autocannon as a Client Manager and as the Owner. It counts the SQL
queries of one request per scenario and rewrites the section between the
\`bench:results\` markers below; the rest of this file is kept.

Target: with the rules ON, each client read keeps **at least 85%** of the throughput
of the same read with the rules OFF.

\`\`\`sh
npm run bench                                   # full run on PostgreSQL (fresh database ap_bench)
npm run bench -- --sqlite                       # on SQLite (.tmp/bench.db); or BENCH_DATABASE=sqlite
npm run bench -- --scale 0.02 --duration 3 --out /tmp/bench.md   # quick smoke run
\`\`\`

| variable / flag | meaning | default |
| --- | --- | --- |
| \`BENCH_DATABASE_URL\` | benchmark database; its name must contain "bench" (dropped and recreated on every run) | \`postgres://postgres@127.0.0.1:5432/ap_bench\` |
| \`BENCH_DATABASE_ADMIN_URL\` | connection that drops and creates it | \`postgres://postgres@127.0.0.1:5432/test\` |
| \`--scale N\` | dataset size factor | \`1\` |
| \`--duration S\`, \`--warmup S\` | seconds of load per scenario, and of warm-up before it | \`10\`, \`3\` |
| \`--connections N\` | concurrent connections | \`10\` |
| \`--out FILE\` | report file | \`docs/benchmarks.md\` |
| \`--sql\` | print the SQL of each counted request | off |

The app must be compiled (\`dist/\`, e.g. by \`npm run build\`) before a run.
`;

/** Formatted as `prettier --check` (npm run lint) expects, when Prettier is installed. */
const formatMarkdown = async (text, file) => {
  try {
    const prettier = require('prettier');
    return await prettier.format(text, { ...(await prettier.resolveConfig(file)), filepath: file });
  } catch (error) {
    if (error.code !== 'MODULE_NOT_FOUND') throw error;
    return text;
  }
};

/** Rewrites the results between the markers, keeping the rest of the file. */
const writeReport = async (file, results) => {
  const section = `${MARK_START}\n\n${results}\n\n${MARK_END}`;
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const start = current.indexOf(MARK_START);
  const end = current.indexOf(MARK_END);
  const next =
    start >= 0 && end > start
      ? `${current.slice(0, start)}${section}${current.slice(end + MARK_END.length)}`
      : `${DOC_INTRO}\n${section}\n`;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, await formatMarkdown(next, file));
};

const main = async () => {
  const options = parseOptions();
  if (!fs.existsSync(path.join(DIST, 'src', 'index.js'))) {
    throw new Error('dist/ is missing: compile the app first (npm run build)');
  }
  const date = new Date();
  const build = appVersion();
  const compiledAt = distCompiledAt().getTime();
  // Other work on these few cores skews every number: say so up front, and in the report.
  const load = os.loadavg()[0];
  if (load > 0.5) log(`warning: load average ${load.toFixed(2)} before the run; results will be noisy`);
  log(`database: ${options.dialect}; scale ${options.scale}; ${options.duration} s per scenario`);
  const database = await recreateDatabase(options.dialect);

  // 1. First boot on the empty database: Strapi creates the schema, the portal roles and the Owner.
  let started = Date.now();
  const schemaApp = await boot(options.dialect, false);
  const schemaMs = Date.now() - started;
  log(`schema created in ${(schemaMs / 1000).toFixed(1)} s; seeding…`);
  let seeded;
  started = Date.now();
  try {
    const knex = schemaApp.strapi.db.connection;
    seeded = await seed(knex, { dialect: options.dialect, scale: options.scale, log });
    // Fresh planner statistics, as autovacuum would gather soon after such a load.
    if (options.dialect === 'postgres') await knex.raw('ANALYZE');
  } finally {
    await schemaApp.strapi.destroy();
  }
  const seedMs = Date.now() - started;
  log(`seeded in ${(seedMs / 1000).toFixed(1)} s`);

  const plan = planFor(options.scale);
  const expected = {
    tasks: seeded.counts.tasks,
    clientVisibleTasks: plan.projectsPerCompany * plan.tasksPerProject * (1 - 1 / plan.hiddenEvery),
  };

  // 2. Rules ON (the product), then OFF (the baseline), on the same data.
  const rulesOn = await measureMode(options, seeded.fixtures, expected, false);
  const rulesOff = await measureMode(options, seeded.fixtures, expected, true);
  // Both modes measure in the same order: pair each rules-ON line with its rules-OFF line.
  const rows = rulesOn.flatMap((row, index) => [row, rulesOff[index]]);

  // Both modes must have run the same build: a recompile in between would make the comparison meaningless.
  if (distCompiledAt().getTime() !== compiledAt) throw new Error('dist/ was recompiled during the run: run again');
  const { counts } = seeded;
  const results = renderResults({ options, date, database, build, load, counts, schemaMs, seedMs, expected, rows });
  await writeReport(options.out, results);
  console.log(`\n${await formatMarkdown(results, options.out)}\n`);
  log(`written to ${path.relative(process.cwd(), options.out) || options.out}`);
};

const watchdog = setTimeout(() => {
  console.error(`[bench] gave up after ${RUN_LIMIT_MS / 60_000} minutes`);
  process.exit(2);
}, RUN_LIMIT_MS);
watchdog.unref();

main().then(
  () => process.exit(0),
  (error) => {
    console.error('[bench] failed:', error);
    process.exit(1);
  }
);
