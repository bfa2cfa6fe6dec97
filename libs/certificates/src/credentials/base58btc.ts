/**
 * Base58 with the Bitcoin alphabet, and the multibase form of it (a leading `z`).
 *
 * Data Integrity proofs (`proofValue`) and Multikey public keys (`publicKeyMultibase`) are both
 * written this way. Written here rather than pulled from a package: it is a few dozen lines, the
 * inputs are at most a few hundred bytes, and the spec test vectors pin it down.
 */

const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/** The multibase prefix character for base58btc. */
export const MULTIBASE_BASE58BTC_PREFIX = 'z';

const DECODE_TABLE: ReadonlyMap<string, number> = new Map([...ALPHABET].map((char, index) => [char, index]));

/** Encodes bytes as base58btc. Each leading zero byte becomes a leading '1', as Bitcoin does. */
export function encodeBase58btc(bytes: Uint8Array): string {
  let zeros = 0;
  while (zeros < bytes.length && bytes[zeros] === 0) zeros++;

  // Base-58 digits, least significant first; each input byte is folded in by long multiplication.
  const digits: number[] = [];
  for (let i = zeros; i < bytes.length; i++) {
    let carry = bytes[i];
    for (let j = 0; j < digits.length; j++) {
      carry += digits[j] * 256;
      digits[j] = carry % 58;
      carry = Math.floor(carry / 58);
    }
    while (carry > 0) {
      digits.push(carry % 58);
      carry = Math.floor(carry / 58);
    }
  }

  let out = '1'.repeat(zeros);
  for (let i = digits.length - 1; i >= 0; i--) out += ALPHABET[digits[i]];
  return out;
}

/** Decodes base58btc; throws on a character outside the alphabet (0, O, I, l, whitespace, …). */
export function decodeBase58btc(text: string): Uint8Array {
  let zeros = 0;
  while (zeros < text.length && text[zeros] === '1') zeros++;

  // Bytes, least significant first.
  const bytes: number[] = [];
  for (let i = zeros; i < text.length; i++) {
    const value = DECODE_TABLE.get(text[i]);
    if (value === undefined) {
      throw new Error(`Invalid base58btc character at position ${i}`);
    }
    let carry = value;
    for (let j = 0; j < bytes.length; j++) {
      carry += bytes[j] * 58;
      bytes[j] = carry & 0xff;
      carry >>= 8;
    }
    while (carry > 0) {
      bytes.push(carry & 0xff);
      carry >>= 8;
    }
  }

  const out = new Uint8Array(zeros + bytes.length);
  for (let i = 0; i < bytes.length; i++) out[out.length - 1 - i] = bytes[i];
  return out;
}

/** `z` + base58btc: the multibase encoding Data Integrity and Multikey use. */
export function encodeMultibaseBase58btc(bytes: Uint8Array): string {
  return MULTIBASE_BASE58BTC_PREFIX + encodeBase58btc(bytes);
}

/** Decodes a `z…` multibase string; any other multibase prefix is refused rather than guessed at. */
export function decodeMultibaseBase58btc(text: string): Uint8Array {
  if (!text.startsWith(MULTIBASE_BASE58BTC_PREFIX)) {
    throw new Error('Expected a multibase base58btc value (prefix "z")');
  }
  return decodeBase58btc(text.slice(1));
}
