import {
  Anchor,
  Button,
  Checkbox,
  NativeSelect,
  NumberInput,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../api/client';
import { must } from '../../api/errors';
import { CardName, useCard } from '../../components/card-name';
import { usePageTitle } from '../../components/page-title';
import { QueryState } from '../../components/query-state';
import { useFormat } from '../../i18n/format';
import { CentreName, RefusalText, Section, StatusBadge, useCentreStaff, ScrollTable } from '../staff-components';
import { useStaffT } from '../staff-i18n';

/** The centre's exam sessions, and a new one of an active program with its assessors. */
export default function SessionsPage() {
  const { t } = useStaffT();
  const format = useFormat();
  const { centreId = '' } = useParams();
  usePageTitle(t('sessions.title'));
  const sessions = useQuery({
    queryKey: ['sessions', centreId],
    queryFn: () => must(api.GET('/api/v1/centres/{centreId}/sessions', { params: { path: { centreId } } })),
  });
  return (
    <Stack gap="lg">
      <Title order={1}>{t('sessions.title')}</Title>
      <Text c="dimmed">
        <CentreName id={centreId} />
      </Text>
      <Section id="sessions" title={t('sessions.list')}>
        <QueryState isPending={sessions.isPending} error={sessions.error} />
        {sessions.data?.length === 0 && <Text>{t('dashboard.noSessions')}</Text>}
        {sessions.data && sessions.data.length > 0 && (
          <ScrollTable minWidth={560}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('sessions.startsAt')}</Table.Th>
                  <Table.Th>{t('sessions.card')}</Table.Th>
                  <Table.Th>{t('sessions.place')}</Table.Th>
                  <Table.Th>{t('sessions.seats')}</Table.Th>
                  <Table.Th>{t('programs.status')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {sessions.data.map((s) => (
                  <Table.Tr key={s.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/staff/sessions/${s.id}`}>
                        {format.dateTime(s.startsAt)}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <CardName id={s.cardId} />
                    </Table.Td>
                    <Table.Td>{s.place ?? '—'}</Table.Td>
                    <Table.Td>
                      {s.enrolledCount} / {s.capacity}
                    </Table.Td>
                    <Table.Td>
                      <StatusBadge group="sessionStatus" value={s.status} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        )}
      </Section>
      <NewSession centreId={centreId} />
    </Stack>
  );
}

/** A datetime-local field's value for a moment: the browser's local time, to the minute. */
function localInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

function NewSession({ centreId }: { centreId: string }) {
  const { t } = useStaffT();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const programs = useQuery({
    queryKey: ['programs', centreId],
    queryFn: () => must(api.GET('/api/v1/centres/{centreId}/programs', { params: { path: { centreId } } })),
  });
  const staff = useCentreStaff(centreId);
  const assessors = (staff.data ?? []).filter((u) => u.role === 'assessor' && u.status === 'active');
  const names = new Map(assessors.map((a) => [a.id, a.fullName]));
  const active = (programs.data ?? []).filter((p) => p.status === 'active');
  const [programId, setProgramId] = useState('');
  const [startsAt, setStartsAt] = useState(() => localInput(new Date(Date.now() + 5 * 60_000)));
  const [endsAt, setEndsAt] = useState(() => localInput(new Date(Date.now() + 4 * 3_600_000)));
  const [place, setPlace] = useState('');
  const [capacity, setCapacity] = useState<number>(10);
  const [assessorIds, setAssessorIds] = useState<string[]>([]);
  const create = useMutation({
    mutationFn: () =>
      must(
        api.POST('/api/v1/centres/{centreId}/sessions', {
          params: { path: { centreId } },
          body: {
            programId,
            startsAt: new Date(startsAt).toISOString(),
            endsAt: new Date(endsAt).toISOString(),
            capacity,
            assessorIds,
            ...(place ? { place } : {}),
          },
        }),
      ),
    onSuccess: (session) => {
      void queryClient.invalidateQueries({ queryKey: ['sessions', centreId] });
      void navigate(`/staff/sessions/${session.id}`);
    },
  });
  return (
    <Section id="new-session" title={t('sessions.new')}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          create.mutate();
        }}
      >
        <Stack gap="sm">
          <NativeSelect
            label={t('sessions.program')}
            required
            value={programId}
            onChange={(e) => setProgramId(e.currentTarget.value)}
          >
            <option value="">{t('common.choose')}</option>
            {active.map((p) => (
              <ProgramOption key={p.id} id={p.id} cardId={p.cardId} version={p.version} />
            ))}
          </NativeSelect>
          {programs.data && active.length === 0 && <Text c="dimmed">{t('sessions.noActiveProgram')}</Text>}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              type="datetime-local"
              label={t('sessions.startsAt')}
              required
              value={startsAt}
              onChange={(e) => setStartsAt(e.currentTarget.value)}
            />
            <TextInput
              type="datetime-local"
              label={t('sessions.endsAt')}
              required
              value={endsAt}
              onChange={(e) => setEndsAt(e.currentTarget.value)}
            />
            <TextInput label={t('sessions.place')} value={place} onChange={(e) => setPlace(e.currentTarget.value)} />
            <NumberInput
              label={t('sessions.capacity')}
              min={1}
              max={500}
              value={capacity}
              onChange={(v) => setCapacity(Number(v) || 1)}
            />
          </SimpleGrid>
          <Checkbox.Group label={t('sessions.assessors')} value={assessorIds} onChange={setAssessorIds}>
            <Stack gap={4} mt={4}>
              {assessors.map((a) => (
                <Checkbox key={a.id} value={a.id} label={a.fullName} />
              ))}
            </Stack>
          </Checkbox.Group>
          {create.error ? <RefusalText error={create.error} names={names} /> : null}
          <Button type="submit" loading={create.isPending} disabled={!programId || assessorIds.length === 0}>
            {t('sessions.schedule')}
          </Button>
        </Stack>
      </form>
    </Section>
  );
}

function ProgramOption({ id, cardId, version }: { id: string; cardId: string; version: number }) {
  const { t } = useStaffT();
  const card = useCard(cardId);
  return <option value={id}>{`${card.data?.name ?? '…'} · ${t('programs.versionN', { version })}`}</option>;
}
