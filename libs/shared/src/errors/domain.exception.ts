import { renderMessage, type ErrorMessageCode, type MessageParams } from '../messages/catalogue';
import { DEFAULT_LANGUAGE, type Language } from '../messages/language';
import { localise } from '../messages/localise';
import { ERROR_STATUS, ErrorBody, ErrorCode, FieldError } from './error-codes';

/** A precise message of an error: a catalogue code (the error's own, or `CODE:variant`) and its parameters. */
export interface ErrorMessage {
  key: ErrorMessageCode;
  params: MessageParams;
}

export function errorMessage(key: ErrorMessageCode, params: MessageParams = {}): ErrorMessage {
  return { key, params };
}

/**
 * Thrown by services when a request cannot be served. It carries a stable code; the HTTP status
 * comes from ERROR_STATUS, so services never speak HTTP. The message clients read is rendered
 * from the catalogue (messages/catalogue.ts) in the caller's language when the error is answered:
 * the code's own message, or a precise one (`errorMessage('CODE:variant', params)`). A plain
 * string given instead is for the logs only (it is the Error's message), never sent.
 */
export class DomainException extends Error {
  readonly messageKey: ErrorMessageCode;
  readonly messageParams: MessageParams;

  constructor(
    readonly code: ErrorCode,
    message?: string | ErrorMessage,
    readonly details?: unknown,
  ) {
    const precise = typeof message === 'object' ? message : undefined;
    super(typeof message === 'string' ? message : renderMessage('en', precise?.key ?? code, precise?.params ?? {}));
    this.name = 'DomainException';
    this.messageKey = precise?.key ?? code;
    this.messageParams = precise?.params ?? {};
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }

  toBody(language: Language = DEFAULT_LANGUAGE): ErrorBody {
    return {
      statusCode: this.status,
      code: this.code,
      message: renderMessage(language, this.messageKey, this.messageParams),
      ...(this.details === undefined ? {} : { details: localise(this.details, language) }),
    };
  }

  static notFound(entity: string, id: string): DomainException {
    return new DomainException('NOT_FOUND', `${entity} ${id} was not found`, { entity, id });
  }

  static validation(fields: FieldError[], message = 'The request is not valid'): DomainException {
    return new DomainException('VALIDATION_FAILED', message, { fields });
  }
}
