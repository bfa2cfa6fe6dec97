import { Button, Group, NativeSelect, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client';
import { ApiFailure, must } from '../../api/errors';
import { useAuth } from '../../auth/auth-context';
import { ErrorAlert } from '../../components/error-alert';
import { usePageTitle } from '../../components/page-title';
import { QueryState } from '../../components/query-state';
import { useFormat } from '../../i18n/format';
import { CandidateName, Section, StatusBadge } from '../staff-components';
import { useStaffT } from '../staff-i18n';

/**
 * The assessor's own conflict declarations: with a candidate who applied to their centre, or with
 * an employer (every candidate who worked there); each open one can be closed with a reason, and
 * none is ever deleted. Sessions and reviews then refuse the assessor for those candidates.
 */
export default function ConflictsPage() {
  const { t } = useStaffT();
  const format = useFormat();
  const { user } = useAuth();
  usePageTitle(t('conflicts.title'));
  const me = user?.id ?? '';
  const assessor = useQuery({
    queryKey: ['assessor', me],
    enabled: Boolean(me),
    queryFn: () => must(api.GET('/api/v1/assessors/{id}', { params: { path: { id: me } } })),
  });
  const conflicts = assessor.data?.conflicts ?? [];
  return (
    <Stack gap="lg">
      <Title order={1}>{t('conflicts.title')}</Title>
      <Text>{t('conflicts.intro')}</Text>
      <Declare />
      <Section id="declared" title={t('conflicts.declared')}>
        <QueryState isPending={assessor.isPending} error={assessor.error} />
        {assessor.data && conflicts.length === 0 && <Text c="dimmed">{t('assessors.noConflicts')}</Text>}
        {conflicts.map((c) => (
          <Paper key={c.id} withBorder p="sm" data-testid="conflict-row">
            <Stack gap={6}>
              <Group justify="space-between" gap="xs">
                <Text fw={600}>
                  {c.kind === 'employer' ? (
                    t('conflicts.employerNamed', { employer: c.employer ?? '' })
                  ) : (
                    <CandidateName id={c.candidateId ?? ''} />
                  )}
                </Text>
                <StatusBadge group="conflictStatus" value={c.status} />
              </Group>
              <Text size="sm">{c.reason}</Text>
              <Text size="xs" c="dimmed">
                {t('conflicts.declaredOn')}: {format.date(c.createdAt)}
              </Text>
              {c.closedReason && <Text size="sm">{t('conflicts.closedBecause', { reason: c.closedReason })}</Text>}
              {c.status === 'open' && <Close id={c.id} />}
            </Stack>
          </Paper>
        ))}
      </Section>
    </Stack>
  );
}

function Declare() {
  const { t } = useStaffT();
  const { user } = useAuth();
  const client = useQueryClient();
  const [kind, setKind] = useState<'employer' | 'candidate'>('employer');
  const [employer, setEmployer] = useState('');
  const [candidateId, setCandidateId] = useState('');
  const [reason, setReason] = useState('');
  // The candidates who applied to the assessor's centres: the ones a declaration may name.
  const applications = useQuery({
    queryKey: ['applications', 'conflict-candidates', user?.centreIds],
    queryFn: () => must(api.GET('/api/v1/applications', { params: { query: { limit: 100 } } })),
  });
  const candidates = [...new Set((applications.data?.items ?? []).map((a) => a.candidateId))];
  const declare = useMutation({
    mutationFn: () =>
      must(
        api.POST('/api/v1/assessors/me/conflicts', {
          body: kind === 'employer' ? { kind, employer, reason } : { kind, candidateId, reason },
        }),
      ),
    onSuccess: async () => {
      setEmployer('');
      setCandidateId('');
      setReason('');
      await client.invalidateQueries({ queryKey: ['assessor'] });
    },
  });
  const fields = declare.error instanceof ApiFailure ? declare.error.fields() : {};
  return (
    <Section id="declare" title={t('conflicts.declare')}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          declare.mutate();
        }}
      >
        <Stack gap="sm">
          <NativeSelect
            label={t('conflicts.kind')}
            value={kind}
            onChange={(e) => setKind(e.currentTarget.value as 'employer' | 'candidate')}
          >
            <option value="employer">{t('conflicts.kinds.employer')}</option>
            <option value="candidate">{t('conflicts.kinds.candidate')}</option>
          </NativeSelect>
          {kind === 'employer' ? (
            <TextInput
              label={t('conflicts.employer')}
              value={employer}
              error={fields.employer}
              onChange={(e) => setEmployer(e.currentTarget.value)}
              required
            />
          ) : (
            <NativeSelect
              label={t('conflicts.candidate')}
              value={candidateId}
              error={fields.candidateId}
              onChange={(e) => setCandidateId(e.currentTarget.value)}
              required
            >
              <option value="">{t('common.choose')}</option>
              {candidates.map((id) => (
                <CandidateOption key={id} id={id} />
              ))}
            </NativeSelect>
          )}
          <Textarea
            label={t('conflicts.reason')}
            value={reason}
            error={fields.reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            minRows={2}
            required
          />
          <ErrorAlert error={declare.error && Object.keys(fields).length === 0 ? declare.error : null} />
          <Group>
            <Button type="submit" loading={declare.isPending}>
              {t('conflicts.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}

/** A candidate to choose: by name where the assessor may read it, else by the start of the id. */
function CandidateOption({ id }: { id: string }) {
  const candidate = useQuery({
    queryKey: ['candidate', id],
    staleTime: 60_000,
    retry: false,
    queryFn: () => must(api.GET('/api/v1/candidates/{id}', { params: { path: { id } } })),
  });
  return <option value={id}>{candidate.data?.profile?.fullName ?? id.slice(0, 8)}</option>;
}

function Close({ id }: { id: string }) {
  const { t } = useStaffT();
  const client = useQueryClient();
  const [reason, setReason] = useState('');
  const close = useMutation({
    mutationFn: () =>
      must(api.POST('/api/v1/assessors/me/conflicts/{id}/close', { params: { path: { id } }, body: { reason } })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['assessor'] }),
  });
  const fields = close.error instanceof ApiFailure ? close.error.fields() : {};
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        close.mutate();
      }}
    >
      <Group gap="xs" align="flex-end">
        <TextInput
          size="xs"
          style={{ flex: 1, minWidth: 200 }}
          label={t('conflicts.closeReason')}
          value={reason}
          error={fields.reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          required
        />
        <Button size="xs" type="submit" variant="outline" loading={close.isPending}>
          {t('conflicts.close')}
        </Button>
      </Group>
      <ErrorAlert error={close.error && Object.keys(fields).length === 0 ? close.error : null} />
    </form>
  );
}
