import type { components } from '../api/schema';

export type User = components['schemas']['UserDto'];
type Listener = () => void;

/**
 * The signed-in person. The access token lives in memory only (never in storage a script could
 * read later); the refresh token is an HttpOnly cookie the API sets, scoped to /api/v1/auth, so a
 * reload restores the session by asking for a new pair (docs/WEB.md).
 */
class Session {
  private token: string | null = null;
  private current: User | null = null;
  private expiredFlag = false;
  private listeners = new Set<Listener>();

  accessToken(): string | null {
    return this.token;
  }

  user(): User | null {
    return this.current;
  }

  /** True after the session ended on its own (not by signing out): the sign-in page says so. */
  expired(): boolean {
    return this.expiredFlag;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  signedIn(accessToken: string, user: User): void {
    this.token = accessToken;
    this.current = user;
    this.expiredFlag = false;
    this.emit();
  }

  setUser(user: User): void {
    this.current = user;
    this.emit();
  }

  /** The new access token after a renewal (see renewSession in api/client.ts). */
  renewed(accessToken: string): void {
    this.token = accessToken;
  }

  expire(): void {
    if (!this.token) return;
    this.token = null;
    this.current = null;
    this.expiredFlag = true;
    this.emit();
  }

  signedOut(): void {
    this.token = null;
    this.current = null;
    this.expiredFlag = false;
    this.emit();
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}

export const session = new Session();
