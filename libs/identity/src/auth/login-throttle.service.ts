import { createHash } from 'node:crypto';
import { Injectable, OnModuleDestroy } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig, DomainException, redisConnectionOptions } from '@qualcert/shared';

/**
 * Takes one attempt from the allowance of the account at this address and of the address, or
 * refuses, in one step. KEYS: the account-at-address record (a hash: `n` failures, `until` the
 * time in ms before which no further attempt is taken), the address's counter. ARGV: failures
 * before delays start, the address's limit, the window in seconds, the first delay and the
 * longest delay in ms. Returns {1, 0} when the attempt is counted, {0, ms to wait} when not.
 * Each counted attempt past the free ones sets the next delay, doubling each time; the record is
 * forgotten a window after its last attempt. The address's window starts at its first attempt
 * and later ones do not extend it.
 */
const RESERVE_ATTEMPT = `
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
local free = tonumber(ARGV[1])
local n = tonumber(redis.call('HGET', KEYS[1], 'n') or '0')
local waitUntil = tonumber(redis.call('HGET', KEYS[1], 'until') or '0')
if n >= free and now < waitUntil then return {0, waitUntil - now} end
local address = tonumber(redis.call('GET', KEYS[2]) or '0')
if address >= tonumber(ARGV[2]) then return {0, redis.call('PTTL', KEYS[2])} end
n = n + 1
local delay = 0
if n >= free then delay = math.floor(math.min(tonumber(ARGV[4]) * 2 ^ (n - free), tonumber(ARGV[5]))) end
redis.call('HSET', KEYS[1], 'n', n, 'until', now + delay)
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[3]) * 1000 + delay)
redis.call('INCR', KEYS[2])
redis.call('EXPIRE', KEYS[2], ARGV[3], 'NX')
return {1, 0}
`;

/**
 * Gives back the attempt: ARGV[1] = 'clear' forgets the account-at-address record (the right
 * password), 'decrement' takes one failure off it; either way the address's counter loses one
 * (never below zero, and never for a counter whose window has ended, which would leave a key
 * without expiry).
 */
const RELEASE_ATTEMPT = `
if ARGV[1] == 'clear' then
  redis.call('DEL', KEYS[1])
elseif tonumber(redis.call('HGET', KEYS[1], 'n') or '0') > 0 then
  redis.call('HINCRBY', KEYS[1], 'n', -1)
end
local n = tonumber(redis.call('GET', KEYS[2]) or '0')
if n > 0 then redis.call('DECR', KEYS[2]) end
return 1
`;

/**
 * One counted login attempt: its outcome decides what is given back. A wrong password (or an
 * unknown account) gives nothing back: the attempt stays counted against both.
 */
export interface LoginAttempt {
  /** The right password: the account's failures from this address are forgotten, and this attempt no longer counts against the address. */
  succeeded(): Promise<void>;
  /** The right password for an account that may not sign in: the attempt is given back to both counts. */
  released(): Promise<void>;
}

type RedisWithScripts = Redis & {
  reserveLoginAttempt(
    account: string,
    address: string,
    freeFailures: number,
    addressLimit: number,
    windowSeconds: number,
    firstDelayMs: number,
    longestDelayMs: number,
  ): Promise<[number, number]>;
  releaseLoginAttempt(numberOfKeys: number, ...args: (string | number)[]): Promise<number>;
};

/**
 * Limits password attempts (login, and the current password of a password change) per account
 * at each client address, and per client address, in Redis, so that every API process shares the
 * count. An attempt is counted BEFORE its password is checked, by one script that refuses past
 * the limit (429 with Retry-After): parallel guesses cannot all pass a check made before any of
 * them is counted. Only failures stay counted (see LoginAttempt). Failures from one address delay
 * further attempts from that address only, by a wait that doubles with each failure: a stranger
 * cannot keep the owner, signing in from elsewhere, out of the account.
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
    // Hashed: keys are visible to anyone with Redis access. Fixed length whatever the address.
    const account = createHash('sha256').update(`${email.toLowerCase()}\n${address}`).digest('hex').slice(0, 32);
    const prefix = `${this.config.BULLMQ_PREFIX}:login-throttle`;
    return { account: `${prefix}:account:${account}`, address: `${prefix}:address:${address}` };
  }

  /** Counts the attempt, or refuses it with 429 while the account (from this address) or the address must wait. */
  async begin(email: string, address: string): Promise<LoginAttempt> {
    const keys = this.keys(email, address);
    const [counted, waitMs] = await this.redis.reserveLoginAttempt(
      keys.account,
      keys.address,
      this.config.LOGIN_MAX_FAILURES_PER_ACCOUNT,
      this.config.LOGIN_MAX_FAILURES_PER_ADDRESS,
      this.config.LOGIN_THROTTLE_WINDOW_SECONDS,
      this.config.LOGIN_DELAY_SECONDS * 1000,
      this.config.LOGIN_MAX_DELAY_SECONDS * 1000,
    );
    if (counted !== 1) {
      const retryAfterSeconds = waitMs > 0 ? Math.ceil(waitMs / 1000) : this.config.LOGIN_THROTTLE_WINDOW_SECONDS;
      throw new DomainException('TOO_MANY_REQUESTS', 'Too many failed attempts; try again later', {
        retryAfterSeconds,
      });
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
