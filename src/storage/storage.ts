import type { Readable } from 'node:stream';

/** A stored object is named by the SHA-256 of its content (64 lowercase hex digits). */
export type StorageKey = string;

export interface TempFile {
  /** Absolute path of the temporary file (inside the storage's own temporary folder). */
  path: string;
  sha256: string;
  size: number;
}

export interface StoredObject {
  key: StorageKey;
  size: number;
  /** True when identical content was already stored (nothing new was written). */
  existed: boolean;
}

export interface WriteOptions {
  /** Refuse (and remove the partial file) once more than this many bytes arrive. */
  maxBytes?: number;
  /** The error for a file over `maxBytes` (by default 413 `media.too_large` with the limit). */
  tooLarge?: () => Error;
  /** Abort when no byte arrives for this long. */
  idleTimeoutMs?: number;
}

export interface DownloadOptions {
  contentType: string;
  /** The Content-Disposition the download is answered with. */
  contentDisposition: string;
}

/**
 * Where originals and derivatives live. Content-addressed: the same bytes are stored once.
 * Only the storage resolves keys to locations; callers never build paths from user input.
 */
export interface MediaStorage {
  /** Streams into a new temporary file while hashing; removes it on any failure. */
  writeTemp(source: Readable, options?: WriteOptions): Promise<TempFile>;
  /** A fresh temporary path (for tools such as ffmpeg that write files themselves). */
  tempPath(suffix?: string): string;
  /** Hashes an existing file by streaming it (never buffering it). */
  hashFile(path: string): Promise<{ sha256: string; size: number }>;
  /**
   * Moves a temporary file (or a finished resumable upload) into place under its hash. `size`,
   * when the caller knows it (it wrote and hashed the file), saves looking it up.
   */
  commit(tempPath: string, sha256: string, size?: number): Promise<StoredObject>;
  /**
   * A local file holding the object, for processing tools that need files: the object itself
   * on local disk, a copy fetched into this instance's cache from an object store.
   */
  localFile(key: StorageKey): Promise<string>;
  stat(key: StorageKey): Promise<{ size: number; mtime: Date } | null>;
  read(key: StorageKey, range?: { start: number; end: number }): Readable;
  /**
   * A short-lived URL from which a client may download the object itself (an object store's
   * presigned URL), or undefined when downloads go through the service.
   */
  downloadUrl?(key: StorageKey, options: DownloadOptions): Promise<string | undefined>;
  remove(key: StorageKey): Promise<void>;
  /** Every stored object's key (backups walk them). */
  list(): AsyncIterable<StorageKey>;
  /** Throws when the store cannot be written to or reached (health checks). */
  check(): Promise<void>;
  removeTemp(path: string): Promise<void>;
  /** Removes temporary files older than `before` (left by a crash). */
  cleanTemp(before: Date): Promise<void>;
  /** Number of files kept by the storage, objects and local files (used by tests). */
  countFiles(): Promise<number>;
  /** Folder where resumable uploads are assembled. */
  readonly resumableDir: string;
}

export const MEDIA_STORAGE = Symbol('MEDIA_STORAGE');
