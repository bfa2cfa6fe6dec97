import { randomBytes } from 'node:crypto';
import { decodeBase58btc, decodeMultibaseBase58btc, encodeBase58btc, encodeMultibaseBase58btc } from './base58btc';

const hex = (value: string): Uint8Array => new Uint8Array(Buffer.from(value, 'hex'));
const utf8 = (value: string): Uint8Array => new Uint8Array(Buffer.from(value, 'utf8'));

describe('base58btc', () => {
  // draft-msporny-base58 §5 and Bitcoin Core's base58_encode_decode.json.
  const vectors: [string, Uint8Array, string][] = [
    ['"Hello World!"', utf8('Hello World!'), '2NEpo7TZRRrLZSi2U'],
    [
      '"The quick brown fox…"',
      utf8('The quick brown fox jumps over the lazy dog.'),
      'USm3fpXnKG5EUBx2ndxBDMPVciP5hGey2Jh4NDv6gmeo1LkMeiKrLJUUBk6Z',
    ],
    ['two leading zero bytes', hex('0000287fb4cd'), '11233QC4'],
    ['empty', hex(''), ''],
    ['a single zero byte', hex('00'), '1'],
    ['only zero bytes', hex('00000000000000000000'), '1111111111'],
    ['0x61', hex('61'), '2g'],
    ['0x626262', hex('626262'), 'a3gV'],
    ['0x636363', hex('636363'), 'aPEr'],
    ['0x516b6fcd0f', hex('516b6fcd0f'), 'ABnLTmg'],
    ['0xbf4f89001e670274dd', hex('bf4f89001e670274dd'), '3SEo3LWLoPntC'],
    ['0x572e4794', hex('572e4794'), '3EFU7m'],
    ['0xecac89cad93923c02321', hex('ecac89cad93923c02321'), 'EJDM8drfXA6uyA'],
    ['0x10c8511e', hex('10c8511e'), 'Rt5zm'],
    [
      'a Bitcoin address payload',
      hex('00eb15231dfceb60925886b67d065299925915aeb172c06647'),
      '1NS17iag9jJgTHD1VXjvLCEnZuQ3rJDE9L',
    ],
  ];

  it.each(vectors)('encodes %s', (_label, bytes, encoded) => {
    expect(encodeBase58btc(bytes)).toBe(encoded);
  });

  it.each(vectors)('decodes %s', (_label, bytes, encoded) => {
    expect(decodeBase58btc(encoded)).toEqual(bytes);
  });

  it('round-trips random bytes, including leading zeros', () => {
    for (let i = 0; i < 200; i++) {
      const bytes = new Uint8Array(randomBytes(i % 70));
      if (i % 3 === 0 && bytes.length > 2) bytes.fill(0, 0, 2);
      expect(decodeBase58btc(encodeBase58btc(bytes))).toEqual(bytes);
    }
  });

  it.each(['0', 'O', 'I', 'l', ' ', '2NEpo7TZRRrLZSi2U!'])('refuses %j, which is outside the alphabet', (text) => {
    expect(() => decodeBase58btc(text)).toThrow(/Invalid base58btc character/);
  });
});

describe('multibase base58btc', () => {
  it('prefixes with z', () => {
    expect(encodeMultibaseBase58btc(utf8('Hello World!'))).toBe('z2NEpo7TZRRrLZSi2U');
    expect(decodeMultibaseBase58btc('z2NEpo7TZRRrLZSi2U')).toEqual(utf8('Hello World!'));
  });

  it('refuses other multibase encodings rather than guessing', () => {
    // 'f' is multibase base16, 'u' base64url.
    expect(() => decodeMultibaseBase58btc('f48656c6c6f')).toThrow(/prefix "z"/);
    expect(() => decodeMultibaseBase58btc('uSGVsbG8')).toThrow(/prefix "z"/);
  });
});
