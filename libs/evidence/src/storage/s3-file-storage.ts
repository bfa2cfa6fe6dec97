import { createHash } from 'node:crypto';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  NoSuchKey,
  NotFound,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { assertValidStorageKey, FileStorage, StoredFileNotFoundError } from './file-storage';

export interface S3FileStorageOptions {
  /** The service's URL (MinIO, Ceph, a cloud provider's S3 API); omitted only for AWS itself. */
  endpoint?: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** `http://host/bucket/key` rather than `http://bucket.host/key`, as most self-hosted services need. */
  forcePathStyle: boolean;
}

/**
 * Stores each key as an object in one bucket of an S3-compatible service. Overwriting an object
 * with the same bytes leaves it as it was, so a retried upload needs no check beforehand.
 */
export class S3FileStorage implements FileStorage {
  readonly driver = 's3' as const;
  readonly bucket: string;
  private readonly client: S3Client;

  constructor(options: S3FileStorageOptions) {
    this.bucket = options.bucket;
    this.client = new S3Client({
      endpoint: options.endpoint,
      region: options.region,
      forcePathStyle: options.forcePathStyle,
      credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
      // The SDK otherwise adds its own CRC32 checksums to every request, which several
      // S3-compatible services refuse; the upload below sends its SHA-256 explicitly instead.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      // Without timeouts a stalled service would hold a candidate's upload request open forever.
      requestHandler: { connectionTimeout: 5_000, requestTimeout: 60_000 },
    });
  }

  async put(key: string, data: Buffer, contentType: string): Promise<void> {
    assertValidStorageKey(key);
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        Body: data,
        ContentType: contentType,
        ContentLength: data.length,
        // The service verifies the bytes it received against this and refuses the upload if
        // they differ, so a corrupted transfer never becomes the stored evidence.
        ChecksumSHA256: createHash('sha256').update(data).digest('base64'),
      }),
    );
  }

  async get(key: string): Promise<Buffer> {
    assertValidStorageKey(key);
    try {
      const response = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      if (!response.Body) throw new Error(`The storage service returned no body for key "${key}"`);
      const bytes = await response.Body.transformToByteArray();
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    } catch (error) {
      // Only a missing object is "not found": a missing bucket or a refused credential is a
      // misconfiguration and must surface as such.
      if (error instanceof NoSuchKey) throw new StoredFileNotFoundError(key);
      throw error;
    }
  }

  async exists(key: string): Promise<boolean> {
    assertValidStorageKey(key);
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return true;
    } catch (error) {
      // A HEAD response has no body, so a missing object is only a bare 404. A missing bucket
      // looks the same here; put and get name it.
      if (
        error instanceof NotFound ||
        (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 404)
      ) {
        return false;
      }
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    assertValidStorageKey(key);
    // S3 answers 204 whether or not the object existed.
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  /** Closes the client's pooled connections; call on shutdown. */
  destroy(): void {
    this.client.destroy();
  }
}
