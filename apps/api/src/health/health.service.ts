import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { AppConfig, redisConnectionOptions } from '@qualcert/shared';

const CHECK_TIMEOUT_MS = 1500;

export interface DependencyStatus {
  status: 'up' | 'down';
  latencyMs: number;
  error?: string;
}

export interface HealthReport {
  status: 'ok' | 'unavailable';
  checks: { postgres: DependencyStatus; redis: DependencyStatus };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

@Injectable()
export class HealthService implements OnModuleDestroy {
  // A client of its own that fails fast, unlike the queue connections which retry forever.
  private readonly redis: Redis;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    config: AppConfig,
  ) {
    this.redis = new Redis({
      ...redisConnectionOptions(config.REDIS_URL),
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: CHECK_TIMEOUT_MS,
      retryStrategy: () => null,
    });
    // Errors surface through ping(); an unhandled 'error' event would crash the process.
    this.redis.on('error', () => undefined);
  }

  async check(): Promise<HealthReport> {
    const [postgres, redis] = await Promise.all([
      this.probe(() => this.dataSource.query('SELECT 1')),
      this.probe(async () => {
        if (this.redis.status !== 'ready') {
          this.redis.disconnect();
          await this.redis.connect();
        }
        return this.redis.ping();
      }),
    ]);
    return {
      status: postgres.status === 'up' && redis.status === 'up' ? 'ok' : 'unavailable',
      checks: { postgres, redis },
    };
  }

  private async probe(run: () => Promise<unknown>): Promise<DependencyStatus> {
    const started = performance.now();
    try {
      await withTimeout(run(), CHECK_TIMEOUT_MS);
      return { status: 'up', latencyMs: Math.round(performance.now() - started) };
    } catch (error) {
      return {
        status: 'down',
        latencyMs: Math.round(performance.now() - started),
        error: error instanceof Error ? error.message : String(error),
      };
    }
  }

  onModuleDestroy(): void {
    this.redis.disconnect();
  }
}
