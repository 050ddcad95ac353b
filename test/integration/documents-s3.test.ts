import fs from 'fs';
import http from 'http';
import os from 'os';
import path from 'path';
import zlib from 'zlib';
import type { AddressInfo } from 'net';
import {
  CreateBucketCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { startApp, type TestApp } from '../harness/app';
import { createTestDatabase, databaseClient, type TestDatabase } from '../harness/database';
import { fixtures, type Person, type Row } from '../harness/fixtures';
import { buildWorld } from '../harness/world';
import { startSecondProcess } from '../harness/second-process';

const BUCKET = 'portal-documents';
/** s3rver's built-in account. */
const ACCESS_KEY = 'S3RVER';
const CONTENT = Buffer.from('%PDF-1.4\nCANARY-s3-document-7c2e\n%%EOF\n');
const HIDDEN_CONTENT = Buffer.from('%PDF-1.4\nCANARY-s3-hidden-document-93fa\n%%EOF\n');

/** Canned ACLs under which S3 serves an object to anyone. */
const PUBLIC_ACLS = new Set(['public-read', 'public-read-write']);

interface TestS3 {
  endpoint: string;
  client: S3Client;
  keys(): Promise<string[]>;
  exists(key: string): Promise<boolean>;
  stop(): Promise<void>;
}

/**
 * A real S3-compatible server (s3rver) on a random loopback port. s3rver stores, signs and
 * expires presigned requests like S3 but keeps no ACLs: an anonymous GET gets any object. The
 * front below applies S3's rule instead: an object is private unless written with a public
 * canned ACL, and an unsigned request for a private one is refused (403 AccessDenied).
 */
const startS3 = async (): Promise<TestS3> => {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-s3-'));
  const handle = new S3rver({ directory, silent: true }).callback();
  const acls = new Map<string, string>();
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://s3.test');
    const query = url.searchParams;
    const signed = Boolean(request.headers.authorization) || query.has('X-Amz-Signature') || query.has('Signature');
    const writesObject =
      (request.method === 'PUT' && !query.has('partNumber')) || (request.method === 'POST' && query.has('uploads'));
    if (signed && writesObject) acls.set(url.pathname, String(request.headers['x-amz-acl'] ?? 'private'));
    if (!signed && !PUBLIC_ACLS.has(acls.get(url.pathname) ?? 'private')) {
      response.writeHead(403, { 'content-type': 'application/xml' });
      response.end('<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code></Error>');
      return;
    }
    handle(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: ACCESS_KEY, secretAccessKey: ACCESS_KEY },
  });
  await client.send(new CreateBucketCommand({ Bucket: BUCKET }));
  return {
    endpoint,
    client,
    async keys() {
      const listed = await client.send(new ListObjectsV2Command({ Bucket: BUCKET }));
      return (listed.Contents ?? []).map((object) => object.Key!).sort();
    },
    async exists(key) {
      try {
        await client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }));
        return true;
      } catch (error) {
        if ((error as { name?: string }).name === 'NotFound') return false;
        throw error;
      }
    },
    async stop() {
      client.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
};

/** A 300×300 PNG: large enough for the upload plugin to store a thumbnail object beside it. */
const png = (): Buffer => {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const size = 300;
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bits per channel
  header[9] = 2; // RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(size * 3, 0x7f)]);
  const pixels = zlib.deflateSync(Buffer.concat(Array.from({ length: size }, () => row)));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', pixels),
    chunk('IEND', Buffer.alloc(0)),
  ]);
};

