import i18n from 'i18next';
import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';
import { session } from '../auth/session';

/** The one API client: typed by the schema generated from the API's OpenAPI document. */
export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });

/** Requests kept until their answer, so that one refused for an expired token can be sent again. */
const pending = new WeakMap<Request, Request>();

const auth: Middleware = {
  onRequest({ request }) {
    const token = session.accessToken();
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    // The API's messages (errors, explanations) come in the language the portal shows.
    // (Before i18next has finished starting, the language it was started with.)
    const language = i18n.language || (typeof i18n.options.lng === 'string' ? i18n.options.lng : '');
    if (language) request.headers.set('Accept-Language', language);
    if (!request.url.includes('/api/v1/auth/')) pending.set(request, request.clone());
    return request;
  },
  async onResponse({ request, response }) {
    const original = pending.get(request);
    pending.delete(request);
    // An access token lives minutes: on a 401 the session is renewed once and the request repeated;
    // when renewal fails too the person is sent to sign in (session.expired).
    if (response.status !== 401 || !original || !session.accessToken()) return response;
    const renewed = await renewSession();
    if (!renewed) {
      session.expire();
      return response;
    }
    const retry = original.clone();
    retry.headers.set('Authorization', `Bearer ${renewed}`);
    return fetch(retry);
  },
};
api.use(auth);

let renewal: Promise<string | null> | null = null;

/**
 * Renews the token pair through the refresh cookie (one renewal at a time however many requests
 * need it); null when the session is over.
 */
export function renewSession(): Promise<string | null> {
  renewal ??= api
    .POST('/api/v1/auth/refresh', { body: {} })
    .then(({ data }) => {
      if (!data) return null;
      session.renewed(data.accessToken);
      return data.accessToken;
    })
    .catch(() => null)
    .finally(() => {
      renewal = null;
    });
  return renewal;
}
