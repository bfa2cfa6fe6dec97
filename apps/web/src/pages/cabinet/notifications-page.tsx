import { Anchor, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { must } from '../../api/errors';
import { usePageTitle } from '../../components/page-title';
import { CardName } from '../../components/card-name';
import { ErrorAlert } from '../../components/error-alert';
import { QueryState } from '../../components/query-state';
import { useFormat } from '../../i18n/format';

export default function NotificationsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  usePageTitle(t('notifications.title'));
  const list = useQuery({
    queryKey: ['notifications'],
    queryFn: () => must(api.GET('/api/v1/me/notifications')),
    refetchInterval: 15000,
  });
  const read = useMutation({
    mutationFn: (id: string) => must(api.POST('/api/v1/me/notifications/{id}/read', { params: { path: { id } } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['notifications'] }),
  });
  const unread = (list.data ?? []).filter((n) => !n.readAt);
  const readAll = useMutation({
    mutationFn: () =>
      Promise.all(
        unread.map((n) => must(api.POST('/api/v1/me/notifications/{id}/read', { params: { path: { id: n.id } } }))),
      ),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: ['notifications'] }),
  });
  return (
    <Stack>
      <Anchor component={Link} to="/cabinet" size="sm">
        ← {t('cabinet.title')}
      </Anchor>
      <Title order={1}>{t('notifications.title')}</Title>
      <Group justify="space-between">
        <Text aria-live="polite">{t('notifications.unread', { count: unread.length })}</Text>
        {unread.length > 1 && (
          <Button variant="outline" size="xs" onClick={() => readAll.mutate()} loading={readAll.isPending}>
            {t('notifications.markAll')}
          </Button>
        )}
      </Group>
      <ErrorAlert error={read.error ?? readAll.error} />
      <QueryState isPending={list.isPending} error={list.error} />
      {list.data?.length === 0 && <Text>{t('notifications.none')}</Text>}
      {list.data?.map((n) => (
        <Card withBorder key={n.id}>
          <Group justify="space-between" wrap="nowrap">
            <Stack gap={2} style={{ minWidth: 0 }}>
              <Anchor
                component={Link}
                to={`/cabinet/applications/${n.applicationId}`}
                fw={n.readAt ? undefined : 700}
                onClick={() => !n.readAt && read.mutate(n.id)}
              >
                {/* The API's title is English; the kind is stable and is said in the page's language. */}
                {t(`notifications.kind_${n.kind.replace('.', '_')}`, { defaultValue: n.title })}
              </Anchor>
              <Text size="sm">
                <CardOfApplication applicationId={n.applicationId} />
              </Text>
              <Text size="xs" c="dimmed">
                {format.dateTime(n.createdAt)}
              </Text>
            </Stack>
            {n.readAt ? (
              <Badge variant="outline" color="gray">
                {t('notifications.read')}
              </Badge>
            ) : (
              <Button size="xs" variant="outline" onClick={() => read.mutate(n.id)}>
                {t('notifications.markRead')}
              </Button>
            )}
          </Group>
        </Card>
      ))}
    </Stack>
  );
}

/** The card the notification's application is for (the application is read once and cached). */
function CardOfApplication({ applicationId }: { applicationId: string }) {
  const application = useQuery({
    queryKey: ['application', applicationId],
    staleTime: 60_000,
    queryFn: () => must(api.GET('/api/v1/applications/{id}', { params: { path: { id: applicationId } } })),
  });
  return application.data ? <CardName id={application.data.cardId} /> : null;
}
