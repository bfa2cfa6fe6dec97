/**
 * The one place the public verification URL of a certificate is built: printed under its QR code,
 * encoded in the QR code, and named by its credential's status. It carries the number and the
 * verification code, which the public lookup needs together.
 */
export function certificateVerificationUrl(publicBaseUrl: string, number: string, verificationCode: string): string {
  const base = publicBaseUrl.replace(/\/$/, '');
  return `${base}/api/v1/public/certificates/${encodeURIComponent(number)}?code=${encodeURIComponent(verificationCode)}`;
}
