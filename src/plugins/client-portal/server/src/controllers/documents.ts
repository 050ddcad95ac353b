import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { invalidField } from '../errors';
import type { UploadedFile } from '../services/files';
import { attachment, type FileContent } from '../storage/storage';
import { getService } from '../utils/get-service';
import { parse, signedQuery, uploadFields } from '../validation';
import { DOCUMENT } from '../constants';

/**
 * Streams a stored file (from disk or from the bucket) as a download: the type recorded at
 * upload, never rendered in place, never cached.
 */
const send = (ctx: Context, file: FileContent & { name?: string; mime?: string }) => {
  ctx.set('Cache-Control', 'private, no-store');
  ctx.set('X-Content-Type-Options', 'nosniff');
  ctx.set('Content-Security-Policy', "default-src 'none'; sandbox");
  if (file.name) ctx.set('Content-Disposition', attachment(file.name));
  ctx.type = file.mime ?? 'application/octet-stream';
  if (file.size !== undefined) ctx.length = file.size;
  ctx.body = file.stream;
};

/** Private documents (docs/collaboration.md#documents): upload, checked download, signed links. */
const documents = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** POST /api/documents/upload (multipart: file, project, title, task?, hiddenFromClients?). */
  async upload(ctx: Context) {
    const request = ctx.request as { body?: Record<string, unknown>; files?: Record<string, unknown> };
    const fields = parse(uploadFields, request.body ?? {});
    const given = request.files?.file;
    if (!given) invalidField('file', 'is required: send the file as multipart field "file"');
    if (Array.isArray(given)) invalidField('file', 'send one file per document');
    const file = given as UploadedFile;
    const documentId = await getService(strapi, 'files').createDocument(
      { ...fields, title: fields.title ?? file.originalFilename ?? 'Document' },
      file
    );
    const created = await strapi.documents(DOCUMENT).findOne({ documentId });
    ctx.status = 201;
    ctx.body = {
      data: await strapi.contentAPI.sanitize.output(created, strapi.getModel(DOCUMENT), { auth: ctx.state.auth }),
    };
  },

  /** GET /api/documents/:documentId/download — 404 for anyone who may not see the document. */
  async download(ctx: Context) {
    send(ctx, await getService(strapi, 'files').download(String(ctx.params.documentId)));
  },

  /** GET /api/client-portal/files/:name?expires&signature — the short-lived links the upload plugin hands out. */
  async signed(ctx: Context) {
    const { expires, signature } = parse(signedQuery, ctx.query);
    send(ctx, await getService(strapi, 'files').openSigned(String(ctx.params.name), expires, signature));
  },
});

export default documents;
