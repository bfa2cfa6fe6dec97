/** What the registry holds for a presented credential: its certificate, or its credit credential. */
export interface RegistryEntry {
  status: 'valid' | 'expired' | 'revoked';
  /** YYYY-MM-DD, the last day it is valid; null when the registry sets no end. */
  validUntil: string | null;
}

export type ListReading = 'valid' | 'revoked' | 'unknown' | 'absent';
export type PresentedStatus = 'valid' | 'expired' | 'revoked' | 'unknown';

/**
 * The status the verify route reports: revoked when either the signed status list or the registry
 * says so (a credential issued before the lists has no bit; a list row altered behind the system's
 * back cannot un-revoke one), unknown when the registry does not know it, else by its end date.
 */
export function presentedStatus(list: ListReading, registry: RegistryEntry | null, today: string): PresentedStatus {
  if (list === 'revoked' || registry?.status === 'revoked') return 'revoked';
  if (!registry) return 'unknown';
  if (registry.status === 'expired' || (registry.validUntil !== null && registry.validUntil < today)) return 'expired';
  return 'valid';
}
