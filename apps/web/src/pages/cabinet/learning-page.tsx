import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  NativeSelect,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { ApiFailure, must } from '../../api/errors';
import type { components } from '../../api/schema';
import type { Evidence } from '../../api/upload';
import { ErrorAlert } from '../../components/error-alert';
import { EvidenceDrop } from '../../components/evidence-drop';
import { usePageTitle } from '../../components/page-title';
import { DocumentLink, RecordCheck, RemoveRecord } from '../../components/record-parts';
import { useFormat } from '../../i18n/format';

type Learning = components['schemas']['LearningDto'];
type Kind = Learning['kind'];
const KINDS: Kind[] = ['non_formal_course', 'employer_reference', 'informal_statement'];
/** The evidence file type each kind's document is uploaded as. */
const DOCUMENT_TYPE: Record<Kind, 'course_certificate' | 'employer_reference'> = {
  non_formal_course: 'course_certificate',
  employer_reference: 'employer_reference',
  informal_statement: 'employer_reference',
};

/**
 * Learning records: courses, employer references and confirmed informal learning, each with its
 * document. A confirmed one opens a card's informal route into eligibility (docs/CANDIDATES.md).
 */
export default function LearningPage() {
  const { t } = useTranslation();
  usePageTitle(t('learning.title'));
  const queryClient = useQueryClient();
  const list = useQuery({ queryKey: ['learning'], queryFn: () => must(api.GET('/api/v1/candidates/me/learning')) });
  const files = useQuery({ queryKey: ['evidence'], queryFn: () => must(api.GET('/api/v1/evidence')) });
  const fileName = (id: string) => files.data?.find((f) => f.id === id)?.fileName ?? t('records.document');
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['learning'] });
    // A new document is a new evidence file: its name comes from the list.
    void queryClient.invalidateQueries({ queryKey: ['evidence'] });
  };

  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/cabinet" size="sm">
        ← {t('cabinet.title')}
      </Anchor>
      <Title order={1}>{t('learning.title')}</Title>
      <Text>{t('learning.lead')}</Text>
      <Card withBorder component="section" aria-labelledby="learning-list-heading">
        <Title order={2} size="h4" id="learning-list-heading" mb="sm">
          {t('learning.records')}
        </Title>
        <Stack gap="md">
          {list.data?.length === 0 && <Text c="dimmed">{t('records.none')}</Text>}
          {list.data?.map((record) => (
            <LearningRecord
              key={record.id}
              record={record}
              fileName={fileName(record.documentId)}
              onChanged={refresh}
            />
          ))}
        </Stack>
      </Card>
      <AddLearning onAdded={refresh} />
    </Stack>
  );
}

