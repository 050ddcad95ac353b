import crypto from 'crypto';
import fs from 'fs';
import path from 'path';
import { pipeline } from 'stream/promises';
import type { Readable } from 'stream';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { runAsSystem } from '../access/actor';
import { invalidField } from '../errors';
import { getService } from '../utils/get-service';

const DOCUMENT = 'api::document.document';
/** What a stored file's `url` says: a path nothing serves (files leave only through checked routes). */
export const PRIVATE_URL_PREFIX = '/private-files';
/** Signed links (admin panel previews, populate for staff) live this long. */
const SIGNED_URL_SECONDS = 300;

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

interface StoredFile {
  hash: string;
  ext?: string | null;
  mime?: string | null;
  name?: string | null;
  size?: number | null;
  url?: string;
  stream?: Readable;
  buffer?: Buffer;
}

export interface UploadedFile {
  filepath: string;
  originalFilename?: string | null;
  mimetype?: string | null;
  size: number;
}

/** A file name a storage path can hold: the provider's own hash and extension, nothing else. */
const SAFE_NAME = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9]+)?$/;

/**
 * Private storage (SPEC §7): the upload provider writes outside `public/`, so no
 * URL serves a file by itself. Files leave through the document download (after
 * the access check) or a short-lived signed link (HMAC of name and expiry).
 */
const files = ({ strapi }: { strapi: Core.Strapi }) => {
  const root = () => path.resolve(strapi.dirs.app.root, getService(strapi, 'settings').get().filesDir);
  const key = () => {
    const keys = strapi.config.get('server.app.keys') as string[] | undefined;
    if (!keys?.length) throw new Error('APP_KEYS is required to sign file links');
    return crypto.createHash('sha256').update(`client-portal-files:${keys[0]}`).digest();
  };
  const nameOf = (file: StoredFile) => `${file.hash}${file.ext ?? ''}`;
  const pathOf = (name: string) => {
    if (!SAFE_NAME.test(name)) throw new errors.NotFoundError('Not Found');
    return path.join(root(), name);
  };
  const signature = (name: string, expires: number) =>
    crypto.createHmac('sha256', key()).update(`${name}:${expires}`).digest('base64url');

  return {
    root,

    /** Replaces the upload provider's storage with the private directory (called at register). */
    usePrivateStorage() {
      const provider = strapi.plugin('upload')?.provider as
        | { extend(methods: Record<string, unknown>): void }
        | undefined;
      if (!provider) throw new Error('[client-portal] the upload plugin must be enabled for private documents');
      const write = async (file: StoredFile) => {
        fs.mkdirSync(root(), { recursive: true });
        const target = pathOf(nameOf(file));
        if (file.stream) await pipeline(file.stream, fs.createWriteStream(target, { mode: 0o600 }));
        else fs.writeFileSync(target, file.buffer ?? Buffer.alloc(0), { mode: 0o600 });
        file.url = `${PRIVATE_URL_PREFIX}/${nameOf(file)}`;
      };
      provider.extend({
        uploadStream: write,
        upload: write,
        async delete(file: StoredFile) {
          await fs.promises.rm(pathOf(nameOf(file)), { force: true });
        },
        isPrivate: () => true,
        getSignedUrl: async (file: StoredFile) => ({ url: this.signedUrl(file) }),
      });
    },

    signedUrl(file: StoredFile, now = Date.now()): string {
      const name = nameOf(file);
      const expires = Math.floor(now / 1000) + SIGNED_URL_SECONDS;
      return `/api/client-portal/files/${name}?expires=${expires}&signature=${signature(name, expires)}`;
    },

    /** The file behind a signed link, or 404 (bad, tampered or expired links look like missing files). */
    openSigned(name: string, expires: number, given: string): { path: string } {
      const expected = Buffer.from(signature(name, expires));
      const actual = Buffer.from(given);
      const valid = expected.length === actual.length && crypto.timingSafeEqual(expected, actual);
      if (!valid || expires * 1000 < Date.now()) throw new errors.NotFoundError('Not Found');
      const target = pathOf(name);
      if (!fs.existsSync(target)) throw new errors.NotFoundError('Not Found');
      return { path: target };
    },

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
    async createDocument(data: Record<string, unknown>, file: UploadedFile) {
      this.assertAcceptable(file);
      const stored: unknown[] = [];
      try {
        return await strapi.db.transaction(async () => {
          const document = (await strapi.documents(DOCUMENT).create({ data } as never)) as {
            id: number;
            documentId: string;
          };
          const [uploaded] = (await strapi
            .plugin('upload')
            .service('upload')
            .upload({ data: { fileInfo: { name: file.originalFilename ?? 'document' } }, files: file })) as {
            id: number;
          }[];
          stored.push(uploaded);
          await strapi.db.query(DOCUMENT).update({ where: { id: document.id }, data: { file: uploaded.id } });
          return document.documentId;
        });
      } catch (error) {
        for (const row of stored) {
          await strapi
            .plugin('upload')
            .provider.delete(row as never)
            .catch(() => undefined);
        }
        throw error;
      }
    },

    /**
     * The document's file if the signed-in person of this request may see the document
     * (the read goes through the rules); 404 otherwise, as if it did not exist.
     */
    async download(documentId: string) {
      const visible = await strapi.documents(DOCUMENT).findOne({ documentId, fields: ['documentId'] } as never);
      if (!visible) throw new errors.NotFoundError('Not Found');
      const row = (await runAsSystem(() =>
        strapi.db.query(DOCUMENT).findOne({ where: { documentId }, populate: { file: true } })
      )) as { file?: StoredFile | null } | null;
      const file = row?.file;
      if (!file) throw new errors.NotFoundError('This document has no file');
      const target = pathOf(nameOf(file));
      if (!fs.existsSync(target)) throw new errors.NotFoundError('Not Found');
      return { path: target, name: file.name ?? nameOf(file), mime: file.mime ?? 'application/octet-stream' };
    },
  };
};

export default files;
