import { Button, Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuth } from '../auth/auth-context';
import { usePageTitle } from '../components/page-title';

export function HomePage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  usePageTitle(t('home.title'));
  return (
    <Stack gap="lg">
      <Title order={1}>{t('home.title')}</Title>
      <Text size="lg">{t('home.lead')}</Text>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Card withBorder>
          <Title order={2} size="h4">
            {t('home.verifyTitle')}
          </Title>
          <Text my="sm">{t('home.verifyText')}</Text>
          <Button component={Link} to="/verify">
            {t('home.verifyAction')}
          </Button>
        </Card>
        <Card withBorder>
          <Title order={2} size="h4">
            {t('home.catalogueTitle')}
          </Title>
          <Text my="sm">{t('home.catalogueText')}</Text>
          <Button component={Link} to="/catalogue" variant="outline">
            {t('home.catalogueAction')}
          </Button>
        </Card>
        <Card withBorder>
          <Title order={2} size="h4">
            {t('home.candidateTitle')}
          </Title>
          <Text my="sm">{t('home.candidateText')}</Text>
          <Button component={Link} to={user ? '/cabinet' : '/register'} variant="outline">
            {user ? t('home.openCabinet') : t('home.registerAction')}
          </Button>
        </Card>
      </SimpleGrid>
    </Stack>
  );
}
