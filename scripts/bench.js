#!/usr/bin/env node
/**
 * `npm run bench`: seeds a large agency into a fresh database with bulk SQL inserts,
 * boots the real (compiled) app twice, side by side — access rules ON and OFF
 * (PORTAL_RULES_OFF, plain Strapi) — and in each mode counts the SQL statements of one
 * request and times 100 sequential requests per scenario on the idle app; then loads
 * every scenario (client reads, budget summary, timesheet, reports, activity feed) with
 * autocannon as the Client Manager, the Owner and a Member+ F, in rounds that alternate
 * the modes, and times a few invoice generations over 10,000 entries. Writes the
 * results, with the issue 14 targets, to docs/benchmarks.md.
 *
 *   npm run bench                                  full run on PostgreSQL (BENCH_DATABASE_URL)
 *   npm run bench -- --sqlite                      on SQLite (.tmp/bench.db); or BENCH_DATABASE=sqlite
 *   npm run bench -- --scale 0.05 --rounds 2       smoke run: 5% of the data, two rounds
 *
 * Other flags: --connections N (10), --rounds N (9), --warmup S (2), --idle N (100 sequential requests for
 * the idle p50), --invoices N (5 generations), --out FILE (docs/benchmarks.md), --sql
 * (print the SQL of each counted request), --aa (both processes rules OFF: the bench's own
 * noise). The PostgreSQL database is dropped and recreated on every run, through
 * BENCH_DATABASE_ADMIN_URL.
 */
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');
const { parseArgs } = require('util');
const { Client } = require('pg');
const { ROOT, DIST, BENCH_URL, ADMIN_URL, SQLITE_FILE, log, boot, runChild, startWorker } = require('./bench-app');
const { seed, planFor } = require('./bench-seed');
const { databaseCpuNs, databaseCpuMsBetween } = require('./bench-cpu');
const { pairedShare, judge } = require('./bench-stats');

/** Issue 14 targets. Rules-on throughput must reach this share of rules-off throughput. */
const TARGET = 0.95;
/** Idle p50 of the budget summary and the timesheet, on PostgreSQL. */
const LATENCY_TARGET_MS = 20;
/** One invoice generation over 10,000 entries. */
const INVOICE_TARGET_MS = 1000;
/** Seeding at full scale. */
const SEED_TARGET_MS = 5 * 60_000;
/** Hard stop for the whole run, whatever hangs. */
const RUN_LIMIT_MS = 75 * 60_000;
/**
 * Where a run's results go in the report file: PostgreSQL's between the `bench:results`
 * markers; a SQLite run (`sqlite`) and an A/A run (`aa`, `sqlite-aa`) each in its own section.
 */
const markers = (options) => {
  const name = [options.dialect === 'sqlite' && 'sqlite', options.aa && 'aa'].filter(Boolean).join('-') || 'results';
  return { name, start: `<!-- bench:${name}:start -->`, end: `<!-- bench:${name}:end -->` };
};

