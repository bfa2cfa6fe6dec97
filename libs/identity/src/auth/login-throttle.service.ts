import { createHash } from 'node:crypto';
import { Injectable, OnModuleDestroy } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig, DomainException, redisConnectionOptions } from '@qualcert/shared';

/**
 * Counts failed logins per account and per client address in Redis, so that every API process
 * shares the count. Past the limit, logins are refused with 429 and Retry-After until the window
 * ends; a successful login clears the account's count.
 */
@Injectable()
export class LoginThrottleService implements OnModuleDestroy {
  private readonly redis: Redis;

  constructor(private readonly config: AppConfig) {
    this.redis = new Redis({ ...redisConnectionOptions(config.REDIS_URL), lazyConnect: true, maxRetriesPerRequest: 2 });
  }

  private keys(email: string, address: string): { account: string; address: string } {
    // The email is hashed: keys are visible to anyone with Redis access.
    const account = createHash('sha256').update(email.toLowerCase()).digest('hex').slice(0, 32);
    const prefix = `${this.config.BULLMQ_PREFIX}:login-throttle`;
    return { account: `${prefix}:account:${account}`, address: `${prefix}:address:${address}` };
  }

  async assertAllowed(email: string, address: string): Promise<void> {
    const keys = this.keys(email, address);
    const [[, account], [, byAddress], [, accountTtl], [, addressTtl]] = (await this.redis
      .multi()
      .get(keys.account)
      .get(keys.address)
      .ttl(keys.account)
      .ttl(keys.address)
      .exec()) as [unknown, string | null][] & [unknown, number][];
    const blocked =
      Number(account ?? 0) >= this.config.LOGIN_MAX_FAILURES_PER_ACCOUNT
        ? Number(accountTtl)
        : Number(byAddress ?? 0) >= this.config.LOGIN_MAX_FAILURES_PER_ADDRESS
          ? Number(addressTtl)
          : 0;
    if (blocked !== 0) {
      const retryAfterSeconds = blocked > 0 ? blocked : this.config.LOGIN_THROTTLE_WINDOW_SECONDS;
      throw new DomainException('TOO_MANY_REQUESTS', 'Too many failed logins; try again later', { retryAfterSeconds });
    }
  }

  async recordFailure(email: string, address: string): Promise<void> {
    const keys = this.keys(email, address);
    const window = this.config.LOGIN_THROTTLE_WINDOW_SECONDS;
    // The window starts at the first failure (NX) and is not extended by later ones.
    await this.redis
      .multi()
      .incr(keys.account)
      .expire(keys.account, window, 'NX')
      .incr(keys.address)
      .expire(keys.address, window, 'NX')
      .exec();
  }

  async recordSuccess(email: string, address: string): Promise<void> {
    await this.redis.del(this.keys(email, address).account);
  }

  onModuleDestroy(): void {
    this.redis.disconnect();
  }
}
