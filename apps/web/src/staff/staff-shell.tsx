import { Alert, Anchor, Center, Group, Loader, Stack } from '@mantine/core';
import { Suspense } from 'react';
import { Navigate, Link, Outlet, useLocation, useMatches } from 'react-router';
import { useAuth } from '../auth/auth-context';
import type { User } from '../auth/session';
import { usePageTitle } from '../components/page-title';
import type { StaffHandle } from './routes';
import { useStaffT } from './staff-i18n';
import { TITLE } from './alert-title';

type Role = User['role'];

/** The staff menu: a link only for a role that may open its page. */
export function staffLinks(user: User): { to: string; label: string }[] {
  const centre = user.centreIds[0];
  const links: { to: string; label: string; roles: Role[] }[] = [
    { to: '/staff', label: 'nav.dashboard', roles: ['admin', 'centre_manager', 'assessor'] },
    ...(centre
      ? [
          {
            to: `/staff/centres/${centre}/applications`,
            label: 'nav.applications',
            roles: ['centre_manager'] as Role[],
          },
          { to: `/staff/centres/${centre}/sessions`, label: 'nav.sessions', roles: ['centre_manager'] as Role[] },
          { to: `/staff/centres/${centre}/programs`, label: 'nav.programs', roles: ['centre_manager'] as Role[] },
          { to: `/staff/centres/${centre}/questions`, label: 'nav.questions', roles: ['centre_manager'] as Role[] },
          { to: `/staff/centres/${centre}/assessors`, label: 'nav.assessors', roles: ['centre_manager'] as Role[] },
          { to: `/staff/centres/${centre}/statistics`, label: 'nav.statistics', roles: ['centre_manager'] as Role[] },
        ]
      : []),
    { to: '/staff/register', label: 'nav.register', roles: ['admin', 'centre_manager'] },
    { to: '/staff/reviews', label: 'nav.reviews', roles: ['assessor'] },
    { to: '/staff/appeals', label: 'nav.appeals', roles: ['assessor'] },
    { to: '/staff/conflicts', label: 'nav.conflicts', roles: ['assessor'] },
    { to: '/staff/admin/centres', label: 'nav.centres', roles: ['admin'] },
    { to: '/staff/admin/users', label: 'nav.users', roles: ['admin'] },
    { to: '/staff/admin/standards', label: 'nav.standards', roles: ['admin'] },
    { to: '/staff/admin/audit', label: 'nav.audit', roles: ['admin'] },
    { to: '/staff/admin/jobs', label: 'nav.jobs', roles: ['admin'] },
  ];
  return links.filter((link) => link.roles.includes(user.role));
}

/**
 * Every staff page: signed in first, then the route's roles (a refusal says so in words, and the
 * menu never shows a link the person may not open).
 */
export default function StaffShell() {
  const { t } = useStaffT();
  const { ready, user } = useAuth();
  const location = useLocation();
  const matches = useMatches();
  const roles = (matches[matches.length - 1]?.handle as StaffHandle | undefined)?.roles ?? [];
  if (!ready) {
    return (
      <Center py="xl">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  }
  if (!user) {
    return <Navigate to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  }
  const allowed = roles.includes(user.role);
  return (
    <Stack gap="lg">
      {user.role !== 'candidate' && (
        <Group component="nav" aria-label={t('nav.label')} gap="md" data-testid="staff-menu">
          {staffLinks(user).map((link) => (
            <Anchor
              key={link.to}
              component={Link}
              to={link.to}
              size="sm"
              fw={location.pathname === link.to ? 700 : 400}
              aria-current={location.pathname === link.to ? 'page' : undefined}
            >
              {t(link.label)}
            </Anchor>
          ))}
        </Group>
      )}
      {allowed ? (
        <Suspense
          fallback={
            <Center py="xl">
              <Loader aria-label={t('common.loading')} />
            </Center>
          }
        >
          <Outlet />
        </Suspense>
      ) : (
        <Forbidden />
      )}
    </Stack>
  );
}

function Forbidden() {
  const { t } = useStaffT();
  usePageTitle(t('forbidden.title'));
  return (
    <Alert color="red" role="alert" styles={TITLE} title={t('forbidden.title')} data-testid="forbidden">
      {t('forbidden.text')}
    </Alert>
  );
}
