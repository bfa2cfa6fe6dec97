import {
  Anchor,
  Box,
  Burger,
  Button,
  Center,
  Container,
  Group,
  Loader,
  NativeSelect,
  Stack,
  Text,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useNavigate } from 'react-router';
import { useAuth } from '../auth/auth-context';
import { Language, LANGUAGES, switchLanguage } from '../i18n/i18n';

/** Language names as their speakers write them, the same in every interface language. */
const ENDONYMS: Record<string, string> = { kk: 'Қазақша', ru: 'Русский', en: 'English' };

export function Layout() {
  const { t, i18n } = useTranslation();
  const { user, signOut } = useAuth();
  const navigate = useNavigate();
  const [opened, { toggle, close }] = useDisclosure(false);

  const links = (
    <>
      <Anchor component={Link} to="/verify" onClick={close}>
        {t('nav.verify')}
      </Anchor>
      <Anchor component={Link} to="/catalogue" onClick={close}>
        {t('nav.catalogue')}
      </Anchor>
      {user ? (
        <>
          <Anchor component={Link} to={user.role === 'candidate' ? '/cabinet' : '/staff'} onClick={close}>
            {t('nav.cabinet')}
          </Anchor>
          <Button
            variant="subtle"
            size="compact-sm"
            onClick={() => {
              close();
              void signOut().then(() => navigate('/'));
            }}
          >
            {t('nav.signOut')}
          </Button>
        </>
      ) : (
        <>
          <Anchor component={Link} to="/sign-in" onClick={close}>
            {t('nav.signIn')}
          </Anchor>
          <Anchor component={Link} to="/register" onClick={close}>
            {t('nav.register')}
          </Anchor>
        </>
      )}
    </>
  );

  return (
    <>
      <Box component="header" py="sm" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Container size="lg">
          <Group justify="space-between" wrap="nowrap">
            <Anchor component={Link} to="/" fw={700} size="lg" c="teal.9" underline="never">
              qualcert
            </Anchor>
            <Group component="nav" aria-label={t('nav.label')} gap="md" visibleFrom="sm">
              {links}
            </Group>
            <Group gap="xs" wrap="nowrap">
              <NativeSelect
                aria-label={t('nav.language')}
                size="xs"
                value={i18n.language}
                onChange={(event) => void switchLanguage(event.currentTarget.value as Language)}
                data={LANGUAGES.map((code) => ({ value: code, label: ENDONYMS[code] }))}
              />
              <Burger
                opened={opened}
                onClick={toggle}
                hiddenFrom="sm"
                size="sm"
                aria-label={t('nav.menu')}
                aria-expanded={opened}
              />
            </Group>
          </Group>
          {opened && (
            <Stack component="nav" aria-label={t('nav.label')} gap="sm" pt="sm" hiddenFrom="sm">
              {links}
            </Stack>
          )}
        </Container>
      </Box>
      <Container size="lg" component="main" py="lg">
        <Suspense
          fallback={
            <Center py="xl">
              <Loader aria-label={t('common.loading')} />
            </Center>
          }
        >
          <Outlet />
        </Suspense>
      </Container>
      <Container size="lg" component="footer" py="md">
        <Text size="xs" c="dimmed">
          {t('footer.text')}
        </Text>
      </Container>
    </>
  );
}
