import { fieldError } from '@qualcert/shared';
import type { ApplicationStatus } from './application-state';
import { DOCUMENT_CHECK_STATUS } from './application-state';

export interface VerdictRequest {
  applicationStatus: ApplicationStatus;
  /** The record carries an uploaded document. */
  hasDocument: boolean;
  verdict: 'confirmed' | 'rejected';
}

export interface VerdictRefusal {
  code: 'DOCUMENT_CHECK_CLOSED' | 'DOCUMENT_MISSING';
  message: string;
  details: Record<string, unknown>;
}

/**
 * Whether a verdict on a record may be given for an application (docs/CANDIDATES.md): only while
 * the application awaits its document check (before, nothing was checked on the records; after,
 * admission is decided and a verdict would change nothing), and a confirmation needs a document to
 * have been looked at. A rejection needs none: "no document" is a reason to reject.
 */
export function verdictRefusal(request: VerdictRequest): VerdictRefusal | null {
  if (request.applicationStatus !== DOCUMENT_CHECK_STATUS) {
    return {
      code: 'DOCUMENT_CHECK_CLOSED',
      message: `The application is ${request.applicationStatus}: its documents are checked only while it is ${DOCUMENT_CHECK_STATUS}`,
      details: { currentStatus: request.applicationStatus },
    };
  }
  if (request.verdict === 'confirmed' && !request.hasDocument) {
    return {
      code: 'DOCUMENT_MISSING',
      message: 'The record has no document to confirm; reject it, or ask the candidate to attach one',
      details: { fields: [fieldError('verdict', 'field:noDocument')] },
    };
  }
  return null;
}
