import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  NativeSelect,
  NumberInput,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { validateIin } from '@qualcert/iin-rule';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { ApiFailure, must } from '../../api/errors';
import type { components } from '../../api/schema';
import type { Evidence } from '../../api/upload';
import { ErrorAlert } from '../../components/error-alert';
import { EvidenceDrop } from '../../components/evidence-drop';
import { usePageTitle } from '../../components/page-title';
import { useFieldNames } from '../../components/prerequisite-text';
import { RecordCheck, RemoveRecord } from '../../components/record-parts';
import { useFormat } from '../../i18n/format';

type Sex = 'male' | 'female';
const EDUCATION_LEVELS = [
  'general_secondary',
  'tvet_worker',
  'tvet_specialist',
  'post_secondary',
  'higher',
  'postgraduate',
] as const;

/** The profile (ИИН checked on the page by the server's own rule) and the records an application rests on. */
export default function ProfilePage() {
  const { t } = useTranslation();
  usePageTitle(t('profile.title'));
  return (
    <Stack gap="xl">
      <Title order={1}>{t('profile.title')}</Title>
      <ProfileForm />
      <EducationSection />
      <EmploymentSection />
      <Card withBorder component="section" aria-labelledby="learning-link-heading">
        <Title order={2} size="h4" id="learning-link-heading" mb="xs">
          {t('learning.title')}
        </Title>
        <Text size="sm" mb="xs">
          {t('learning.lead')}
        </Text>
        <Anchor component={Link} to="/cabinet/learning">
          {t('learning.open')}
        </Anchor>
      </Card>
    </Stack>
  );
}

