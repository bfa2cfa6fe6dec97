import {
  Accordion,
  Badge,
  Button,
  Checkbox,
  Group,
  List,
  NumberInput,
  PasswordInput,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams } from 'react-router';
import { api } from '../../api/client';
import { must } from '../../api/errors';
import { CardName } from '../../components/card-name';
import { ErrorAlert } from '../../components/error-alert';
import { usePageTitle } from '../../components/page-title';
import { QueryState } from '../../components/query-state';
import { useFormat } from '../../i18n/format';
import { CandidateName, CentreName, Section, StatusBadge, today, useCentreStaff } from '../staff-components';
import { useStaffT } from '../staff-i18n';

/** The centre's staff: assessors' profiles, accreditations per card and conflict declarations; new assessor accounts. */
export default function AssessorsPage() {
  const { t } = useStaffT();
  const { centreId = '' } = useParams();
  usePageTitle(t('assessors.title'));
  const staff = useCentreStaff(centreId);
  const accreditations = useQuery({
    queryKey: ['centre-accreditations', centreId],
    queryFn: () => must(api.GET('/api/v1/centres/{id}/accreditations', { params: { path: { id: centreId } } })),
  });
  const cards = [...new Set((accreditations.data ?? []).filter((a) => a.inForce).map((a) => a.cardId))];
  return (
    <Stack gap="lg">
      <Title order={1}>{t('assessors.title')}</Title>
      <Text c="dimmed">
        <CentreName id={centreId} />
      </Text>
      <Section id="staff" title={t('assessors.staff')}>
        <QueryState isPending={staff.isPending} error={staff.error} />
        <Accordion variant="separated">
          {(staff.data ?? []).map((u) => (
            <Accordion.Item key={u.id} value={u.id} data-testid="staff-member">
              <Accordion.Control>
                <Group gap="xs">
                  <Text fw={600}>{u.fullName}</Text>
                  <Badge variant="outline">{t(`role.${u.role}`)}</Badge>
                  {u.status === 'disabled' && <Badge color="gray">{t('userStatus.disabled')}</Badge>}
                </Group>
              </Accordion.Control>
              <Accordion.Panel>
                {u.role === 'assessor' ? <AssessorDetail id={u.id} cards={cards} /> : <Text size="sm">{u.email}</Text>}
              </Accordion.Panel>
            </Accordion.Item>
          ))}
        </Accordion>
      </Section>
      <NewAssessor centreId={centreId} />
    </Stack>
  );
}

