import { api } from '../api/client';
import { must } from '../api/errors';

/** The public verification of one certificate: the page's query, and the one started early for it. */
export function publicCertificateQuery(number: string, code: string) {
  return {
    queryKey: ['public-certificate', number, code],
    queryFn: () =>
      must(api.GET('/api/v1/public/certificates/{number}', { params: { path: { number }, query: { code } } })),
  };
}

/** The number and code of a certificate page's URL (/verify/{number}?code=…), or null for any other page. */
export function certificatePageOf(location: Pick<Location, 'pathname' | 'search'>): {
  number: string;
  code: string;
} | null {
  const match = /^\/verify\/([^/]+)\/?$/.exec(location.pathname);
  const code = new URLSearchParams(location.search).get('code');
  return match && code ? { number: decodeURIComponent(match[1]), code } : null;
}
