import { AsyncLocalStorage } from 'async_hooks';
import fs from 'fs';
import path from 'path';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { z } from 'zod';
import { runAsSystem } from '../adapters/request-scope';
import { invalidField } from '../errors';
import { createLocalStorage } from '../storage/local';
import { createS3Storage, isInS3 } from '../storage/s3';
import { storedName, type FileStorage, type StoredFile } from '../storage/storage';
import { documentData, type DocumentData } from '../utils/document-data';
import { getService } from '../utils/get-service';
import { rowsOf } from '../utils/rows';
import { DOCUMENT } from '../constants';

/** The upload plugin's JSON column, an object where the S3 storage records the bucket and key. */
const providerMetadata = z.record(z.string(), z.unknown()).nullish();

/** Types a browser could execute or render as a page: never stored. */
const REFUSED_EXTENSIONS = new Set([
  '.html',
  '.htm',
  '.xhtml',
  '.shtml',
  '.svg',
  '.svgz',
  '.xml',
  '.xsl',
  '.js',
  '.mjs',
  '.cjs',
  '.wasm',
  '.exe',
  '.dll',
  '.com',
  '.bat',
  '.cmd',
  '.msi',
  '.scr',
  '.pif',
  '.cpl',
  '.jar',
  '.vbs',
  '.vbe',
  '.ps1',
  '.psm1',
  '.sh',
  '.bash',
  '.app',
  '.dmg',
  '.pkg',
  '.deb',
  '.rpm',
  '.apk',
  '.php',
  '.phtml',
  '.asp',
  '.aspx',
  '.jsp',
  '.cgi',
  '.pl',
  '.py',
  '.rb',
  '.hta',
  '.swf',
]);
const REFUSED_TYPES = [
  /html/i,
  /svg/i,
  /xml/i,
  /javascript/i,
  /ecmascript/i,
  /x-msdownload/i,
  /x-msdos/i,
  /x-executable/i,
  /x-sh\b/i,
  /x-php/i,
  /java-archive/i,
  /x-shockwave/i,
  /wasm/i,
];
/** Content that is a page, a script or a program whatever its name says. */
const REFUSED_CONTENT = [/^\s*<(!doctype\s+html|html|head|body|script|svg|\?xml)/i, /^MZ/, /^\x7fELF/, /^#!/];

export interface UploadedFile {
  filepath: string;
  originalFilename?: string | null;
  mimetype?: string | null;
  size: number;
}

/**
 * Private storage (docs/collaboration.md#documents, docs/operations.md#documents-storage) behind the upload provider interface: the local private
 * directory, or an S3 bucket when PORTAL_S3_BUCKET is set. No URL serves a file by itself:
 * files leave through the document download (after the access check) or a short-lived link.
 */
const files = ({ strapi }: { strapi: Core.Strapi }) => {
  const local = createLocalStorage({ strapi });
  let s3: FileStorage | null | undefined;
  /** The bucket when PORTAL_S3_BUCKET is set, made once (its client keeps a connection pool). */
  const bucket = () => {
    if (s3 === undefined) {
      const config = getService(strapi, 'settings').get().s3;
      s3 = config ? createS3Storage(config) : null;
    }
    return s3;
  };
  /** Where a stored file is, whatever the settings now say: local files keep working once S3 is on. */
  const storageOf = (file: StoredFile): FileStorage => {
    if (!isInS3(file)) return local;
    const storage = bucket();
    if (!storage)
      throw new Error(`[client-portal] ${storedName(file)} is stored in S3 but PORTAL_S3_BUCKET is not set`);
    return storage;
  };
  /** What the provider wrote during one createDocument (with any image formats), to remove on failure. */
  const written = new AsyncLocalStorage<StoredFile[]>();
  const signedUrl = (file: StoredFile, now = Date.now()) => storageOf(file).link(file, now);

  return {
    /** Points the upload provider at the private storage (called at register). */
    usePrivateStorage() {
      const provider = strapi.plugin('upload')?.provider as
        | { extend(methods: Record<string, unknown>): void }
        | undefined;
      if (!provider) throw new Error('[client-portal] the upload plugin must be enabled for private documents');
      const write = async (file: StoredFile) => {
        await (bucket() ?? local).write(file);
        written.getStore()?.push(file);
      };
      provider.extend({
        uploadStream: write,
        upload: write,
        delete: (file: StoredFile) => storageOf(file).remove(file),
        isPrivate: () => true,
        getSignedUrl: async (file: StoredFile) => ({ url: await signedUrl(file) }),
      });
    },

    /** A link valid five minutes (staff only: the upload plugin signs the files staff may read). */
    signedUrl,

    /** The local file behind a link of `/api/client-portal/files/:name`, or 404. */
    openSigned: (name: string, expires: number, signature: string) => local.openSigned(name, expires, signature),

    /** Refuses pages, scripts and programs by name, declared type and content (400 naming `file`). */
    assertAcceptable(file: UploadedFile) {
      const extension = path.extname(file.originalFilename ?? '').toLowerCase();
      const head = Buffer.alloc(64);
      const handle = fs.openSync(file.filepath, 'r');
      try {
        fs.readSync(handle, head, 0, head.length, 0);
      } finally {
        fs.closeSync(handle);
      }
      const text = head.toString('latin1');
      if (
        REFUSED_EXTENSIONS.has(extension) ||
        REFUSED_TYPES.some((pattern) => pattern.test(file.mimetype ?? '')) ||
        REFUSED_CONTENT.some((pattern) => pattern.test(text))
      ) {
        invalidField('file', 'this type of file is not accepted (web pages, SVG, scripts and programs are refused)');
      }
      if (file.size === 0) invalidField('file', 'is empty');
    },

    /**
     * POST /api/documents/upload: the document is created as the request's person (the rules check
     * project, task and fields), the file stored privately and attached, in one
     * transaction; a stored file whose transaction fails is removed again.
     */
    async createDocument(data: DocumentData<typeof DOCUMENT>, file: UploadedFile) {
      this.assertAcceptable(file);
      const stored: StoredFile[] = [];
      try {
        return await written.run(stored, () =>
          strapi.db.transaction(async () => {
            const document = await strapi.documents(DOCUMENT).create({ data: documentData(DOCUMENT, data) });
            const [uploaded] = (await strapi
              .plugin('upload')
              .service('upload')
              .upload({ data: { fileInfo: { name: file.originalFilename ?? 'document' } }, files: file })) as {
              id: number;
            }[];
            await strapi.db.query(DOCUMENT).update({ where: { id: document.id }, data: { file: uploaded.id } });
            return document.documentId;
          })
        );
      } catch (error) {
        // Every object written, also when the file row itself was never saved.
        for (const row of stored) {
          await storageOf(row)
            .remove(row)
            .catch((cause: Error) =>
              strapi.log.warn(`[client-portal] could not remove ${storedName(row)}: ${cause.message}`)
            );
        }
        throw error;
      }
    },

    /**
     * The document's file if the signed-in person of this request may see the document
     * (the read goes through the rules); 404 otherwise, as if it did not exist.
     */
    async download(documentId: string) {
      const visible = await strapi.documents(DOCUMENT).findOne({ documentId, fields: ['documentId'] });
      if (!visible) throw new errors.NotFoundError('Not Found');
      const row = await runAsSystem(() =>
        rowsOf(strapi, DOCUMENT).findOne({ where: { documentId }, populate: { file: true } })
      );
      if (!row?.file) throw new errors.NotFoundError('This document has no file');
      const file: StoredFile = { ...row.file, provider_metadata: providerMetadata.parse(row.file.provider_metadata) };
      const content = await storageOf(file).read(file);
      return { ...content, name: file.name ?? storedName(file), mime: file.mime ?? 'application/octet-stream' };
    },
  };
};

export default files;
