import { startApp, type TestApp } from '../harness/app';
import { databaseClient } from '../harness/database';
import { fixtures, type Person, type Row } from '../harness/fixtures';
import { startSecondProcess, type SecondProcess } from '../harness/second-process';

/**
 * Operations (docs/operations.md#health-readiness-and-shutdown): `/_health` (alive), `/api/client-portal/ready` (database, boot,
 * mail worker, not shutting down), and SIGTERM draining the requests in flight while a
 * load balancer sends new work to the other instance.
 */
describe(`health, readiness and shutdown on ${databaseClient()}`, () => {
  let app: TestApp;
  let owner: Person;
  let project: Row;

  beforeAll(async () => {
    app = await startApp();
    const make = fixtures(app);
    owner = await make.person({ role: 'owner' });
    project = await make.project(await make.company({ name: 'Acme' }), { leader: owner });
  });

  afterAll(() => app?.stop());

  it('answers /_health and a ready probe without authentication', async () => {
    expect((await app.http.get('/_health')).status).toBe(204);
    const ready = await app.http.get('/api/client-portal/ready');
    expect(ready.status).toBe(200);
    expect(ready.headers.get('cache-control')).toBe('no-store');
    expect(ready.body).toEqual({
      ready: true,
      checks: { database: 'ok', migrations: 'done', outbox: 'running', shutdown: 'no' },
    });
  });

  it('is not ready while its mail worker is stopped', async () => {
    const outbox = app.strapi.plugin('client-portal').service('outbox') as { start(): void; stop(): Promise<void> };
    await outbox.stop();
    try {
      const stopped = await app.http.get('/api/client-portal/ready');
      expect(stopped.status).toBe(503);
      expect(stopped.body).toMatchObject({ ready: false, checks: { outbox: 'stopped', database: 'ok' } });
    } finally {
      outbox.start();
    }
    expect((await app.http.get('/api/client-portal/ready')).status).toBe(200);
  });

  it('on SIGTERM finishes the request in flight, takes no new connection, and the other instance serves on', async () => {
    const second: SecondProcess = await startSecondProcess(app.env);
    const marker = `drain-${Date.now()}`;
    const created: string[] = [];
    const failures: string[] = [];
    let stopping = false;
    // SQLite serves one writing instance: there the survivor's load only reads.
    const writes = databaseClient() === 'postgres';

    /** A small load balancer: the survivor always, the stopping instance until it refuses connections. */
    const load = async (worker: number) => {
      for (let round = 0; !stopping || round < 3; round += 1) {
        const write = writes && round % 2 === 0;
        const title = `${marker}-load-${worker}-${round}`;
        const response = await (
          write
            ? app.http.post('/api/tasks', { data: { project: project.documentId, title } }, owner.jwt)
            : app.http.get('/api/tasks?pagination[pageSize]=5', owner.jwt)
        ).catch((error: Error) => ({ status: 0, text: error.message, body: null }));
        if (response.status >= 300 || response.status === 0) failures.push(`${response.status} ${response.text}`);
        else if (write) created.push(title);
      }
    };
    const survivors = Promise.all([0, 1, 2, 3].map(load));

    // A request whose body arrives slowly is in flight on the second instance when SIGTERM comes.
    const slowTitle = `${marker}-in-flight`;
    const body = JSON.stringify({ data: { project: project.documentId, title: slowTitle } });
    let release: () => void = () => undefined;
    const rest = new Promise<void>((resolve) => (release = resolve));
    const stream = new ReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(new TextEncoder().encode(body.slice(0, 10)));
        await rest;
        controller.enqueue(new TextEncoder().encode(body.slice(10)));
        controller.close();
      },
    });
    const inFlight = fetch(`${second.baseUrl}/api/tasks`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${owner.jwt}`,
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength(body)),
      },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    await new Promise((resolve) => setTimeout(resolve, 300));

    const stopped = second.stop();
    await new Promise((resolve) => setTimeout(resolve, 500));
    // Draining: no new connection is accepted, the load balancer sends work elsewhere.
    const refused = await fetch(`${second.baseUrl}/api/tasks`, {
      headers: { authorization: `Bearer ${owner.jwt}` },
    }).then(
      (response) => `answered ${response.status}`,
      (error: Error & { cause?: { code?: string } }) => error.cause?.code ?? error.message
    );
    expect(refused).toBe('ECONNREFUSED');

    release();
    const answered = await inFlight;
    expect(answered.status).toBe(201);
    expect(answered.headers.get('connection')).toBe('close');
    await stopped;
    stopping = true;
    await survivors;

    expect(failures).toEqual([]);
    const stored = (await app.strapi.db.query('api::task.task').findMany({
      where: { title: { $startsWith: marker } },
      select: ['title'],
    })) as { title: string }[];
    expect(stored.map((row) => row.title).sort()).toEqual([...created, slowTitle].sort());
  }, 60_000);
});
