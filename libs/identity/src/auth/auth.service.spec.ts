import type { DataSource } from 'typeorm';
import { DomainException } from '@qualcert/shared';
import type { UserEntity } from '../entities/user.entity';
import type { PasswordHasher } from '../password/password-hasher';
import type { UsersRepository } from '../users/users.repository';
import { AuthService } from './auth.service';
import type { LoginThrottleService } from './login-throttle.service';

/** The login check with its collaborators replaced: which hash is verified, in which order. */
function authWith(user: Partial<UserEntity> | null) {
  const steps: string[] = [];
  const findOne = jest.fn(() => {
    steps.push('find');
    return Promise.resolve(user);
  });
  const repository = { findByEmailKey: findOne } as unknown as UsersRepository;
  const verify = jest.fn((hash: string | null) => {
    steps.push('verify');
    return Promise.resolve(hash === 'the right hash');
  });
  const attempt = { succeeded: jest.fn(() => Promise.resolve()), released: jest.fn(() => Promise.resolve()) };
  const begin = jest.fn(() => {
    steps.push('count');
    return Promise.resolve(attempt);
  });
  const service = new AuthService(
    {} as DataSource,
    repository,
    { verify } as unknown as PasswordHasher,
    {} as never,
    { begin } as unknown as LoginThrottleService,
    {} as never,
    {} as never,
  );
  return { service, verify, begin, attempt, steps };
}

const wrongCredentials = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainException);
  expect(error).toMatchObject({ code: 'UNAUTHENTICATED', message: 'Email or password is wrong' });
};

describe('AuthService.validateCredentials', () => {
  it('verifies an unknown e-mail’s password against the decoy (hash null), after counting the attempt', async () => {
    const { service, verify, begin, attempt, steps } = authWith(null);
    await wrongCredentials(service.validateCredentials('Nobody@Example.kz', 'a guess 123456', '203.0.113.7'));
    expect(begin).toHaveBeenCalledWith('Nobody@Example.kz', '203.0.113.7');
    expect(verify).toHaveBeenCalledTimes(1);
    expect(verify).toHaveBeenCalledWith(null, 'a guess 123456');
    expect(steps).toEqual(['count', 'find', 'verify']);
    // The failure stays counted against the account and the address.
    expect(attempt.succeeded).not.toHaveBeenCalled();
    expect(attempt.released).not.toHaveBeenCalled();
  });

  it('gives a known e-mail with a wrong password the same answer after the same steps', async () => {
    const { service, verify, steps } = authWith({ id: 'u1', passwordHash: 'another hash', status: 'active' });
    await wrongCredentials(service.validateCredentials('someone@example.kz', 'a guess 123456', '203.0.113.7'));
    expect(verify).toHaveBeenCalledWith('another hash', 'a guess 123456');
    expect(steps).toEqual(['count', 'find', 'verify']);
  });

  it('clears the account’s count on the right password', async () => {
    const user = { id: 'u1', passwordHash: 'the right hash', status: 'active' as const };
    const { service, attempt } = authWith(user);
    expect(await service.validateCredentials('someone@example.kz', 'right', '203.0.113.7')).toBe(user);
    expect(attempt.succeeded).toHaveBeenCalledTimes(1);
  });
});
