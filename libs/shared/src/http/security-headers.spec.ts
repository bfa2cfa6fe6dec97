import { securityHeadersFor } from './security-headers';

describe('securityHeadersFor', () => {
  it('keeps personal data, evidence and certificates out of every cache, and never lets the API be framed or run', () => {
    for (const path of ['/api/v1/candidates/me/profile', '/api/v1/evidence/x/download', '/api/v1/certificates/x/pdf']) {
      expect(securityHeadersFor('GET', path)).toEqual({
        'X-Frame-Options': 'DENY',
        'Referrer-Policy': 'no-referrer',
        'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
        'Cache-Control': 'no-store',
      });
    }
    expect(securityHeadersFor('POST', '/api/v1/auth/login')['Cache-Control']).toBe('no-store');
  });

  it('lets caches keep the public catalogue, which is the same for everyone', () => {
    expect(securityHeadersFor('GET', '/api/v1/standards')['Cache-Control']).toBeUndefined();
    expect(securityHeadersFor('GET', '/api/v1/cards/x')['Cache-Control']).toBeUndefined();
    expect(securityHeadersFor('POST', '/api/v1/standards/import')['Cache-Control']).toBe('no-store');
    expect(securityHeadersFor('GET', '/api/v1/standardsx')['Cache-Control']).toBe('no-store');
  });

  it('leaves the portal, the docs page and the dashboard their own policies, but never framed', () => {
    for (const path of ['/', '/verify/X-2026-000001', '/api/docs', '/admin/queues']) {
      expect(securityHeadersFor('GET', path)).toEqual({ 'X-Frame-Options': 'DENY', 'Referrer-Policy': 'no-referrer' });
    }
  });
});
