/**
 * Personal data (Law of the Republic of Kazakhstan on personal data) that must not be shown in
 * full to whoever reads an audit record or a public page.
 */

/** 950101300034 → 9501******34 */
export function maskIin(iin: string): string {
  return iin.length === 12 ? `${iin.slice(0, 4)}******${iin.slice(10)}` : '************';
}

const SECRET_KEYS = new Set([
  'password',
  'passwordHash',
  'currentPassword',
  'newPassword',
  'token',
  'tokenHash',
  'refreshToken',
]);
const IIN_KEYS = new Set(['iin']);

/** A copy of a record fit for the audit trail: secrets removed, ИИН masked, at any depth. */
export function maskRecord(value: object): Record<string, unknown> {
  return maskPersonalData(value) as Record<string, unknown>;
}

export function maskPersonalData(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskPersonalData);
  if (value instanceof Date) return value.toISOString();
  if (value === null || typeof value !== 'object') return value;
  const result: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (SECRET_KEYS.has(key)) continue;
    result[key] = IIN_KEYS.has(key) && typeof field === 'string' ? maskIin(field) : maskPersonalData(field);
  }
  return result;
}
