// The public catalogue is the same for everyone and holds no personal data: caches may keep it.
const CATALOGUE = /^\/api\/v1\/(standards|cards|skills|fields)(\/|$)/;
const API = /^\/api\/v1(\/|$)/;

/**
 * The headers every answer gets besides its own: never framed (clickjacking), no referrer leaking a
 * certificate's verification code to another site, and the API's answers, personal data, evidence
 * and certificates among them, neither run as a document nor kept by any cache.
 */
export function securityHeadersFor(method: string, path: string): Record<string, string> {
  const headers: Record<string, string> = {
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
  };
  if (!API.test(path)) return headers;
  headers['Content-Security-Policy'] = "default-src 'none'; frame-ancestors 'none'";
  if (!(CATALOGUE.test(path) && (method === 'GET' || method === 'HEAD'))) headers['Cache-Control'] = 'no-store';
  return headers;
}
