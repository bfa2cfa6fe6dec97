import { gunzipSync, gzipSync } from 'node:zlib';
import { VC_V2_CONTEXT } from './credential-types';

/**
 * W3C Bitstring Status List v1.0: a list credential carries one bit per issued credential, gzip-
 * compressed and multibase base64url encoded (prefix `u`); bit 0 is the left-most bit of the first
 * byte. A credential names its list and its index; a set bit means revoked.
 */

/** The spec's minimum (16 KiB of bits), so a list does not tell which of few credentials is revoked. */
export const STATUS_LIST_SIZE = 131_072;

export interface BitstringStatusListCredential {
  '@context': [typeof VC_V2_CONTEXT];
  id: string;
  type: ['VerifiableCredential', 'BitstringStatusListCredential'];
  issuer: string;
  validFrom: string;
  credentialSubject: {
    id: string;
    type: 'BitstringStatusList';
    statusPurpose: 'revocation';
    encodedList: string;
  };
}

/** Where a position from the issuer's counter falls: which list, and which bit of it. */
export function statusSlot(position: number): { list: number; index: number } {
  if (!Number.isSafeInteger(position) || position < 0) throw new Error('The position must be a whole number');
  return { list: Math.floor(position / STATUS_LIST_SIZE), index: position % STATUS_LIST_SIZE };
}

/** The encoded list with the given bits set. */
export function encodeStatusList(setIndices: Iterable<number>, size = STATUS_LIST_SIZE): string {
  if (size % 8 !== 0 || size <= 0) throw new Error('The list size must be a positive multiple of 8');
  const bits = Buffer.alloc(size / 8);
  for (const index of setIndices) {
    if (!Number.isInteger(index) || index < 0 || index >= size) throw new Error(`Index ${index} is outside the list`);
    bits[index >> 3] |= 0x80 >> (index & 7);
  }
  return `u${gzipSync(bits).toString('base64url')}`;
}

/** The raw bitstring of an encoded list; throws when it is not multibase base64url of gzip. */
export function decodeStatusList(encodedList: string): Buffer {
  if (!encodedList.startsWith('u')) throw new Error('The encoded list is not multibase base64url');
  return gunzipSync(Buffer.from(encodedList.slice(1), 'base64url'));
}

export function isBitSet(bits: Buffer, index: number): boolean {
  if (!Number.isInteger(index) || index < 0 || index >= bits.length * 8) {
    throw new Error(`Index ${index} is outside the list`);
  }
  return (bits[index >> 3] & (0x80 >> (index & 7))) !== 0;
}

export function buildStatusListCredential(input: {
  id: string;
  issuer: string;
  validFrom: Date;
  revokedIndices: Iterable<number>;
}): BitstringStatusListCredential {
  return {
    '@context': [VC_V2_CONTEXT],
    id: input.id,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: input.issuer,
    validFrom: input.validFrom.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    credentialSubject: {
      id: `${input.id}#list`,
      type: 'BitstringStatusList',
      statusPurpose: 'revocation',
      encodedList: encodeStatusList(input.revokedIndices),
    },
  };
}
