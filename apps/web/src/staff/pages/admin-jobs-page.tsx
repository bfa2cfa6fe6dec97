import { Alert, Button, Code, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { must } from '../../api/errors';
import { ErrorAlert } from '../../components/error-alert';
import { usePageTitle } from '../../components/page-title';
import { QueryState } from '../../components/query-state';
import { useFormat } from '../../i18n/format';
import { useStaffT } from '../staff-i18n';
import { ScrollTable } from '../staff-components';

/** Jobs that failed every attempt, each retried from here; and the queue dashboard. */
export default function AdminJobsPage() {
  const { t } = useStaffT();
  const format = useFormat();
  usePageTitle(t('jobs.title'));
  const queryClient = useQueryClient();
  const jobs = useQuery({ queryKey: ['failed-jobs'], queryFn: () => must(api.GET('/api/v1/admin/jobs/failed')) });
  const retry = useMutation({
    mutationFn: ({ queue, id }: { queue: string; id: string }) =>
      must(api.POST('/api/v1/admin/jobs/{queue}/{id}/retry', { params: { path: { queue: queue as never, id } } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['failed-jobs'] }),
  });
  // The dashboard is a separate page: the browser carries the admin's token there in a cookie.
  const dashboard = useMutation({
    mutationFn: () => must(api.POST('/api/v1/admin/dashboard-session')),
    onSuccess: () => window.open('/admin/queues', '_blank', 'noopener'),
  });
  return (
    <Stack gap="lg">
      <Title order={1}>{t('jobs.title')}</Title>
      <Group>
        <Button variant="outline" onClick={() => dashboard.mutate()} loading={dashboard.isPending}>
          {t('jobs.dashboard')}
        </Button>
      </Group>
      <ErrorAlert error={dashboard.error ?? retry.error} />
      <QueryState isPending={jobs.isPending} error={jobs.error} />
      {jobs.data?.length === 0 && <Alert color="teal">{t('jobs.none')}</Alert>}
      {jobs.data && jobs.data.length > 0 && (
        <ScrollTable minWidth={640}>
          <Table fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('jobs.queue')}</Table.Th>
                <Table.Th>{t('jobs.failedAt')}</Table.Th>
                <Table.Th>{t('jobs.attempts')}</Table.Th>
                <Table.Th>{t('jobs.reason')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {jobs.data.map((job) => (
                <Table.Tr key={`${job.queue}-${job.id}`}>
                  <Table.Td>
                    <Code>{job.queue}</Code> {job.name}
                  </Table.Td>
                  <Table.Td>{format.dateTime(job.failedAt)}</Table.Td>
                  <Table.Td>{job.attemptsMade}</Table.Td>
                  <Table.Td>
                    <Text size="xs">{job.failedReason}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Button size="compact-xs" onClick={() => retry.mutate({ queue: job.queue, id: job.id })}>
                      {t('jobs.retry')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
    </Stack>
  );
}
