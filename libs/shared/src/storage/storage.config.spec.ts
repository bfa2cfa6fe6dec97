import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigValidationError } from '../config/app-config';
import { DiskFileStorage } from './disk-file-storage';
import { createFileStorage } from './file-storage.factory';
import { readStorageConfig } from './storage.config';

const S3_ENV = {
  STORAGE_DRIVER: 's3',
  S3_ENDPOINT: 'http://127.0.0.1:9000',
  S3_BUCKET: 'qualcert-evidence',
  S3_ACCESS_KEY_ID: 'access-key',
  S3_SECRET_ACCESS_KEY: 'very-secret-value',
};

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    readStorageConfig(env);
  } catch (error) {
    if (error instanceof ConfigValidationError) return error.problems;
    throw error;
  }
  throw new Error('expected the configuration to be refused');
}

describe('readStorageConfig', () => {
  it('defaults to the disk driver under ./storage', () => {
    expect(readStorageConfig({})).toEqual({ driver: 'disk', diskPath: './storage', s3: null });
    expect(readStorageConfig({ STORAGE_DRIVER: '', STORAGE_DISK_PATH: '' })).toEqual({
      driver: 'disk',
      diskPath: './storage',
      s3: null,
    });
  });

  it('reads the disk path and ignores S3 settings when the driver is disk', () => {
    expect(
      readStorageConfig({ STORAGE_DRIVER: 'disk', STORAGE_DISK_PATH: '/var/lib/qualcert', S3_ENDPOINT: 'not a url' }),
    ).toEqual({ driver: 'disk', diskPath: '/var/lib/qualcert', s3: null });
  });

  it('reads the S3 settings, with region and path style defaulted', () => {
    expect(readStorageConfig(S3_ENV)).toEqual({
      driver: 's3',
      diskPath: './storage',
      s3: {
        endpoint: 'http://127.0.0.1:9000',
        region: 'us-east-1',
        bucket: 'qualcert-evidence',
        accessKeyId: 'access-key',
        secretAccessKey: 'very-secret-value',
        forcePathStyle: true,
      },
    });
    expect(readStorageConfig({ ...S3_ENV, S3_REGION: 'kz-ala-1', S3_FORCE_PATH_STYLE: 'false' }).s3).toMatchObject({
      region: 'kz-ala-1',
      forcePathStyle: false,
    });
  });

  it('names every missing S3 variable at once', () => {
    expect(problemsOf({ STORAGE_DRIVER: 's3' }).map((p) => p.split('=')[0])).toEqual([
      'S3_ENDPOINT',
      'S3_BUCKET',
      'S3_ACCESS_KEY_ID',
      'S3_SECRET_ACCESS_KEY',
    ]);
    expect(problemsOf({ STORAGE_DRIVER: 's3' })[0]).toContain('is required when STORAGE_DRIVER is s3');
  });

  it.each([
    [{ STORAGE_DRIVER: 'ftp' }, 'STORAGE_DRIVER', 'must be one of disk, s3'],
    [{ STORAGE_DRIVER: 'S3' }, 'STORAGE_DRIVER', 'must be one of disk, s3'],
    [{ STORAGE_DISK_PATH: 'a\nb' }, 'STORAGE_DISK_PATH', 'control characters'],
    [{ ...S3_ENV, S3_ENDPOINT: 'minio:9000' }, 'S3_ENDPOINT', 'http:// or https:// URL'],
    [{ ...S3_ENV, S3_ENDPOINT: 'ftp://minio' }, 'S3_ENDPOINT', 'http:// or https:// URL'],
    [{ ...S3_ENV, S3_BUCKET: 'My_Bucket' }, 'S3_BUCKET', '3-63 lowercase'],
    [{ ...S3_ENV, S3_BUCKET: 'ab' }, 'S3_BUCKET', '3-63 lowercase'],
    [{ ...S3_ENV, S3_REGION: 'US East' }, 'S3_REGION', 'lowercase letters'],
    [{ ...S3_ENV, S3_FORCE_PATH_STYLE: 'yes' }, 'S3_FORCE_PATH_STYLE', 'must be true or false'],
  ])('refuses %j, naming %s', (env, variable, message) => {
    const problems = problemsOf(env);
    expect(problems).toHaveLength(1);
    expect(problems[0].split('=')[0]).toBe(variable);
    expect(problems[0]).toContain(message);
  });

  it('never repeats a secret or an endpoint in its messages', () => {
    const problems = problemsOf({
      ...S3_ENV,
      S3_ENDPOINT: 'ftp://user:endpoint-password@minio',
      S3_BUCKET: 'B',
      S3_FORCE_PATH_STYLE: 'maybe',
    });
    const text = problems.join('\n');
    expect(text).not.toContain('very-secret-value');
    expect(text).not.toContain('endpoint-password');
    expect(text).not.toContain('access-key');
  });
});

describe('createFileStorage', () => {
  it('builds the disk driver on the configured folder, creating it', async () => {
    const work = await mkdtemp(join(tmpdir(), 'qualcert-storage-factory-'));
    try {
      const storage = createFileStorage(readStorageConfig({ STORAGE_DISK_PATH: join(work, 'files') }));
      expect(storage).toBeInstanceOf(DiskFileStorage);
      expect(storage.driver).toBe('disk');
      expect((storage as DiskFileStorage).root).toBe(join(work, 'files'));
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  });

  it('refuses an s3 driver without its settings', () => {
    expect(() => createFileStorage({ driver: 's3', diskPath: './storage', s3: null })).toThrow('needs the s3 settings');
  });
});
