import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import type { User } from '../auth/session';

type Role = User['role'];
const MANAGERS: Role[] = ['admin', 'centre_manager'];
const STAFF: Role[] = ['admin', 'centre_manager', 'assessor'];
const ASSESSORS: Role[] = ['assessor'];
const ADMINS: Role[] = ['admin'];

/** The roles a staff route admits: the shell refuses everyone else, and the menu hides the link. */
export interface StaffHandle {
  roles: Role[];
}

// The staff's code is its own chunks, loaded only under /staff: the public pages never carry it.
const StaffShell = lazy(() => import('./staff-shell'));
const page = (path: string, roles: Role[], load: () => Promise<{ default: React.ComponentType }>): RouteObject => {
  const Page = lazy(load);
  return { path, element: <Page />, handle: { roles } satisfies StaffHandle };
};

export const staffRoutes: RouteObject[] = [
  {
    path: '/staff',
    element: <StaffShell />,
    children: [
      page('', STAFF, () => import('./pages/dashboard-page')),
      page('centres/:centreId/programs', MANAGERS, () => import('./pages/programs-page')),
      page('programs/:id', MANAGERS, () => import('./pages/program-page')),
      page('centres/:centreId/questions', MANAGERS, () => import('./pages/questions-page')),
      page('centres/:centreId/assessors', MANAGERS, () => import('./pages/assessors-page')),
      page('centres/:centreId/sessions', MANAGERS, () => import('./pages/sessions-page')),
      page('sessions/:id', STAFF, () => import('./pages/session-page')),
      page('centres/:centreId/applications', MANAGERS, () => import('./pages/applications-page')),
      page('applications/:id', MANAGERS, () => import('./pages/application-page')),
      page('centres/:centreId/statistics', MANAGERS, () => import('./pages/statistics-page')),
      page('enrolments/:id/sheet', ASSESSORS, () => import('./pages/practical-sheet-page')),
      page('reviews', ASSESSORS, () => import('./pages/reviews-page')),
      page('reviews/:applicationId', ASSESSORS, () => import('./pages/review-page')),
      page('appeals', ASSESSORS, () => import('./pages/appeals-page')),
      page('conflicts', ASSESSORS, () => import('./pages/conflicts-page')),
      page('register', MANAGERS, () => import('./pages/register-page')),
      page('admin/centres', ADMINS, () => import('./pages/admin-centres-page')),
      page('admin/centres/:id', ADMINS, () => import('./pages/admin-centre-page')),
      page('admin/users', ADMINS, () => import('./pages/admin-users-page')),
      page('admin/standards', ADMINS, () => import('./pages/admin-standards-page')),
      page('admin/audit', ADMINS, () => import('./pages/admin-audit-page')),
      page('admin/jobs', ADMINS, () => import('./pages/admin-jobs-page')),
    ],
  },
];