function LearningRecord({
  record,
  fileName,
  onChanged,
}: {
  record: Learning;
  fileName: string;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [replacing, setReplacing] = useState(false);
  // A new document replaces the record as it is: the centre checks it again.
  const replace = useMutation({
    mutationFn: (document: Evidence) =>
      must(
        api.PUT('/api/v1/candidates/me/learning/{id}', {
          params: { path: { id: record.id } },
          body: {
            kind: record.kind,
            title: record.title,
            issuer: record.issuer,
            issueDate: record.issueDate,
            ...(record.startDate ? { startDate: record.startDate } : {}),
            ...(record.endDate ? { endDate: record.endDate } : {}),
            documentId: document.id,
          },
        }),
      ),
    onSuccess: () => {
      setReplacing(false);
      onChanged();
    },
  });
  const period =
    record.startDate || record.endDate ? `${format.date(record.startDate)} — ${format.date(record.endDate)}` : null;
  return (
    <Stack gap={4} data-testid="learning-record">
      <Group justify="space-between" align="start" wrap="wrap">
        <Stack gap={2} style={{ flex: 1, minWidth: 220 }}>
          <Text fw={600}>{record.title}</Text>
          <Text size="sm">
            {t(`learning.kind_${record.kind}`)} · {record.issuer}
          </Text>
          <Text size="sm" c="dimmed">
            {t('learning.issuedOn', { date: format.date(record.issueDate) })}
            {period ? ` · ${period}` : ''}
          </Text>
          <Group gap="xs">
            <Text size="sm">{t('records.document')}:</Text>
            <DocumentLink evidenceId={record.documentId} label={fileName} />
          </Group>
        </Stack>
        <RecordCheck check={record.check} />
      </Group>
      <Group gap="xs">
        <Button size="compact-sm" variant="subtle" onClick={() => setReplacing((v) => !v)} aria-expanded={replacing}>
          {t('learning.replaceDocument')}
        </Button>
        <RemoveRecord
          name={record.title}
          remove={async () => {
            await must(api.DELETE('/api/v1/candidates/me/learning/{id}', { params: { path: { id: record.id } } }));
            onChanged();
          }}
        />
      </Group>
      {replacing && (
        <EvidenceDrop
          multiple={false}
          fields={{ type: DOCUMENT_TYPE[record.kind], issuer: record.issuer, issueDate: record.issueDate }}
          onUploaded={(document) => replace.mutate(document)}
          label={t('records.dropDocument')}
        />
      )}
      <ErrorAlert error={replace.error} />
    </Stack>
  );
}

function AddLearning({ onAdded }: { onAdded: () => void }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<Kind>('non_formal_course');
  const [title, setTitle] = useState('');
  const [issuer, setIssuer] = useState('');
  const [issueDate, setIssueDate] = useState('');
  const [startDate, setStart] = useState('');
  const [endDate, setEnd] = useState('');
  const [document, setDocument] = useState<Evidence | null>(null);
  const add = useMutation({
    mutationFn: () =>
      must(
        api.POST('/api/v1/candidates/me/learning', {
          body: {
            kind,
            title: title.trim(),
            issuer: issuer.trim(),
            issueDate,
            ...(startDate ? { startDate } : {}),
            ...(endDate ? { endDate } : {}),
            documentId: document?.id ?? '',
          },
        }),
      ),
    onSuccess: () => {
      setTitle('');
      setIssuer('');
      setIssueDate('');
      setStart('');
      setEnd('');
      setDocument(null);
      onAdded();
    },
  });
  const serverFields = add.error instanceof ApiFailure ? add.error.fields() : {};
  const dateError = (field: string) => (serverFields[field] !== undefined ? t('records.dateInvalid') : undefined);
  return (
    <Card withBorder component="section" aria-labelledby="learning-add-heading">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          add.mutate();
        }}
      >
        <Stack>
          <Title order={2} size="h4" id="learning-add-heading">
            {t('learning.add')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NativeSelect
              label={t('learning.kind')}
              value={kind}
              onChange={(event) => setKind(event.currentTarget.value as Kind)}
              data={KINDS.map((value) => ({ value, label: t(`learning.kind_${value}`) }))}
            />
            <TextInput
              label={t('learning.what')}
              required
              value={title}
              onChange={(event) => setTitle(event.currentTarget.value)}
            />
            <TextInput
              label={t('learning.issuer')}
              description={t('learning.issuerHint')}
              required
              value={issuer}
              onChange={(event) => setIssuer(event.currentTarget.value)}
            />
            <TextInput
              label={t('application.issueDate')}
              type="date"
              required
              value={issueDate}
              onChange={(event) => setIssueDate(event.currentTarget.value)}
              error={dateError('issueDate')}
            />
            <TextInput
              label={t('learning.startDate')}
              type="date"
              value={startDate}
              onChange={(event) => setStart(event.currentTarget.value)}
              error={dateError('startDate')}
            />
            <TextInput
              label={t('learning.endDate')}
              type="date"
              value={endDate}
              onChange={(event) => setEnd(event.currentTarget.value)}
              error={dateError('endDate')}
            />
          </SimpleGrid>
          {document ? (
            <Text size="sm">
              {t('records.document')}: <strong>{document.fileName}</strong>
            </Text>
          ) : issuer.trim() && issueDate ? (
            <EvidenceDrop
              multiple={false}
              fields={{ type: DOCUMENT_TYPE[kind], issuer: issuer.trim(), issueDate }}
              onUploaded={setDocument}
              label={t('records.dropDocument')}
            />
          ) : (
            <Text size="sm" c="dimmed">
              {t('learning.fillFirst')}
            </Text>
          )}
          <ErrorAlert error={add.error} />
          {add.isSuccess && (
            <Alert color="teal" role="status">
              {t('learning.added')}
            </Alert>
          )}
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
