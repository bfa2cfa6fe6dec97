import { Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { api } from '../../api/client';
import { must } from '../../api/errors';
import { useAuth } from '../../auth/auth-context';
import { CardName } from '../../components/card-name';
import { usePageTitle } from '../../components/page-title';
import { QueryState } from '../../components/query-state';
import { useFormat } from '../../i18n/format';

/** The candidate's home: their applications, and where to go next. */
export default function CabinetPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { user } = useAuth();
  usePageTitle(t('cabinet.title'));
  const applications = useQuery({
    queryKey: ['applications'],
    queryFn: () => must(api.GET('/api/v1/applications', { params: { query: { limit: 100 } } })),
    enabled: user?.role === 'candidate',
  });
  // Staff have their own home: signing in lands there.
  if (user && user.role !== 'candidate') return <Navigate to="/staff" replace />;
  return (
    <Stack gap="lg">
      <Title order={1}>{t('cabinet.title')}</Title>
      <Text>{t('cabinet.greeting', { name: user?.fullName })}</Text>
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
        <Button component={Link} to="/cabinet/profile" variant="outline">
          {t('cabinet.profile')}
        </Button>
        <Button component={Link} to="/cabinet/learning" variant="outline">
          {t('cabinet.learning')}
        </Button>
        <Button component={Link} to="/cabinet/apply" variant="outline">
          {t('cabinet.apply')}
        </Button>
        <Button component={Link} to="/cabinet/notifications" variant="outline">
          {t('cabinet.notifications')}
        </Button>
        <Button component={Link} to="/cabinet/password" variant="outline">
          {t('cabinet.password')}
        </Button>
      </SimpleGrid>
      {user?.role !== 'candidate' && <Text c="dimmed">{t('cabinet.staffLater')}</Text>}
      {user?.role === 'candidate' && (
        <>
          <Title order={2} size="h3">
            {t('cabinet.applications')}
          </Title>
          <QueryState isPending={applications.isPending} error={applications.error} />
          {applications.data?.items.length === 0 && <Text>{t('cabinet.noApplications')}</Text>}
          {applications.data?.items.map((application) => (
            <Card withBorder key={application.id}>
              <Group justify="space-between">
                <Anchor component={Link} to={`/cabinet/applications/${application.id}`} fw={600}>
                  <CardName id={application.cardId} />
                </Anchor>
                <Badge>{t(`status.${application.status}`)}</Badge>
              </Group>
              <Text size="sm" c="dimmed">
                {t(`pathway.${application.pathway}`)} · {format.dateTime(application.createdAt)}
              </Text>
            </Card>
          ))}
        </>
      )}
    </Stack>
  );
}
