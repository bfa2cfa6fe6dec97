import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Readable } from 'node:stream';
import { readdir } from 'node:fs/promises';
import { CreateBucketCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { DiskFileStorage } from './disk-file-storage';
import { FileStorage, InvalidStorageKeyError, StoredFileNotFoundError } from './file-storage';
import { S3FileStorage } from './s3-file-storage';

const BAD_KEYS = [
  '',
  '/evidence/c1/abc',
  '../abc',
  'evidence/../../etc/passwd',
  'evidence/./abc',
  'evidence//abc',
  'evidence/abc/',
  'Evidence/abc',
  'evidence/a b',
  'evidence\\abc',
  'evidence/abc.pdf',
  'évidence/abc',
  'evidence/%2e%2e/abc',
  'evidence/abc\n',
  `evidence/${'a'.repeat(600)}`,
  `evidence/${'a'.repeat(256)}`,
];

/**
 * What every FileStorage driver must do, whatever keeps the bytes. `create` returns a store that
 * holds nothing yet; `dispose` releases it after each test.
 */
function describeFileStorageContract(
  name: string,
  create: () => Promise<FileStorage>,
  /** Everything the store holds, staged bytes and unfinished uploads included. */
  contents: (storage: FileStorage) => Promise<string[]>,
  dispose: (storage: FileStorage) => Promise<void> = () => Promise.resolve(),
): void {
  describe(`${name} (FileStorage contract)`, () => {
    let storage: FileStorage;
    const key = 'evidence/4b3c2a10-6f0e-4e4b-9a1d-2f8d0c7b5e61/ba7816bf8f01cfea414140de5dae2223b00361a396177a9c';

    beforeEach(async () => {
      storage = await create();
    });

    afterEach(async () => {
      await dispose(storage);
    });

    it('returns the bytes it stored', async () => {
      const data = Buffer.from('%PDF-1.4 test bytes');
      await storage.put(key, data, 'application/pdf');
      await expect(storage.get(key)).resolves.toEqual(data);
      await expect(storage.exists(key)).resolves.toBe(true);
    });

    it('keeps every byte value and a large body intact', async () => {
      const everyByte = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
      const large = randomBytes(3 * 1024 * 1024 + 7);
      await storage.put('evidence/c1/every_byte', everyByte, 'application/octet-stream');
      await storage.put('evidence/c1/large', large, 'application/octet-stream');
      await expect(storage.get('evidence/c1/every_byte')).resolves.toEqual(everyByte);
      expect((await storage.get('evidence/c1/large')).equals(large)).toBe(true);
    });

    it('throws StoredFileNotFoundError for a key that holds nothing', async () => {
      await expect(storage.exists(key)).resolves.toBe(false);
      const error: unknown = await storage.get(key).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoredFileNotFoundError);
      expect((error as StoredFileNotFoundError).key).toBe(key);
    });

    it('treats storing the same bytes again as a no-op', async () => {
      const data = Buffer.from('the same bytes');
      await storage.put(key, data, 'image/png');
      await storage.put(key, data, 'image/png');
      await expect(storage.get(key)).resolves.toEqual(data);
    });

    it('survives concurrent uploads of the same file', async () => {
      const data = randomBytes(256 * 1024);
      await Promise.all(Array.from({ length: 8 }, () => storage.put(key, data, 'image/jpeg')));
      expect((await storage.get(key)).equals(data)).toBe(true);
    });

    it('deletes, and deleting what is absent is not an error', async () => {
      await storage.put(key, Buffer.from('x'), 'image/png');
      await storage.delete(key);
      await expect(storage.exists(key)).resolves.toBe(false);
      await expect(storage.get(key)).rejects.toBeInstanceOf(StoredFileNotFoundError);
      await expect(storage.delete(key)).resolves.toBeUndefined();
      await expect(storage.delete('evidence/never/stored')).resolves.toBeUndefined();
    });

    it('keeps keys independent of one another', async () => {
      await storage.put('evidence/c1/aaa', Buffer.from('one'), 'image/png');
      await storage.put('evidence/c1/bbb', Buffer.from('two'), 'image/png');
      await storage.put('evidence/c2/aaa', Buffer.from('three'), 'image/png');
      await storage.delete('evidence/c1/aaa');
      await expect(storage.exists('evidence/c1/aaa')).resolves.toBe(false);
      await expect(storage.get('evidence/c1/bbb')).resolves.toEqual(Buffer.from('two'));
      await expect(storage.get('evidence/c2/aaa')).resolves.toEqual(Buffer.from('three'));
    });

    it('does not take a prefix of stored keys for a stored file', async () => {
      await storage.put('evidence/c1/aaa', Buffer.from('one'), 'image/png');
      await expect(storage.exists('evidence/c1')).resolves.toBe(false);
      await expect(storage.exists('evidence')).resolves.toBe(false);
      await expect(storage.get('evidence/c1')).rejects.toBeInstanceOf(StoredFileNotFoundError);
      await storage.delete('evidence/c1');
      await expect(storage.get('evidence/c1/aaa')).resolves.toEqual(Buffer.from('one'));
      // And a key below a stored file holds nothing.
      await expect(storage.exists('evidence/c1/aaa/bbb')).resolves.toBe(false);
      await expect(storage.get('evidence/c1/aaa/bbb')).rejects.toBeInstanceOf(StoredFileNotFoundError);
    });

    /** The bytes in chunks of 64 KiB, then the error when one is given, as an upload that breaks off. */
    const streamOf = (data: Buffer, error?: Error) =>
      Readable.from(
        (function* () {
          for (let i = 0; i < data.length; i += 65536) yield data.subarray(i, i + 65536);
          if (error) throw error;
        })(),
      );

    it.each([
      ['a small file', 1000],
      ['a file of several parts', 11 * 1024 * 1024 + 5],
    ])('streams %s in, under no key until committed', async (_label, size) => {
      const data = randomBytes(size);
      const staged = await storage.putStream(streamOf(data));
      expect(staged.size).toBe(size);
      await expect(storage.exists(key)).resolves.toBe(false);
      await staged.commit(key, 'application/pdf');
      expect((await storage.get(key)).equals(data)).toBe(true);
      expect(await contents(storage)).toEqual([key]);
      await staged.discard();
      await expect(storage.exists(key)).resolves.toBe(true);
    });

    it('commits streamed bytes over the same bytes already stored', async () => {
      const data = randomBytes(6 * 1024 * 1024);
      await storage.put(key, data, 'image/png');
      await (await storage.putStream(streamOf(data))).commit(key, 'image/png');
      expect((await storage.get(key)).equals(data)).toBe(true);
      expect(await contents(storage)).toEqual([key]);
    });

    it.each([
      ['discarded', 1000],
      ['discarded after several parts', 11 * 1024 * 1024],
    ])('leaves nothing of streamed bytes %s', async (_label, size) => {
      const staged = await storage.putStream(streamOf(randomBytes(size)));
      await staged.discard();
      await expect(staged.commit(key, 'application/pdf')).rejects.toThrow('committed or discarded already');
      expect(await contents(storage)).toEqual([]);
    });

    it.each([
      ['at once', 0],
      ['after several parts', 11 * 1024 * 1024],
    ])('leaves nothing of a stream that fails %s', async (_label, size) => {
      const broken = new Error('the client went away');
      await expect(storage.putStream(streamOf(randomBytes(size), broken))).rejects.toBe(broken);
      expect(await contents(storage)).toEqual([]);
    });

    it.each(BAD_KEYS.map((k) => [k.length > 60 ? `of ${k.length} characters` : JSON.stringify(k), k]))(
      'refuses the key %s in every operation',
      async (_label, badKey) => {
        await expect(storage.put(badKey, Buffer.from('x'), 'image/png')).rejects.toBeInstanceOf(InvalidStorageKeyError);
        await expect(storage.get(badKey)).rejects.toBeInstanceOf(InvalidStorageKeyError);
        await expect(storage.exists(badKey)).rejects.toBeInstanceOf(InvalidStorageKeyError);
        await expect(storage.delete(badKey)).rejects.toBeInstanceOf(InvalidStorageKeyError);
      },
    );
  });
}