function AssessorDetail({ id, cards }: { id: string; cards: string[] }) {
  const { t } = useStaffT();
  const format = useFormat();
  const queryClient = useQueryClient();
  const assessor = useQuery({
    queryKey: ['assessor', id],
    queryFn: () => must(api.GET('/api/v1/assessors/{id}', { params: { path: { id } } })),
  });
  const [orkLevel, setOrkLevel] = useState<number | ''>('');
  const [field, setField] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [from, setFrom] = useState(today());
  const [to, setTo] = useState(today(3 * 365));
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['assessor', id] });
  const profile = useMutation({
    mutationFn: () =>
      must(
        api.PUT('/api/v1/assessors/{id}/profile', {
          params: { path: { id } },
          body: { orkLevel: Number(orkLevel || assessor.data?.orkLevel), field: field || assessor.data?.field || '' },
        }),
      ),
    onSuccess: refresh,
  });
  const accredit = useMutation({
    mutationFn: () =>
      must(
        api.POST('/api/v1/assessors/{id}/accreditations', {
          params: { path: { id } },
          body: { cardIds: chosen, validFrom: from, validTo: to },
        }),
      ),
    onSuccess: () => {
      setChosen([]);
      refresh();
    },
  });
  const revoke = useMutation({
    mutationFn: (accreditationId: string) =>
      must(
        api.POST('/api/v1/assessors/{id}/accreditations/{accreditationId}/revoke', {
          params: { path: { id, accreditationId } },
        }),
      ),
    onSuccess: refresh,
  });
  if (!assessor.data) return <QueryState isPending={assessor.isPending} error={assessor.error} />;
  const a = assessor.data;
  return (
    <Stack gap="sm">
      <Text size="sm">{t('assessors.profile', { level: a.orkLevel ?? '—', field: a.field ?? '—' })}</Text>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <NumberInput
          label={t('assessors.orkLevel')}
          min={1}
          max={8}
          value={orkLevel === '' ? (a.orkLevel ?? '') : orkLevel}
          onChange={(v) => setOrkLevel(v === '' ? '' : Number(v))}
        />
        <TextInput
          label={t('assessors.field')}
          value={field || a.field || ''}
          onChange={(e) => setField(e.currentTarget.value)}
        />
        <Button mt={{ sm: 24 }} variant="outline" onClick={() => profile.mutate()} loading={profile.isPending}>
          {t('assessors.saveProfile')}
        </Button>
      </SimpleGrid>
      <ErrorAlert error={profile.error} />
      <Text fw={600} size="sm">
        {t('assessors.accreditations')}
      </Text>
      {a.accreditations.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('assessors.noAccreditations')}
        </Text>
      )}
      <List size="sm">
        {a.accreditations.map((acc) => (
          <List.Item key={acc.id}>
            <CardName id={acc.cardId} /> · {format.date(acc.validFrom)} — {format.date(acc.validTo)}{' '}
            <StatusBadge group="accreditationStatus" value={acc.status} />{' '}
            {acc.status === 'active' && (
              <Button size="compact-xs" variant="subtle" color="red" onClick={() => revoke.mutate(acc.id)}>
                {t('assessors.revoke')}
              </Button>
            )}
          </List.Item>
        ))}
      </List>
      <Checkbox.Group label={t('assessors.accreditFor')} value={chosen} onChange={setChosen}>
        <Stack gap={4} mt={4}>
          {cards.map((cardId) => (
            <Checkbox key={cardId} value={cardId} label={<CardName id={cardId} />} />
          ))}
        </Stack>
      </Checkbox.Group>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <TextInput
          type="date"
          label={t('assessors.from')}
          value={from}
          onChange={(e) => setFrom(e.currentTarget.value)}
        />
        <TextInput type="date" label={t('assessors.to')} value={to} onChange={(e) => setTo(e.currentTarget.value)} />
        <Button
          mt={{ sm: 24 }}
          variant="outline"
          disabled={chosen.length === 0}
          onClick={() => accredit.mutate()}
          loading={accredit.isPending}
        >
          {t('assessors.accredit')}
        </Button>
      </SimpleGrid>
      <ErrorAlert error={accredit.error ?? revoke.error} />
      <Text fw={600} size="sm">
        {t('assessors.conflicts')}
      </Text>
      {a.conflicts.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('assessors.noConflicts')}
        </Text>
      )}
      <List size="sm">
        {a.conflicts.map((c) => (
          <List.Item key={c.id}>
            {c.kind === 'candidate' && c.candidateId ? <CandidateName id={c.candidateId} /> : c.employer} — {c.reason}{' '}
            <StatusBadge group="conflictStatus" value={c.status} />
          </List.Item>
        ))}
      </List>
    </Stack>
  );
}

function NewAssessor({ centreId }: { centreId: string }) {
  const { t } = useStaffT();
  const queryClient = useQueryClient();
  const [fullName, setFullName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const create = useMutation({
    mutationFn: () =>
      must(
        api.POST('/api/v1/centres/{id}/staff', {
          params: { path: { id: centreId } },
          body: { fullName, email, password, role: 'assessor' },
        }),
      ),
    onSuccess: () => {
      setFullName('');
      setEmail('');
      setPassword('');
      void queryClient.invalidateQueries({ queryKey: ['centre-staff', centreId] });
    },
  });
  return (
    <Section id="new-assessor" title={t('assessors.new')}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          create.mutate();
        }}
      >
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput
              label={t('users.fullName')}
              required
              value={fullName}
              onChange={(e) => setFullName(e.currentTarget.value)}
            />
            <TextInput
              label={t('users.email')}
              type="email"
              required
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
            />
            <PasswordInput
              label={t('users.password')}
              required
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
            />
          </SimpleGrid>
          <ErrorAlert error={create.error} />
          <Group>
            <Button type="submit" loading={create.isPending}>
              {t('assessors.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}
