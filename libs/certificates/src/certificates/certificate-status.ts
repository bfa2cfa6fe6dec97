export type CertificateStatus = 'valid' | 'expired' | 'revoked';

/** What the registry holds of a certificate or a credit credential: its stored status and last day. */
export interface RegistryEntry {
  status: CertificateStatus;
  /** YYYY-MM-DD, the last day it is valid; null when the registry sets no end. */
  validUntil: string | null;
}

/**
 * A certificate's status on a day (YYYY-MM-DD): revoked stays revoked; otherwise expired once its
 * last day is past, whether or not the hourly expiry run has marked the row yet (it marks the rows
 * this would call expired, `CertificateIssuer.expireDue`); valid on its last day.
 */
export function certificateStatus(row: RegistryEntry, today: string): CertificateStatus {
  if (row.status === 'revoked') return 'revoked';
  if (row.status === 'expired' || (row.validUntil !== null && row.validUntil < today)) return 'expired';
  return 'valid';
}

export type ListReading = 'valid' | 'revoked' | 'unknown' | 'absent';
export type PresentedStatus = CertificateStatus | 'unknown';

/**
 * The status the verify route reports: revoked when either the signed status list or the registry
 * says so (a credential issued before the lists has no bit; a list row altered behind the system's
 * back cannot un-revoke one), unknown when the registry does not know it, else the registry's status.
 */
export function presentedStatus(list: ListReading, registry: RegistryEntry | null, today: string): PresentedStatus {
  if (list === 'revoked') return 'revoked';
  if (!registry) return 'unknown';
  return certificateStatus(registry, today);
}