describe('FileStorage drivers', () => {
  let workFolder: string;

  beforeAll(async () => {
    workFolder = await mkdtemp(join(tmpdir(), 'qualcert-storage-contract-'));
  });

  afterAll(async () => {
    await rm(workFolder, { recursive: true, force: true });
  });

  let diskRoots = 0;
  describeFileStorageContract(
    'DiskFileStorage',
    () => {
      diskRoots += 1;
      return Promise.resolve(new DiskFileStorage(join(workFolder, `disk-${diskRoots}`, 'root')));
    },
    async (storage) => {
      const root = (storage as DiskFileStorage).root;
      const entries = await readdir(root, { recursive: true, withFileTypes: true });
      return entries
        .filter((entry) => entry.isFile())
        .map((entry) => relative(root, join(entry.parentPath, entry.name)))
        .sort();
    },
  );

  describe('against a local S3-compatible server (s3rver)', () => {
    let server: S3rver;
    let endpoint: string;
    let admin: S3Client;
    let buckets = 0;

    beforeAll(async () => {
      server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: join(workFolder, 's3rver') });
      const { port } = await server.run();
      endpoint = `http://127.0.0.1:${port}`;
      admin = new S3Client({
        endpoint,
        region: 'us-east-1',
        forcePathStyle: true,
        credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      });
    });

    afterAll(async () => {
      admin.destroy();
      await server.close();
    });

    describeFileStorageContract(
      'S3FileStorage',
      async () => {
        // A bucket per test, so that no test sees another's objects.
        buckets += 1;
        const bucket = `contract-${buckets}`;
        await admin.send(new CreateBucketCommand({ Bucket: bucket }));
        return new S3FileStorage({
          endpoint,
          region: 'us-east-1',
          bucket,
          accessKeyId: 'S3RVER',
          secretAccessKey: 'S3RVER',
          forcePathStyle: true,
        });
      },
      async (storage) => {
        const Bucket = (storage as S3FileStorage).bucket;
        // s3rver cannot list unfinished multipart uploads; the objects are what a reader can see.
        const objects = await admin.send(new ListObjectsV2Command({ Bucket }));
        return (objects.Contents ?? []).map((o) => String(o.Key)).sort();
      },
      (storage) => {
        (storage as S3FileStorage).destroy();
        return Promise.resolve();
      },
    );
  });
});
