import fs from 'fs';
import path from 'path';
import { startApp, type TestApp } from '../harness/app';
import { databaseClient } from '../harness/database';
import { fixtures, type Person, type Row } from '../harness/fixtures';
import { buildWorld } from '../harness/world';

const CONTENT = Buffer.from('%PDF-1.4\nCANARY-private-file-content-51d0\n%%EOF\n');

/** Private documents (docs/collaboration.md#documents): no public URL serves a file; downloads check access like any read. */
describe(`private documents on ${databaseClient()}`, () => {
  let app: TestApp;
  let owner: Person;
  let member: Person;
  let client: Person;
  let stranger: Person;
  let project: Row;

  beforeAll(async () => {
    app = await startApp();
    const world = await buildWorld(fixtures(app), {
      people: { owner: {}, member: {}, client: {}, stranger: { role: 'client-plus', company: 'globex' } },
      globexProject: true,
    });
    ({ owner, member, client, stranger } = world.people);
    ({ project } = world);
  });
  afterAll(() => app?.stop());

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
  const download = (person: Person, documentId: string) =>
    fetch(`${app.baseUrl}/api/documents/${documentId}/download`, {
      headers: { authorization: `Bearer ${person.jwt}` },
    });
  const storedFile = async (documentId: string) =>
    (await app.strapi.db.query('api::document.document').findOne({ where: { documentId }, populate: ['file'] })).file;
  const filesDir = () => path.join(app.strapi.dirs.app.root, '.tmp', 'private-files');

  it('stores an upload privately and serves it only to people who may see the document', async () => {
    const created = await upload(client, { project: project.documentId, title: 'Brief' });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({ title: 'Brief' });
    const id = created.body.data.documentId;
    const file = await storedFile(id);
    expect(file.url).toBe(`/private-files/${file.hash}${file.ext}`);
    expect(fs.readFileSync(path.join(filesDir(), `${file.hash}${file.ext}`))).toEqual(CONTENT);

    for (const person of [client, member, owner]) {
      const response = await download(person, id);
      expect(response.status).toBe(200);
      expect(Buffer.from(await response.arrayBuffer())).toEqual(CONTENT);
      expect(response.headers.get('content-disposition')).toContain('attachment; filename="brief.pdf"');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
    const denied = await download(stranger, id);
    expect(denied.status).toBe(404);
    expect(await denied.text()).not.toContain('CANARY-private-file-content');

    // No URL serves the stored file by itself.
    for (const raw of [file.url, `/uploads/${file.hash}${file.ext}`, `/private-files/../${file.hash}${file.ext}`]) {
      const response = await fetch(`${app.baseUrl}${raw}`);
      expect({ raw, status: response.status }).toEqual({ raw, status: 404 });
    }
    // The upload plugin's own endpoints are closed to every portal role.
    for (const person of [owner, member, client]) {
      expect(
        (await fetch(`${app.baseUrl}/api/upload/files`, { headers: { authorization: `Bearer ${person.jwt}` } })).status
      ).toBe(403);
      expect(
        (
          await fetch(`${app.baseUrl}/api/upload/files/${file.id}`, {
            headers: { authorization: `Bearer ${person.jwt}` },
          })
        ).status
      ).toBe(403);
    }
    expect((await fetch(`${app.baseUrl}/api/upload/files`)).status).toBe(403);
    const asClient = await app.http.get(`/api/documents/${id}?populate=*`, client.jwt);
    expect(asClient.text).not.toContain(file.hash);
  });

  it('hides a hidden document’s file from clients, and a trashed one from everybody', async () => {
    const hidden = await upload(member, { project: project.documentId, title: 'Internal', hiddenFromClients: 'true' });
    expect(hidden.status).toBe(201);
    expect((await download(client, hidden.body.data.documentId)).status).toBe(404);
    expect((await download(member, hidden.body.data.documentId)).status).toBe(200);
    // Clients cannot hide or un-hide.
    const sneaky = await upload(client, { project: project.documentId, hiddenFromClients: 'false' });
    expect(sneaky.status).toBe(400);
    expect(JSON.stringify(sneaky.body.error)).toContain('hiddenFromClients');

    const file = await storedFile(hidden.body.data.documentId);
    await app.http.del(`/api/documents/${hidden.body.data.documentId}`, member.jwt);
    expect((await download(member, hidden.body.data.documentId)).status).toBe(404);
    const purge = await app.http.del(
      `/api/client-portal/trash/api::document.document/${hidden.body.data.documentId}`,
      owner.jwt
    );
    expect(purge.status).toBe(204);
    expect(fs.existsSync(path.join(filesDir(), `${file.hash}${file.ext}`))).toBe(false);
  });

  it('refuses web pages, SVG, scripts and programs, and keeps nothing of them', async () => {
    const documents = await app.strapi.db.query('api::document.document').count({});
    const files = await app.strapi.db.query('plugin::upload.file').count({});
    const refused = [
      { name: 'page.html', type: 'text/html', content: Buffer.from('<html><script>alert(1)</script></html>') },
      { name: 'logo.svg', type: 'image/svg+xml', content: Buffer.from('<svg onload="alert(1)"></svg>') },
      { name: 'report.pdf', type: 'application/pdf', content: Buffer.from('<!DOCTYPE html><p>not a pdf</p>') },
      { name: 'tool.exe', type: 'application/octet-stream', content: Buffer.from('MZ\x90\x00binary') },
      { name: 'notes.txt', type: 'text/plain', content: Buffer.from('#!/bin/sh\nrm -rf /') },
    ];
    for (const file of refused) {
      const response = await upload(member, { project: project.documentId }, file);
      expect({ name: file.name, status: response.status }).toEqual({ name: file.name, status: 400 });
      expect(response.body.error.message).toContain('file');
    }
    const missing = await fetch(`${app.baseUrl}/api/documents/upload`, {
      method: 'POST',
      headers: { authorization: `Bearer ${member.jwt}`, 'content-type': 'application/json' },
      body: JSON.stringify({ project: project.documentId }),
    });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as any).error.message).toContain('file');
    const elsewhere = await upload(stranger, { project: project.documentId });
    expect(elsewhere.status).toBe(400);
    expect(JSON.stringify(elsewhere.body.error)).toContain('project');
    expect(await app.strapi.db.query('api::document.document').count({})).toBe(documents);
    expect(await app.strapi.db.query('plugin::upload.file').count({})).toBe(files);
  });

  it('hands staff short-lived signed links that cannot be altered', async () => {
    const created = await upload(member, { project: project.documentId, title: 'Signed' });
    const read = await app.http.get(`/api/documents/${created.body.data.documentId}?populate[file]=true`, member.jwt);
    const url: string = read.body.data.file.url;
    expect(url).toMatch(/^\/api\/client-portal\/files\/[A-Za-z0-9_-]+\.pdf\?expires=\d+&signature=/);
    const fine = await fetch(`${app.baseUrl}${url}`);
    expect(fine.status).toBe(200);
    expect(Buffer.from(await fine.arrayBuffer())).toEqual(CONTENT);
    const tampered = url.replace(/expires=(\d+)/, (_all, value) => `expires=${Number(value) + 1000}`);
    expect((await fetch(`${app.baseUrl}${tampered}`)).status).toBe(404);
    const expired = await app.strapi
      .plugin('client-portal')
      .service('files')
      .signedUrl(await storedFile(created.body.data.documentId), Date.now() - 3600_000);
    expect((await fetch(`${app.baseUrl}${expired}`)).status).toBe(404);
  });
});

describe(`upload size limit on ${databaseClient()}`, () => {
  let app: TestApp;
  let member: Person;
  let project: Row;

  beforeAll(async () => {
    app = await startApp({ env: { PORTAL_UPLOAD_MAX_BYTES: '1000' } });
    const make = fixtures(app);
    member = await make.person({ role: 'member' });
    project = await make.project(await make.company(), { members: [member] });
  });
  afterAll(() => app?.stop());

  it('refuses a file over PORTAL_UPLOAD_MAX_BYTES with 413 and keeps nothing', async () => {
    const send = async (bytes: number) => {
      const form = new FormData();
      form.append('project', project.documentId);
      form.append('file', new Blob([Buffer.alloc(bytes, 'a')], { type: 'text/plain' }), 'notes.txt');
      return (
        await fetch(`${app.baseUrl}/api/documents/upload`, {
          method: 'POST',
          headers: { authorization: `Bearer ${member.jwt}` },
          body: form,
        })
      ).status;
    };
    expect(await send(5000)).toBe(413);
    expect(await app.strapi.db.query('api::document.document').count({})).toBe(0);
    expect(await app.strapi.db.query('plugin::upload.file').count({})).toBe(0);
    expect(await send(500)).toBe(201);
  });
});
