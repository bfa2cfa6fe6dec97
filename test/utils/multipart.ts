import { randomBytes } from 'node:crypto';
import request from 'supertest';
import type { App } from 'supertest/types';

/**
 * multipart/form-data bodies written byte by byte. supertest's `.attach()` (form-data) strips the
 * directories of a file name and escapes CR, LF and quotes before the request leaves the test, so
 * a hostile name sent through it never reaches the API as the attacker would write it.
 */
export interface MultipartPart {
  /** The part's header lines, exactly as sent (no trailing CRLF). */
  headers: Buffer;
  data: Buffer;
}

const bytes = (value: Buffer | string): Buffer => (Buffer.isBuffer(value) ? value : Buffer.from(value, 'utf8'));

/** A text field. */
export function fieldPart(name: string, value: string): MultipartPart {
  return { headers: bytes(`Content-Disposition: form-data; name="${name}"`), data: bytes(value) };
}

/**
 * A file part whose `filename` parameter is `filename` inserted between the quotes as raw bytes:
 * nothing is escaped, so a CR, LF, quote, NUL or backslash in it is on the wire as written.
 */
export function filePart(data: Buffer, filename: Buffer | string, field = 'file'): MultipartPart {
  return {
    headers: Buffer.concat([
      bytes(`Content-Disposition: form-data; name="${field}"; filename="`),
      bytes(filename),
      bytes('"\r\nContent-Type: application/octet-stream'),
    ]),
    data,
  };
}

/** A file part with any Content-Disposition parameters after `form-data; name="file"`, as raw bytes. */
export function filePartWithParams(data: Buffer, params: Buffer | string, field = 'file'): MultipartPart {
  return {
    headers: Buffer.concat([
      bytes(`Content-Disposition: form-data; name="${field}"`),
      bytes(params),
      bytes('\r\nContent-Type: application/octet-stream'),
    ]),
    data,
  };
}

/** The body and its Content-Type; the boundary is random and checked to occur in no part. */
export function multipartBody(parts: MultipartPart[]): { body: Buffer; contentType: string } {
  const boundary = `----qualcert-${randomBytes(12).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    if (part.headers.includes(boundary) || part.data.includes(boundary))
      throw new Error('the boundary occurs in a part');
    chunks.push(bytes(`--${boundary}\r\n`), part.headers, bytes('\r\n\r\n'), part.data, bytes('\r\n'));
  }
  chunks.push(bytes(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** POSTs the parts as one multipart body, with the caller's bearer token. */
export function postMultipart(server: App | string, path: string, token: string, parts: MultipartPart[]) {
  const { body, contentType } = multipartBody(parts);
  return request(server).post(path).set('Authorization', `Bearer ${token}`).set('Content-Type', contentType).send(body);
}

/** The metadata fields an evidence upload needs, as parts. */
export function evidenceFields(
  meta: Record<string, string> = { type: 'course_certificate', issuer: 'Учебный центр', issueDate: '2024-05-20' },
): MultipartPart[] {
  return Object.entries(meta).map(([name, value]) => fieldPart(name, value));
}
