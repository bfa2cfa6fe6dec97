import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { QueryFailedError } from 'typeorm';
import { renderMessage, type ErrorMessageCode } from '../messages/catalogue';
import { negotiateLanguage, type Language } from '../messages/language';
import { DomainException } from './domain.exception';
import { ErrorBody, ErrorCode } from './error-codes';

const STATUS_CODES: Partial<Record<number, ErrorCode>> = {
  [HttpStatus.BAD_REQUEST]: 'MALFORMED_REQUEST',
  [HttpStatus.UNAUTHORIZED]: 'UNAUTHENTICATED',
  [HttpStatus.FORBIDDEN]: 'FORBIDDEN',
  [HttpStatus.NOT_FOUND]: 'ROUTE_NOT_FOUND',
  [HttpStatus.METHOD_NOT_ALLOWED]: 'METHOD_NOT_ALLOWED',
  [HttpStatus.CONFLICT]: 'CONFLICT',
  [HttpStatus.PAYLOAD_TOO_LARGE]: 'PAYLOAD_TOO_LARGE',
  [HttpStatus.TOO_MANY_REQUESTS]: 'TOO_MANY_REQUESTS',
  [HttpStatus.SERVICE_UNAVAILABLE]: 'SERVICE_UNAVAILABLE',
};

/** PostgreSQL errors that mean the client sent something the schema refuses. */
const PG_CLIENT_ERRORS: Record<string, ErrorCode> = {
  '23505': 'CONFLICT', // unique_violation
  '23503': 'CONFLICT', // foreign_key_violation
  '22P02': 'VALIDATION_FAILED', // invalid_text_representation
  '22007': 'VALIDATION_FAILED', // invalid_datetime_format
  '22008': 'VALIDATION_FAILED', // datetime_field_overflow
  '22003': 'VALIDATION_FAILED', // numeric_value_out_of_range
  '22001': 'VALIDATION_FAILED', // string_data_right_truncation
  '22021': 'VALIDATION_FAILED', // character_not_in_repertoire: a NUL in text (the pipe refuses it first)
};

/**
 * Transactions that PostgreSQL rolled back because another one held what they needed: a deadlock,
 * a serialization failure, a lock it would not wait for. The request was right and nothing of it
 * was written; sent again it will most likely pass.
 */
const PG_CONCURRENCY_ERRORS = new Set(['40P01', '40001', '55P03']);
/** Seconds a client should wait before sending again a request that met a concurrent one. */
const CONCURRENT_RETRY_AFTER_SECONDS = 1;

/**
 * Errors that mean PostgreSQL cannot be reached or is restarting, not that the request is wrong:
 * socket errors, SQLSTATE classes 08 (connection exception) and 57P (operator intervention: shut
 * down, starting up), too many connections, and the pg driver's own wording for a dropped or
 * timed-out connection. The client may retry; nothing was written.
 */
const DB_UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '53300',
  '57P01',
  '57P02',
  '57P03',
]);
const DB_UNAVAILABLE_MESSAGES =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Connection is not established/i;

export function isDatabaseUnavailable(exception: unknown): boolean {
  // Not `instanceof Error`: errors made by Node's own sockets may come from another realm (a
  // test runner's sandbox), and only their code and message matter here.
  const error: unknown = exception instanceof QueryFailedError ? exception.driverError : exception;
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (DB_UNAVAILABLE_CODES.has(code) || code.startsWith('08'))) return true;
  return typeof message === 'string' && DB_UNAVAILABLE_MESSAGES.test(message);
}

/** Seconds a client should wait before retrying a request PostgreSQL could not serve. */
const DB_RETRY_AFTER_SECONDS = 5;

/** The language of a request's messages, by its Accept-Language (messages/language.ts). */
export function requestLanguage(
  request: { headers?: Record<string, string | string[] | undefined> } | undefined,
): Language {
  return negotiateLanguage(request?.headers?.['accept-language']);
}

/**
 * The one place errors become HTTP responses, all in the shape `{ statusCode, code, message,
 * details? }`, the message in the request's language (Accept-Language). Unknown errors are
 * logged and answered with a bare 500 that leaks nothing.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<FastifyReply>();
    const language = requestLanguage(host.switchToHttp().getRequest());
    const body = this.toBody(exception, language);
    if (body.code === 'DATABASE_UNAVAILABLE') {
      this.logger.warn(`PostgreSQL unavailable: ${exception instanceof Error ? exception.message : String(exception)}`);
    } else if (body.statusCode >= 500) {
      this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    }
    if (body.code === 'DATABASE_UNAVAILABLE') response.header('Retry-After', String(DB_RETRY_AFTER_SECONDS));
    if (body.code === 'CONCURRENT_UPDATE') {
      this.logger.warn(`transaction rolled back by a concurrent one: ${(exception as Error).message}`);
      response.header('Retry-After', String(CONCURRENT_RETRY_AFTER_SECONDS));
    }
    if (body.code === 'TOO_MANY_REQUESTS' && exception instanceof DomainException) {
      const retryAfter = (exception.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
      if (retryAfter) response.header('Retry-After', String(retryAfter));
    }
    // JSON whatever type the route declared for its own answer (Fastify would refuse to send an
    // object as text/plain).
    response.status(body.statusCode).type('application/json; charset=utf-8').send(body);
  }

  private toBody(exception: unknown, language: Language): ErrorBody {
    if (exception instanceof DomainException) return exception.toBody(language);
    const answer = (statusCode: number, code: ErrorCode, key: ErrorMessageCode = code): ErrorBody => ({
      statusCode,
      code,
      message: renderMessage(language, key),
    });
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const code = STATUS_CODES[status] ?? (status >= 500 ? 'INTERNAL_ERROR' : 'MALFORMED_REQUEST');
      return answer(status, code);
    }
    if (isDatabaseUnavailable(exception)) return answer(HttpStatus.SERVICE_UNAVAILABLE, 'DATABASE_UNAVAILABLE');
    if (exception instanceof QueryFailedError) {
      const pgCode = (exception.driverError as { code?: string } | undefined)?.code;
      if (pgCode && PG_CONCURRENCY_ERRORS.has(pgCode)) return answer(HttpStatus.CONFLICT, 'CONCURRENT_UPDATE');
      const code = pgCode ? PG_CLIENT_ERRORS[pgCode] : undefined;
      if (code === 'CONFLICT') return answer(HttpStatus.CONFLICT, code);
      if (code) return answer(HttpStatus.BAD_REQUEST, code);
    }
    // Errors of the HTTP server and its plugins (multipart) carry an HTTP status of their own.
    const { status, statusCode } = (exception ?? {}) as { status?: unknown; statusCode?: unknown };
    const own = typeof statusCode === 'number' ? statusCode : status;
    if (typeof own === 'number' && own >= 400 && own < 500)
      return answer(own, STATUS_CODES[own] ?? 'MALFORMED_REQUEST');
    return answer(HttpStatus.INTERNAL_SERVER_ERROR, 'INTERNAL_ERROR');
  }
}
