import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { FileStorage, StoredFileNotFoundError } from './file-storage';
import { createFileStorage } from './file-storage.factory';
import { S3FileStorage, S3FileStorageOptions } from './s3-file-storage';

// s3rver's built-in account.
const CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/** The S3 driver's own behaviour, against s3rver on a random local port; the shared contract is in file-storage.spec.ts. */
describe('S3FileStorage against a local S3-compatible server (s3rver)', () => {
  let work: string;
  let server: S3rver;
  let endpoint: string;
  let admin: S3Client;
  let options: S3FileStorageOptions;
  const opened: S3FileStorage[] = [];
  const key = 'evidence/c1/ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';

  const open = (overrides: Partial<S3FileStorageOptions> = {}): S3FileStorage => {
    const storage = new S3FileStorage({ ...options, ...overrides });
    opened.push(storage);
    return storage;
  };

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'qualcert-s3-storage-'));
    server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: work });
    const { port } = await server.run();
    endpoint = `http://127.0.0.1:${port}`;
    admin = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: CREDENTIALS });
    await admin.send(new CreateBucketCommand({ Bucket: 'evidence-test' }));
    options = { endpoint, region: 'us-east-1', bucket: 'evidence-test', forcePathStyle: true, ...CREDENTIALS };
  });

  afterAll(async () => {
    for (const storage of opened) storage.destroy();
    admin.destroy();
    await server.close();
    await rm(work, { recursive: true, force: true });
  });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('stores the object with its content type, where another S3 client finds it', async () => {
    const data = Buffer.from('%PDF-1.4\n%%EOF\n');
    await open().put(key, data, 'application/pdf');
    const head = await admin.send(new HeadObjectCommand({ Bucket: 'evidence-test', Key: key }));
    expect(head.ContentType).toBe('application/pdf');
    expect(head.ContentLength).toBe(data.length);
  });

  it('sends the SHA-256 of the bytes with the upload for the service to verify', async () => {
    // Observed, not replaced: the request still reaches the server. s3rver itself does not check
    // the checksum; AWS, MinIO and Ceph refuse an upload whose bytes do not match it.
    const send = jest.spyOn(S3Client.prototype, 'send');
    const data = Buffer.from('checksummed bytes');
    await open().put(key, data, 'image/png');
    const put = send.mock.calls.map(([command]) => command).find((command) => command instanceof PutObjectCommand);
    expect(put?.input).toMatchObject({
      Key: key,
      ContentType: 'image/png',
      ChecksumSHA256: createHash('sha256').update(data).digest('base64'),
    });
  });

  it('reads an object another client stored', async () => {
    await admin.send(
      new PutObjectCommand({ Bucket: 'evidence-test', Key: 'evidence/c9/external', Body: Buffer.from('external') }),
    );
    await expect(open().get('evidence/c9/external')).resolves.toEqual(Buffer.from('external'));
  });

  it('reports a missing bucket as an error, never as a missing file', async () => {
    const storage = open({ bucket: 'no-such-bucket' });
    const error: unknown = await storage.get(key).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(StoredFileNotFoundError);
    expect((error as Error).name).toBe('NoSuchBucket');
    await expect(storage.put(key, Buffer.from('x'), 'image/png')).rejects.toMatchObject({ name: 'NoSuchBucket' });
  });

  it('reports refused credentials as an error in every operation', async () => {
    // s3rver checks the access key but not SigV4 signatures, so an unknown key stands in for
    // any credential the service refuses.
    const storage = open({ accessKeyId: 'UNKNOWN' });
    await expect(storage.put(key, Buffer.from('x'), 'image/png')).rejects.toMatchObject({ name: 'InvalidAccessKeyId' });
    await expect(storage.get(key)).rejects.toMatchObject({ name: 'InvalidAccessKeyId' });
    // HEAD carries no error body, only the status, which must not read as "absent".
    await expect(storage.exists(key)).rejects.toMatchObject({ $metadata: { httpStatusCode: 403 } });
    await expect(storage.delete(key)).rejects.toMatchObject({ name: 'InvalidAccessKeyId' });
  });

  it('is what createFileStorage builds for the s3 driver', async () => {
    const storage: FileStorage = createFileStorage({
      driver: 's3',
      diskPath: './unused',
      s3: { endpoint, region: 'us-east-1', bucket: 'evidence-test', forcePathStyle: true, ...CREDENTIALS },
    });
    expect(storage).toBeInstanceOf(S3FileStorage);
    opened.push(storage as S3FileStorage);
    expect(storage.driver).toBe('s3');
    await storage.put('evidence/c1/from_factory', Buffer.from('factory'), 'image/jpeg');
    await expect(storage.get('evidence/c1/from_factory')).resolves.toEqual(Buffer.from('factory'));
  });
});
