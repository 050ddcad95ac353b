import crypto from 'crypto';
import fs from 'fs';
import path from 'path';
import { pipeline } from 'stream/promises';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { getService } from '../utils/get-service';
import { SIGNED_URL_SECONDS, storedName, type FileContent, type FileStorage, type StoredFile } from './storage';

/** What a locally stored file's `url` says: a path nothing serves (files leave only through checked routes). */
export const PRIVATE_URL_PREFIX = '/private-files';

/** A file name a storage path can hold: the provider's own hash and extension, nothing else. */
const SAFE_NAME = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9]+)?$/;

export interface LocalStorage extends FileStorage {
  /** The file behind a link, or 404 (bad, tampered or expired links look like missing files). */
  openSigned(name: string, expires: number, signature: string): Promise<FileContent>;
}

/**
 * The private directory (PORTAL_FILES_DIR, outside `public/`): no URL serves a file by itself.
 * Its links are an HMAC of name and expiry, answered by `/api/client-portal/files/:name`.
 */
export const createLocalStorage = ({ strapi }: { strapi: Core.Strapi }): LocalStorage => {
  const root = () => path.resolve(strapi.dirs.app.root, getService(strapi, 'settings').get().filesDir);
  const key = () => {
    const keys = strapi.config.get('server.app.keys') as string[] | undefined;
    if (!keys?.length) throw new Error('APP_KEYS is required to sign file links');
    return crypto.createHash('sha256').update(`client-portal-files:${keys[0]}`).digest();
  };
  const pathOf = (name: string) => {
    if (!SAFE_NAME.test(name)) throw new errors.NotFoundError('Not Found');
    return path.join(root(), name);
  };
  const signature = (name: string, expires: number) =>
    crypto.createHmac('sha256', key()).update(`${name}:${expires}`).digest('base64url');
  const open = async (name: string): Promise<FileContent> => {
    const target = pathOf(name);
    const stat = await fs.promises.stat(target).catch(() => null);
    if (!stat?.isFile()) throw new errors.NotFoundError('Not Found');
    return { stream: fs.createReadStream(target), size: stat.size };
  };

  return {
    async write(file: StoredFile) {
      fs.mkdirSync(root(), { recursive: true });
      const target = pathOf(storedName(file));
      if (file.stream) await pipeline(file.stream, fs.createWriteStream(target, { mode: 0o600 }));
      else fs.writeFileSync(target, file.buffer ?? Buffer.alloc(0), { mode: 0o600 });
      file.url = `${PRIVATE_URL_PREFIX}/${storedName(file)}`;
    },

    async remove(file: StoredFile) {
      await fs.promises.rm(pathOf(storedName(file)), { force: true });
    },

    read: (file: StoredFile) => open(storedName(file)),

    async link(file: StoredFile, now: number) {
      const name = storedName(file);
      const expires = Math.floor(now / 1000) + SIGNED_URL_SECONDS;
      return `/api/client-portal/files/${name}?expires=${expires}&signature=${signature(name, expires)}`;
    },

    async openSigned(name: string, expires: number, given: string) {
      const expected = Buffer.from(signature(name, expires));
      const actual = Buffer.from(given);
      const valid = expected.length === actual.length && crypto.timingSafeEqual(expected, actual);
      if (!valid || expires * 1000 < Date.now()) throw new errors.NotFoundError('Not Found');
      return open(name);
    },
  };
};