// First: a refused boot stops while Strapi still loads files, which must finish before the file ends.
describe(`S3 settings at boot on ${databaseClient()}`, () => {
  const valid = {
    PORTAL_S3_BUCKET: BUCKET,
    PORTAL_S3_ENDPOINT: 'http://127.0.0.1:9',
    PORTAL_S3_ACCESS_KEY_ID: ACCESS_KEY,
    PORTAL_S3_SECRET_ACCESS_KEY: ACCESS_KEY,
  };

  it.each([
    ['an endpoint that is not a URL', { PORTAL_S3_ENDPOINT: 's3.internal:9000' }, 'PORTAL_S3_ENDPOINT'],
    ['a missing access key', { PORTAL_S3_ACCESS_KEY_ID: '' }, 'PORTAL_S3_ACCESS_KEY_ID'],
    ['a missing secret', { PORTAL_S3_SECRET_ACCESS_KEY: '' }, 'PORTAL_S3_SECRET_ACCESS_KEY'],
    ['an endpoint without a bucket', { PORTAL_S3_BUCKET: '' }, 'PORTAL_S3_ENDPOINT'],
  ])('refuses to boot with %s, naming the variable', async (_label, change, variable) => {
    await expect(startApp({ env: { ...valid, ...change } })).rejects.toThrow(variable);
  });
});

