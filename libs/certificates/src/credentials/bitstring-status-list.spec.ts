import {
  buildStatusListCredential,
  decodeStatusList,
  encodeStatusList,
  isBitSet,
  STATUS_LIST_SIZE,
  statusSlot,
} from './bitstring-status-list';
import { expandSafely } from './conformance/conformance.spec-support';

describe('Bitstring Status List', () => {
  it('holds at least 131,072 entries, all clear when nothing is revoked', () => {
    const bits = decodeStatusList(encodeStatusList([]));
    expect(bits.length * 8).toBe(STATUS_LIST_SIZE);
    expect(STATUS_LIST_SIZE).toBeGreaterThanOrEqual(131_072);
    expect(bits.every((byte) => byte === 0)).toBe(true);
  });

  it('sets exactly the revoked bits, index 0 being the left-most bit of the first byte', () => {
    const bits = decodeStatusList(encodeStatusList([0, 9, STATUS_LIST_SIZE - 1]));
    expect(bits[0]).toBe(0b1000_0000);
    expect(bits[1]).toBe(0b0100_0000);
    expect(bits[bits.length - 1]).toBe(0b0000_0001);
    expect([0, 9, STATUS_LIST_SIZE - 1].every((i) => isBitSet(bits, i))).toBe(true);
    expect(isBitSet(bits, 1)).toBe(false);
    expect(isBitSet(bits, 8)).toBe(false);
  });

  it('encodes as multibase base64url (prefix u, no padding) of gzip', () => {
    const encoded = encodeStatusList([5]);
    expect(encoded).toMatch(/^u[A-Za-z0-9_-]+$/);
    expect(Buffer.from(encoded.slice(1), 'base64url').subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
  });

  it('refuses indices outside the list and lists that are not multibase', () => {
    expect(() => encodeStatusList([STATUS_LIST_SIZE])).toThrow(/outside/);
    expect(() => encodeStatusList([-1])).toThrow(/outside/);
    expect(() => decodeStatusList('zabc')).toThrow(/multibase/);
    expect(() => isBitSet(Buffer.alloc(1), 8)).toThrow(/outside/);
  });

  it('places counter positions in successive lists', () => {
    expect(statusSlot(0)).toEqual({ list: 0, index: 0 });
    expect(statusSlot(STATUS_LIST_SIZE - 1)).toEqual({ list: 0, index: STATUS_LIST_SIZE - 1 });
    expect(statusSlot(STATUS_LIST_SIZE + 3)).toEqual({ list: 1, index: 3 });
    expect(() => statusSlot(-1)).toThrow();
  });

  it('builds a BitstringStatusListCredential that expands in JSON-LD safe mode', async () => {
    const credential = buildStatusListCredential({
      id: 'https://qualcert.example.kz/api/v1/public/status-lists/ALM01/0',
      issuer: 'https://qualcert.example.kz/api/v1/public/issuers/ALM01',
      validFrom: new Date('2026-01-02T03:04:05.678Z'),
      revokedIndices: [42],
    });
    expect(credential.validFrom).toBe('2026-01-02T03:04:05Z');
    expect(credential.credentialSubject).toMatchObject({ type: 'BitstringStatusList', statusPurpose: 'revocation' });
    expect(isBitSet(decodeStatusList(credential.credentialSubject.encodedList), 42)).toBe(true);
    const expanded = JSON.stringify(await expandSafely(credential));
    expect(expanded).toContain('https://www.w3.org/ns/credentials/status#encodedList');
  });
});
