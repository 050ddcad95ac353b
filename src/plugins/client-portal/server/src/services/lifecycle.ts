import type { Core } from '@strapi/strapi';
import type { Readiness } from '../../../shared/contracts';
import { getService } from '../utils/get-service';

/** How long a readiness probe waits for the database before calling it unreachable. */
const DATABASE_TIMEOUT_MS = 2000;

/**
 * Readiness and shutdown (docs/operations.md#health-readiness-and-shutdown). `ready()` answers a load balancer's probe: the
 * database answers, the boot (migrations, the plugin's bootstrap) is done, the mail
 * worker runs, and the instance is not shutting down. `drain()` runs first in the
 * plugin's `destroy` (SIGTERM): it stops accepting connections, tells keep-alive clients
 * to go elsewhere (`Connection: close`, see middlewares/drain.ts) and waits for the
 * requests in flight before Strapi closes the rest.
 */
const lifecycle = ({ strapi }: { strapi: Core.Strapi }) => {
  let booted = false;
  let draining = false;
  let inFlight = 0;
  const idle: (() => void)[] = [];

  const databaseAnswers = async (): Promise<boolean> => {
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), DATABASE_TIMEOUT_MS);
      });
      await Promise.race([strapi.db.connection.raw('select 1'), timeout]);
      return true;
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  };

  return {
    /** End of the plugin's bootstrap: Strapi ran its migrations and schema sync before it. */
    markBooted() {
      booted = true;
    },

    get draining() {
      return draining;
    },

    /** Around every request (middlewares/drain.ts): what `drain` waits for. */
    async track<T>(handle: () => Promise<T>): Promise<T> {
      inFlight += 1;
      try {
        return await handle();
      } finally {
        inFlight -= 1;
        if (inFlight === 0) idle.splice(0).forEach((resolve) => resolve());
      }
    },

    async ready(): Promise<Readiness> {
      const database = await databaseAnswers();
      const outbox = getService(strapi, 'outbox').alive();
      const checks = {
        database: database ? 'ok' : 'unreachable',
        migrations: booted ? 'done' : 'pending',
        outbox: outbox ? 'running' : 'stopped',
        shutdown: draining ? 'draining' : 'no',
      } as const;
      return { ready: database && booted && outbox && !draining, checks };
    },

    /** Stops taking connections and waits (at most `timeoutMs`) for the requests in flight. */
    async drain(timeoutMs: number): Promise<void> {
      draining = true;
      const server = strapi.server?.httpServer;
      if (server?.listening) server.close();
      if (inFlight === 0) return;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        new Promise<void>((resolve) => idle.push(resolve)),
        new Promise<void>((resolve) => {
          timer = setTimeout(resolve, timeoutMs);
        }),
      ]);
      clearTimeout(timer);
      if (inFlight > 0) strapi.log.warn(`[client-portal] shutting down with ${inFlight} requests still running`);
    },
  };
};

export default lifecycle;
