/**
 * The one place the public verification URL of a certificate is built: printed under its QR code,
 * encoded in the QR code, and named by its credential's status. It is the portal's page for the
 * certificate, carrying the number and the verification code that the lookup needs together;
 * machines ask the JSON route, certificateLookupPath, with the same two (docs/WEB.md).
 */
export function certificateVerificationUrl(publicBaseUrl: string, number: string, verificationCode: string): string {
  const base = publicBaseUrl.replace(/\/$/, '');
  return `${base}/verify/${encodeURIComponent(number)}?code=${encodeURIComponent(verificationCode)}`;
}

/** The JSON lookup behind the page: GET /api/v1/public/certificates/{number}?code={code}. */
export function certificateLookupPath(number: string, verificationCode: string): string {
  return `/api/v1/public/certificates/${encodeURIComponent(number)}?code=${encodeURIComponent(verificationCode)}`;
}
