import { ArgumentsHost, BadRequestException, Logger, NotFoundException } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { parseJsonBody } from '../http/input-limits';
import { AllExceptionsFilter } from './all-exceptions.filter';
import { DomainException, errorMessage } from './domain.exception';

function run(
  exception: unknown,
  acceptLanguage: string | null = 'en',
): { status: number; body: unknown; headers: Record<string, string> } {
  const sent = { status: 0, body: undefined as unknown, headers: {} as Record<string, string> };
  const response = {
    status(code: number) {
      sent.status = code;
      return this;
    },
    send(body: unknown) {
      sent.body = body;
    },
    header(name: string, value: string) {
      sent.headers[name] = value;
    },
    type() {
      return this;
    },
  };
  const request = { headers: acceptLanguage === null ? {} : { 'accept-language': acceptLanguage } };
  const host = {
    switchToHttp: () => ({ getResponse: () => response, getRequest: () => request }),
  } as unknown as ArgumentsHost;
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
        message: 'Not found.',
        details: { entity: 'Card', id: 'x' },
      },
    });
    expect(run(new DomainException('STANDARD_PARSE_FAILED', 'bad', { line: 3 }))).toMatchObject({ status: 422 });
  });

  it('renders the message in the language the request accepts, Russian by default, the code unchanged', () => {
    const error = () =>
      new DomainException('RETAKE_TOO_EARLY', errorMessage('RETAKE_TOO_EARLY:opens_on', { opensOn: '2026-03-01' }));
    const message = (language: string | null) => (run(error(), language).body as { message: string }).message;
    expect(message('kk')).toBe('Бұл карточка бойынша қайта өтінішті 2026-03-01 бастап беруге болады.');
    expect(message('ru')).toBe('Подать заявление по этой карточке снова можно с 2026-03-01.');
    expect(message('en')).toBe('You may apply for this card again from 2026-03-01');
    expect(message(null)).toBe(message('ru'));
    expect(message('de-DE, kk;q=0.5, en;q=0.4')).toBe(message('kk'));
    expect(message('fr')).toBe(message('ru'));
    expect((run(error(), 'kk').body as { code: string }).code).toBe('RETAKE_TOO_EARLY');
    expect((run(new Error('boom'), 'kk').body as { message: string }).message).toBe(
      'Серверде қате орын алды. Қайталаңыз.',
    );
  });

  it('renders explanations inside the details in the same language', () => {
    const problem = { code: 'PANEL_SKILL_PENDING', params: { missing: 1, members: 3 }, message: 'english' };
    const body = run(new DomainException('CONFLICT', 'x', { problems: [problem] }), 'ru').body as {
      details: { problems: { message: string }[] };
    };
    expect(body.details.problems[0].message).toBe('1 из 3 членов комиссии ещё не записали решение');
    expect(problem.message).toBe('english');
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
      message: 'Not found.',
    });
    expect(run(new BadRequestException()).body).toMatchObject({ statusCode: 400, code: 'MALFORMED_REQUEST' });
  });

  it('answers malformed JSON bodies with 400, not 500', () => {
    let parseError: unknown;
    try {
      parseJsonBody('{"unclosed": ');
    } catch (error) {
      parseError = error;
    }
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
      body: { statusCode: 500, code: 'INTERNAL_ERROR', message: 'An error occurred on the server. Try again.' },
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
          message: 'The service is temporarily unavailable. Try again shortly.',
        },
        headers: { 'Retry-After': '5' },
      });
    });

    it.each([
      ['a deadlock (40P01)', driver('40P01', 'deadlock detected')],
      ['a serialization failure (40001)', driver('40001', 'could not serialize access')],
      ['a lock not waited for (55P03)', driver('55P03', 'could not obtain lock')],
    ])('answers 409 CONCURRENT_UPDATE with Retry-After for %s, not a 500', (_name, error) => {
      expect(run(error)).toEqual({
        status: 409,
        body: {
          statusCode: 409,
          code: 'CONCURRENT_UPDATE',
          message: 'Another request changed the same data at the same moment; nothing was saved. Try again.',
        },
        headers: { 'Retry-After': '1' },
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
