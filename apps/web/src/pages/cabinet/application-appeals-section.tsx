import { Alert, Badge, Button, Card, Checkbox, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { must } from '../../api/errors';
import type { components } from '../../api/schema';
import { useAuth } from '../../auth/auth-context';
import { ErrorAlert } from '../../components/error-alert';
import { EvidenceDrop } from '../../components/evidence-drop';
import { DocumentLink } from '../../components/record-parts';
import { useFormat } from '../../i18n/format';

type Application = components['schemas']['ApplicationDto'];
type Appeal = components['schemas']['AppealDto'];
type Kind = 'admission' | 'procedural';
/** Appeals the panel has not finished with. */
const OPEN = new Set(['lodged', 'hearing', 'reassessment']);

/**
 * The application's appeals of every kind with their state, and the two the candidate lodges on
 * the application itself (docs/DECISIONS.md): against a refusal of admission while it is
 * ineligible, and a complaint about the procedure while it is under way.
 */
export function AppealsSection({ app }: { app: Application }) {
  const { t } = useTranslation();
  const [complaining, setComplaining] = useState(false);
  const appeals = useQuery({
    queryKey: ['appeals', app.id],
    enabled: app.status !== 'draft',
    queryFn: () => must(api.GET('/api/v1/applications/{id}/appeals', { params: { path: { id: app.id } } })),
    refetchInterval: (query) => (query.state.data?.some((a) => OPEN.has(a.status)) ? 10000 : false),
  });
  if (app.status === 'draft' || app.status === 'withdrawn' || !appeals.data) {
    return appeals.data?.length ? <AppealList appeals={appeals.data} /> : null;
  }
  const list = appeals.data;
  // One appeal per refusal: one lodged since the latest check answers this refusal.
  const refusedAt = app.eligibilityCheckedAt ?? app.createdAt;
  const canAdmission =
    app.status === 'ineligible' && !list.some((a) => a.kind === 'admission' && a.createdAt >= refusedAt);
  const canComplain = !list.some((a) => a.kind === 'procedural' && OPEN.has(a.status));
  return (
    <Card withBorder component="section" aria-labelledby="appeals-heading" data-testid="appeals">
      <Title order={2} size="h4" id="appeals-heading" mb="xs">
        {t('appeals.title')}
      </Title>
      <Stack gap="lg">
        {list.length > 0 && <AppealList appeals={list} bare />}
        {canAdmission && <LodgeForm app={app} kind="admission" />}
        {canComplain &&
          (complaining ? (
            <LodgeForm app={app} kind="procedural" />
          ) : (
            // Offered on every application under way, so folded until asked for.
            <Group>
              <Button variant="outline" onClick={() => setComplaining(true)} aria-expanded={false}>
                {t('appeals.lodge_procedural')}
              </Button>
            </Group>
          ))}
      </Stack>
    </Card>
  );
}

function AppealList({ appeals, bare = false }: { appeals: Appeal[]; bare?: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const files = useQuery({ queryKey: ['evidence'], queryFn: () => must(api.GET('/api/v1/evidence')) });
  const fileName = (id: string) => files.data?.find((f) => f.id === id)?.fileName ?? t('records.document');
  const body = (
    <Stack gap="sm">
      {appeals.map((appeal) => (
        <Stack key={appeal.id} gap={4} data-testid="appeal">
          <Group gap="xs">
            <Text fw={600}>{t(`appeals.kind_${appeal.kind}`)}</Text>
            <Badge variant="outline" color={OPEN.has(appeal.status) ? 'gray' : 'teal'}>
              {t(`appeals.status_${appeal.status}`)}
            </Badge>
          </Group>
          <Text size="sm" c="dimmed">
            {t('appeals.lodgedAt', { date: format.dateTime(appeal.createdAt) })}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {appeal.grounds}
          </Text>
          {appeal.evidenceIds.length > 0 && (
            <Group gap="xs">
              <Text size="sm">{t('appeals.documents')}:</Text>
              {appeal.evidenceIds.map((id) => (
                <DocumentLink key={id} evidenceId={id} label={fileName(id)} />
              ))}
            </Group>
          )}
          {appeal.panel.some((m) => m.reason) && (
            <Stack gap={2}>
              <Text size="sm" fw={600}>
                {t('appeals.panelReasons')}
              </Text>
              {appeal.panel
                .filter((m) => m.reason)
                .map((m) => (
                  <Text size="sm" key={m.assessorId}>
                    {m.reason}
                  </Text>
                ))}
            </Stack>
          )}
        </Stack>
      ))}
    </Stack>
  );
  return bare ? body : <Card withBorder>{body}</Card>;
}

function LodgeForm({ app, kind }: { app: Application; kind: Kind }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const files = useQuery({ queryKey: ['evidence'], queryFn: () => must(api.GET('/api/v1/evidence')) });
  const [grounds, setGrounds] = useState('');
  const [documents, setDocuments] = useState<string[]>([]);
  const lodge = useMutation({
    mutationFn: () =>
      must(
        api.POST('/api/v1/applications/{id}/appeals', {
          params: { path: { id: app.id } },
          body: { kind, grounds: grounds.trim(), evidenceIds: documents },
        }),
      ),
    onSuccess: () => {
      setGrounds('');
      setDocuments([]);
      void queryClient.invalidateQueries({ queryKey: ['appeals', app.id] });
    },
  });
  const { user } = useAuth();
  const today = new Date().toISOString().slice(0, 10);
  return (
    <form
      data-testid={`lodge-${kind}`}
      onSubmit={(event) => {
        event.preventDefault();
        lodge.mutate();
      }}
    >
      <Stack>
        <Title order={3} size="h5">
          {t(`appeals.lodge_${kind}`)}
        </Title>
        <Text size="sm">{t(`appeals.hint_${kind}`)}</Text>
        <Textarea
          label={t(kind === 'admission' ? 'appeals.grounds_admission' : 'appeals.grounds_procedural')}
          required
          minRows={3}
          autosize
          value={grounds}
          onChange={(event) => setGrounds(event.currentTarget.value)}
        />
        {(files.data ?? []).length > 0 && (
          <Checkbox.Group label={t('appeals.attach')} value={documents} onChange={setDocuments}>
            <Stack mt="xs" gap="xs">
              {files.data?.map((f) => (
                <Checkbox key={f.id} value={f.id} label={f.fileName} />
              ))}
            </Stack>
          </Checkbox.Group>
        )}
        <EvidenceDrop
          multiple
          // The appeal's own documents: the candidate puts them forward (the server wants an issuer).
          fields={{ type: 'other', issuer: user?.fullName ?? t('appeals.documents'), issueDate: today }}
          onUploaded={(file) => {
            setDocuments((list) => [...list, file.id]);
            void queryClient.invalidateQueries({ queryKey: ['evidence'] });
          }}
          label={t('appeals.drop')}
        />
        <ErrorAlert error={lodge.error} />
        {lodge.isSuccess && (
          <Alert color="teal" role="status">
            {t('appeals.lodged')}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={lodge.isPending} disabled={grounds.trim().length === 0}>
            {t(`appeals.submit_${kind}`)}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