/** docs/operations.md#documents-storage: documents in a private S3-compatible bucket, behind the same access checks. */
describe(`documents on S3-compatible storage on ${databaseClient()}`, () => {
  let s3: TestS3;
  let database: TestDatabase;
  let app: TestApp;
  /** Each instance keeps "local" files in its own directory: a file found there was not in the bucket. */
  let localDirs: string[];
  let owner: Person;
  let member: Person;
  let client: Person;
  let stranger: Person;
  let project: Row;
  let visibleId: string;
  let visibleKey: string;

  const s3Environment = (filesDir: string): Record<string, string> => ({
    PORTAL_S3_BUCKET: BUCKET,
    PORTAL_S3_ENDPOINT: s3.endpoint,
    PORTAL_S3_REGION: 'us-east-1',
    PORTAL_S3_ACCESS_KEY_ID: ACCESS_KEY,
    PORTAL_S3_SECRET_ACCESS_KEY: ACCESS_KEY,
    PORTAL_FILES_DIR: filesDir,
  });
  const localFiles = () => localDirs.flatMap((dir) => (fs.existsSync(dir) ? fs.readdirSync(dir) : []));

  beforeAll(async () => {
    s3 = await startS3();
    localDirs = [0, 1, 2].map(() => fs.mkdtempSync(path.join(os.tmpdir(), 'portal-files-')));
    database = await createTestDatabase();
    app = await startApp({ database, keepDatabase: true, env: s3Environment(localDirs[0]) });
    const world = await buildWorld(fixtures(app), {
      people: { owner: {}, member: {}, client: {}, stranger: { role: 'client-plus', company: 'globex' } },
      globexProject: true,
    });
    ({ owner, member, client, stranger } = world.people);
    ({ project } = world);
  });
  afterAll(async () => {
    await app?.stop();
    await database?.drop();
    await s3?.stop();
    for (const dir of localDirs ?? []) fs.rmSync(dir, { recursive: true, force: true });
  });

  const upload = async (
    person: Person,
    fields: Record<string, string>,
    file: { name: string; type: string; content: Buffer } = {
      name: 'brief.pdf',
      type: 'application/pdf',
      content: CONTENT,
    }
  ) => {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    form.append('file', new Blob([file.content], { type: file.type }), file.name);
    const response = await fetch(`${app.baseUrl}/api/documents/upload`, {
      method: 'POST',
      headers: { authorization: `Bearer ${person.jwt}` },
      body: form,
    });
    return { status: response.status, body: (await response.json()) as any };
  };
  const download = (baseUrl: string, person: Person, documentId: string) =>
    fetch(`${baseUrl}/api/documents/${documentId}/download`, { headers: { authorization: `Bearer ${person.jwt}` } });
  const storedFile = async (documentId: string) =>
    (await app.strapi.db.query('api::document.document').findOne({ where: { documentId }, populate: ['file'] })).file;
  const objectBytes = async (key: string) => {
    const object = await s3.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    return Buffer.from(await object.Body!.transformToByteArray());
  };

  it('stores an upload as a private object in the bucket, nothing on local disk', async () => {
    const created = await upload(client, { project: project.documentId, title: 'Brief' });
    expect(created.status).toBe(201);
    visibleId = created.body.data.documentId;
    const file = await storedFile(visibleId);
    visibleKey = `${file.hash}${file.ext}`;
    expect(file.provider_metadata).toEqual({ bucket: BUCKET, key: visibleKey });
    expect(file.url).toBe(`s3://${BUCKET}/${visibleKey}`);

    expect(await s3.keys()).toEqual([visibleKey]);
    expect(await objectBytes(visibleKey)).toEqual(CONTENT);
    expect(localFiles()).toEqual([]);

    // Private: an unsigned request for the object is refused, while a public-read one is served.
    const anonymous = await fetch(`${s3.endpoint}/${BUCKET}/${visibleKey}`);
    expect(anonymous.status).toBe(403);
    expect(await anonymous.text()).not.toContain('CANARY');
    await s3.client.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: 'control/public.txt', Body: 'public', ACL: 'public-read' })
    );
    expect((await fetch(`${s3.endpoint}/${BUCKET}/control/public.txt`)).status).toBe(200);

    const response = await download(app.baseUrl, client, visibleId);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toContain('attachment; filename="brief.pdf"');
    expect(response.headers.get('content-length')).toBe(String(CONTENT.length));
    expect(Buffer.from(await response.arrayBuffer())).toEqual(CONTENT);
    expect((await download(app.baseUrl, stranger, visibleId)).status).toBe(404);
  });

  // Two Strapi processes share one database only on PostgreSQL (docs/operations.md#several-instances).
  if (databaseClient() === 'postgres') {
    it('serves the file through a second process running at the same time', async () => {
      const second = await startSecondProcess({ ...app.env, ...s3Environment(localDirs[1]) });
      try {
        const response = await second.http.get(`/api/documents/${visibleId}/download`, client.jwt);
        expect(response.status).toBe(200);
        expect(response.text).toBe(CONTENT.toString());
        expect((await second.http.get(`/api/documents/${visibleId}/download`, stranger.jwt)).status).toBe(404);
      } finally {
        await second.stop();
      }
    });
  }

  it('serves the file through another instance booted on the same database', async () => {
    const { env } = app;
    await app.stop();
    app = await startApp({ database, keepDatabase: true, env: { ...env, ...s3Environment(localDirs[2]) } });
    for (const person of [client, member, owner]) {
      const response = await download(app.baseUrl, person, visibleId);
      expect(response.status).toBe(200);
      expect(Buffer.from(await response.arrayBuffer())).toEqual(CONTENT);
    }
    expect((await download(app.baseUrl, stranger, visibleId)).status).toBe(404);
    expect(localFiles()).toEqual([]);
  });

  it('never lets a client reach a hidden document’s object or any presigned URL', async () => {
    const hidden = await upload(
      member,
      { project: project.documentId, title: 'Internal', hiddenFromClients: 'true' },
      { name: 'internal.pdf', type: 'application/pdf', content: HIDDEN_CONTENT }
    );
    expect(hidden.status).toBe(201);
    const hiddenId: string = hidden.body.data.documentId;
    const file = await storedFile(hiddenId);
    const hiddenKey = `${file.hash}${file.ext}`;
    expect(await objectBytes(hiddenKey)).toEqual(HIDDEN_CONTENT);

    const denied = await download(app.baseUrl, client, hiddenId);
    expect(denied.status).toBe(404);
    expect(await denied.text()).not.toContain('CANARY');

    // Staff reading the same paths do get the key and a presigned URL: the search below can find them.
    const asMember = await app.http.get(`/api/documents/${hiddenId}?populate=*`, member.jwt);
    expect(asMember.text).toContain(hiddenKey);
    expect(asMember.text).toContain('X-Amz-Signature');

    const endpointHost = new URL(s3.endpoint).host;
    for (const route of [
      '/api/documents',
      '/api/documents?populate=*',
      '/api/documents?populate[file]=true&filters[hiddenFromClients]=true',
      `/api/documents/${hiddenId}`,
      `/api/documents/${hiddenId}?populate=*`,
      `/api/documents/${visibleId}?populate=*`,
      `/api/projects/${project.documentId}?populate=*`,
      `/api/activities?project=${project.documentId}`,
    ]) {
      const response = await app.http.get(route, client.jwt);
      for (const secret of [hiddenKey, file.hash, visibleKey, 'X-Amz-', endpointHost, 's3://', 'CANARY']) {
        expect({ route, leaked: response.text.includes(secret) ? secret : null }).toEqual({ route, leaked: null });
      }
    }
  });

  it('gives staff presigned links that work and expire after five minutes', async () => {
    const read = await app.http.get(`/api/documents/${visibleId}?populate[file]=true`, member.jwt);
    const url = new URL(read.body.data.file.url);
    expect(`${url.origin}${url.pathname}`).toBe(`${s3.endpoint}/${BUCKET}/${visibleKey}`);
    expect(url.searchParams.get('X-Amz-Expires')).toBe('300');
    expect(url.searchParams.get('response-content-disposition')).toContain('attachment; filename="brief.pdf"');
    const fine = await fetch(url);
    expect(fine.status).toBe(200);
    expect(fine.headers.get('content-disposition')).toContain('attachment');
    expect(Buffer.from(await fine.arrayBuffer())).toEqual(CONTENT);

    const expired: string = await app.strapi
      .plugin('client-portal')
      .service('files')
      .signedUrl(await storedFile(visibleId), Date.now() - 301_000);
    const refused = await fetch(expired);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('expired');
  });

  it('removes the objects (and the thumbnail) when the document is deleted for good', async () => {
    const created = await upload(
      member,
      { project: project.documentId, title: 'Mock-up' },
      {
        name: 'mockup.png',
        type: 'image/png',
        content: png(),
      }
    );
    expect(created.status).toBe(201);
    const id: string = created.body.data.documentId;
    const file = await storedFile(id);
    const keys = [`${file.hash}${file.ext}`, file.formats.thumbnail.provider_metadata.key];
    expect(file.formats.thumbnail.provider_metadata.bucket).toBe(BUCKET);
    for (const key of keys) expect(await s3.exists(key)).toBe(true);

    // The trash keeps the file (it can be restored); deleting for good removes the objects.
    expect((await app.http.del(`/api/documents/${id}`, member.jwt)).status).toBe(204);
    for (const key of keys) expect(await s3.exists(key)).toBe(true);
    expect((await download(app.baseUrl, member, id)).status).toBe(404);
    const purge = await app.http.del(`/api/client-portal/trash/api::document.document/${id}`, owner.jwt);
    expect(purge.status).toBe(204);
    for (const key of keys) expect(await s3.exists(key)).toBe(false);
    expect(localFiles()).toEqual([]);
  });

  it.each([
    ['the file row is refused', 'plugin::upload.file', 'beforeCreate'] as const,
    ['attaching the file to the document fails', 'api::document.document', 'beforeUpdate'] as const,
  ])('removes every object written when %s and the upload rolls back', async (_label, model, hook) => {
    const objects = await s3.keys();
    const documents = await app.strapi.db.query('api::document.document').count({});
    const files = await app.strapi.db.query('plugin::upload.file').count({});
    let failed = 0;
    const unsubscribe = app.strapi.db.lifecycles.subscribe({
      models: [model],
      [hook]: (event: { params: { data?: { file?: unknown } } }) => {
        // Only the update that attaches the file: the document itself was created fine.
        if (hook === 'beforeUpdate' && event.params.data?.file === undefined) return;
        failed += 1;
        throw new Error('injected failure');
      },
    });
    try {
      const response = await upload(
        member,
        { project: project.documentId },
        {
          name: 'failing.png',
          type: 'image/png',
          content: png(),
        }
      );
      expect(response.status).toBe(500);
    } finally {
      unsubscribe();
    }
    expect(failed).toBe(1);
    expect(await s3.keys()).toEqual(objects);
    expect(await app.strapi.db.query('api::document.document').count({})).toBe(documents);
    expect(await app.strapi.db.query('plugin::upload.file').count({})).toBe(files);
  });
});