const parseOptions = () => {
  const { values } = parseArgs({
    options: {
      sqlite: { type: 'boolean', default: false },
      scale: { type: 'string', default: '1' },
      duration: { type: 'string', default: '3' },
      warmup: { type: 'string', default: '2' },
      rounds: { type: 'string', default: '9' },
      connections: { type: 'string', default: '10' },
      idle: { type: 'string', default: '100' },
      invoices: { type: 'string', default: '5' },
      out: { type: 'string', default: path.join(ROOT, 'docs', 'benchmarks.md') },
      sql: { type: 'boolean', default: false },
      aa: { type: 'boolean', default: false },
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
    rounds: Math.round(number('rounds', 1, 9)),
    connections: Math.round(number('connections', 1, 50)),
    idle: Math.round(number('idle', 1, 1000)),
    invoices: Math.round(number('invoices', 0, 20)),
    out: path.resolve(values.out),
    showSql: values.sql,
    aa: values.aa,
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

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** One autocannon run of `seconds` against `run` (in its own process, so it never competes with either app's event loop). */
const loadOnce = (options, run, seconds) =>
  runChild(
    'bench-load.js',
    {
      url: run.url,
      headers: { authorization: `Bearer ${run.token}` },
      connections: options.connections,
      duration: seconds,
    },
    (seconds + 60) * 1000
  );

/**
 * One round of one scenario in one mode: a warm-up load, then the measured load, with the CPU
 * the app's process and the database's processes ran counted around it (from the idle app to
 * the idle app again, so the requests still in flight at autocannon's deadline count too) and
 * divided by the responses the app served in that time.
 */
const measuredLoad = async (options, worker, run) => {
  const settle = () => worker.call('settle', {}, 90_000);
  // SQLite runs in the app's process: a PostgreSQL server on the machine is not part of the run.
  const databaseCpu = () => (options.dialect === 'postgres' ? databaseCpuNs() : new Map());
  const snapshot = async () => ({ app: await worker.call('cpu', {}, 10_000), db: databaseCpu() });
  if (options.warmup > 0) {
    await loadOnce(options, run, options.warmup);
    await settle();
  }
  const before = await snapshot();
  const result = await loadOnce(options, run, options.duration);
  await settle();
  const after = await snapshot();
  const served = after.app.served - before.app.served;
  const dbMs = databaseCpuMsBetween(before.db, after.db);
  return {
    ...result,
    served,
    appCpuMs: (after.app.cpuMicros - before.app.cpuMicros) / 1000 / served,
    dbCpuMs: dbMs === undefined ? undefined : dbMs / served,
  };
};

/** CPU milliseconds a request: the app's process and, where measured, the database's. */
const totalCpuMs = ({ appCpuMs, dbCpuMs }) => appCpuMs + (dbCpuMs ?? 0);

const formatCpu = (result) =>
  result.dbCpuMs === undefined
    ? result.appCpuMs.toFixed(2)
    : `${totalCpuMs(result).toFixed(2)} (app ${result.appCpuMs.toFixed(2)} + db ${result.dbCpuMs.toFixed(2)})`;

/** The order of the modes in a round, booting and loading: ON first in even rounds (1st, 3rd, …), OFF first in odd. */
const modesOf = (round) => (round % 2 === 0 ? ['ON', 'OFF'] : ['OFF', 'ON']);

/** How the log names a mode's process: in an A/A run (--aa) both run the rules OFF, as process A and B. */
const slotName = (options, mode) => (options.aa ? `process ${mode === 'ON' ? 'A' : 'B'} (rules OFF)` : `rules ${mode}`);

/**
 * Both modes run side by side, each in its own process, and every round in a fresh pair of
 * processes: how V8 happens to optimise a hot path differs from one process to the next (see
 * "A Strapi hot path, patched" in docs/benchmarks.md), and the median of three processes is not
 * at the mercy of one. The first pair is also measured (query counts, idle latency). In each
 * round the pair boots, and every scenario is loaded in both modes, in an order that
 * alternates (ON, OFF, then OFF, ON, …), so a disturbance of the shared machine (autovacuum,
 * another process, CPU frequency) falls on both modes alike; each mode's line is the median
 * round. Last, each mode times its invoice generations in the last pair.
 */
const measureModes = async (options, fixtures, expected) => {
  const bootMs = (options.idle * 2 + 300) * 17 * 1000;
  let workers = {};
  const stopWorkers = async () => {
    for (const worker of Object.values(workers)) {
      await worker.call('stop', {}, 120_000).catch(() => worker.kill());
    }
    workers = {};
  };
  const startPair = async (measure, round) => {
    workers = { ON: startWorker('bench-measure.js'), OFF: startWorker('bench-measure.js') };
    const prepared = {};
    // Booted in turn, like the loads: neither mode is always the process that booted on a quiet machine.
    for (const mode of modesOf(round)) {
      // --aa: the ON slot runs the rules OFF too, so the report shows what two processes of the same code differ by.
      const rulesOff = mode === 'OFF' || options.aa;
      prepared[mode] = await workers[mode].call('prepare', { options, fixtures, expected, rulesOff, measure }, bootMs);
    }
    return prepared;
  };
  try {
    const first = await startPair(true, 0);
    let current = first;
    const loads = first.ON.runs.map(() => ({ ON: [], OFF: [] }));
    for (let round = 0; round < options.rounds; round += 1) {
      if (round > 0) {
        await stopWorkers();
        log(`round ${round + 1} of ${options.rounds}: a fresh pair of processes`);
        current = await startPair(false, round);
      }
      for (const [index, load] of loads.entries()) {
        for (const mode of modesOf(round)) {
          const result = await measuredLoad(options, workers[mode], current[mode].runs[index]);
          load[mode].push(result);
          const { scenario, role } = first[mode].runs[index];
          log(
            `round ${round + 1}, ${scenario.name} | ${role} | ${slotName(options, mode)}: ` +
              `${result.requestsPerSecond.toFixed(1)} req/s, CPU ${formatCpu(result)} ms a request`
          );
        }
      }
    }
    const rows = [];
    for (const [index, load] of loads.entries()) {
      for (const mode of ['ON', 'OFF']) {
        const { url: _url, token: _token, ...run } = first[mode].runs[index];
        const results = load[mode];
        const row = {
          ...run,
          rulesOff: mode === 'OFF',
          requestsPerSecond: median(results.map((result) => result.requestsPerSecond)),
          rounds: results.map((result) => result.requestsPerSecond),
          p50: median(results.map((result) => result.p50)),
          p99: median(results.map((result) => result.p99)),
          cpuMs: median(results.map(totalCpuMs)),
          cpuRounds: results.map(totalCpuMs),
          appCpuMs: median(results.map((result) => result.appCpuMs)),
          dbCpuMs: results.some((result) => result.dbCpuMs === undefined)
            ? undefined
            : median(results.map((result) => result.dbCpuMs)),
          non2xx: results.reduce((sum, result) => sum + result.non2xx, 0),
          errors: results.reduce((sum, result) => sum + result.errors, 0),
        };
        rows.push(row);
        log(
          `${row.scenario.name} | ${row.role} | ${slotName(options, mode)}: ${row.requestsPerSecond.toFixed(1)} req/s ` +
            `(rounds ${row.rounds.map((value) => value.toFixed(1)).join(', ')}), p50 ${row.p50} ms, ` +
            `p99 ${row.p99} ms, CPU ${formatCpu(row)} ms a request, ${row.queries} queries/request` +
            (row.non2xx || row.errors ? `, ${row.non2xx} non-2xx, ${row.errors} errors` : '')
        );
      }
    }
    const invoices = [];
    for (const [mode, prepared] of [
      ['ON', current.ON],
      ['OFF', current.OFF],
    ]) {
      if (options.invoices === 0) break;
      const args = { fixtures, ownerToken: prepared.ownerToken, count: options.invoices };
      const result = await workers[mode].call('invoices', args, (60 * options.invoices + 60) * 1000);
      log(
        result.error
          ? `invoice generation | Owner | ${slotName(options, mode)}: FAILED: ${result.error}`
          : `invoice generation | Owner | ${slotName(options, mode)}: ${result.entries} entries, ${result.lines} lines, ` +
              `p50 ${result.p50.toFixed(0)} ms, max ${result.max.toFixed(0)} ms, ${result.queries} queries`
      );
      invoices.push([mode, result]);
    }
    return { rows, invoices };
  } finally {
    await stopWorkers();
  }
};

const formatMs = (value) => (value >= 10 ? value.toFixed(0) : value.toFixed(1));
const count = (value) => value.toLocaleString('en-US');
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

/** The rules-OFF line of a rules-ON line. */
const offOf = (row, rows) =>
  rows.find((other) => other.rulesOff && other.scenario.key === row.scenario.key && other.role === row.role);

/** Rules-on throughput as a share of rules-off, for a rules-on line. */
const shareOf = (row, rows) => row.requestsPerSecond / offOf(row, rows).requestsPerSecond;

/**
 * The same share as the CPU a request allows: requests per CPU second with the rules ON over
 * the same with them OFF, i.e. OFF's CPU a request over ON's (the throughput of a CPU-bound
 * server, without the turns the shared cores take).
 */
const cpuShareOf = (row, rows) => offOf(row, rows).cpuMs / row.cpuMs;

/** ON over OFF in each round, by req/s and by requests per CPU second. */
const roundRatiosOf = (row, rows) => {
  const off = offOf(row, rows);
  return {
    throughput: row.rounds.map((value, round) => value / off.rounds[round]),
    cpu: row.cpuRounds.map((value, round) => off.cpuRounds[round] / value),
  };
};

const percent = (value) => `${Math.round(value * 100)}%`;

/** "97% (88–107%): cannot tell": the share round by round, its 90% interval, and where that lies against the target. */
const pairedVerdict = (paired) =>
  paired.low === undefined
    ? `${percent(paired.share)} (one round: no interval)`
    : `${percent(paired.share)} (${percent(paired.low)}–${percent(paired.high)}): ${judge(paired, TARGET)}`;

const shareVerdict = (share) =>
  // Rounded down and the gap up, so a miss never reads "95% (missed by 0 points)".
  `${Math.floor(share * 100)}% (${share >= TARGET ? 'met' : `missed by ${pointsBelow(share)}`})`;

const verdict = (met, missed) => (met ? 'met' : `missed${missed ? ` (${missed})` : ''}`);

const pointsBelow = (share) => {
  const points = Math.ceil((TARGET - share) * 100 - 1e-9);
  return `${points} point${points === 1 ? '' : 's'}`;
};

/** The per-row targets of issue 14, judged on the rules-ON line. */
const targetsOf = (row, rows, dialect) => {
  const share = shareOf(row, rows);
  const cpuShare = cpuShareOf(row, rows);
  const off = offOf(row, rows);
  const latency = !row.scenario.latencyTarget
    ? ''
    : dialect !== 'postgres'
      ? 'n/a (PostgreSQL target)'
      : verdict(row.idleP50 < LATENCY_TARGET_MS, `${formatMs(row.idleP50)} ms`);
  return {
    throughputMet: share >= TARGET,
    cpuMet: cpuShare >= TARGET,
    queriesMet: row.queries === off.queries,
    latencyMet: row.scenario.latencyTarget && dialect === 'postgres' ? row.idleP50 < LATENCY_TARGET_MS : undefined,
    throughput: shareVerdict(share),
    cpu: shareVerdict(cpuShare),
    queries: row.queries === off.queries ? 'met' : `missed (${row.queries} vs ${off.queries})`,
    latency,
  };
};

/** The Rules column: in an A/A run (--aa) both processes run the rules OFF, A on the lines judged, B as their baseline. */
const modeCell = (row, options) => (options.aa ? (row.rulesOff ? 'OFF (B)' : 'OFF (A)') : row.rulesOff ? 'OFF' : 'ON');

/** One line per scenario, reader and mode; the targets on the rules-ON line. */
const renderTable = (rows, options) => {
  const { dialect } = options;
  const lines = [
    '| Scenario | Role | Rules | req/s | rounds req/s | CPU ms/req (app + db) | rounds CPU ms/req | p50 ms | p99 ms | ' +
      'idle p50 ms | queries/req | joins/req | non-2xx / errors | ' +
      `ON/OFF req/s (>= ${TARGET * 100}%) | ON/OFF req per CPU s (>= ${TARGET * 100}%) | queries ON = OFF | ` +
      `idle p50 < ${LATENCY_TARGET_MS} ms |`,
    '| --- | --- | --- | ---: | --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | --- | --- |',
  ];
  for (const row of rows) {
    const targets = row.rulesOff
      ? { throughput: '', cpu: '', queries: '', latency: '' }
      : targetsOf(row, rows, dialect);
    const cells = [row.scenario.name, row.role, modeCell(row, options), row.requestsPerSecond.toFixed(1)];
    cells.push(row.rounds.map((value) => value.toFixed(0)).join(' / '));
    cells.push(
      row.dbCpuMs === undefined
        ? row.cpuMs.toFixed(2)
        : `${row.cpuMs.toFixed(2)} (${row.appCpuMs.toFixed(2)} + ${row.dbCpuMs.toFixed(2)})`
    );
    cells.push(row.cpuRounds.map((value) => value.toFixed(2)).join(' / '));
    cells.push(formatMs(row.p50), formatMs(row.p99), formatMs(row.idleP50), row.queries, row.joins);
    cells.push(row.non2xx + row.errors);
    cells.push(targets.throughput, targets.cpu, targets.queries, targets.latency);
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
};

/**
 * The same ON over OFF, round by round (pairedShare), per row and over all rows: each round's
 * mean over the rows is one sample, since a pair of processes fast or slow is so in every scenario.
 */
const renderRounds = (rows) => {
  const onRows = rows.filter((row) => !row.rulesOff);
  const ratios = onRows.map((row) => roundRatiosOf(row, rows));
  const shares = ratios.map(({ throughput, cpu }) => ({ throughput: pairedShare(throughput), cpu: pairedShare(cpu) }));
  const lines = [
    '| Scenario | Role | ON/OFF req/s, round by round (90% interval) | ON/OFF req per CPU s, round by round (90% interval) |',
    '| --- | --- | --- | --- |',
  ];
  for (const [index, row] of onRows.entries()) {
    const { throughput, cpu } = shares[index];
    lines.push(`| ${row.scenario.name} | ${row.role} | ${pairedVerdict(throughput)} | ${pairedVerdict(cpu)} |`);
  }
  const overRows = (kind) =>
    onRows[0].rounds.map((_, round) =>
      Math.exp(ratios.reduce((sum, ratio) => sum + Math.log(ratio[kind][round]), 0) / ratios.length)
    );
  lines.push(
    `| **All ${onRows.length} rows** | | ${pairedVerdict(pairedShare(overRows('throughput')))} | ` +
      `${pairedVerdict(pairedShare(overRows('cpu')))} |`
  );
  const judged = (kind, verdict) => shares.filter((share) => judge(share[kind], TARGET) === verdict).length;
  return {
    table: lines.join('\n'),
    summary: {
      aboveThroughput: judged('throughput', 'above'),
      belowThroughput: judged('throughput', 'below'),
      aboveCpu: judged('cpu', 'above'),
      belowCpu: judged('cpu', 'below'),
    },
  };
};

const renderInvoices = (invoices, options) => {
  const lines = [
    '| Invoice generation (Owner) | Rules | runs | entries | lines | p50 ms | max ms | queries | ' +
      `each < ${INVOICE_TARGET_MS / 1000} s |`,
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
  ];
  for (const [mode, result] of invoices) {
    const label = modeCell({ rulesOff: mode === 'OFF' }, options);
    if (result.error) {
      const reason = result.error.replace(/\|/g, '\\|').replace(/\s+/g, ' ');
      lines.push(
        `| All approved billable entries of the invoicing project | ${label} | | | | | | | failed: ${reason} |`
      );
      continue;
    }
    const cells = ['All approved billable entries of the invoicing project', label, result.runs, count(result.entries)];
    cells.push(result.lines, formatMs(result.p50), formatMs(result.max), result.queries);
    cells.push(verdict(result.max < INVOICE_TARGET_MS, `max ${formatMs(result.max)} ms`));
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
};

/** Seeding time at full scale: the scaled part grows linearly, the invoicing project is fixed. */
const seedEstimateMs = (timings, scale) => timings.scaledMs / scale + timings.fixedMs;

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
  const onRows = run.rows.filter((row) => !row.rulesOff);
  const targets = onRows.map((row) => ({ row, ...targetsOf(row, run.rows, options.dialect) }));
  const clientTargets = targets.filter(({ row }) => row.scenario.kind === 'client' && row.role === 'Client Manager');
  const throughputMet = targets.filter((target) => target.throughputMet).length;
  const cpuMet = targets.filter((target) => target.cpuMet).length;
  const queriesMet = targets.filter((target) => target.queriesMet).length;
  const latencyRows = targets.filter((target) => target.latencyMet !== undefined);
  const estimate = seedEstimateMs(run.timings, options.scale);
  const smoke = options.scale !== 1;
  const seeding =
    `- Seeding: ${seconds(run.seedMs)} of bulk INSERTs${options.dialect === 'postgres' ? ' and VACUUM ANALYZE' : ''}, ` +
    `after a first boot of ${seconds(run.schemaMs)} that created the schema, the roles and the Owner` +
    (smoke
      ? `; estimated at full scale: ${seconds(estimate)} (the ${seconds(run.timings.scaledMs)} of scaled data ` +
        `× ${(1 / options.scale).toFixed(0)}, plus ${seconds(run.timings.fixedMs)} for the fixed-size invoicing ` +
        `project; ANALYZE not included), target < 5 min: ${estimate < SEED_TARGET_MS ? 'met' : 'missed'} (estimate)`
      : `; target < 5 min: ${run.seedMs < SEED_TARGET_MS ? 'met' : 'missed'}`);
  const invoiceLines = run.invoices.filter(([, result]) => result);
  const rounds = renderRounds(run.rows);
  const { summary } = rounds;
  const title = `${options.aa ? 'A/A run' : 'Latest run'}${options.dialect === 'sqlite' ? ' on SQLite' : ''}`;
  return [
    `## ${title}${smoke ? ` (smoke run, scale ${options.scale}: not for comparison)` : ''}`,
    '',
    ...(options.aa
      ? [
          '**A/A run (`--aa`): both processes of every pair run the rules OFF.** The lines marked OFF (A) are ' +
            'judged against OFF (B) exactly as rules ON is against rules OFF in a normal run: every share below ' +
            'is what this machine and this bench report between two processes of the same code.',
          '',
        ]
      : []),
    `- Date: ${run.date.toISOString().slice(0, 16).replace('T', ' ')} UTC; app: ${run.build}`,
    `- Machine: ${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown CPU'}), ` +
      `${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${os.type()} ${os.release()}, Node ${process.version}. ` +
      'The app, the database and the load generator share these cores ' +
      `(1-minute load average before the run: ${run.load.toFixed(2)}).`,
    `- Database: ${run.database}`,
    `- Dataset: ${counts.companies} client companies (${counts.clientUsers} client users) and ` +
      `${counts.agencyMembers} agency members, ${count(counts.projects)} projects, ${count(counts.budgets)} budgets, ` +
      `${count(counts.tasks)} tasks (${count(counts.hiddenTasks)}, ${hidden}%, hidden from clients), ` +
      `${count(counts.comments)} comments, ${count(counts.timeEntries)} time entries ` +
      `(${count(counts.invoiceEntries)} of them approved, billable and uninvoiced on the invoicing project), ` +
      `${count(counts.activities)} activities`,
    seeding,
    `- Load: autocannon, ${options.connections} connections, ${options.rounds} rounds of ${options.duration} s ` +
      `per scenario and mode, each after a ${options.warmup} s warm-up, ` +
      (options.aa
        ? 'alternating the processes (A, B, then B, A, …)'
        : 'alternating the modes (ON, OFF, then OFF, ON, …)') +
      '; req/s, p50 and p99 are the median round. Each mode runs in its own Node process, both up ' +
      'side by side, a fresh pair for each round, booted in the order of the loads, with NODE_ENV=development ' +
      '(rules OFF = `PORTAL_RULES_OFF=true`, refused in production), log level error',
    '- Readers: the Client is a Client Manager (role `client`) who is a member of the project; the budget has ' +
      'client access. The Owner reads the same URLs. The Member+ F is an agency member who may manage finances ' +
      'and leads the invoicing project; the timesheet is theirs. ' +
      (options.aa
        ? `With the rules OFF in both processes the Client sees all ${count(counts.tasks)} tasks.`
        : `With the rules ON the Client sees ${count(run.expected.clientVisibleTasks)} of the ` +
          `${count(counts.tasks)} tasks, with them OFF all of them.`),
    "- CPU ms/req: the CPU time the app's process ran (all its threads" +
      (options.dialect === 'postgres'
        ? ") plus the local PostgreSQL server's processes (`/proc/<pid>/schedstat`)"
        : ', SQLite among them)') +
      ' from the idle app before a measured load to the idle app after it, over the responses it served; the ' +
      "median round. ON/OFF req per CPU s is OFF's CPU a request over ON's: the share a CPU-bound server " +
      'keeps, without the turns the app, the database and the load generator take on the shared cores, ' +
      'which move req/s by more than 5% from one round to the next',
    '- queries/req: SQL statements of one request on the idle app (knex `query` events), including the 3 of ' +
      'authentication and the `BEGIN`/`COMMIT` around each document-service read; joins/req: the JOINs of those ' +
      'statements summed (what the rules add to the SQL; print the statements with `--sql`)',
    `- idle p50: median of ${options.idle} sequential requests on the idle app, before any load runs`,
    '',
    renderTable(run.rows, options),
    '',
    'Round by round: ON over OFF in each round (a fresh pair of processes, the two loads one after the other) ' +
      'is one paired sample; the geometric mean of the rounds with its 90% interval (Student t). "above": the ' +
      `whole interval is at or above ${TARGET * 100}%; "below": the whole interval is under it; "cannot tell": ` +
      'the interval holds it, so this run cannot tell a cost of 5% from the difference between two processes. ' +
      "The last line takes each round's mean over the rows as its sample.",
    '',
    rounds.table,
    '',
    ...(invoiceLines.length > 0 ? [renderInvoices(invoiceLines, options), ''] : []),
    (options.aa
      ? 'The same targets read on the OFF (A) lines, as if they were rules ON: throughput >= '
      : 'Targets (issue 14), on the rules-ON lines: throughput >= ') +
      `${TARGET * 100}% of ${options.aa ? 'OFF (B)' : 'rules OFF'} in ` +
      `**${throughputMet} of ${targets.length}** rows by req/s ` +
      `(Client Manager reads: ${clientTargets.filter((target) => target.throughputMet).length} of ` +
      `${clientTargets.length}) and in **${cpuMet} of ${targets.length}** by requests per CPU second ` +
      `(Client Manager reads: ${clientTargets.filter((target) => target.cpuMet).length} of ` +
      `${clientTargets.length}); SQL statements equal ON and OFF in **${queriesMet} of ${targets.length}**; ` +
      (latencyRows.length > 0
        ? `budget summary and timesheet idle p50 < ${LATENCY_TARGET_MS} ms in ` +
          `**${latencyRows.filter((target) => target.latencyMet).length} of ${latencyRows.length}**`
        : `budget summary and timesheet idle p50 < ${LATENCY_TARGET_MS} ms: not judged (PostgreSQL target)`) +
      (invoiceLines.length > 0
        ? `; invoice generation < ${INVOICE_TARGET_MS / 1000} s in **${
            invoiceLines.filter(([, result]) => !result.error && result.max < INVOICE_TARGET_MS).length
          } of ${invoiceLines.length}** modes (every run)`
        : '') +
      `. Round by round (90% interval): by req/s **${summary.aboveThroughput}** rows above ${TARGET * 100}%, ` +
      `**${summary.belowThroughput}** below, the others cannot tell; by requests per CPU second ` +
      `**${summary.aboveCpu}** above, **${summary.belowCpu}** below.`,
  ].join('\n');
};

const DOC_INTRO = `# Benchmarks

\`npm run bench\` measures what the access rules cost across the product. It bulk-loads a
large agency (50 client companies, 500 projects, 50,000 tasks of which 20% are hidden
from clients, 200,000 time entries, 20,000 activities, plus an invoicing project with
10,000 approved, billable, uninvoiced entries on one budget shared with its client) into
a fresh database with plain SQL inserts, boots the real app from \`dist/\` twice, each in
its own process and both up side by side: with the rules ON, and with the rules OFF
(\`PORTAL_RULES_OFF=true\`: plain Strapi, refused in production). Then:

1. in each mode, it checks that every scenario answers 200 with data, and that the rules
   really are ON (the Client sees only its visible tasks) or OFF;
2. in each mode, it counts the SQL statements of one request per scenario and reader,
   and times 100 sequential requests on the idle app (**idle p50**);
3. it loads each scenario with autocannon, as the readers it is meant for, in rounds
   that alternate the modes (ON, OFF, then OFF, ON, …), so that whatever else disturbs
   the shared machine (autovacuum, another process, CPU frequency) falls on both modes
   alike; each round runs in a fresh pair of processes (how V8 optimises a hot path
   differs from one process to the next); each mode's line is its median round. Around
   each measured load it also counts the CPU time the app's process and the local
   PostgreSQL server's processes ran, from the idle app to the idle app again, over the
   responses served (**CPU ms/req**):

   | Scenario                                                        | Readers               |
   | --------------------------------------------------------------- | --------------------- |
   | task list (25, populate comments + assignees)                   | Client Manager, Owner |
   | one project (\`populate=*\`)                                      | Client Manager, Owner |
   | time entries of a budget (25)                                   | Client Manager, Owner |
   | budget summary \`GET /api/budgets/:documentId/summary\`           | Client Manager, Owner |
   | the project's activity feed \`GET /api/activities?project=\` (25) | Client Manager, Owner |
   | timesheet \`GET /api/timesheets?from&to&person\`, 365 days        | Owner, Member+ F      |
   | \`GET /api/reports/time?groupBy=project\`                         | Owner                 |
   | \`GET /api/reports/budgets\`, \`GET /api/reports/uninvoiced\`       | Owner, Member+ F      |

   The budget summary reads the invoicing project's budget (10,000 entries); the
   timesheet is the Member+ F's, who logged those 10,000 entries and 1/20 of the rest;

4. in each mode, it times a few single invoice generations (\`POST /api/invoices/generate\`, as the
   Owner) over all 10,000 entries of the invoicing project. This writes, so it is not
   loaded with autocannon: each draft is voided (\`POST /api/invoices/:id/void\`, which
   releases its entries) before the next generation.

A PostgreSQL run rewrites the section between the \`bench:results\` markers below, a SQLite
run the one between the \`bench:sqlite\` markers, an A/A run its own (\`bench:aa\`,
\`bench:sqlite-aa\`); the rest of this file is kept.

Targets (issue 14), judged on each rules-ON line of the report:

- rules-ON throughput **at least 95%** of the same scenario with the rules OFF, judged
  twice: by req/s under load, and by requests per CPU second (OFF's CPU ms/req over ON's),
  the throughput a CPU-bound server keeps without the turns that the app, the database and
  the load generator take on the shared cores, which move req/s by more than 5% from one
  round to the next on two of them;
- the **same number of SQL statements** per request with the rules ON and OFF;
- budget summary and timesheet: **idle p50 under 20 ms** on PostgreSQL (not judged on
  SQLite). This is single-request latency: under a load of 10 connections on 2 cores,
  p50 is dominated by queueing;
- invoice generation for 10,000 entries: **under 1 s**, every run;
- seeding: under 5 minutes at full scale (a smoke run reports an estimate: its scaled
  part × 1/scale, plus the fixed-size invoicing project).

Each share is also judged round by round: within a round ON and OFF ran in one pair of
processes, one load after the other, so ON over OFF is one paired sample per round. The
report gives their geometric mean with a 90% interval and says whether the interval lies
above 95%, below it, or holds it (this run cannot tell a 5% cost from the difference
between two processes). \`--aa\` runs the same bench with both processes OFF: what the
instrument reports between two processes of the same code, on this machine.

The custom endpoints (budget summary, timesheet, reports, invoice generation) apply the
reader's row filter in their own SQL aggregates, so \`PORTAL_RULES_OFF\` changes less for
them than for the document-service reads.

\`\`\`sh
npm run bench                                   # full run on PostgreSQL (fresh database ap_bench)
npm run bench -- --sqlite                       # on SQLite (.tmp/bench.db); or BENCH_DATABASE=sqlite
npm run bench -- --scale 0.05 --rounds 2 --warmup 1 --out /tmp/bench.md      # quick smoke run
\`\`\`

| variable / flag              | meaning                                                                                | default                                       |
| ---------------------------- | -------------------------------------------------------------------------------------- | --------------------------------------------- |
| \`BENCH_DATABASE_URL\`         | benchmark database; its name must contain "bench" (dropped and recreated on every run) | \`postgres://postgres@127.0.0.1:5432/ap_bench\` |
| \`BENCH_DATABASE_ADMIN_URL\`   | connection that drops and creates it                                                   | \`postgres://postgres@127.0.0.1:5432/test\`     |
| \`--scale N\`                  | dataset size factor (the invoicing project's 10,000 entries do not scale)              | \`1\`                                           |
| \`--rounds N\`                 | alternating load rounds per scenario and mode, each in a fresh pair of processes       | \`9\`                                           |
| \`--duration S\`, \`--warmup S\` | seconds of load per round, and of warm-up before it                                    | \`3\`, \`2\`                                      |
| \`--connections N\`            | concurrent connections                                                                 | \`10\`                                          |
| \`--idle N\`                   | sequential requests per scenario and reader for the idle p50                           | \`100\`                                         |
| \`--invoices N\`               | invoice generations timed per mode (0: none)                                           | \`5\`                                           |
| \`--out FILE\`                 | report file                                                                            | \`docs/benchmarks.md\`                          |
| \`--sql\`                      | print the SQL of each counted request                                                  | off                                           |
| \`--aa\`                       | A/A run: both processes of each pair run the rules OFF, judged as ON against OFF       | off                                           |

The app must be compiled (\`dist/\`, e.g. by \`npm run build\`) before a run. A full run
loads 17 lines, 9 rounds of 3 s per mode, each round in a fresh pair of processes (on a
shared 2-core machine one process runs 10–20% off another on the same code, rules ON or
OFF: many processes, short loads); with the defaults it takes about 45 minutes on PostgreSQL
(2 cores, seeding included).
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

/**
 * Rewrites the results between the run's markers, keeping the rest of the file. Without them,
 * a PostgreSQL run writes the file anew; any other run appends its section (it never replaces
 * another's results).
 */
const writeReport = async (file, results, options) => {
  const mark = markers(options);
  const section = `${mark.start}\n\n${results}\n\n${mark.end}`;
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const start = current.indexOf(mark.start);
  const end = current.indexOf(mark.end);
  const next =
    start >= 0 && end > start
      ? `${current.slice(0, start)}${section}${current.slice(end + mark.end.length)}`
      : mark.name !== 'results' && current
        ? `${current.trimEnd()}\n\n${section}\n`
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
    // Fresh planner statistics and no dead rows (the row-index triggers rewrite each seeded row once),
    // as autovacuum would leave them soon after such a load: otherwise it runs during the first mode.
    if (options.dialect === 'postgres') await knex.raw('VACUUM ANALYZE');
  } finally {
    await schemaApp.strapi.destroy();
  }
  const seedMs = Date.now() - started;

  log(
    `seeded in ${(seedMs / 1000).toFixed(1)} s` +
      (options.scale === 1
        ? ''
        : `; estimated at full scale ${(seedEstimateMs(seeded.timings, options.scale) / 1000).toFixed(0)} s`)
  );
  const plan = planFor(options.scale);
  const expected = {
    tasks: seeded.counts.tasks,
    // The Client Manager's projects: their company's, and the invoicing project.
    clientVisibleTasks:
      (plan.projectsPerCompany * plan.tasksPerProject + plan.invoiceTasks) * (1 - 1 / plan.hiddenEvery),
  };

  // 2. Rules ON (the product) and OFF (the baseline), side by side on the same data.
  const { rows, invoices } = await measureModes(options, seeded.fixtures, expected);

  // Both modes must have run the same build: a recompile in between would make the comparison meaningless.
  if (distCompiledAt().getTime() !== compiledAt) throw new Error('dist/ was recompiled during the run: run again');
  const { counts, timings } = seeded;
  const results = renderResults({
    options,
    date,
    database,
    build,
    load,
    counts,
    timings,
    schemaMs,
    seedMs,
    expected,
    rows,
    invoices,
  });
  await writeReport(options.out, results, options);
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
