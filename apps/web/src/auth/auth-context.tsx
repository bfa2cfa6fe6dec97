import { createContext, useCallback, useContext, useEffect, useState, useSyncExternalStore } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { api, renewSession } from '../api/client';
import { ApiFailure } from '../api/errors';
import { session, type User } from './session';

interface AuthState {
  /** False until the first renewal attempt has answered (a reload restoring its session). */
  ready: boolean;
  user: User | null;
  expired: boolean;
  signIn: (email: string, password: string) => Promise<void>;
  signOut: () => Promise<void>;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: React.ReactNode }) {
  const [ready, setReady] = useState(false);
  const queryClient = useQueryClient();
  const user = useSyncExternalStore(
    (listener) => session.subscribe(listener),
    () => session.user(),
  );
  const expired = useSyncExternalStore(
    (listener) => session.subscribe(listener),
    () => session.expired(),
  );

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      const token = await renewSession();
      if (token) {
        const { data } = await api.GET('/api/v1/auth/me').catch(() => ({ data: undefined }));
        if (data) session.signedIn(token, data);
        else session.signedOut();
      }
      if (!cancelled) setReady(true);
    })();
    return () => {
      cancelled = true;
    };
  }, []);

  const signIn = useCallback(async (email: string, password: string) => {
    const { data, error, response } = await api.POST('/api/v1/auth/login', { body: { email, password } });
    if (!data) throw new ApiFailure(response.status, error);
    session.signedIn(data.accessToken, data.user);
  }, []);

  const signOut = useCallback(async () => {
    await api.POST('/api/v1/auth/logout', { body: {} }).catch(() => undefined);
    session.signedOut();
    queryClient.clear();
  }, [queryClient]);

  return <AuthContext.Provider value={{ ready, user, expired, signIn, signOut }}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}
