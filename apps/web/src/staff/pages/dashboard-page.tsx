import { Anchor, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { must } from '../../api/errors';
import { useAuth } from '../../auth/auth-context';
import { CardName } from '../../components/card-name';
import { usePageTitle } from '../../components/page-title';
import { QueryState } from '../../components/query-state';
import { useFormat } from '../../i18n/format';
import { CentreName, Section, ScrollTable } from '../staff-components';
import { useStaffT } from '../staff-i18n';

/** What waits for the person: by role, the centre's queues, the assessor's work, the platform's health. */
export default function DashboardPage() {
  const { t } = useStaffT();
  const { user } = useAuth();
  usePageTitle(t('dashboard.title'));
  if (!user) return null;
  return (
    <Stack gap="lg">
      <Title order={1}>{t('dashboard.title')}</Title>
      <Text>{t('dashboard.greeting', { name: user.fullName })}</Text>
      {user.role === 'centre_manager' && user.centreIds.map((id) => <CentreQueues key={id} centreId={id} />)}
      {user.role === 'assessor' && <AssessorWork centreIds={user.centreIds} />}
      {user.role === 'admin' && <AdminHealth />}
    </Stack>
  );
}

const WAITING = ['awaiting_documents', 'eligible', 'awaiting_decision'] as const;

function CentreQueues({ centreId }: { centreId: string }) {
  const { t } = useStaffT();
  const format = useFormat();
  const counts = useQuery({
    queryKey: ['dashboard', centreId, 'applications'],
    queryFn: async () =>
      Promise.all(
        WAITING.map((status) =>
          must(api.GET('/api/v1/applications', { params: { query: { centreId, status, limit: 1 } } })).then(
            (page) => [status, page.total] as const,
          ),
        ),
      ),
  });
  const sessions = useQuery({
    queryKey: ['sessions', centreId],
    queryFn: () => must(api.GET('/api/v1/centres/{centreId}/sessions', { params: { path: { centreId } } })),
  });
  const upcoming = (sessions.data ?? []).filter(
    (s) => new Date(s.endsAt).getTime() > Date.now() && s.status === 'scheduled',
  );
  return (
    <Section id={`centre-${centreId}`} title={t('dashboard.centre')}>
      <Text fw={600}>
        <CentreName id={centreId} />
      </Text>
      <QueryState isPending={counts.isPending} error={counts.error} />
      <Group gap="md">
        {counts.data?.map(([status, total]) => (
          <Button
            key={status}
            variant="outline"
            component={Link}
            to={`/staff/centres/${centreId}/applications?status=${status}`}
          >
            {t(`dashboard.waiting.${status}`, { n: total })}
          </Button>
        ))}
      </Group>
      <Anchor component={Link} to={`/staff/centres/${centreId}/statistics`}>
        {t('dashboard.statistics')}
      </Anchor>
      <Title order={3} size="h5">
        {t('dashboard.upcoming')}
      </Title>
      {upcoming.length === 0 && <Text c="dimmed">{t('dashboard.noSessions')}</Text>}
      {upcoming.length > 0 && <SessionsTable sessions={upcoming} format={format} />}
      <CentreFailedJobs centreId={centreId} />
    </Section>
  );
}

/** Workflow jobs about the centre's work that failed after every retry: an administrator retries them. */
function CentreFailedJobs({ centreId }: { centreId: string }) {
  const { t } = useStaffT();
  const format = useFormat();
  const jobs = useQuery({
    queryKey: ['failed-jobs', centreId],
    queryFn: () => must(api.GET('/api/v1/centres/{id}/jobs/failed', { params: { path: { id: centreId } } })),
  });
  return (
    <>
      <Title order={3} size="h5">
        {t('dashboard.centreFailedJobs')}
      </Title>
      <QueryState isPending={jobs.isPending} error={jobs.error} />
      {jobs.data?.length === 0 && <Text c="dimmed">{t('dashboard.noFailedJobs')}</Text>}
      {jobs.data && jobs.data.length > 0 && (
        <>
          <Text size="sm">{t('dashboard.failedJobsNote', { n: jobs.data.length })}</Text>
          <ScrollTable minWidth={520}>
            <Table fz="sm" data-testid="centre-failed-jobs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('dashboard.failedAt')}</Table.Th>
                  <Table.Th>{t('dashboard.job')}</Table.Th>
                  <Table.Th>{t('dashboard.reason')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {jobs.data.map((job) => (
                  <Table.Tr key={`${job.queue}-${job.id}`}>
                    <Table.Td>{format.dateTime(job.failedAt)}</Table.Td>
                    <Table.Td>{`${job.queue} · ${job.name}`}</Table.Td>
                    <Table.Td>{job.failedReason}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        </>
      )}
    </>
  );
}

function SessionsTable({
  sessions,
  format,
}: {
  sessions: { id: string; cardId: string; startsAt: string; enrolledCount: number; capacity: number }[];
  format: ReturnType<typeof useFormat>;
}) {
  const { t } = useStaffT();
  return (
    <ScrollTable minWidth={400}>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('sessions.startsAt')}</Table.Th>
            <Table.Th>{t('sessions.card')}</Table.Th>
            <Table.Th>{t('sessions.seats')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sessions.map((s) => (
            <Table.Tr key={s.id}>
              <Table.Td>
                <Anchor component={Link} to={`/staff/sessions/${s.id}`}>
                  {format.dateTime(s.startsAt)}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <CardName id={s.cardId} />
              </Table.Td>
              <Table.Td>
                {s.enrolledCount} / {s.capacity}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollTable>
  );
}

function AssessorWork({ centreIds }: { centreIds: string[] }) {
  const { t } = useStaffT();
  const { user } = useAuth();
  const format = useFormat();
  const sessions = useQuery({
    queryKey: ['sessions', 'mine', centreIds],
    queryFn: async () =>
      (
        await Promise.all(
          centreIds.map((centreId) =>
            must(api.GET('/api/v1/centres/{centreId}/sessions', { params: { path: { centreId } } })),
          ),
        )
      ).flat(),
  });
  const reviews = useQuery({
    queryKey: ['reviews'],
    queryFn: () => must(api.GET('/api/v1/evidence-reviews')),
  });
  const pending = (reviews.data ?? []).filter((r) => r.status === 'pending' || r.status === 'more_requested');
  const panels = useQuery({ queryKey: ['panels'], queryFn: () => must(api.GET('/api/v1/appeals/panels')) });
  const mine = (panels.data ?? []).map((appeal) => ({
    appeal,
    me: appeal.panel.find((m) => m.assessorId === user?.id),
  }));
  const votes = mine.filter(({ appeal, me }) => appeal.status === 'hearing' && me && !me.vote).length;
  const reassessments = mine
    .filter(({ appeal }) => appeal.status === 'reassessment')
    .flatMap(({ appeal }) =>
      appeal.contestedSkillIds.filter(
        (skillId) => !appeal.reassessments.some((r) => r.skillId === skillId && r.assessorId === user?.id),
      ),
    ).length;
  return (
    <>
      <Section id="my-sessions" title={t('dashboard.mySessions')}>
        <QueryState isPending={sessions.isPending} error={sessions.error} />
        {sessions.data?.length === 0 && <Text c="dimmed">{t('dashboard.noSessions')}</Text>}
        {sessions.data && sessions.data.length > 0 && <SessionsTable sessions={sessions.data} format={format} />}
      </Section>
      <Section id="my-reviews" title={t('dashboard.myReviews')}>
        <QueryState isPending={reviews.isPending} error={reviews.error} />
        <Text>{t('dashboard.pendingReviews', { n: pending.length })}</Text>
        <Anchor component={Link} to="/staff/reviews">
          {t('nav.reviews')}
        </Anchor>
      </Section>
      <Section id="my-panels" title={t('dashboard.myPanels')}>
        <QueryState isPending={panels.isPending} error={panels.error} />
        <Text>{t('dashboard.pendingVotes', { n: votes })}</Text>
        <Text>{t('dashboard.pendingReassessments', { n: reassessments })}</Text>
        <Anchor component={Link} to="/staff/appeals">
          {t('nav.appeals')}
        </Anchor>
      </Section>
    </>
  );
}

function AdminHealth() {
  const { t } = useStaffT();
  const jobs = useQuery({ queryKey: ['failed-jobs'], queryFn: () => must(api.GET('/api/v1/admin/jobs/failed')) });
  return (
    <Section id="platform" title={t('dashboard.platform')}>
      <QueryState isPending={jobs.isPending} error={jobs.error} />
      {jobs.data && <Text>{t('dashboard.failedJobs', { n: jobs.data.length })}</Text>}
      <Group>
        <Anchor component={Link} to="/staff/admin/jobs">
          {t('nav.jobs')}
        </Anchor>
        <Anchor href="/admin/queues">{t('dashboard.queues')}</Anchor>
      </Group>
    </Section>
  );
}
