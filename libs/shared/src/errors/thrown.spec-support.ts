import { DomainException } from './domain.exception';

/** The DomainException a rule throws; any other error, or none, fails the test. */
export function thrown(action: () => unknown): DomainException {
  try {
    action();
  } catch (error) {
    if (error instanceof DomainException) return error;
    throw error;
  }
  throw new Error('expected a DomainException');
}
