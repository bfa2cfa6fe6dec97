import { Button, CSSVariablesResolver, MantineProvider, createTheme } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy } from 'react';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { ApiFailure } from './api/errors';
import { AuthProvider } from './auth/auth-context';
import { RequireSignIn } from './auth/require-sign-in';
import { Layout } from './components/layout';
import { HomePage } from './pages/home-page';
import { NotFoundPage } from './pages/not-found-page';
import { certificatePageOf, publicCertificateQuery } from './pages/public-certificate-query';
import { staffRoutes } from './staff/routes';

// Each area is its own chunk: the public verification page loads neither the cabinet nor the catalogue.
const loadVerifyCertificatePage = () => import('./pages/verify-certificate-page');
const VerifyCertificatePage = lazy(loadVerifyCertificatePage);
const VerifyFormPage = lazy(() => import('./pages/verify-form-page'));
const StandardsPage = lazy(() => import('./pages/catalogue/standards-page'));
const StandardCardsPage = lazy(() => import('./pages/catalogue/standard-cards-page'));
const CardPage = lazy(() => import('./pages/catalogue/card-page'));
const SignInPage = lazy(() => import('./pages/auth/sign-in-page'));
const RegisterPage = lazy(() => import('./pages/auth/register-page'));
const CabinetPage = lazy(() => import('./pages/cabinet/cabinet-page'));
const PasswordPage = lazy(() => import('./pages/cabinet/password-page'));
const ProfilePage = lazy(() => import('./pages/cabinet/profile-page'));
const ApplyPage = lazy(() => import('./pages/cabinet/apply-page'));
const ApplicationPage = lazy(() => import('./pages/cabinet/application-page'));
const TheoryTestPage = lazy(() => import('./pages/cabinet/theory-test-page'));
const NotificationsPage = lazy(() => import('./pages/cabinet/notifications-page'));
const LearningPage = lazy(() => import('./pages/cabinet/learning-page'));

// Shade 9 of teal and gray 7 for secondary text: both read at 4.5:1 or better on white (WCAG AA).
const theme = createTheme({
  primaryColor: 'teal',
  primaryShade: 9,
  autoContrast: true,
  defaultRadius: 'md',
  fontFamily: 'system-ui, sans-serif',
  components: {
    // A long label (Kazakh ones often are) wraps onto a second line instead of being cut on a phone.
    // A grid centres the label in the height a link styled as a button has too (a <button> does so itself).
    Button: Button.extend({
      styles: {
        root: {
          height: 'auto',
          minHeight: 'var(--button-height)',
          paddingBlock: 4,
          display: 'inline-grid',
          alignItems: 'center',
        },
        label: { whiteSpace: 'normal', textAlign: 'center', lineHeight: 1.3 },
      },
    }),
  },
});

const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-anchor': 'var(--mantine-color-teal-9)',
    '--mantine-color-placeholder': 'var(--mantine-color-gray-7)',
    // A field's error and its message: Mantine's red 6 reads at 3.3:1 on white, red 9 above 4.5:1.
    '--mantine-color-error': 'var(--mantine-color-red-9)',
    // Mantine's hover for shade 9 is shade 8, 3.9:1 under white text: a darker teal keeps 4.5:1.
    '--mantine-color-teal-filled-hover': '#06694b',
  },
  dark: {},
});

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A refusal is an answer: only a dropped connection or a 5xx is worth asking again.
      retry: (count, error) =>
        count < 3 && (!(error instanceof ApiFailure) || error.status === 0 || error.status >= 500),
      staleTime: 10_000,
    },
  },
});

// A QR code opens the certificate's page: its chunk and the verdict are fetched at once, while the
// language's words arrive, instead of one after the other once the router has matched the page.
const certificatePage = certificatePageOf(window.location);
if (certificatePage) {
  void loadVerifyCertificatePage();
  void queryClient.prefetchQuery(publicCertificateQuery(certificatePage.number, certificatePage.code));
}

const cabinet = (element: React.ReactNode) => <RequireSignIn>{element}</RequireSignIn>;

const router = createBrowserRouter([
  {
    element: <Layout />,
    children: [
      { path: '/', element: <HomePage /> },
      { path: '/verify', element: <VerifyFormPage /> },
      { path: '/verify/:number', element: <VerifyCertificatePage /> },
      { path: '/catalogue', element: <StandardsPage /> },
      { path: '/catalogue/standards/:id', element: <StandardCardsPage /> },
      { path: '/catalogue/cards/:id', element: <CardPage /> },
      { path: '/sign-in', element: <SignInPage /> },
      { path: '/register', element: <RegisterPage /> },
      { path: '/cabinet', element: cabinet(<CabinetPage />) },
      { path: '/cabinet/password', element: cabinet(<PasswordPage />) },
      { path: '/cabinet/profile', element: cabinet(<ProfilePage />) },
      { path: '/cabinet/apply', element: cabinet(<ApplyPage />) },
      { path: '/cabinet/applications/:id', element: cabinet(<ApplicationPage />) },
      { path: '/cabinet/tests/:id', element: cabinet(<TheoryTestPage />) },
      { path: '/cabinet/notifications', element: cabinet(<NotificationsPage />) },
      { path: '/cabinet/learning', element: cabinet(<LearningPage />) },
      ...staffRoutes,
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

export function App() {
  return (
    <MantineProvider theme={theme} defaultColorScheme="light" cssVariablesResolver={cssVariablesResolver}>
      <QueryClientProvider client={queryClient}>
        <AuthProvider>
          <RouterProvider router={router} />
        </AuthProvider>
      </QueryClientProvider>
    </MantineProvider>
  );
}
