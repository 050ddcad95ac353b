/** GET /api/client-portal/ready (docs/operations.md#health-readiness-and-shutdown): 200 when `ready`, 503 otherwise, with every check. */
export interface Readiness {
  ready: boolean;
  checks: {
    database: 'ok' | 'unreachable';
    migrations: 'done' | 'pending';
    outbox: 'running' | 'stopped';
    shutdown: 'no' | 'draining';
  };
}
