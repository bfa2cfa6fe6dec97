import type { components, operations } from './schema';
import { ApiFailure } from './errors';
import { session } from '../auth/session';

export type Evidence = components['schemas']['EvidenceDto'];
export type EvidenceFields = Omit<
  operations['EvidenceController_upload']['requestBody']['content']['multipart/form-data'],
  'file'
>;

/** The server's limit on one file (EVIDENCE_MAX_BYTES): refused here before a byte is sent. */
export const MAX_EVIDENCE_BYTES = 20 * 1024 * 1024;
export const ACCEPTED_TYPES = ['application/pdf', 'image/jpeg', 'image/png'];

/**
 * POST /api/v1/evidence with upload progress. fetch cannot report an upload's progress, so this one
 * request goes through XMLHttpRequest; its fields and answer are the generated schema's types.
 */
export function uploadEvidence(
  file: File,
  fields: EvidenceFields,
  onProgress: (fraction: number) => void,
): Promise<Evidence> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) if (value !== undefined) form.append(name, String(value));
    form.append('file', file);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/v1/evidence');
    const token = session.accessToken();
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded / event.total);
    xhr.onerror = () => reject(new ApiFailure(0, null));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // not JSON: an error without a body
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve(body as Evidence);
      } else reject(new ApiFailure(xhr.status, body));
    };
    xhr.send(form);
  });
}
