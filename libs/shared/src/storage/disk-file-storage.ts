import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync } from 'node:fs';
import { FileHandle, mkdir, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  assertValidStorageKey,
  FileStorage,
  InvalidStorageKeyError,
  StagedFile,
  StoredFileNotFoundError,
} from './file-storage';

// Evidence files are personal data: readable by the service's own user only.
const FILE_MODE = 0o600;
const DIRECTORY_MODE = 0o700;

// Streamed uploads are written here until their key is known. The folder's name has a dot, which
// no key has, so nothing in it can ever be read as a key.
const STAGING_FOLDER = '.staging';

// A path component that is a regular file where a directory was expected (key "a/b" stored, then
// "a/b/c" asked for) means there is nothing under the key, exactly as a missing one does.
const ABSENT_CODES = new Set(['ENOENT', 'ENOTDIR']);

/**
 * Stores each key as a file under a root folder, at `<root>/<key>`, so that the tree can be copied
 * to an S3 bucket as it is. Writes go to a temporary file in the same folder that is flushed and
 * then renamed over the final name: a crash leaves either the old state or the complete file,
 * never a truncated file under a key. Temporary names start with "." and contain dots, which keys
 * never do, so they can never be read as a key.
 */
export class DiskFileStorage implements FileStorage {
  readonly driver = 'disk' as const;
  readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
    // Synchronously, so that a root the process may not create stops it at start-up instead of
    // failing the first candidate's upload.
    mkdirSync(this.root, { recursive: true, mode: DIRECTORY_MODE });
    mkdirSync(join(this.root, STAGING_FOLDER), { recursive: true, mode: DIRECTORY_MODE });
  }

  async put(key: string, data: Buffer, _contentType: string): Promise<void> {
    const path = this.pathOf(key);
    // Keys are content-addressed by the callers (they end with the SHA-256 of the bytes), so a
    // file of the same size under the key already holds these bytes; re-reading it to compare
    // would double the cost of every retried upload for nothing.
    const existing = await statOrNull(path);
    if (existing?.isFile() && existing.size === data.length) return;

    const folder = dirname(path);
    await this.makeFolder(folder);
    const temporary = join(folder, `.${basename(path)}.${randomUUID()}.tmp`);
    try {
      const handle = await open(temporary, 'wx', FILE_MODE);
      try {
        await handle.writeFile(data);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temporary, path);
    } catch (error) {
      await unlink(temporary).catch(() => undefined);
      throw error;
    }
    // The rename is only durable once the folder's entry list is on disk.
    await syncFolder(folder);
  }

  async putStream(source: Readable): Promise<StagedFile> {
    // Created at start-up; the source's first error must find the pipeline already listening.
    const temporary = join(this.root, STAGING_FOLDER, `${randomUUID()}.tmp`);
    let size = 0;
    source.on('data', (chunk: Buffer) => (size += chunk.length));
    try {
      // flush: the bytes are on disk before the file is closed, as put's sync does.
      await pipeline(source, createWriteStream(temporary, { flags: 'wx', mode: FILE_MODE, flush: true }));
    } catch (error) {
      await unlink(temporary).catch(() => undefined);
      throw error;
    }
    let settled = false;
    return {
      size,
      commit: async (key: string, _contentType: string) => {
        if (settled) throw new Error('This staged file was committed or discarded already');
        const path = this.pathOf(key);
        settled = true;
        // Content-addressed keys: a file of the same size under the key holds these bytes (see put).
        const existing = await statOrNull(path);
        if (existing?.isFile() && existing.size === size) {
          await unlink(temporary).catch(() => undefined);
          return;
        }
        const target = dirname(path);
        await this.makeFolder(target);
        try {
          await rename(temporary, path);
        } catch (error) {
          await unlink(temporary).catch(() => undefined);
          throw error;
        }
        await syncFolder(target);
      },
      discard: async () => {
        if (settled) return;
        settled = true;
        await unlink(temporary).catch(() => undefined);
      },
    };
  }

  async get(key: string): Promise<Buffer> {
    const path = this.pathOf(key);
    try {
      return await readFile(path);
    } catch (error) {
      // EISDIR: the key names a folder of other keys ("evidence/c1"), not a stored file.
      if (isAbsent(error) || errorCode(error) === 'EISDIR') throw new StoredFileNotFoundError(key);
      throw error;
    }
  }

  async exists(key: string): Promise<boolean> {
    const found = await statOrNull(this.pathOf(key));
    return found?.isFile() ?? false;
  }

  async delete(key: string): Promise<void> {
    const path = this.pathOf(key);
    const found = await statOrNull(path);
    if (!found?.isFile()) return;
    try {
      await unlink(path);
    } catch (error) {
      if (isAbsent(error)) return;
      throw error;
    }
    // Otherwise a crash could bring a deleted candidate's document back.
    await syncFolder(dirname(path));
  }

  private pathOf(key: string): string {
    assertValidStorageKey(key);
    const path = join(this.root, ...key.split('/'));
    // The key pattern already rules this out; checked again because a path outside the root
    // would expose or overwrite any file the process can reach.
    const inside = relative(this.root, path);
    if (inside === '' || inside.startsWith('..') || inside.startsWith(sep)) {
      throw new InvalidStorageKeyError(key, 'resolves outside the storage root');
    }
    return path;
  }

  /** Creates the folder and makes the new folders' entries durable in their parents. */
  private async makeFolder(folder: string): Promise<void> {
    const firstCreated = await mkdir(folder, { recursive: true, mode: DIRECTORY_MODE });
    if (firstCreated === undefined) return;
    for (let current = folder; ; current = dirname(current)) {
      await syncFolder(dirname(current));
      if (current === firstCreated || current === this.root || dirname(current) === current) return;
    }
  }
}

async function statOrNull(path: string): Promise<Awaited<ReturnType<typeof stat>> | null> {
  try {
    return await stat(path);
  } catch (error) {
    if (isAbsent(error)) return null;
    throw error;
  }
}

async function syncFolder(folder: string): Promise<void> {
  let handle: FileHandle;
  try {
    handle = await open(folder, 'r');
  } catch (error) {
    // Some platforms (Windows) cannot open a folder for fsync; the rename is still atomic there.
    if (['EISDIR', 'EPERM', 'EACCES'].includes(errorCode(error) ?? '')) return;
    throw error;
  }
  try {
    await handle.sync();
  } catch (error) {
    if (!['EINVAL', 'ENOTSUP', 'EBADF'].includes(errorCode(error) ?? '')) throw error;
  } finally {
    await handle.close();
  }
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

function isAbsent(error: unknown): boolean {
  return ABSENT_CODES.has(errorCode(error) ?? '');
}
