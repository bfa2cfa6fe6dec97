import { HttpStatus } from '@nestjs/common';

/**
 * The stable error codes clients can rely on, and the one place they map to HTTP statuses.
 * A code, once published, keeps its meaning; add new codes rather than reusing old ones.
 */
export const ERROR_STATUS = {
  VALIDATION_FAILED: HttpStatus.BAD_REQUEST,
  MALFORMED_REQUEST: HttpStatus.BAD_REQUEST,
  PAYLOAD_TOO_LARGE: HttpStatus.PAYLOAD_TOO_LARGE,
  UNAUTHENTICATED: HttpStatus.UNAUTHORIZED,
  FORBIDDEN: HttpStatus.FORBIDDEN,
  NOT_FOUND: HttpStatus.NOT_FOUND,
  ROUTE_NOT_FOUND: HttpStatus.NOT_FOUND,
  METHOD_NOT_ALLOWED: HttpStatus.METHOD_NOT_ALLOWED,
  CONFLICT: HttpStatus.CONFLICT,
  STANDARD_PARSE_FAILED: HttpStatus.UNPROCESSABLE_ENTITY,
  CORRECTIONS_INVALID: HttpStatus.UNPROCESSABLE_ENTITY,
  PASSWORD_TOO_WEAK: HttpStatus.UNPROCESSABLE_ENTITY,
  PASSWORD_INCORRECT: HttpStatus.UNPROCESSABLE_ENTITY,
  EMAIL_TAKEN: HttpStatus.CONFLICT,
  CENTRE_CODE_TAKEN: HttpStatus.CONFLICT,
  CENTRE_SUSPENDED: HttpStatus.CONFLICT,
  ACCREDITATION_OVERLAPS: HttpStatus.CONFLICT,
  ROLE_NOT_ALLOWED: HttpStatus.UNPROCESSABLE_ENTITY,
  INVALID_TRANSITION: HttpStatus.CONFLICT,
  INVALID_IIN: HttpStatus.UNPROCESSABLE_ENTITY,
  IIN_TAKEN: HttpStatus.CONFLICT,
  PROFILE_REQUIRED: HttpStatus.UNPROCESSABLE_ENTITY,
  CENTRE_NOT_ACCREDITED: HttpStatus.CONFLICT,
  CARD_NEEDS_REVIEW: HttpStatus.CONFLICT,
  APPLICATION_EXISTS: HttpStatus.CONFLICT,
  APPLICATION_FROZEN: HttpStatus.CONFLICT,
  SKILL_NOT_RECOGNISABLE: HttpStatus.UNPROCESSABLE_ENTITY,
  SKILL_NOT_IN_CARD: HttpStatus.UNPROCESSABLE_ENTITY,
  UNSUPPORTED_FILE_TYPE: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  FILE_EMPTY: HttpStatus.UNPROCESSABLE_ENTITY,
  PATHWAY_MISMATCH: HttpStatus.CONFLICT,
  PROGRAM_EXISTS: HttpStatus.CONFLICT,
  PROGRAM_NOT_EDITABLE: HttpStatus.CONFLICT,
  PROGRAM_NOT_READY: HttpStatus.UNPROCESSABLE_ENTITY,
  QUESTION_INVALID: HttpStatus.UNPROCESSABLE_ENTITY,
  TOO_MANY_REQUESTS: HttpStatus.TOO_MANY_REQUESTS,
  SERVICE_UNAVAILABLE: HttpStatus.SERVICE_UNAVAILABLE,
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

/** A field at fault, as listed in a VALIDATION_FAILED error's details. */
export interface FieldError {
  field: string;
  messages: string[];
}
