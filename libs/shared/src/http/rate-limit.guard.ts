import {
  CanActivate,
  ExecutionContext,
  Injectable,
  OnModuleDestroy,
  SetMetadata,
  applyDecorators,
  UseGuards,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import Redis from 'ioredis';
import { AppConfig, redisConnectionOptions } from '../config/app-config';
import { DomainException } from '../errors/domain.exception';

const RATE_LIMIT_KEY = 'qualcert:rate-limit';

/**
 * Requests a client address may make per minute to a group of routes, counted in Redis so that
 * every API process shares the count (a fixed one-minute window).
 */
@Injectable()
export class RateLimitGuard implements CanActivate, OnModuleDestroy {
  private readonly redis: Redis;

  constructor(
    private readonly reflector: Reflector,
    private readonly config: AppConfig,
  ) {
    this.redis = new Redis({ ...redisConnectionOptions(config.REDIS_URL), lazyConnect: true, maxRetriesPerRequest: 1 });
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const group = this.reflector.get<string | undefined>(RATE_LIMIT_KEY, context.getHandler());
    if (!group) return true;
    const req = context.switchToHttp().getRequest<Request>();
    const res = context.switchToHttp().getResponse<Response>();
    const window = Math.floor(Date.now() / 60_000);
    const key = `${this.config.BULLMQ_PREFIX}:rate:${group}:${req.ip ?? 'unknown'}:${window}`;
    const [[, count]] = (await this.redis.multi().incr(key).expire(key, 61).exec()) as [[unknown, number]];
    const limit = this.config.PUBLIC_RATE_LIMIT_PER_MINUTE;
    res.setHeader('RateLimit-Limit', String(limit));
    res.setHeader('RateLimit-Remaining', String(Math.max(0, limit - count)));
    if (count > limit) {
      const retryAfterSeconds = 60 - Math.floor((Date.now() % 60_000) / 1000);
      throw new DomainException('TOO_MANY_REQUESTS', 'Too many requests; try again later', { retryAfterSeconds });
    }
    return true;
  }

  onModuleDestroy(): void {
    this.redis.disconnect();
  }
}

/** Limits a public route per client address (PUBLIC_RATE_LIMIT_PER_MINUTE). */
export function RateLimited(group: string): MethodDecorator {
  return applyDecorators(SetMetadata(RATE_LIMIT_KEY, group), UseGuards(RateLimitGuard));
}