function ProfileForm() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const profile = useQuery({
    queryKey: ['profile'],
    retry: false,
    queryFn: async () => {
      try {
        return await must(api.GET('/api/v1/candidates/me/profile'));
      } catch (error) {
        if (error instanceof ApiFailure && error.status === 404) return null;
        throw error;
      }
    },
  });
  const [iin, setIin] = useState('');
  const [birthDate, setBirthDate] = useState('');
  const [sex, setSex] = useState<Sex>('female');
  const [phone, setPhone] = useState('');
  useEffect(() => {
    if (!profile.data) return;
    setIin(profile.data.iin);
    setBirthDate(profile.data.birthDate);
    setSex(profile.data.sex);
    setPhone(profile.data.phone ?? '');
  }, [profile.data]);

  const save = useMutation({
    mutationFn: () =>
      must(
        api.PUT('/api/v1/candidates/me/profile', {
          body: { iin: iin.trim(), birthDate, sex, ...(phone.trim() ? { phone: phone.trim() } : {}) },
        }),
      ),
    onSuccess: (data) => queryClient.setQueryData(['profile'], data),
  });
  // The same rule as the server's, as the person types; the server's answer then shows on the field.
  const local = iin.trim().length === 12 ? validateIin(iin.trim(), { birthDate: birthDate || undefined, sex }) : null;
  const serverFields = save.error instanceof ApiFailure ? save.error.fields() : {};
  const iinError =
    local && !local.valid
      ? t(`iin.${local.code}`)
      : serverFields.iin !== undefined || (save.error instanceof ApiFailure && save.error.code === 'INVALID_IIN')
        ? t('errors.INVALID_IIN')
        : undefined;

  return (
    <Card withBorder component="section" aria-labelledby="profile-heading">
      <Title order={2} size="h4" id="profile-heading" mb="sm">
        {t('profile.personal')}
      </Title>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate();
        }}
      >
        <Stack>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('profile.iin')}
              description={t('profile.iinHint')}
              required
              inputMode="numeric"
              maxLength={12}
              value={iin}
              onChange={(event) => setIin(event.currentTarget.value)}
              error={iinError}
            />
            <TextInput
              label={t('profile.birthDate')}
              type="date"
              required
              value={birthDate}
              onChange={(event) => setBirthDate(event.currentTarget.value)}
              error={serverFields.birthDate !== undefined ? t('profile.birthDateInvalid') : undefined}
            />
            <NativeSelect
              label={t('profile.sex')}
              value={sex}
              onChange={(event) => setSex(event.currentTarget.value as Sex)}
              data={[
                { value: 'female', label: t('profile.female') },
                { value: 'male', label: t('profile.male') },
              ]}
            />
            <TextInput
              label={t('profile.phone')}
              type="tel"
              autoComplete="tel"
              value={phone}
              onChange={(event) => setPhone(event.currentTarget.value)}
            />
          </SimpleGrid>
          <ErrorAlert error={save.error} />
          {save.isSuccess && (
            <Alert color="teal" role="status">
              {t('profile.saved')}
            </Alert>
          )}
          <Group>
            <Button type="submit" loading={save.isPending} disabled={Boolean(local && !local.valid)}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function EducationSection() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const list = useQuery({ queryKey: ['education'], queryFn: () => must(api.GET('/api/v1/candidates/me/education')) });
  const [level, setLevel] = useState<(typeof EDUCATION_LEVELS)[number]>('tvet_specialist');
  const [institution, setInstitution] = useState('');
  const [graduationYear, setYear] = useState<number | string>(new Date().getFullYear() - 1);
  const [documentRef, setRef] = useState('');
  const [document, setDocument] = useState<Evidence | null>(null);
  const add = useMutation({
    mutationFn: () =>
      must(
        api.POST('/api/v1/candidates/me/education', {
          body: {
            level,
            institution: institution.trim(),
            graduationYear: Number(graduationYear),
            documentRef: documentRef.trim(),
            documentId: document?.id ?? '',
          },
        }),
      ),
    onSuccess: () => {
      setInstitution('');
      setRef('');
      setDocument(null);
      void queryClient.invalidateQueries({ queryKey: ['education'] });
    },
  });
  return (
    <Card withBorder component="section" aria-labelledby="education-heading">
      <Title order={2} size="h4" id="education-heading" mb="sm">
        {t('records.education')}
      </Title>
      <Stack gap="xs" mb="md">
        {list.data?.length === 0 && <Text c="dimmed">{t('records.none')}</Text>}
        {list.data?.map((record) => (
          <Group key={record.id} justify="space-between" data-testid="education-record">
            <Text>
              {t(`education.${record.level}`)}, {record.institution}, {record.graduationYear}
            </Text>
            <Group gap="xs">
              <RecordCheck check={record.check} />
              <RemoveRecord
                name={record.institution}
                remove={async () => {
                  await must(
                    api.DELETE('/api/v1/candidates/me/education/{id}', { params: { path: { id: record.id } } }),
                  );
                  void queryClient.invalidateQueries({ queryKey: ['education'] });
                }}
              />
            </Group>
          </Group>
        ))}
      </Stack>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          add.mutate();
        }}
      >
        <Stack>
          <Title order={3} size="h5">
            {t('records.addEducation')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NativeSelect
              label={t('records.level')}
              value={level}
              onChange={(event) => setLevel(event.currentTarget.value as (typeof EDUCATION_LEVELS)[number])}
              data={EDUCATION_LEVELS.map((value) => ({ value, label: t(`education.${value}`) }))}
            />
            <TextInput
              label={t('records.institution')}
              required
              value={institution}
              onChange={(event) => setInstitution(event.currentTarget.value)}
            />
            <NumberInput label={t('records.graduationYear')} required value={graduationYear} onChange={setYear} />
            <TextInput
              label={t('records.diploma')}
              required
              value={documentRef}
              onChange={(event) => setRef(event.currentTarget.value)}
            />
          </SimpleGrid>
          <DocumentField
            document={document}
            onUploaded={setDocument}
            fields={{
              type: 'diploma',
              issuer: institution.trim(),
              issueDate: `${Number(graduationYear) || new Date().getFullYear()}-06-30`,
            }}
          />
          <ErrorAlert error={add.error} />
          <Group>
            <Button type="submit" loading={add.isPending} disabled={!document}>
              {t('records.add')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function EmploymentSection() {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const fieldName = useFieldNames();
  const fields = useQuery({
    queryKey: ['fields'],
    queryFn: () => must(api.GET('/api/v1/fields')),
    staleTime: Infinity,
  });
  const list = useQuery({ queryKey: ['employment'], queryFn: () => must(api.GET('/api/v1/candidates/me/employment')) });
  const [employer, setEmployer] = useState('');
  const [position, setPosition] = useState('');
  const [field, setField] = useState('call_centre');
  const [startDate, setStart] = useState('');
  const [endDate, setEnd] = useState('');
  const [documentRef, setRef] = useState('');
  const [document, setDocument] = useState<Evidence | null>(null);
  const add = useMutation({
    mutationFn: () =>
      must(
        api.POST('/api/v1/candidates/me/employment', {
          body: {
            employer: employer.trim(),
            position: position.trim(),
            field,
            startDate,
            ...(endDate ? { endDate } : {}),
            documentRef: documentRef.trim(),
            documentId: document?.id ?? '',
          },
        }),
      ),
    onSuccess: () => {
      setEmployer('');
      setPosition('');
      setRef('');
      setDocument(null);
      void queryClient.invalidateQueries({ queryKey: ['employment'] });
      void queryClient.invalidateQueries({ queryKey: ['profile'] });
    },
  });
  const serverFields = add.error instanceof ApiFailure ? add.error.fields() : {};
  type FieldDto = components['schemas']['FieldOfActivityDto'];
  return (
    <Card withBorder component="section" aria-labelledby="employment-heading">
      <Title order={2} size="h4" id="employment-heading" mb="sm">
        {t('records.employment')}
      </Title>
      <Stack gap="xs" mb="md">
        {list.data?.length === 0 && <Text c="dimmed">{t('records.none')}</Text>}
        {list.data?.map((record) => (
          <Group key={record.id} justify="space-between" data-testid="employment-record">
            <Text>
              {record.position}, {record.employer} ({fieldName(record.field)}): {format.date(record.startDate)} —{' '}
              {record.endDate ? format.date(record.endDate) : t('records.now')}
            </Text>
            <Group gap="xs">
              <RecordCheck check={record.check} />
              <RemoveRecord
                name={record.employer}
                remove={async () => {
                  await must(
                    api.DELETE('/api/v1/candidates/me/employment/{id}', { params: { path: { id: record.id } } }),
                  );
                  void queryClient.invalidateQueries({ queryKey: ['employment'] });
                  void queryClient.invalidateQueries({ queryKey: ['profile'] });
                }}
              />
            </Group>
          </Group>
        ))}
      </Stack>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          add.mutate();
        }}
      >
        <Stack>
          <Title order={3} size="h5">
            {t('records.addEmployment')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('records.employer')}
              required
              value={employer}
              onChange={(event) => setEmployer(event.currentTarget.value)}
            />
            <TextInput
              label={t('records.position')}
              required
              value={position}
              onChange={(event) => setPosition(event.currentTarget.value)}
            />
            <NativeSelect
              label={t('records.field')}
              value={field}
              onChange={(event) => setField(event.currentTarget.value)}
              data={(fields.data ?? []).map((f: FieldDto) => ({
                value: f.code,
                label: f.names[i18n.language as keyof FieldDto['names']] ?? f.names.ru,
              }))}
            />
            <TextInput
              label={t('records.workDocument')}
              required
              value={documentRef}
              onChange={(event) => setRef(event.currentTarget.value)}
            />
            <TextInput
              label={t('records.startDate')}
              type="date"
              required
              value={startDate}
              onChange={(event) => setStart(event.currentTarget.value)}
              error={serverFields.startDate !== undefined ? t('records.dateInvalid') : undefined}
            />
            <TextInput
              label={t('records.endDate')}
              description={t('records.endDateHint')}
              type="date"
              value={endDate}
              onChange={(event) => setEnd(event.currentTarget.value)}
              error={serverFields.endDate !== undefined ? t('records.dateInvalid') : undefined}
            />
          </SimpleGrid>
          <DocumentField
            document={document}
            onUploaded={setDocument}
            fields={{ type: 'employment_record', issuer: employer.trim(), issueDate: startDate || todayIso() }}
          />
          <ErrorAlert error={add.error} />
          <Group>
            <Button type="submit" loading={add.isPending} disabled={!document}>
              {t('records.add')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}

function DocumentField({
  document,
  onUploaded,
  fields,
}: {
  document: Evidence | null;
  onUploaded: (evidence: Evidence) => void;
  fields: Parameters<typeof EvidenceDrop>[0]['fields'];
}) {
  const { t } = useTranslation();
  if (document) {
    return (
      <Text size="sm">
        {t('records.document')}: <strong>{document.fileName}</strong>
      </Text>
    );
  }
  // The document is stored with who issued it (at least 2 characters): that field comes first.
  if (fields.issuer.length < 2) {
    return (
      <Text size="sm" c="dimmed">
        {t('records.documentNeedsIssuer')}
      </Text>
    );
  }
  return <EvidenceDrop fields={fields} multiple={false} onUploaded={onUploaded} label={t('records.dropDocument')} />;
}
