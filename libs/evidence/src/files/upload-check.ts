import { createHash } from 'node:crypto';
import { Transform, TransformCallback } from 'node:stream';
import { DomainException, FieldMessageCode, fieldError } from '@qualcert/shared';
import { DetectedFileType, FileTypeSniffer } from './file-type';

const fileFault = (code: FieldMessageCode) => ({ fields: [fieldError('file', code)] });

export const fileEmpty = () => new DomainException('FILE_EMPTY', 'The file is empty', fileFault('field:fileEmpty'));
export const unsupportedFileType = () =>
  new DomainException(
    'UNSUPPORTED_FILE_TYPE',
    'Only PDF, JPEG and PNG files are accepted (judged by their content)',
    fileFault('field:fileType'),
  );
export const fileTooLarge = () => new DomainException('PAYLOAD_TOO_LARGE', 'File too large');

/** What an upload's bytes turned out to be, once all of them passed. */
export interface CheckedBytes {
  type: DetectedFileType;
  sha256: string;
  size: number;
}

/**
 * Passes an uploaded file's bytes through on their way to storage while judging them: it fails as
 * soon as the first bytes rule out a PDF, PNG and JPEG or the size passes the limit (so a refused
 * upload is stopped early, not read to its end), and at the end when the file is empty or its
 * last bytes do not close the type it started as. `result` holds the verdict and the SHA-256 once
 * the stream has ended without error.
 */
export class UploadCheck extends Transform {
  result: CheckedBytes | null = null;
  private readonly sniffer = new FileTypeSniffer();
  private readonly hash = createHash('sha256');
  private size = 0;

  constructor(private readonly maxBytes: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.maxBytes) return callback(fileTooLarge());
    if (this.sniffer.push(chunk).refusedEarly()) return callback(unsupportedFileType());
    this.hash.update(chunk);
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    if (this.size === 0) return callback(fileEmpty());
    const type = this.sniffer.result();
    if (!type) return callback(unsupportedFileType());
    this.result = { type, sha256: this.hash.digest('hex'), size: this.size };
    callback();
  }
}
