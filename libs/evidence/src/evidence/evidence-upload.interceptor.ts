import {
  BadRequestException,
  CallHandler,
  ExecutionContext,
  Inject,
  Injectable,
  NestInterceptor,
} from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { finalize, Observable } from 'rxjs';
import { AppConfig, FILE_STORAGE, FileStorage, isMultipart, readMultipart, StagedFile } from '@qualcert/shared';
import { CheckedBytes, UploadCheck } from '../files/upload-check';

/** An evidence file as the route receives it: judged, hashed and staged in storage, not yet under a key. */
export interface ReceivedUpload extends CheckedBytes {
  originalname: string;
  staged: StagedFile;
}

type UploadRequest = Omit<FastifyRequest, 'body'> & { body: unknown; file?: ReceivedUpload };

/**
 * Reads the multipart body of POST /evidence (one file in the field "file", ten fields,
 * EVIDENCE_MAX_BYTES), streaming the file through UploadCheck into storage's staging area as it
 * arrives, so no upload is held in memory whole; a refusal of its bytes (type, size, empty)
 * answers at once, while the rest of the body is read and dropped. It runs after the guards, so a
 * request over its rate limit or without a valid token is refused before its body is read. A file
 * the route does not end up keeping (a refusal by the pipes or the service, a failure) is
 * discarded from storage once the route has answered.
 */
@Injectable()
export class EvidenceUploadInterceptor implements NestInterceptor {
  private readonly maxBytes: number;

  constructor(
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    config: AppConfig,
  ) {
    this.maxBytes = config.EVIDENCE_MAX_BYTES;
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const req = context.switchToHttp().getRequest<UploadRequest>();
    const discard = () => void req.file?.staged.discard().catch(() => undefined);
    if (isMultipart(req.raw)) {
      try {
        req.body = await readMultipart(
          req.raw,
          {
            // One byte over the limit reaches UploadCheck, which refuses it as the file's own fault.
            limits: { fileSize: this.maxBytes + 1, files: 1, fields: 10 },
            // Browsers send UTF-8 names; busboy would read them as Latin-1 and garble Cyrillic.
            defParamCharset: 'utf8',
          },
          async (part, failed) => {
            if (part.fieldname !== 'file') throw new BadRequestException('Unexpected file field');
            const check = new UploadCheck(this.maxBytes);
            // Its errors reach putStream's promise below; the listener keeps them from being
            // unhandled while the store sets up.
            check.on('error', () => undefined);
            part.stream.on('error', (error) => check.destroy(error));
            part.stream.pipe(check);
            const staged = await this.storage.putStream(check);
            // The request was refused meanwhile (another part): the file is not kept.
            if (failed()) return void (await staged.discard().catch(() => undefined));
            req.file = { ...(check.result as CheckedBytes), originalname: part.filename, staged };
          },
        );
      } catch (error) {
        discard();
        throw error;
      }
    }
    return next.handle().pipe(finalize(discard));
  }
}
