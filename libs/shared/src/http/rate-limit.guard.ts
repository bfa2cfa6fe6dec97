import {
  CanActivate,
  Logger,
  ExecutionContext,
  Injectable,
  OnModuleDestroy,
  SetMetadata,
  applyDecorators,
  UseGuards,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import Redis from 'ioredis';
import { AppConfig, redisConnectionOptions } from '../config/app-config';
import { DomainException } from '../errors/domain.exception';

const RATE_LIMIT_KEY = 'qualcert:rate-limit';

/** The Redis key that counts a subject's requests to a group of routes in its current window. */
export function rateLimitKey(prefix: string, group: string, subject: string): string {
  return `${prefix}:rate:${group}:${subject}`;
}

/** INCR; PEXPIRE NX, so only the count that opens the window sets its end; then PTTL. */
const RATE_COUNT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
redis.call('PEXPIRE', KEYS[1], ARGV[1], 'NX')
return { count, redis.call('PTTL', KEYS[1]) }
`;

type CountingRedis = Redis & { rateCount(key: string, windowMs: number): Promise<[number, number]> };

/** The settings that hold a limit, and the window each counts over, in seconds. */
const LIMIT_WINDOWS = {
  PUBLIC_RATE_LIMIT_PER_MINUTE: 60,
  EVIDENCE_UPLOADS_PER_MINUTE: 60,
  PROFILE_CHANGES_PER_HOUR: 3600,
  REGISTRATIONS_PER_HOUR: 3600,
} as const;
type LimitSetting = keyof typeof LIMIT_WINDOWS;

interface RateLimitOptions {
  group: string;
  limit: LimitSetting;
  /** Whom the count is kept for: the client address (public routes) or the signed-in user. */
  by: 'address' | 'user';
}

/**
 * Requests per window to a group of routes, per client address or per user, counted in Redis so
 * that every API process shares the count. A window (a minute, or an hour for the settings named
 * per hour) starts with its first request and is not extended by later ones; Retry-After is what
 * is left of it. While Redis cannot be reached the limit is not enforced: a limiter must not take
 * the routes it guards down with it (uploads and verification keep working through a Redis
 * outage; the outage is in /health).
 */
@Injectable()
export class RateLimitGuard implements CanActivate, OnModuleDestroy {
  private readonly logger = new Logger(RateLimitGuard.name);
  private readonly redis: CountingRedis;

  constructor(
    private readonly reflector: Reflector,
    private readonly config: AppConfig,
  ) {
    this.redis = new Redis({
      ...redisConnectionOptions(config.REDIS_URL),
      lazyConnect: true,
      maxRetriesPerRequest: 1,
      // Fail at once while Redis is down rather than queue the count behind a reconnection.
      enableOfflineQueue: false,
    }) as CountingRedis;
    this.redis.defineCommand('rateCount', { numberOfKeys: 1, lua: RATE_COUNT_SCRIPT });
    // Connection errors surface on each count; without a listener ioredis would print them.
    this.redis.on('error', () => undefined);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const options = this.reflector.get<RateLimitOptions | undefined>(RATE_LIMIT_KEY, context.getHandler());
    if (!options) return true;
    const req = context.switchToHttp().getRequest<FastifyRequest & { user?: { userId?: string } }>();
    const res = context.switchToHttp().getResponse<FastifyReply>();
    const windowMs = LIMIT_WINDOWS[options.limit] * 1000;
    const subject = options.by === 'user' && req.user?.userId ? `user:${req.user.userId}` : req.ip;
    const key = rateLimitKey(this.config.BULLMQ_PREFIX, options.group, subject);
    let count: number;
    let windowLeftMs: number;
    try {
      if (this.redis.status === 'wait') await this.redis.connect();
      // One command, one round trip: the script counts, starts the window with the first count
      // only, and answers what is left of it in milliseconds (TTL's whole seconds are rounded,
      // and Retry-After must not fall short). EVALSHA, loaded once per connection by ioredis.
      const [counted, ttl] = await this.redis.rateCount(key, windowMs);
      count = counted;
      windowLeftMs = ttl > 0 ? ttl : windowMs;
    } catch (error) {
      this.logger.warn(`rate limit not enforced, Redis unavailable: ${(error as Error).message}`);
      return true;
    }
    const limit = this.config[options.limit];
    res.header('RateLimit-Limit', String(limit));
    res.header('RateLimit-Remaining', String(Math.max(0, limit - count)));
    if (count > limit) {
      const retryAfterSeconds = Math.ceil(windowLeftMs / 1000);
      throw new DomainException('TOO_MANY_REQUESTS', 'Too many requests; try again later', { retryAfterSeconds });
    }
    return true;
  }

  onModuleDestroy(): void {
    this.redis.disconnect();
  }
}

/**
 * Limits a route per window: by default a public route per client address
 * (PUBLIC_RATE_LIMIT_PER_MINUTE).
 */
export function RateLimited(
  group: string,
  options: { limit?: LimitSetting; by?: 'address' | 'user' } = {},
): MethodDecorator {
  const metadata: RateLimitOptions = {
    group,
    limit: options.limit ?? 'PUBLIC_RATE_LIMIT_PER_MINUTE',
    by: options.by ?? 'address',
  };
  return applyDecorators(SetMetadata(RATE_LIMIT_KEY, metadata), UseGuards(RateLimitGuard));
}
