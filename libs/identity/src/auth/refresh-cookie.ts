import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppConfig } from '@qualcert/shared';

/**
 * The refresh token as an HttpOnly cookie, for the portal: a script on the page can never read it,
 * SameSite=Strict keeps other sites from sending it, and its path keeps it off every request but
 * the auth routes. The JSON body still carries the token for API clients that are not browsers.
 */
export const REFRESH_COOKIE = 'qualcert_refresh';
const COOKIE_PATH = '/api/v1/auth';

export function setRefreshCookie(res: FastifyReply, config: AppConfig, refreshToken: string): void {
  const seconds = config.REFRESH_TOKEN_TTL_DAYS * 86400;
  res.setCookie(REFRESH_COOKIE, refreshToken, {
    httpOnly: true,
    sameSite: 'strict',
    secure: config.PUBLIC_BASE_URL.startsWith('https://'),
    path: COOKIE_PATH,
    maxAge: seconds,
    expires: new Date(Date.now() + seconds * 1000),
  });
}

export function clearRefreshCookie(res: FastifyReply, config: AppConfig): void {
  res.clearCookie(REFRESH_COOKIE, {
    httpOnly: true,
    sameSite: 'strict',
    secure: config.PUBLIC_BASE_URL.startsWith('https://'),
    path: COOKIE_PATH,
  });
}

/** The token of the body when one is given, else the cookie's. */
export function refreshTokenOf(req: FastifyRequest, fromBody: string | undefined): string | null {
  if (fromBody !== undefined) return fromBody;
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === REFRESH_COOKIE) {
      try {
        return decodeURIComponent(value.join('='));
      } catch {
        return null;
      }
    }
  }
  return null;
}
