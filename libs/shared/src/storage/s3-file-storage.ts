import { createHash, randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  NoSuchKey,
  NotFound,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { assertValidStorageKey, FileStorage, StagedFile, StoredFileNotFoundError } from './file-storage';

// S3's smallest part (but the last) of a multipart upload: what a streamed upload holds in memory
// at most. A file no larger is held whole and stored at commit with one request.
const PART_BYTES = 5 * 1024 * 1024;

const sha256Base64 = (data: Buffer) => createHash('sha256').update(data).digest('base64');

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

  /**
   * A file larger than one part goes up in parts to a staging key as it arrives, and is copied to
   * its key at commit (a copy inside the service) and the staging object deleted. An upload that
   * fails is aborted; one the process never finishes is left to the bucket's lifecycle rule for
   * incomplete multipart uploads (docs/CANDIDATES.md, Evidence).
   */
  async putStream(source: Readable): Promise<StagedFile> {
    const stagingKey = `staging/${randomUUID()}`;
    const parts: { PartNumber: number; ETag?: string; ChecksumSHA256: string }[] = [];
    let uploadId: string | undefined;
    const sendPart = async (data: Buffer): Promise<void> => {
      uploadId ??= (
        await this.client.send(
          new CreateMultipartUploadCommand({
            Bucket: this.bucket,
            Key: stagingKey,
            ChecksumAlgorithm: 'SHA256',
          }),
        )
      ).UploadId;
      const PartNumber = parts.length + 1;
      const ChecksumSHA256 = sha256Base64(data);
      const { ETag } = await this.client.send(
        new UploadPartCommand({
          Bucket: this.bucket,
          Key: stagingKey,
          UploadId: uploadId,
          PartNumber,
          Body: data,
          ContentLength: data.length,
          ChecksumSHA256,
        }),
      );
      parts.push({ PartNumber, ETag, ChecksumSHA256 });
    };
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let size = 0;
    try {
      for await (const chunk of source as AsyncIterable<Buffer>) {
        pending.push(chunk);
        pendingBytes += chunk.length;
        size += chunk.length;
        if (pendingBytes >= PART_BYTES) {
          const data = Buffer.concat(pending);
          pending = [];
          pendingBytes = 0;
          await sendPart(data);
        }
      }
      const rest = Buffer.concat(pending);
      if (uploadId === undefined) return this.stagedInMemory(rest);
      if (rest.length > 0) await sendPart(rest);
      await this.client.send(
        new CompleteMultipartUploadCommand({
          Bucket: this.bucket,
          Key: stagingKey,
          UploadId: uploadId,
          MultipartUpload: { Parts: parts },
        }),
      );
    } catch (error) {
      if (uploadId !== undefined) {
        await this.client
          .send(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: stagingKey, UploadId: uploadId }))
          .catch(() => undefined);
      }
      throw error;
    }
    let settled = false;
    return {
      size,
      commit: async (key: string, contentType: string) => {
        assertValidStorageKey(key);
        if (settled) throw new Error('This staged file was committed or discarded already');
        settled = true;
        try {
          await this.client.send(
            new CopyObjectCommand({
              Bucket: this.bucket,
              Key: key,
              CopySource: `${this.bucket}/${stagingKey}`,
              ContentType: contentType,
              MetadataDirective: 'REPLACE',
            }),
          );
        } finally {
          await this.delete(stagingKey).catch(() => undefined);
        }
      },
      discard: async () => {
        if (settled) return;
        settled = true;
        await this.delete(stagingKey).catch(() => undefined);
      },
    };
  }

  private stagedInMemory(data: Buffer): StagedFile {
    let settled = false;
    return {
      size: data.length,
      commit: async (key: string, contentType: string) => {
        if (settled) throw new Error('This staged file was committed or discarded already');
        settled = true;
        await this.put(key, data, contentType);
      },
      discard: () => {
        settled = true;
        return Promise.resolve();
      },
    };
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
