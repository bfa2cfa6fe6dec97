import type { FieldMessageCode } from '../messages/field-messages';
import type { ExplanationCode, MessageParams } from '../messages/catalogue';
import { HttpStatus } from '@nestjs/common';

/**
 * The stable error codes clients can rely on, and the one place they map to HTTP statuses.
 * A code, once published, keeps its meaning; add new codes rather than reusing old ones.
 */
export const ERROR_STATUS = {
  VALIDATION_FAILED: HttpStatus.BAD_REQUEST,
  MALFORMED_REQUEST: HttpStatus.BAD_REQUEST,
  PERIOD_REVERSED: HttpStatus.BAD_REQUEST,
  PAYLOAD_TOO_LARGE: HttpStatus.PAYLOAD_TOO_LARGE,
  UNAUTHENTICATED: HttpStatus.UNAUTHORIZED,
  FORBIDDEN: HttpStatus.FORBIDDEN,
  NOT_FOUND: HttpStatus.NOT_FOUND,
  ROUTE_NOT_FOUND: HttpStatus.NOT_FOUND,
  METHOD_NOT_ALLOWED: HttpStatus.METHOD_NOT_ALLOWED,
  CONFLICT: HttpStatus.CONFLICT,
  CONCURRENT_UPDATE: HttpStatus.CONFLICT,
  STANDARD_PARSE_FAILED: HttpStatus.UNPROCESSABLE_ENTITY,
  CORRECTIONS_INVALID: HttpStatus.UNPROCESSABLE_ENTITY,
  PASSWORD_TOO_WEAK: HttpStatus.UNPROCESSABLE_ENTITY,
  PASSWORD_INCORRECT: HttpStatus.UNPROCESSABLE_ENTITY,
  EMAIL_TAKEN: HttpStatus.CONFLICT,
  CENTRE_CODE_TAKEN: HttpStatus.CONFLICT,
  CENTRE_SUSPENDED: HttpStatus.CONFLICT,
  ACCREDITATION_OVERLAPS: HttpStatus.CONFLICT,
  ROLE_NOT_ALLOWED: HttpStatus.UNPROCESSABLE_ENTITY,
  LAST_ADMIN: HttpStatus.CONFLICT,
  INVALID_TRANSITION: HttpStatus.CONFLICT,
  INVALID_IIN: HttpStatus.UNPROCESSABLE_ENTITY,
  IDENTITY_UNCONFIRMED: HttpStatus.CONFLICT,
  IDENTITY_CONFIRMED_ELSEWHERE: HttpStatus.CONFLICT,
  PROFILE_REQUIRED: HttpStatus.UNPROCESSABLE_ENTITY,
  CENTRE_NOT_ACCREDITED: HttpStatus.CONFLICT,
  CARD_NEEDS_REVIEW: HttpStatus.CONFLICT,
  APPLICATION_EXISTS: HttpStatus.CONFLICT,
  RETAKE_TOO_EARLY: HttpStatus.CONFLICT,
  NOTHING_TO_EXAMINE: HttpStatus.CONFLICT,
  APPLICATION_FROZEN: HttpStatus.CONFLICT,
  DOCUMENT_CHECK_CLOSED: HttpStatus.CONFLICT,
  DOCUMENT_MISSING: HttpStatus.CONFLICT,
  RECORD_IN_USE: HttpStatus.CONFLICT,
  SKILL_NOT_RECOGNISABLE: HttpStatus.UNPROCESSABLE_ENTITY,
  SKILL_NOT_IN_CARD: HttpStatus.UNPROCESSABLE_ENTITY,
  UNSUPPORTED_FILE_TYPE: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  UNSUPPORTED_MEDIA_TYPE: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  FILE_EMPTY: HttpStatus.UNPROCESSABLE_ENTITY,
  STORAGE_QUOTA_EXCEEDED: HttpStatus.PAYLOAD_TOO_LARGE,
  PATHWAY_MISMATCH: HttpStatus.CONFLICT,
  PROGRAM_EXISTS: HttpStatus.CONFLICT,
  PROGRAM_NOT_EDITABLE: HttpStatus.CONFLICT,
  PROGRAM_NOT_READY: HttpStatus.UNPROCESSABLE_ENTITY,
  PROGRAM_SETTINGS_TOO_STRICT: HttpStatus.UNPROCESSABLE_ENTITY,
  FUNCTION_NOT_OFFERED: HttpStatus.CONFLICT,
  QUESTION_INVALID: HttpStatus.UNPROCESSABLE_ENTITY,
  PROGRAM_NOT_ACTIVE: HttpStatus.CONFLICT,
  NOT_ENOUGH_ASSESSORS: HttpStatus.UNPROCESSABLE_ENTITY,
  ASSESSOR_NOT_ASSIGNABLE: HttpStatus.CONFLICT,
  SESSION_FULL: HttpStatus.CONFLICT,
  SESSION_NOT_OPEN: HttpStatus.CONFLICT,
  NOT_ELIGIBLE: HttpStatus.CONFLICT,
  ALREADY_ENROLLED: HttpStatus.CONFLICT,
  NOT_ENOUGH_QUESTIONS: HttpStatus.CONFLICT,
  TEST_CLOSED: HttpStatus.CONFLICT,
  SHEET_SIGNED: HttpStatus.CONFLICT,
  SHEET_INCOMPLETE: HttpStatus.UNPROCESSABLE_ENTITY,
  SKILL_NOT_EXAMINED: HttpStatus.UNPROCESSABLE_ENTITY,
  REVIEW_DECIDED: HttpStatus.CONFLICT,
  MORE_EVIDENCE_ALREADY_REQUESTED: HttpStatus.CONFLICT,
  CRITERIA_NOT_MET: HttpStatus.UNPROCESSABLE_ENTITY,
  APPEAL_WINDOW_CLOSED: HttpStatus.CONFLICT,
  APPEAL_EXISTS: HttpStatus.CONFLICT,
  PANEL_NOT_IMPARTIAL: HttpStatus.CONFLICT,
  NOT_ON_PANEL: HttpStatus.FORBIDDEN,
  RE_EXAMINATION_REQUIRED: HttpStatus.UNPROCESSABLE_ENTITY,
  RE_EXAMINATION_CONTRADICTS: HttpStatus.UNPROCESSABLE_ENTITY,
  DOCUMENT_NOT_AVAILABLE: HttpStatus.CONFLICT,
  TOO_MANY_REQUESTS: HttpStatus.TOO_MANY_REQUESTS,
  SERVICE_UNAVAILABLE: HttpStatus.SERVICE_UNAVAILABLE,
  DATABASE_UNAVAILABLE: HttpStatus.SERVICE_UNAVAILABLE,
  INTERNAL_ERROR: HttpStatus.INTERNAL_SERVER_ERROR,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** The one shape of every error body the API returns. */
export interface ErrorBody {
  statusCode: number;
  code: ErrorCode;
  message: string;
  details?: unknown;
}

/**
 * What is wrong with a field: a catalogue code (messages/field-messages.ts) and its parameters,
 * rendered as text in the caller's language when the error is answered (messages/localise.ts).
 */
export interface FieldFault {
  /** A field message, or an explanation code when a rule's explanation names the field. */
  code: FieldMessageCode | ExplanationCode;
  params: MessageParams;
}

/** A field at fault, as listed in a VALIDATION_FAILED error's details (answered as text). */
export interface FieldError {
  field: string;
  /** A plain string is answered as it is: only for text that is not a sentence (a file's own error). */
  messages: (FieldFault | string)[];
}

/** One field at fault, with one thing wrong: `{field}` in the message is the field's name. */
export function fieldError(field: string, code: FieldMessageCode, params: MessageParams = {}): FieldError {
  return { field, messages: [fieldFault(code, { field, ...params })] };
}

export function fieldFault(code: FieldFault['code'], params: MessageParams = {}): FieldFault {
  return { code, params };
}
