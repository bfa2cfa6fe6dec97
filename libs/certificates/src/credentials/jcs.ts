/**
 * JSON Canonicalization Scheme (RFC 8785), the canonical form eddsa-jcs-2022 hashes.
 *
 * The `canonicalize` package implements the same thing, but it ships as an ES module only, which the
 * CommonJS build and Jest's module loader here cannot `require`. RFC 8785 leans on ECMAScript's own
 * JSON serialization for strings and numbers, so what is left is small: sort keys by UTF-16 code
 * units, refuse what JSON cannot represent, and recurse.
 */

// With the `u` flag a well-formed surrogate pair is one code point, so only lone halves match.
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Serializes `value` canonically.
 *
 * Object properties whose value is `undefined` are skipped, as `JSON.stringify` skips them, so that
 * what is signed is exactly what goes over the wire. Anything else JSON cannot carry faithfully
 * (non-finite numbers, lone surrogates, `undefined` inside arrays, functions, bigints, class
 * instances such as Date) throws instead of being silently converted.
 */
export function canonicalizeJson(value: unknown): string {
  return serialize(value, '$');
}

function serialize(value: unknown, path: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`JCS: ${path} is not a finite number`);
      // ECMAScript Number-to-String is exactly the number form RFC 8785 §3.2.2.3 requires.
      return JSON.stringify(value);
    case 'string':
      return serializeString(value, path);
    case 'object':
      return Array.isArray(value) ? serializeArray(value, path) : serializeObject(value, path);
    default:
      throw new TypeError(`JCS: ${path} has type ${typeof value}, which JSON cannot represent`);
  }
}

function serializeString(value: string, path: string): string {
  if (LONE_SURROGATE.test(value)) throw new TypeError(`JCS: ${path} contains a lone surrogate`);
  // JSON.stringify escapes exactly the characters RFC 8785 §3.2.2.2 lists, with lowercase hex.
  return JSON.stringify(value);
}

function serializeArray(values: readonly unknown[], path: string): string {
  const parts: string[] = [];
  for (let i = 0; i < values.length; i++) {
    if (values[i] === undefined) throw new TypeError(`JCS: ${path}[${i}] is undefined`);
    parts.push(serialize(values[i], `${path}[${i}]`));
  }
  return `[${parts.join(',')}]`;
}

function serializeObject(value: object, path: string): string {
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) {
    throw new TypeError(`JCS: ${path} is not a plain object`);
  }
  const record = value as Record<string, unknown>;
  // Default sort compares UTF-16 code units, which is the order RFC 8785 §3.2.3 prescribes.
  const keys = Object.keys(record).sort();
  const parts: string[] = [];
  for (const key of keys) {
    const member = record[key];
    if (member === undefined) continue;
    parts.push(`${serializeString(key, path)}:${serialize(member, `${path}.${key}`)}`);
  }
  return `{${parts.join(',')}}`;
}
