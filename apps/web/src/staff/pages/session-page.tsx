import { Anchor, Badge, Button, Group, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import { must } from '../../api/errors';
import { useAuth } from '../../auth/auth-context';
import { useCard } from '../../components/card-name';
import { ErrorAlert } from '../../components/error-alert';
import { usePageTitle } from '../../components/page-title';
import { QueryState } from '../../components/query-state';
import { useFormat } from '../../i18n/format';
import {
  CandidateName,
  CentreName,
  RefusalText,
  Section,
  StatusBadge,
  useCentreStaff,
  useSkills,
  type Schemas,
  ScrollTable,
} from '../staff-components';
import { useStaffT } from '../staff-i18n';

/**
 * A session: its assessors and candidates. The manager enrols eligible applications and
 * withdraws; on the exam day every candidate's test and sheets are followed here (the page polls);
 * an assessor opens each candidate's practical sheet from it.
 */
export default function SessionPage() {
  const { t } = useStaffT();
  const format = useFormat();
  const { id = '' } = useParams();
  const { user } = useAuth();
  const session = useQuery({
    queryKey: ['session', id],
    refetchInterval: 10_000,
    queryFn: () => must(api.GET('/api/v1/sessions/{id}', { params: { path: { id } } })),
  });
  const card = useCard(session.data?.cardId);
  usePageTitle(t('session.title'));
  const manager = user?.role === 'centre_manager' || user?.role === 'admin';
  const staff = useCentreStaff(manager ? session.data?.centreId : undefined);
  const names = new Map((staff.data ?? []).map((u) => [u.id, u.fullName]));
  if (!session.data) return <QueryState isPending={session.isPending} error={session.error} />;
  const s = session.data;
  const enrolled = s.enrolments.filter((e) => e.status === 'enrolled');
  return (
    <Stack gap="lg">
      <Title order={1}>{t('session.title')}</Title>
      <Stack gap={2}>
        <Text fw={600}>{card.data?.name ?? '…'}</Text>
        <Text>
          {format.dateTime(s.startsAt)} — {format.dateTime(s.endsAt)} · {s.place ?? t('session.noPlace')}
        </Text>
        <Text>
          <CentreName id={s.centreId} /> · {t('session.seats', { enrolled: s.enrolledCount, capacity: s.capacity })}
        </Text>
        <Group gap="xs">
          <StatusBadge group="sessionStatus" value={s.status} />
        </Group>
      </Stack>
      {manager && (
        <Section id="assessors" title={t('sessions.assessors')}>
          <Text>{s.assessorIds.map((a) => names.get(a) ?? '…').join(', ')}</Text>
        </Section>
      )}
      <Section id="candidates" title={t('session.candidates', { n: enrolled.length })}>
        {s.enrolments.length === 0 && <Text c="dimmed">{t('session.noCandidates')}</Text>}
        {s.enrolments.map((e) => (
          <Candidate
            key={e.id}
            enrolment={e}
            cardId={s.cardId}
            manager={manager}
            assessor={user?.role === 'assessor'}
          />
        ))}
      </Section>
      {manager && s.status === 'scheduled' && <Enrol session={s} names={names} />}
    </Stack>
  );
}

function Candidate(props: { enrolment: Schemas['EnrolmentDto']; cardId: string; manager: boolean; assessor: boolean }) {
  const { t } = useStaffT();
  const { user } = useAuth();
  const queryClient = useQueryClient();
  const e = props.enrolment;
  const { skills } = useSkills(props.cardId);
  const results = useQuery({
    queryKey: ['results', e.id],
    enabled: e.status === 'enrolled',
    refetchInterval: 10_000,
    queryFn: () => must(api.GET('/api/v1/enrolments/{id}/results', { params: { path: { id: e.id } } })),
  });
  const withdraw = useMutation({
    mutationFn: () => must(api.POST('/api/v1/enrolments/{id}/withdraw', { params: { path: { id: e.id } } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['session', e.sessionId] }),
  });
  const mySheetSigned = results.data?.skills.every((skill) =>
    skill.verdicts.some((v) => v.assessorId === user?.id && v.signed),
  );
  return (
    <Stack
      gap={4}
      data-testid="session-candidate"
      style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}
      pt="xs"
    >
      <Group justify="space-between">
        <Text fw={600}>
          <CandidateName id={e.candidateId} />
        </Text>
        <Group gap="xs">
          <StatusBadge group="enrolmentStatus" value={e.status} />
          <Badge color={e.theoryTestId ? 'teal' : 'gray'} miw="max-content">
            {results.data?.overallShare != null
              ? t('session.testSubmitted', { percent: Math.round(results.data.overallShare * 100) })
              : e.theoryTestId
                ? t('session.testStarted')
                : t('session.testNotStarted')}
          </Badge>
        </Group>
      </Group>
      {results.data && (
        <ScrollTable minWidth={420}>
          <Table fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('session.skill')}</Table.Th>
                <Table.Th>{t('session.theory')}</Table.Th>
                <Table.Th>{t('session.practical')}</Table.Th>
                <Table.Th>{t('session.outcome')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {results.data.skills.map((skill) => (
                <Table.Tr key={skill.skillId}>
                  <Table.Td>{skills.get(skill.skillId)?.label ?? '…'}</Table.Td>
                  <Table.Td>{skill.theoryShare === null ? '—' : `${Math.round(skill.theoryShare * 100)}%`}</Table.Td>
                  <Table.Td>
                    {t('session.verdicts', {
                      signed: skill.verdicts.filter((v) => v.signed).length,
                      total: results.data.assessorsInSession,
                    })}
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge group="skillOutcome" value={skill.status} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
      <Group gap="sm">
        {props.assessor && e.status === 'enrolled' && (
          <Anchor component={Link} to={`/staff/enrolments/${e.id}/sheet`}>
            {mySheetSigned ? t('session.sheetSigned') : t('session.openSheet')}
          </Anchor>
        )}
        {props.manager && (
          <Anchor component={Link} to={`/staff/applications/${e.applicationId}`}>
            {t('session.application')}
          </Anchor>
        )}
        {props.manager && e.status === 'enrolled' && (
          <Button
            size="compact-sm"
            variant="subtle"
            color="red"
            onClick={() => withdraw.mutate()}
            loading={withdraw.isPending}
          >
            {t('session.withdraw')}
          </Button>
        )}
      </Group>
      <ErrorAlert error={withdraw.error} />
    </Stack>
  );
}

function Enrol({ session, names }: { session: Schemas['ExamSessionDto']; names: Map<string, string> }) {
  const { t } = useStaffT();
  const format = useFormat();
  const queryClient = useQueryClient();
  const eligible = useQuery({
    queryKey: ['applications', session.centreId, 'eligible'],
    queryFn: () =>
      must(
        api.GET('/api/v1/applications', {
          params: { query: { centreId: session.centreId, status: 'eligible', limit: 100 } },
        }),
      ),
  });
  const taken = new Set(session.enrolments.filter((e) => e.status === 'enrolled').map((e) => e.applicationId));
  const choices = (eligible.data?.items ?? []).filter((a) => a.cardId === session.cardId && !taken.has(a.id));
  const [applicationId, setApplicationId] = useState('');
  const enrol = useMutation({
    mutationFn: () =>
      must(
        api.POST('/api/v1/sessions/{id}/enrolments', { params: { path: { id: session.id } }, body: { applicationId } }),
      ),
    onSuccess: () => {
      setApplicationId('');
      void queryClient.invalidateQueries({ queryKey: ['session', session.id] });
      void queryClient.invalidateQueries({ queryKey: ['applications', session.centreId] });
    },
  });
  return (
    <Section id="enrol" title={t('session.enrol')}>
      <QueryState isPending={eligible.isPending} error={eligible.error} />
      {eligible.data && choices.length === 0 && <Text c="dimmed">{t('session.noEligible')}</Text>}
      {choices.length > 0 && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            enrol.mutate();
          }}
        >
          <Stack gap="sm">
            <NativeSelect
              label={t('session.eligibleApplication')}
              value={applicationId}
              onChange={(e) => setApplicationId(e.currentTarget.value)}
            >
              <option value="">{t('common.choose')}</option>
              {choices.map((a) => (
                <ApplicationOption
                  key={a.id}
                  id={a.id}
                  candidateId={a.candidateId}
                  date={format.date(a.submittedAt ?? a.createdAt)}
                />
              ))}
            </NativeSelect>
            {enrol.error ? <RefusalText error={enrol.error} names={names} /> : null}
            <Group>
              <Button type="submit" disabled={!applicationId} loading={enrol.isPending}>
                {t('session.enrolButton')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Section>
  );
}

function ApplicationOption({ id, candidateId, date }: { id: string; candidateId: string; date: string }) {
  const candidate = useQuery({
    queryKey: ['candidate', candidateId],
    staleTime: 60_000,
    queryFn: () => must(api.GET('/api/v1/candidates/{id}', { params: { path: { id: candidateId } } })),
  });
  return <option value={id}>{`${candidate.data?.profile?.fullName ?? candidateId.slice(0, 8)} · ${date}`}</option>;
}
