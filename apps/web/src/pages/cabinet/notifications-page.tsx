import { Anchor, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { must } from '../../api/errors';
import { usePageTitle } from '../../components/page-title';
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
  return (
    <Stack>
      <Title order={1}>{t('notifications.title')}</Title>
      <QueryState isPending={list.isPending} error={list.error} />
      {list.data?.length === 0 && <Text>{t('notifications.none')}</Text>}
      {list.data?.map((n) => (
        <Card withBorder key={n.id}>
          <Group justify="space-between" wrap="nowrap">
            <Stack gap={2}>
              <Anchor component={Link} to={`/cabinet/applications/${n.applicationId}`}>
                {n.title}
              </Anchor>
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
