import { canonicalizeJson } from './jcs';

describe('canonicalizeJson (RFC 8785)', () => {
  it('serializes the RFC 8785 §3.2.2 example', () => {
    const input: unknown = JSON.parse(
      '{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],' +
        ' "string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/",' +
        ' "literals": [null, true, false]}',
    );
    expect(canonicalizeJson(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' +
        '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('sorts keys by UTF-16 code units (RFC 8785 §3.2.3 example)', () => {
    const input: unknown = JSON.parse(
      '{"\\u20ac": "Euro Sign", "\\r": "Carriage Return", "\\ufb33": "Hebrew Letter Dalet With Dagesh",' +
        ' "1": "One", "\\ud83d\\ude00": "Emoji: Grinning Face", "\\u0080": "Control",' +
        ' "\\u00f6": "Latin Small Letter O With Diaeresis"}',
    );
    // Compared as text: JSON.parse would list the integer-like key "1" first whatever the order.
    const expected = [
      ['\r', 'Carriage Return'],
      ['1', 'One'],
      ['\u0080', 'Control'],
      ['\u00f6', 'Latin Small Letter O With Diaeresis'],
      ['\u20ac', 'Euro Sign'],
      // The emoji's high surrogate (0xd83d) sorts before U+FB33 although its code point is larger.
      ['\ud83d\ude00', 'Emoji: Grinning Face'],
      ['\ufb33', 'Hebrew Letter Dalet With Dagesh'],
    ];
    expect(canonicalizeJson(input)).toBe(
      `{${expected.map(([key, value]) => `${JSON.stringify(key)}:${JSON.stringify(value)}`).join(',')}}`,
    );
  });

  // RFC 8785 Appendix B: IEEE 754 bit patterns and their canonical form.
  it.each([
    ['0000000000000000', '0'],
    ['8000000000000000', '0'],
    ['0000000000000001', '5e-324'],
    ['8000000000000001', '-5e-324'],
    ['7fefffffffffffff', '1.7976931348623157e+308'],
    ['4340000000000000', '9007199254740992'],
    ['c340000000000000', '-9007199254740992'],
    ['4430000000000000', '295147905179352830000'],
    ['44b52d02c7e14af5', '9.999999999999997e+22'],
    ['44b52d02c7e14af6', '1e+23'],
    ['3eb0c6f7a0b5ed8d', '0.000001'],
    ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
    ['41b3de4355555553', '333333333.3333332'],
  ])('serializes the double 0x%s as %s', (bits, expected) => {
    expect(canonicalizeJson(Buffer.from(bits, 'hex').readDoubleBE(0))).toBe(expected);
  });

  it('gives the same output whatever the key order, at any depth', () => {
    const a = { b: [{ y: 1, x: 2 }], a: { d: 'd', c: null } };
    const b = { a: { c: null, d: 'd' }, b: [{ x: 2, y: 1 }] };
    expect(canonicalizeJson(a)).toBe('{"a":{"c":null,"d":"d"},"b":[{"x":2,"y":1}]}');
    expect(canonicalizeJson(b)).toBe(canonicalizeJson(a));
  });

  it('keeps array order and non-ASCII text as is', () => {
    expect(canonicalizeJson(['б', 'а', 'Қ'])).toBe('["б","а","Қ"]');
  });

  it('skips undefined object members, as JSON.stringify does', () => {
    expect(canonicalizeJson({ a: 1, b: undefined })).toBe('{"a":1}');
  });

  it.each([
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['a lone surrogate', '\ud800'],
    ['undefined in an array', [1, undefined]],
    ['a bigint', BigInt(1)],
    ['a function', () => 1],
    ['a Date', new Date(0)],
    ['a Map', new Map()],
  ])('refuses %s', (_label, value) => {
    expect(() => canonicalizeJson(value)).toThrow(TypeError);
  });
});
