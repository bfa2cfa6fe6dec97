import { Anchor, Group, NativeSelect, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { ApiFailure, errorText, must } from '../../api/errors';
import { CardName } from '../../components/card-name';
import { usePageTitle } from '../../components/page-title';
import { QueryState } from '../../components/query-state';
import { useFormat } from '../../i18n/format';
import { CandidateName, CardOption, CentreName, StatusBadge, ScrollTable } from '../staff-components';
import { useStaffT } from '../staff-i18n';

const STATUSES = [
  'draft',
  'submitted',
  'awaiting_documents',
  'eligible',
  'ineligible',
  'awaiting_decision',
  'decided',
  'withdrawn',
] as const;
type Status = (typeof STATUSES)[number];
const PATHWAYS = ['assessment', 'recognition'] as const;

/**
 * The centre's applications with filters kept in the URL, each asked of the API: state, card,
 * pathway and the days of submission (a draft's day is its creation's), the newest 100 of them.
 */
export default function ApplicationsPage() {
  const { t } = useStaffT();
  const format = useFormat();
  const { centreId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  usePageTitle(t('applications.title'));
  const status = (params.get('status') ?? '') as Status | '';
  const cardId = params.get('card') ?? '';
  const pathway = PATHWAYS.find((p) => p === params.get('pathway')) ?? '';
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  // From the address as it is now: the router commits a change later, and two dates typed in a
  // row must not undo each other.
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(window.location.search);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const filter = {
    centreId,
    limit: 100,
    ...(status ? { status } : {}),
    ...(cardId ? { cardId } : {}),
    ...(pathway ? { pathway } : {}),
    ...(from ? { submittedFrom: from } : {}),
    ...(to ? { submittedTo: to } : {}),
  };
  const applications = useQuery({
    queryKey: ['applications', filter],
    placeholderData: keepPreviousData,
    queryFn: () => must(api.GET('/api/v1/applications', { params: { query: filter } })),
  });
  const failure = applications.error instanceof ApiFailure ? applications.error : null;
  const fields = failure?.fields() ?? {};
  const reversed = failure?.code === 'PERIOD_REVERSED' ? errorText(t, failure) : undefined;
  const accreditations = useQuery({
    queryKey: ['centre-accreditations', centreId],
    queryFn: () => must(api.GET('/api/v1/centres/{id}/accreditations', { params: { path: { id: centreId } } })),
  });
  const cards = [...new Set((accreditations.data ?? []).map((a) => a.cardId))];
  const rows = applications.error ? [] : (applications.data?.items ?? []);
  return (
    <Stack gap="lg">
      <Title order={1}>{t('applications.title')}</Title>
      <Text c="dimmed">
        <CentreName id={centreId} />
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 3, md: 5 }} component="form" aria-label={t('applications.filters')}>
        <NativeSelect
          label={t('applications.status')}
          value={status}
          onChange={(e) => set('status', e.currentTarget.value)}
        >
          <option value="">{t('applications.any')}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
            </option>
          ))}
        </NativeSelect>
        <NativeSelect label={t('programs.card')} value={cardId} onChange={(e) => set('card', e.currentTarget.value)}>
          <option value="">{t('applications.any')}</option>
          {cards.map((id) => (
            <CardOption key={id} id={id} />
          ))}
        </NativeSelect>
        <NativeSelect
          label={t('applications.pathway')}
          value={pathway}
          onChange={(e) => set('pathway', e.currentTarget.value)}
        >
          <option value="">{t('applications.any')}</option>
          <option value="assessment">{t('pathway.assessment')}</option>
          <option value="recognition">{t('pathway.recognition')}</option>
        </NativeSelect>
        <TextInput
          type="date"
          label={t('applications.from')}
          value={from}
          error={fields.submittedFrom ?? reversed}
          onChange={(e) => set('from', e.currentTarget.value)}
        />
        <TextInput
          type="date"
          label={t('applications.to')}
          value={to}
          error={fields.submittedTo}
          onChange={(e) => set('to', e.currentTarget.value)}
        />
      </SimpleGrid>
      <QueryState isPending={applications.isPending} error={reversed ? null : applications.error} />
      {applications.data && !applications.error && (
        <Text size="sm" c="dimmed">
          {t('applications.shown', { n: rows.length, total: applications.data.total })}
        </Text>
      )}
      {rows.length > 0 && (
        <ScrollTable minWidth={640}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('applications.candidate')}</Table.Th>
                <Table.Th>{t('programs.card')}</Table.Th>
                <Table.Th>{t('applications.pathway')}</Table.Th>
                <Table.Th>{t('applications.status')}</Table.Th>
                <Table.Th>{t('applications.submitted')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((a) => (
                <Table.Tr key={a.id} data-testid="application-row">
                  <Table.Td>
                    <Anchor component={Link} to={`/staff/applications/${a.id}`}>
                      <CandidateName id={a.candidateId} />
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <CardName id={a.cardId} />
                  </Table.Td>
                  <Table.Td>{t(`pathway.${a.pathway}`)}</Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      <StatusBadge group="status" value={a.status} />
                    </Group>
                  </Table.Td>
                  <Table.Td>{format.date(a.submittedAt ?? a.createdAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
    </Stack>
  );
}
