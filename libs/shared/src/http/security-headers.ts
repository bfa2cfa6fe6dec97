// The public catalogue is the same for everyone and holds no personal data: caches may keep it.
const CATALOGUE = /^\/api\/v1\/(standards|cards|skills|fields)(\/|$)/;
const API = /^\/api\/v1(\/|$)/;

const EVERY_ANSWER: Readonly<Record<string, string>> = Object.freeze({
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
});
const CACHEABLE_API_ANSWER = Object.freeze({
  ...EVERY_ANSWER,
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
});
const API_ANSWER = Object.freeze({ ...CACHEABLE_API_ANSWER, 'Cache-Control': 'no-store' });

/**
 * The headers every answer gets besides its own: never framed (clickjacking), no referrer leaking a
 * certificate's verification code to another site, and the API's answers, personal data, evidence
 * and certificates among them, neither run as a document nor kept by any cache. One of three sets
 * made once, as every request asks.
 */
export function securityHeadersFor(method: string, path: string): Readonly<Record<string, string>> {
  if (!API.test(path)) return EVERY_ANSWER;
  return CATALOGUE.test(path) && (method === 'GET' || method === 'HEAD') ? CACHEABLE_API_ANSWER : API_ANSWER;
}
