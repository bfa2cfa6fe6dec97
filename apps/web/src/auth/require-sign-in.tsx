import { Center, Loader } from '@mantine/core';
import { Navigate, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from './auth-context';

/** A cabinet page: without a session, sign in first and come back here after. */
export function RequireSignIn({ children }: { children: React.ReactNode }) {
  const { ready, user } = useAuth();
  const location = useLocation();
  const { t } = useTranslation();
  if (!ready) {
    return (
      <Center py="xl">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  }
  if (!user) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/sign-in?next=${next}`} replace />;
  }
  return <>{children}</>;
}

/** Where to go after signing in: only a path of this site. */
export function safeNext(value: string | null): string {
  return value && value.startsWith('/') && !value.startsWith('//') ? value : '/cabinet';
}
