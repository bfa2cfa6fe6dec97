import { ListReading, presentedStatus, RegistryEntry } from './presented-status';

const TODAY = '2026-06-01';
const valid: RegistryEntry = { status: 'valid', validUntil: '2030-01-01' };

describe('presentedStatus', () => {
  it.each<[string, ListReading, RegistryEntry | null, string]>([
    ['a set bit, whatever the registry says', 'revoked', valid, 'revoked'],
    ['a set bit for a credential the registry does not know', 'revoked', null, 'revoked'],
    ['a revoked row with a clear bit', 'valid', { status: 'revoked', validUntil: '2030-01-01' }, 'revoked'],
    [
      'a revoked row of a credential issued before the lists',
      'absent',
      { status: 'revoked', validUntil: null },
      'revoked',
    ],
    ['a clear bit and a valid row', 'valid', valid, 'valid'],
    ['a list of another system and a valid row', 'unknown', valid, 'valid'],
    ['no registry entry', 'valid', null, 'unknown'],
    ['no registry entry and no status entry', 'absent', null, 'unknown'],
    ['a row past its end date', 'valid', { status: 'valid', validUntil: '2026-05-31' }, 'expired'],
    ['a row on its last day', 'valid', { status: 'valid', validUntil: TODAY }, 'valid'],
    ['a row marked expired', 'valid', { status: 'expired', validUntil: '2030-01-01' }, 'expired'],
    ['a row with no end date', 'valid', { status: 'valid', validUntil: null }, 'valid'],
  ])('%s', (_label, list, registry, expected) => {
    expect(presentedStatus(list, registry, TODAY)).toBe(expected);
  });
});
