import type { Readable } from 'stream';

/** What the upload plugin hands its provider, and what its file rows (and their formats) hold. */
export interface StoredFile {
  hash: string;
  ext?: string | null;
  mime?: string | null;
  name?: string | null;
  url?: string;
  stream?: Readable;
  buffer?: Buffer;
  provider_metadata?: Record<string, unknown> | null;
}

/** A stored file's bytes, on their way to a response. */
export interface FileContent {
  stream: Readable;
  /** Bytes, when the store says (Content-Length). */
  size?: number;
}

/** Signed links (admin panel previews, populate for staff) live this long. */
export const SIGNED_URL_SECONDS = 300;

/** Where document files live: the local private directory or an S3 bucket, both private. */
export interface FileStorage {
  /** Stores the file's stream or buffer and records where (`url`, `provider_metadata`) on it. */
  write(file: StoredFile): Promise<void>;
  /** Removes it; a file already gone is not an error. */
  remove(file: StoredFile): Promise<void>;
  /** Its bytes; a NotFoundError when the store has none. */
  read(file: StoredFile): Promise<FileContent>;
  /** A link anyone holding it may fetch until `now` + SIGNED_URL_SECONDS: staff only. */
  link(file: StoredFile, now: number): Promise<string>;
}

/** The name a file is stored under: the upload plugin's random hash and the extension. */
export const storedName = (file: StoredFile) => `${file.hash}${file.ext ?? ''}`;

/** `Content-Disposition` for any file name, ASCII fallback plus RFC 5987. */
export const attachment = (name: string) =>
  `attachment; filename="${name.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;
