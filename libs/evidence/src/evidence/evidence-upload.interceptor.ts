import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import { transformException } from '@nestjs/platform-express/multer/multer/multer.utils';
import type { Request, Response } from 'express';
import multer, { StorageEngine } from 'multer';
import { finalize, Observable } from 'rxjs';
import { AppConfig, FILE_STORAGE, FileStorage, StagedFile } from '@qualcert/shared';
import { CheckedBytes, UploadCheck } from '../files/upload-check';

/** An evidence file as the route receives it: judged, hashed and staged in storage, not yet under a key. */
export interface ReceivedUpload extends CheckedBytes {
  originalname: string;
  staged: StagedFile;
}

type UploadRequest = Request & { file?: ReceivedUpload; [EARLY_REFUSAL]?: (error: unknown) => void };
const EARLY_REFUSAL = Symbol('early refusal');

/**
 * multer's storage engine for evidence: the file streams through UploadCheck into storage's
 * staging area as it arrives, so no upload is held in memory whole. A refusal of the bytes (type,
 * size, empty) is also reported to the interceptor at once, before multer has read the rest.
 */
class StagingStorageEngine implements StorageEngine {
  constructor(
    private readonly storage: FileStorage,
    private readonly maxBytes: number,
  ) {}

  _handleFile(
    req: UploadRequest,
    file: Express.Multer.File,
    callback: (error?: unknown, info?: Partial<ReceivedUpload>) => void,
  ): void {
    const check = new UploadCheck(this.maxBytes);
    // Its errors reach putStream's promise below; the listener keeps them from being unhandled
    // while the store sets up.
    check.on('error', () => undefined);
    file.stream.on('error', (error) => check.destroy(error));
    file.stream.pipe(check);
    this.storage.putStream(check).then(
      (staged) => callback(null, { ...(check.result as CheckedBytes), staged }),
      (error: unknown) => {
        // The rest of the file is read (and dropped) by multer; the answer need not wait for it.
        file.stream.resume();
        req[EARLY_REFUSAL]?.(error);
        callback(error);
      },
    );
  }

  _removeFile(_req: Request, file: Partial<ReceivedUpload>, callback: (error: Error | null) => void): void {
    void (file.staged?.discard() ?? Promise.resolve()).then(() => callback(null), callback);
  }
}

/**
 * Reads the multipart body of POST /evidence with multer (the same limits and refusals as
 * FileInterceptor: one file in the field "file", ten fields, EVIDENCE_MAX_BYTES), streaming the
 * file to storage. It runs after the guards, so a request over its rate limit or without a valid
 * token is refused before its body is read. A file the route does not end up keeping (a refusal
 * by the pipes or the service, a failure) is discarded from storage once the route has answered.
 */
@Injectable()
export class EvidenceUploadInterceptor implements NestInterceptor {
  private readonly middleware: ReturnType<ReturnType<typeof multer>['single']>;

  constructor(@Inject(FILE_STORAGE) storage: FileStorage, config: AppConfig) {
    this.middleware = multer({
      storage: new StagingStorageEngine(storage, config.EVIDENCE_MAX_BYTES),
      limits: { fileSize: config.EVIDENCE_MAX_BYTES, files: 1, fields: 10, parts: 1000 },
      // Browsers send UTF-8 names; multer would read them as Latin-1 and garble Cyrillic.
      defParamCharset: 'utf8',
    }).single('file');
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const req = context.switchToHttp().getRequest<UploadRequest>();
    const res = context.switchToHttp().getResponse<Response>();
    // multer answers only once it has read the whole body, also after a refusal: the refusal of
    // the file's bytes answers at once instead, and multer drains the rest (nothing is kept).
    const refusedEarly = new Promise<never>((_resolve, reject) => (req[EARLY_REFUSAL] = reject));
    const parsed = new Promise<void>((resolve, reject) =>
      this.middleware(req, res, (error?: unknown) => {
        if (!error) return resolve();
        const failure: Error = transformException(error as Error) ?? new Error('multer failed');
        reject(failure);
      }),
    );
    refusedEarly.catch(() => undefined);
    parsed.catch(() => undefined);
    await Promise.race([parsed, refusedEarly]);
    return next.handle().pipe(finalize(() => void req.file?.staged.discard().catch(() => undefined)));
  }
}
