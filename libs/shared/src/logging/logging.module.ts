import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Global, LoggerService, Module } from '@nestjs/common';
import pino, { Logger as PinoLogger, LoggerOptions } from 'pino';
import { AppConfig } from '../config/app-config';
import { currentRequest } from '../http/request-context';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Paths that never reach the logs. Personal data (ИИН, documents) is also never put in log
 * messages by the code; this is the net under that rule.
 */
export const LOG_REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.iin',
  '*.password',
  '*.token',
  '*.refreshToken',
];

/** Accepts a caller's X-Request-Id when it is well-formed, so logs correlate across services. */
export function requestId(req: IncomingMessage): string {
  const incoming = req.headers['x-request-id'];
  return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

/** The process's one pino logger: the API's HTTP server logs through it, and so does Nest. */
export function createRootLogger(config: Pick<AppConfig, 'LOG_LEVEL' | 'LOG_PRETTY'>): PinoLogger {
  const options: LoggerOptions = {
    level: config.LOG_LEVEL,
    redact: { paths: LOG_REDACT_PATHS, censor: '[redacted]' },
    ...(config.LOG_PRETTY === 'true' ? { transport: { target: 'pino-pretty' } } : {}),
  };
  return pino(options);
}

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/**
 * Nest's logger interface over pino. A line written while a request is served carries its id
 * (from the request-context store), as the request's own log line does.
 */
export class PinoNestLogger implements LoggerService {
  constructor(readonly pino: PinoLogger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: Level, message: unknown, params: unknown[]): void {
    if (!this.pino.isLevelEnabled(level)) return;
    // Nest's convention: the last string parameter is the context; error() may put a stack before it.
    const rest = [...params];
    const context = rest.length > 0 && typeof rest[rest.length - 1] === 'string' ? rest.pop() : undefined;
    const fields: Record<string, unknown> = {};
    if (context !== undefined) fields.context = context;
    const { requestId: reqId } = currentRequest();
    if (reqId !== null) fields.reqId = reqId;
    if (typeof rest[0] === 'string') fields.stack = rest[0];
    if (message instanceof Error) this.pino[level]({ ...fields, err: message }, message.message);
    else if (typeof message === 'object' && message !== null) this.pino[level]({ ...fields, ...message });
    else this.pino[level](fields, String(message));
  }
}

/** For processes without an HTTP server (the worker): the logger from the configuration. */
@Global()
@Module({
  providers: [
    {
      provide: PinoNestLogger,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => new PinoNestLogger(createRootLogger(config)),
    },
  ],
  exports: [PinoNestLogger],
})
export class LoggingModule {}
