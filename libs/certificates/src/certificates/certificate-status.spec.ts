import {
  certificateStatus,
  CertificateStatus,
  ListReading,
  presentedStatus,
  RegistryEntry,
} from './certificate-status';

const TODAY = '2026-06-01';
const valid: RegistryEntry = { status: 'valid', validUntil: '2030-01-01' };

describe('certificateStatus', () => {
  it.each<[string, RegistryEntry, CertificateStatus]>([
    ['a valid row before its last day', { status: 'valid', validUntil: '2026-06-02' }, 'valid'],
    ['a valid row on its last day', { status: 'valid', validUntil: TODAY }, 'valid'],
    [
      'a valid row the day after its last day, not yet marked',
      { status: 'valid', validUntil: '2026-05-31' },
      'expired',
    ],
    ['a valid row years past its last day', { status: 'valid', validUntil: '2020-01-01' }, 'expired'],
    ['a valid row with no end date', { status: 'valid', validUntil: null }, 'valid'],
    ['a row marked expired', { status: 'expired', validUntil: '2026-05-31' }, 'expired'],
    ['a row marked expired whose date is not past', { status: 'expired', validUntil: '2030-01-01' }, 'expired'],
    ['a row marked expired with no end date', { status: 'expired', validUntil: null }, 'expired'],
    ['a revoked row before its last day', { status: 'revoked', validUntil: '2030-01-01' }, 'revoked'],
    ['a revoked row past its last day', { status: 'revoked', validUntil: '2026-05-31' }, 'revoked'],
    ['a revoked row on its last day', { status: 'revoked', validUntil: TODAY }, 'revoked'],
    ['a revoked row with no end date', { status: 'revoked', validUntil: null }, 'revoked'],
  ])('%s', (_label, row, expected) => {
    expect(certificateStatus(row, TODAY)).toBe(expected);
  });

  it('compares calendar days across a month and a year boundary', () => {
    expect(certificateStatus({ status: 'valid', validUntil: '2026-12-31' }, '2027-01-01')).toBe('expired');
    expect(certificateStatus({ status: 'valid', validUntil: '2026-01-31' }, '2026-02-01')).toBe('expired');
    expect(certificateStatus({ status: 'valid', validUntil: '2027-01-01' }, '2026-12-31')).toBe('valid');
  });
});

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
