import { ArgumentsHost, BadRequestException, Logger, NotFoundException } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { AllExceptionsFilter } from './all-exceptions.filter';
import { DomainException } from './domain.exception';

function run(exception: unknown): { status: number; body: unknown; headers: Record<string, string> } {
  const sent = { status: 0, body: undefined as unknown, headers: {} as Record<string, string> };
  const response = {
    status(code: number) {
      sent.status = code;
      return this;
    },
    json(body: unknown) {
      sent.body = body;
    },
    setHeader(name: string, value: string) {
      sent.headers[name] = value;
    },
  };
  const host = { switchToHttp: () => ({ getResponse: () => response }) } as unknown as ArgumentsHost;
  new AllExceptionsFilter().catch(exception, host);
  return sent;
}

describe('AllExceptionsFilter', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('maps a domain exception by its code', () => {
    expect(run(DomainException.notFound('Card', 'x'))).toMatchObject({
      status: 404,
      body: {
        statusCode: 404,
        code: 'NOT_FOUND',
        message: 'Card x was not found',
        details: { entity: 'Card', id: 'x' },
      },
    });
    expect(run(new DomainException('STANDARD_PARSE_FAILED', 'bad', { line: 3 }))).toMatchObject({ status: 422 });
  });

  it('sets Retry-After on TOO_MANY_REQUESTS', () => {
    const sent = run(new DomainException('TOO_MANY_REQUESTS', 'slow down', { retryAfterSeconds: 30 }));
    expect(sent.status).toBe(429);
    expect(sent.headers['Retry-After']).toBe('30');
  });

  it('gives Nest HTTP exceptions a code', () => {
    expect(run(new NotFoundException('Cannot GET /x')).body).toEqual({
      statusCode: 404,
      code: 'ROUTE_NOT_FOUND',
      message: 'Cannot GET /x',
    });
    expect(run(new BadRequestException()).body).toMatchObject({ statusCode: 400, code: 'MALFORMED_REQUEST' });
  });

  it('answers malformed JSON bodies with 400, not 500', () => {
    const parseError = Object.assign(new SyntaxError('Unexpected token'), { status: 400, type: 'entity.parse.failed' });
    expect(run(parseError)).toMatchObject({
      status: 400,
      body: { code: 'MALFORMED_REQUEST', message: 'The request body is not valid JSON' },
    });
  });

  it('maps unique violations to 409 and bad values to 400', () => {
    const unique = new QueryFailedError('INSERT', [], Object.assign(new Error('dup'), { code: '23505' }));
    expect(run(unique)).toMatchObject({ status: 409, body: { code: 'CONFLICT' } });
    const badValue = new QueryFailedError('SELECT', [], Object.assign(new Error('bad uuid'), { code: '22P02' }));
    expect(run(badValue)).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
  });

  it('hides the details of an unexpected error', () => {
    const sent = run(new Error('connection string postgres://secret'));
    expect(sent).toEqual({
      status: 500,
      body: { statusCode: 500, code: 'INTERNAL_ERROR', message: 'Internal error' },
      headers: {},
    });
  });

  describe('PostgreSQL unavailable', () => {
    const socket = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code });
    const driver = (code: string | undefined, message: string) =>
      new QueryFailedError('SELECT 1', [], Object.assign(new Error(message), code ? { code } : {}));

    it.each([
      ['a refused connection', socket('ECONNREFUSED')],
      ['a reset connection', socket('ECONNRESET')],
      ['a server shutting down (57P01)', driver('57P01', 'terminating connection due to administrator command')],
      ['a server starting up (57P03)', driver('57P03', 'the database system is starting up')],
      ['a connection failure (08006)', driver('08006', 'connection failure')],
      ['too many connections (53300)', driver('53300', 'sorry, too many clients already')],
      ['a dropped connection', driver(undefined, 'Connection terminated unexpectedly')],
      ['a pool timeout', new Error('timeout exceeded when trying to connect')],
    ])('answers 503 DATABASE_UNAVAILABLE with Retry-After for %s', (_name, error) => {
      expect(run(error)).toEqual({
        status: 503,
        body: {
          statusCode: 503,
          code: 'DATABASE_UNAVAILABLE',
          message: 'The database is unavailable; try again shortly',
        },
        headers: { 'Retry-After': '5' },
      });
    });

    it('does not take a query the schema refused, or any other error, for an outage', () => {
      expect(run(driver('23505', 'duplicate key')).status).toBe(409);
      expect(run(driver('42P01', 'relation does not exist')).status).toBe(500);
      expect(run(new Error('something else')).status).toBe(500);
      expect(run('a string').status).toBe(500);
    });
  });
});
