import { createHash } from 'node:crypto';
import { Injectable, OnModuleDestroy } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig, DomainException, redisConnectionOptions } from '@qualcert/shared';

/**
 * Takes one attempt from the account's and the address's allowance, or refuses, in one step.
 * KEYS: the account's counter, the address's counter. ARGV: the account's limit, the address's
 * limit, the window in seconds. Returns {1, 0} when the attempt is counted, {0, seconds until the
 * refusing counter's window ends} when it is not. A window starts at its first attempt and later
 * ones do not extend it. Each policy reads only its own key, so a per-account rule that grows
 * (item 8: progressive delays) replaces the first block without touching the second.
 */
const RESERVE_ATTEMPT = `
local account = tonumber(redis.call('GET', KEYS[1]) or '0')
if account >= tonumber(ARGV[1]) then return {0, redis.call('TTL', KEYS[1])} end
local address = tonumber(redis.call('GET', KEYS[2]) or '0')
if address >= tonumber(ARGV[2]) then return {0, redis.call('TTL', KEYS[2])} end
redis.call('INCR', KEYS[1])
redis.call('EXPIRE', KEYS[1], ARGV[3], 'NX')
redis.call('INCR', KEYS[2])
redis.call('EXPIRE', KEYS[2], ARGV[3], 'NX')
return {1, 0}
`;

/**
 * Gives back one attempt to each counter named (never below zero, and never to a counter whose
 * window has ended, which would leave a key without expiry). ARGV[1] = 'clear' deletes the first.
 */
const RELEASE_ATTEMPT = `
if ARGV[1] == 'clear' then redis.call('DEL', KEYS[1]) end
for i, key in ipairs(KEYS) do
  if not (i == 1 and ARGV[1] == 'clear') then
    local n = tonumber(redis.call('GET', key) or '0')
    if n > 0 then redis.call('DECR', key) end
  end
end
return 1
`;

/**
 * One counted login attempt: its outcome decides what is given back. A wrong password (or an
 * unknown account) gives nothing back: the attempt stays counted against both.
 */
export interface LoginAttempt {
  /** The right password: the account's count is cleared, and this attempt no longer counts against the address. */
  succeeded(): Promise<void>;
  /** The right password for an account that may not sign in: the attempt is given back to both counts. */
  released(): Promise<void>;
}

type RedisWithScripts = Redis & {
  reserveLoginAttempt(
    account: string,
    address: string,
    accountLimit: number,
    addressLimit: number,
    windowSeconds: number,
  ): Promise<[number, number]>;
  releaseLoginAttempt(numberOfKeys: number, ...args: (string | number)[]): Promise<number>;
};

/**
 * Limits login attempts per account and per client address in Redis, so that every API process
 * shares the count. An attempt is counted BEFORE its password is checked, by one script that
 * refuses past the limit (429 with Retry-After): parallel guesses cannot all pass a check made
 * before any of them is counted. Only failures stay counted (see LoginAttempt).
 */
@Injectable()
export class LoginThrottleService implements OnModuleDestroy {
  private readonly redis: RedisWithScripts;

  constructor(private readonly config: AppConfig) {
    const redis = new Redis({
      ...redisConnectionOptions(config.REDIS_URL),
      lazyConnect: true,
      maxRetriesPerRequest: 2,
    });
    redis.defineCommand('reserveLoginAttempt', { numberOfKeys: 2, lua: RESERVE_ATTEMPT });
    redis.defineCommand('releaseLoginAttempt', { lua: RELEASE_ATTEMPT });
    this.redis = redis as RedisWithScripts;
  }

  private keys(email: string, address: string): { account: string; address: string } {
    // The email is hashed: keys are visible to anyone with Redis access.
    const account = createHash('sha256').update(email.toLowerCase()).digest('hex').slice(0, 32);
    const prefix = `${this.config.BULLMQ_PREFIX}:login-throttle`;
    return { account: `${prefix}:account:${account}`, address: `${prefix}:address:${address}` };
  }

  /** Counts the attempt, or refuses it with 429 when the account or the address is past its limit. */
  async begin(email: string, address: string): Promise<LoginAttempt> {
    const keys = this.keys(email, address);
    const [counted, ttl] = await this.redis.reserveLoginAttempt(
      keys.account,
      keys.address,
      this.config.LOGIN_MAX_FAILURES_PER_ACCOUNT,
      this.config.LOGIN_MAX_FAILURES_PER_ADDRESS,
      this.config.LOGIN_THROTTLE_WINDOW_SECONDS,
    );
    if (counted !== 1) {
      const retryAfterSeconds = ttl > 0 ? ttl : this.config.LOGIN_THROTTLE_WINDOW_SECONDS;
      throw new DomainException('TOO_MANY_REQUESTS', 'Too many failed logins; try again later', { retryAfterSeconds });
    }
    const release = async (mode: 'clear' | 'decrement') => {
      await this.redis.releaseLoginAttempt(2, keys.account, keys.address, mode);
    };
    return {
      succeeded: () => release('clear'),
      released: () => release('decrement'),
    };
  }

  onModuleDestroy(): void {
    this.redis.disconnect();
  }
}
