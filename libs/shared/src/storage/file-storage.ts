import type { Readable } from 'node:stream';

/**
 * Where evidence files' bytes live. PostgreSQL holds what a file is and whose it is; a store holds
 * only bytes under opaque keys, so that the bytes can move between a local disk and an
 * S3-compatible service without any change to the rows that point at them.
 */
export interface FileStorage {
  readonly driver: 'disk' | 's3';
  /** Stores the bytes under the key; storing the same key again with the same bytes is a no-op. */
  put(key: string, data: Buffer, contentType: string): Promise<void>;
  /**
   * Streams the bytes into the store without holding them in memory. Their key and type are given
   * to `commit` once the stream has ended (keys are content-addressed, and types judged from the
   * bytes, so both are known only then); until
   * then nothing is under any key, and `discard` removes the bytes. A stream that fails leaves
   * nothing behind, and the promise rejects with the stream's error.
   */
  putStream(source: Readable): Promise<StagedFile>;
  /** Throws StoredFileNotFoundError when nothing is stored under the key. */
  get(key: string): Promise<Buffer>;
  exists(key: string): Promise<boolean>;
  /** Removes the bytes; deleting a key that holds nothing is not an error. */
  delete(key: string): Promise<void>;
}

/** Bytes written by `putStream`, not yet under a key. */
export interface StagedFile {
  readonly size: number;
  /** Puts the bytes under the key (as `put` would: the same bytes there already are left alone). */
  commit(key: string, contentType: string): Promise<void>;
  /** Removes the bytes; a no-op once committed or discarded. */
  discard(): Promise<void>;
}

export const FILE_STORAGE = Symbol('FILE_STORAGE');

export class StoredFileNotFoundError extends Error {
  constructor(readonly key: string) {
    super(`No stored file under key "${key}"`);
    this.name = 'StoredFileNotFoundError';
  }
}

export class InvalidStorageKeyError extends Error {
  constructor(
    readonly key: string,
    reason: string,
  ) {
    super(`Invalid storage key ${JSON.stringify(key.slice(0, 100))}: ${reason}`);
    this.name = 'InvalidStorageKeyError';
  }
}

// S3 allows 1024 bytes; a disk path must also fit the file system's limits under the root.
const MAX_KEY_LENGTH = 512;
const MAX_SEGMENT_LENGTH = 255;
// No dot at all, so neither "." nor ".." nor a temporary file's name can ever be a key; no empty
// segment, so "a//b" and "a/b/" cannot alias "a/b" on disk while naming another object in S3.
const KEY_PATTERN = /^[a-z0-9_-]+(\/[a-z0-9_-]+)*$/;

/**
 * Keys are built by the application (e.g. `evidence/<candidateId>/<sha256>`), never taken from a
 * request; a malformed one is a bug, and it is refused before it can reach a file system path.
 */
export function assertValidStorageKey(key: string): void {
  if (typeof key !== 'string' || key === '') throw new InvalidStorageKeyError(String(key), 'must not be empty');
  if (key.length > MAX_KEY_LENGTH) {
    throw new InvalidStorageKeyError(key, `must be at most ${MAX_KEY_LENGTH} characters`);
  }
  if (key.startsWith('/')) throw new InvalidStorageKeyError(key, 'must not start with "/"');
  if (key.includes('..')) throw new InvalidStorageKeyError(key, 'must not contain ".."');
  if (!KEY_PATTERN.test(key)) {
    throw new InvalidStorageKeyError(
      key,
      'must be segments of a-z, 0-9, "_" or "-" separated by single "/", with no "/" at either end',
    );
  }
  if (key.split('/').some((segment) => segment.length > MAX_SEGMENT_LENGTH)) {
    throw new InvalidStorageKeyError(key, `each segment must be at most ${MAX_SEGMENT_LENGTH} characters`);
  }
}
