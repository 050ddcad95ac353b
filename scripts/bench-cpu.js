/**
 * CPU time of the database server, for `npm run bench`: what a request costs, counted where it
 * is spent, rather than inferred from req/s, which on a few shared cores moves by more than the
 * 5% the targets resolve (the app, the database and the load generator take turns on them).
 */
'use strict';

const fs = require('fs');

/**
 * Nanoseconds each local PostgreSQL process (postmaster, backends, background workers) has run,
 * by pid, from /proc/<pid>/schedstat (ns resolution; /proc/<pid>/stat counts 10 ms ticks).
 * Empty when PostgreSQL is not on this machine or /proc cannot tell.
 */
const databaseCpuNs = () => {
  const byPid = new Map();
  let pids = [];
  try {
    pids = fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return byPid;
  }
  for (const pid of pids) {
    try {
      if (fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== 'postgres') continue;
      const [runNs] = fs.readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ');
      byPid.set(pid, Number(runNs));
    } catch {
      // the process ended between the listing and the read: its time is not ours to count
    }
  }
  return byPid;
};

/**
 * Milliseconds the database ran between two snapshots: every process seen at the end, less what
 * it had run at the start (a backend that connected in between counts whole). A backend that
 * ended in between is lost; the app's pool keeps its connections while it is loaded.
 * `undefined` when no PostgreSQL process was seen (a remote server, or SQLite).
 */
const databaseCpuMsBetween = (before, after) => {
  if (after.size === 0) return undefined;
  let ns = 0;
  for (const [pid, runNs] of after) ns += runNs - (before.get(pid) ?? 0);
  return ns / 1e6;
};

module.exports = { databaseCpuNs, databaseCpuMsBetween };
