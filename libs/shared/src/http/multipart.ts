import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import {
  BadRequestException,
  CallHandler,
  ExecutionContext,
  Injectable,
  mixin,
  NestInterceptor,
  PayloadTooLargeException,
  Type,
} from '@nestjs/common';
import busboy from 'busboy';
import type { FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';
import { mediaTypeOf } from './content-type.guard';

/** A file part as it arrives: its bytes are a stream the handler must read (or resume) to its end. */
export interface FilePart {
  fieldname: string;
  filename: string;
  mimeType: string;
  stream: Readable;
}

export interface MultipartOptions {
  limits: { fileSize: number; files?: number; fields?: number; parts?: number };
  /** The charset of a part's parameters (the file name) when it does not say; busboy's default is Latin-1. */
  defParamCharset?: string;
}

/** Adds a text field to a multipart body: a name given twice holds a list. */
function appendField(body: Record<string, unknown>, name: string, value: unknown): void {
  const existing = body[name];
  if (existing === undefined) body[name] = value;
  else if (Array.isArray(existing)) existing.push(value);
  else body[name] = [existing, value];
}

/**
 * Browsers escape LF, CR and " in a part's names as %0A, %0D and %22 (WHATWG): those three are
 * reversed, nothing else (a bare % in `50%.pdf` is the name's own), as multer did.
 */
function decodeFormDataName(name: string): string {
  return name.replace(/%0A|%0D|%22/gi, (match) => ({ '%0A': '\n', '%0D': '\r' })[match.toUpperCase()] ?? '"');
}

/** Whether a request carries a multipart/form-data body. */
export function isMultipart(req: IncomingMessage): boolean {
  return mediaTypeOf(req.headers['content-type']) === 'multipart/form-data';
}

/**
 * Reads a multipart body with busboy, the parser multer used (@fastify/multipart's fork of it lets
 * NUL bytes and 16 KiB-long part headers through, which the API refuses): resolves with the text
 * fields once every file handed to `onFile` is done. Limits, malformed parts and a file part
 * without a file name are answered as multer answered them; the first refusal (also one of
 * `onFile`'s) rejects at once, and the rest of the body is read and dropped; `onFile` must then
 * drop whatever it still finishes (`failed()` says so).
 */
export function readMultipart(
  req: IncomingMessage,
  options: MultipartOptions,
  onFile: (file: FilePart, failed: () => boolean) => Promise<void>,
): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        limits: { parts: 1000, ...options.limits },
        defParamCharset: options.defParamCharset,
      });
    } catch (error) {
      req.resume();
      reject(new BadRequestException((error as Error).message));
      return;
    }
    const body = Object.create(null) as Record<string, unknown>;
    const files: Promise<void>[] = [];
    let failed = false;
    const fail = (error: Error) => {
      if (failed) return;
      failed = true;
      req.unpipe(parser);
      req.resume();
      reject(error);
    };
    parser.on('field', (name: string | undefined, value, info) => {
      if (name == null) return fail(new BadRequestException('Field name missing'));
      if (info.nameTruncated) return fail(new BadRequestException('Field name too long'));
      if (info.valueTruncated) return fail(new BadRequestException('Field value too long'));
      appendField(body, decodeFormDataName(name), value);
    });
    parser.on('file', (fieldname: string | undefined, stream, info) => {
      if (fieldname == null) {
        stream.resume();
        return fail(new BadRequestException('Field name missing'));
      }
      // A part without a file name is no file (as multer skipped it).
      if (failed || !info.filename) {
        stream.resume();
        return;
      }
      stream.on('limit', () => fail(new PayloadTooLargeException('File too large')));
      const done = onFile(
        {
          fieldname: decodeFormDataName(fieldname),
          filename: decodeFormDataName(info.filename),
          mimeType: info.mimeType,
          stream,
        },
        () => failed,
      );
      done.catch((error: unknown) => {
        stream.resume();
        fail(error as Error);
      });
      files.push(done);
    });
    parser.on('partsLimit', () => fail(new BadRequestException('Too many parts')));
    parser.on('filesLimit', () => fail(new BadRequestException('Too many files')));
    parser.on('fieldsLimit', () => fail(new BadRequestException('Too many fields')));
    parser.on('error', (error: Error) => fail(new BadRequestException(error.message)));
    parser.on('close', () => {
      Promise.all(files).then(() => {
        if (!failed) resolve(body);
      }, fail);
    });
    req.pipe(parser);
  });
}

/** A file of a multipart body read whole into memory, for small files only. */
export interface BufferedFile {
  fieldname: string;
  originalname: string;
  mimetype: string;
  buffer: Buffer;
  size: number;
}

type MultipartRequest = Omit<FastifyRequest, 'body'> & { body: unknown; files?: Record<string, BufferedFile[]> };

/**
 * Reads a multipart body with small files into memory: `req.files` by field name (only the fields
 * listed, at most maxCount each, fileSize bytes each) and the text fields as the body. Any other
 * body is left to the route's own parser.
 */
export function BufferedFilesInterceptor(
  fields: { name: string; maxCount: number }[],
  limits: { fileSize: number },
): Type<NestInterceptor> {
  @Injectable()
  class MixinBufferedFilesInterceptor implements NestInterceptor {
    async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
      const req = context.switchToHttp().getRequest<MultipartRequest>();
      if (!isMultipart(req.raw)) return next.handle();
      const files: Record<string, BufferedFile[]> = {};
      req.body = await readMultipart(req.raw, { limits }, async (part) => {
        const field = fields.find((f) => f.name === part.fieldname);
        const list = (files[part.fieldname] ??= []);
        if (!field || list.length >= field.maxCount) throw new BadRequestException('Unexpected file field');
        const chunks: Buffer[] = [];
        for await (const chunk of part.stream) chunks.push(chunk as Buffer);
        if ((part.stream as Readable & { truncated?: boolean }).truncated) return;
        const buffer = Buffer.concat(chunks);
        list.push({
          fieldname: part.fieldname,
          originalname: part.filename,
          mimetype: part.mimeType,
          buffer,
          size: buffer.length,
        });
      });
      req.files = files;
      return next.handle();
    }
  }
  return mixin(MixinBufferedFilesInterceptor);
}
