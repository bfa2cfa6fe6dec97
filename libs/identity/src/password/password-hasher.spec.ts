import * as argon2 from 'argon2';
import { PasswordHasher } from './password-hasher';

// The real argon2, its verify watched: which hash each guess is checked against.
jest.mock('argon2', () => {
  const actual = jest.requireActual<typeof import('argon2')>('argon2');
  return { ...actual, verify: jest.fn(actual.verify) };
});
const verify = argon2.verify as jest.MockedFunction<typeof argon2.verify>;

/** The cost of every hash the hasher makes: argon2id, 19 MiB, 2 iterations, 1 lane. */
const SAME_COST = /^\$argon2id\$v=19\$m=19456,p=1,t=2\$/;

describe('PasswordHasher', () => {
  beforeEach(() => verify.mockClear());

  it('verifies an unknown account’s guess against the decoy hash, at a real hash’s cost, and never matches', async () => {
    const hasher = new PasswordHasher();
    // The decoy's own password: argon2 accepts it, the hasher still says no.
    expect(await hasher.verify(null, 'decoy password for unknown accounts')).toBe(false);
    expect(await hasher.verify(null, 'any guess at all')).toBe(false);
    expect(verify).toHaveBeenCalledTimes(2);
    const [[decoy, first], [again, second]] = verify.mock.calls;
    expect([first, second]).toEqual(['decoy password for unknown accounts', 'any guess at all']);
    expect(decoy).toMatch(SAME_COST);
    expect(again).toBe(decoy);
    await expect(verify.mock.results[0].value).resolves.toBe(true);
    expect(await hasher.hash('a real password 123')).toMatch(SAME_COST);
  });

  it('verifies a known account’s password against its own hash', async () => {
    const hasher = new PasswordHasher();
    const hash = await hasher.hash('a real password 123');
    verify.mockClear();
    expect(await hasher.verify(hash, 'a real password 123')).toBe(true);
    expect(await hasher.verify(hash, 'a wrong guess 12345')).toBe(false);
    expect(verify.mock.calls.map(([h]) => h)).toEqual([hash, hash]);
  });

  it('answers false, not an error, for a hash argon2 cannot read', async () => {
    expect(await new PasswordHasher().verify('not a hash', 'whatever')).toBe(false);
  });
});
