import { ERROR_STATUS, ErrorBody, ErrorCode, FieldError } from './error-codes';

/**
 * Thrown by services when a request cannot be served. It carries a stable code; the HTTP status
 * comes from ERROR_STATUS, so services never speak HTTP.
 */
export class DomainException extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'DomainException';
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }

  toBody(): ErrorBody {
    return {
      statusCode: this.status,
      code: this.code,
      message: this.message,
      ...(this.details === undefined ? {} : { details: this.details }),
    };
  }

  static notFound(entity: string, id: string): DomainException {
    return new DomainException('NOT_FOUND', `${entity} ${id} was not found`, { entity, id });
  }

  static validation(fields: FieldError[], message = 'The request is not valid'): DomainException {
    return new DomainException('VALIDATION_FAILED', message, { fields });
  }
}
