import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Checkbox,
  CopyButton,
  Group,
  List,
  NativeSelect,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../api/client';
import { ApiFailure, must } from '../../api/errors';
import { saveBlob } from '../../api/download';
import type { components } from '../../api/schema';
import { CardName, useCard } from '../../components/card-name';
import { ErrorAlert } from '../../components/error-alert';
import { EvidenceDrop } from '../../components/evidence-drop';
import { usePageTitle } from '../../components/page-title';
import { useFieldNames } from '../../components/prerequisite-text';
import { QueryState } from '../../components/query-state';
import { RecordCheck } from '../../components/record-parts';
import { useFormat } from '../../i18n/format';
import { AppealsSection } from './application-appeals-section';
import { RetakeSection } from './application-retake-section';

type Application = components['schemas']['ApplicationDto'];
type Condition = components['schemas']['EligibilityConditionDto'];
type EvidenceType = 'course_certificate' | 'employer_reference' | 'work_sample' | 'other';
/** States the worker moves on by itself: the page polls while in one. */
const MOVING = new Set(['submitted', 'awaiting_documents', 'eligible', 'awaiting_decision']);
/** States the candidate may withdraw from. */
const OPEN = new Set(['draft', 'submitted', 'awaiting_documents', 'eligible', 'ineligible', 'awaiting_decision']);

export default function ApplicationPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const application = useQuery({
    queryKey: ['application', id],
    queryFn: () => must(api.GET('/api/v1/applications/{id}', { params: { path: { id } } })),
    refetchInterval: (query) => (query.state.data && MOVING.has(query.state.data.status) ? 3000 : false),
  });
  const card = useCard(application.data?.cardId);
  usePageTitle(card.data?.name ?? t('application.title'));
  if (!application.data) return <QueryState isPending={application.isPending} error={application.error} />;
  const app = application.data;
  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/cabinet" size="sm">
        ← {t('cabinet.title')}
      </Anchor>
      <Title order={1}>
        <CardName id={app.cardId} />
      </Title>
      <Group gap="xs">
        <Badge size="lg" data-testid="application-status">
          {t(`status.${app.status}`)}
        </Badge>
        <Badge size="lg" variant="outline" color="gray">
          {t(`pathway.${app.pathway}`)}
        </Badge>
      </Group>
      <Text size="sm" c="dimmed" aria-live="polite">
        {MOVING.has(app.status) ? t('application.live') : ''}
      </Text>
      <SkillsSection app={app} />
      {app.status === 'draft' && <SubmitSection app={app} />}
      {app.eligibility && <EligibilitySection app={app} />}
      <DocumentsSection app={app} />
      <ExamSection app={app} />
      <DecisionsSection app={app} />
      <CertificateSection app={app} />
      <RetakeSection app={app} />
      <AppealsSection app={app} />
      {OPEN.has(app.status) && <WithdrawSection app={app} />}
    </Stack>
  );
}

function SkillsSection({ app }: { app: Application }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const skills = useQuery({
    queryKey: ['application-skills', app.id],
    queryFn: () => must(api.GET('/api/v1/applications/{id}/skills', { params: { path: { id: app.id } } })),
  });
  const evidence = useQuery({
    queryKey: ['evidence'],
    queryFn: () => must(api.GET('/api/v1/evidence')),
    enabled: app.pathway === 'recognition',
  });
  const [type, setType] = useState<EvidenceType>('course_certificate');
  const [issuer, setIssuer] = useState('');
  const [issueDate, setIssueDate] = useState('');
  const [evidenceId, setEvidenceId] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const claim = useMutation({
    mutationFn: () =>
      must(
        api.POST('/api/v1/applications/{id}/claims', {
          params: { path: { id: app.id } },
          body: { evidenceId: evidenceId || (evidence.data?.[0]?.id ?? ''), skillIds: chosen },
        }),
      ),
    onSuccess: () => {
      setChosen([]);
      void queryClient.invalidateQueries({ queryKey: ['application-skills', app.id] });
    },
  });
  const progress = useQuery({
    queryKey: ['application-progress', app.id],
    enabled: app.status !== 'draft',
    queryFn: () => must(api.GET('/api/v1/applications/{id}/progress', { params: { path: { id: app.id } } })),
    refetchInterval: MOVING.has(app.status) ? 5000 : false,
  });
  const outcomeOf = (skillId: string) => progress.data?.skills.find((s) => s.skillId === skillId)?.outcome;
  const unclaim = useMutation({
    mutationFn: ({ evidenceId, skillId }: { evidenceId: string; skillId: string }) =>
      must(
        api.DELETE('/api/v1/applications/{id}/claims/{evidenceId}/{skillId}', {
          params: { path: { id: app.id, evidenceId, skillId } },
        }),
      ),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['application-skills', app.id] }),
  });
  const canClaim = app.pathway === 'recognition' && app.status === 'draft';
  const files = evidence.data ?? [];
  const fileName = (fileId: string) => files.find((f) => f.id === fileId)?.fileName ?? '…';

  return (
    <Card withBorder component="section" aria-labelledby="skills-heading">
      <Title order={2} size="h4" id="skills-heading" mb="xs">
        {t('application.skills')}
      </Title>
      <QueryState isPending={skills.isPending} error={skills.error} />
      {/* Two columns at most, the route and the result under the skill's title: the table fits a
          phone without scrolling sideways. */}
      <Table verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            {canClaim && <Table.Th>{t('application.claim')}</Table.Th>}
            <Table.Th>{t('apply.skill')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {skills.data?.map((skill) => {
            const recognisable = skill.recognition === 'recommended';
            return (
              <Table.Tr key={skill.skillId}>
                {canClaim && (
                  <Table.Td>
                    <Checkbox
                      aria-label={skill.title}
                      disabled={!recognisable}
                      checked={chosen.includes(skill.skillId)}
                      onChange={(event) => {
                        // Read now: React clears currentTarget once the handler returns, before a
                        // state updater may run.
                        const checked = event.currentTarget.checked;
                        setChosen((list) =>
                          checked ? [...list, skill.skillId] : list.filter((x) => x !== skill.skillId),
                        );
                      }}
                    />
                  </Table.Td>
                )}
                <Table.Td>
                  <Text size="sm">{skill.title}</Text>
                  <Group gap="xs" mt={4}>
                    <Badge
                      variant="outline"
                      color={skill.route === 'exam' ? 'gray' : 'teal'}
                      style={{ overflow: 'visible' }}
                    >
                      {skill.route === 'exam' ? t('apply.route_exam') : t('apply.route_evidence')}
                    </Badge>
                    {progress.data && (
                      <Text size="xs" fw={600}>
                        {t('progress.outcome')}: {t(`progress.outcome_${outcomeOf(skill.skillId) ?? 'pending'}`)}
                      </Text>
                    )}
                  </Group>
                  {!recognisable && app.pathway === 'recognition' && (
                    <Text size="xs" c="dimmed">
                      {t('application.notRecognisable')}
                    </Text>
                  )}
                  {skill.evidenceIds.length > 0 && (
                    <Text size="xs" c="teal.9">
                      {t('application.claimed', { files: skill.evidenceIds.map(fileName).join(', ') })}
                    </Text>
                  )}
                  {canClaim &&
                    skill.evidenceIds.map((evidenceId) => (
                      <Button
                        key={evidenceId}
                        size="compact-xs"
                        variant="subtle"
                        color="red.9"
                        c="red.9"
                        onClick={() => unclaim.mutate({ evidenceId, skillId: skill.skillId })}
                      >
                        {t('application.unclaim', { file: fileName(evidenceId) })}
                      </Button>
                    ))}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      <ErrorAlert error={unclaim.error} />
      {canClaim && (
        <Stack mt="md">
          <Title order={3} size="h5">
            {t('application.evidence')}
          </Title>
          <Text size="sm">{t('application.evidenceHint')}</Text>
          <Group grow align="start" wrap="wrap">
            <NativeSelect
              label={t('application.evidenceType')}
              value={type}
              onChange={(event) => setType(event.currentTarget.value as EvidenceType)}
              data={(['course_certificate', 'employer_reference', 'work_sample', 'other'] as const).map((value) => ({
                value,
                label: t(`evidenceType.${value}`),
              }))}
            />
            <TextInput
              label={t('application.issuer')}
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
            />
          </Group>
          {issuer.trim() && issueDate ? (
            <EvidenceDrop
              fields={{ type, issuer: issuer.trim(), issueDate }}
              onUploaded={(file) => {
                setEvidenceId(file.id);
                void queryClient.invalidateQueries({ queryKey: ['evidence'] });
              }}
              label={t('application.dropEvidence')}
            />
          ) : (
            <Text size="sm" c="dimmed">
              {t('application.fillFirst')}
            </Text>
          )}
          {files.length > 0 && (
            <form
              onSubmit={(event) => {
                event.preventDefault();
                claim.mutate();
              }}
            >
              <Stack>
                <NativeSelect
                  label={t('application.file')}
                  value={evidenceId || files[0]?.id}
                  onChange={(event) => setEvidenceId(event.currentTarget.value)}
                  data={files.map((f) => ({ value: f.id, label: f.fileName }))}
                />
                <ErrorAlert error={claim.error} />
                <Group>
                  <Button type="submit" disabled={chosen.length === 0} loading={claim.isPending}>
                    {t('application.claimAction', { count: chosen.length })}
                  </Button>
                </Group>
              </Stack>
            </form>
          )}
        </Stack>
      )}
    </Card>
  );
}

function SubmitSection({ app }: { app: Application }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const submit = useMutation({
    mutationFn: () => must(api.POST('/api/v1/applications/{id}/submit', { params: { path: { id: app.id } } })),
    onSuccess: (data) => queryClient.setQueryData(['application', app.id], data),
  });
  return (
    <Card withBorder>
      <Stack>
        <Text>{t('application.submitHint')}</Text>
        <ErrorAlert error={submit.error} />
        <Group>
          <Button onClick={() => submit.mutate()} loading={submit.isPending}>
            {t('application.submit')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function EligibilitySection({ app }: { app: Application }) {
  const { t } = useTranslation();
  const eligibility = app.eligibility as NonNullable<Application['eligibility']>;
  const sentence = useConditionSentence();
  return (
    <Card withBorder component="section" aria-labelledby="eligibility-heading" data-testid="eligibility">
      <Title order={2} size="h4" id="eligibility-heading" mb="xs">
        {t('eligibility.title')}
      </Title>
      <Alert
        color={eligibility.outcome === 'ineligible' ? 'red' : eligibility.outcome === 'eligible' ? 'teal' : 'gray'}
        mb="sm"
      >
        {t(`eligibility.outcome_${eligibility.outcome}`)}
      </Alert>
      <Stack>
        {eligibility.routes.map((route) => (
          <div key={route.index}>
            <Group gap="xs">
              <Text fw={600}>{t(`prerequisites.kind_${route.kind}`)}</Text>
              <Badge variant="outline" color={route.confirmed ? 'teal' : route.holds ? 'gray' : 'red'}>
                {route.confirmed
                  ? t('eligibility.route_confirmed')
                  : route.holds
                    ? t('eligibility.route_holds')
                    : t('eligibility.route_fails')}
              </Badge>
            </Group>
            <List size="sm" mt={4}>
              {route.conditions.map((condition, index) => (
                <List.Item key={index}>
                  {condition.holds ? '✓ ' : '✗ '}
                  {sentence(condition)}
                </List.Item>
              ))}
            </List>
            {route.conditions.some((c) => c.code === 'learning_missing') && (
              // The informal route asks for a learning record: where to add one.
              <Anchor component={Link} to="/cabinet/learning" size="sm">
                {t('learning.open')}
              </Anchor>
            )}
          </div>
        ))}
      </Stack>
    </Card>
  );
}

/** A condition in words from its code and parameters ("needs 12 months in the call centre, has 7"). */
function useConditionSentence(): (condition: Condition) => string {
  const { t } = useTranslation();
  const fieldName = useFieldNames();
  return (condition) => {
    const p = condition.params;
    const level = (value: string | null | undefined) => (value ? t(`education.${value}`) : t('eligibility.none'));
    return t(`eligibility.${condition.code}`, {
      required: level(p.requiredLevel),
      declared: level(p.declaredLevel),
      count: p.monthsRequired ?? 0,
      months: p.months ?? 0,
      field: p.field ? fieldName(p.field) : t('eligibility.anyField'),
    });
  };
}

function ExamSection({ app }: { app: Application }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const enrolments = useQuery({
    queryKey: ['my-enrolments'],
    queryFn: () => must(api.GET('/api/v1/me/enrolments')),
    enabled: ['eligible', 'awaiting_decision', 'decided'].includes(app.status),
    refetchInterval: app.status === 'eligible' ? 5000 : false,
  });
  const mine = (enrolments.data ?? []).filter((e) => e.applicationId === app.id && e.status === 'enrolled');
  const start = useMutation({
    mutationFn: (enrolmentId: string) =>
      must(api.POST('/api/v1/enrolments/{id}/theory-test', { params: { path: { id: enrolmentId } } })),
    onSuccess: (test) => void navigate(`/cabinet/tests/${test.id}`),
  });
  const queryClient = useQueryClient();
  const withdraw = useMutation({
    mutationFn: (enrolmentId: string) =>
      must(api.POST('/api/v1/enrolments/{id}/withdraw', { params: { path: { id: enrolmentId } } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['my-enrolments'] }),
  });
  if (mine.length === 0) return null;
  return (
    <Card withBorder component="section" aria-labelledby="exam-heading">
      <Title order={2} size="h4" id="exam-heading" mb="xs">
        {t('exam.title')}
      </Title>
      {mine.map((enrolment) => (
        <Stack key={enrolment.id}>
          <Text>{t('exam.enrolled', { count: enrolment.examinedSkillIds.length })}</Text>
          <ErrorAlert error={start.error ?? withdraw.error} />
          <Group>
            <Button onClick={() => start.mutate(enrolment.id)} loading={start.isPending}>
              {enrolment.theoryTestId ? t('exam.open') : t('exam.start')}
            </Button>
            {!enrolment.theoryTestId && (
              <Button
                variant="outline"
                color="red.9"
                c="red.9"
                onClick={() => withdraw.mutate(enrolment.id)}
                loading={withdraw.isPending}
              >
                {t('exam.withdraw')}
              </Button>
            )}
          </Group>
          {!enrolment.theoryTestId && (
            <Text size="sm" c="dimmed">
              {t('exam.withdrawHint')}
            </Text>
          )}
          <Results enrolmentId={enrolment.id} applicationId={app.id} sessionId={enrolment.sessionId} />
        </Stack>
      ))}
    </Card>
  );
}

function Results({
  enrolmentId,
  applicationId,
  sessionId,
}: {
  enrolmentId: string;
  applicationId: string;
  sessionId: string;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  // The skills' titles as the card gives them (the results name skills by id).
  const skills = useQuery({
    queryKey: ['application-skills', applicationId],
    queryFn: () => must(api.GET('/api/v1/applications/{id}/skills', { params: { path: { id: applicationId } } })),
  });
  const titleOf = (skillId: string) => skills.data?.find((s) => s.skillId === skillId)?.title ?? '…';
  const protocol = useMutation({
    mutationFn: async () => {
      const blob = await must(
        api.GET('/api/v1/sessions/{id}/protocol', { params: { path: { id: sessionId } }, parseAs: 'blob' }),
      );
      saveBlob(blob, `protocol-${sessionId.slice(0, 8)}.pdf`);
    },
  });
  const results = useQuery({
    queryKey: ['results', enrolmentId],
    queryFn: () => must(api.GET('/api/v1/enrolments/{id}/results', { params: { path: { id: enrolmentId } } })),
    refetchInterval: 5000,
  });
  if (!results.data || results.data.overallShare === null) return null;
  return (
    <Stack gap={4} data-testid="results">
      <Text fw={600}>
        {t('exam.theoryScore', { share: format.number(results.data.overallShare, { style: 'percent' }) })}
      </Text>
      <List size="sm">
        {results.data.skills.map((skill) => (
          <List.Item key={skill.skillId}>
            {titleOf(skill.skillId)}: {t(`exam.skill_${skill.status}`)}
            {skill.theoryShare !== null &&
              ` (${t('exam.skillTheory', { share: format.number(skill.theoryShare, { style: 'percent' }) })})`}
          </List.Item>
        ))}
      </List>
      <Group>
        <Button variant="outline" onClick={() => protocol.mutate()} loading={protocol.isPending}>
          {t('exam.protocol')}
        </Button>
      </Group>
      <ErrorAlert error={protocol.error} />
    </Stack>
  );
}

function DecisionsSection({ app }: { app: Application }) {
  const { t } = useTranslation();
  const format = useFormat();
  const decisions = useQuery({
    queryKey: ['decisions', app.id],
    queryFn: () => must(api.GET('/api/v1/applications/{id}/decisions', { params: { path: { id: app.id } } })),
    enabled: ['awaiting_decision', 'decided'].includes(app.status),
    refetchInterval: app.status === 'awaiting_decision' ? 4000 : false,
  });
  const signed = (decisions.data ?? []).filter((d) => d.status === 'approved');
  if (signed.length === 0) return null;
  return (
    <Card withBorder component="section" aria-labelledby="decisions-heading">
      <Title order={2} size="h4" id="decisions-heading" mb="xs">
        {t('decision.title')}
      </Title>
      {signed.map((decision) => (
        <Stack key={decision.id} data-testid="decision">
          <Text fw={600}>{t(`decision.outcome_${decision.outcome}`)}</Text>
          <Text size="sm">{t('decision.signedAt', { date: format.dateTime(decision.signedAt) })}</Text>
          {decision.outcome !== 'awarded' && <ConclusionButton decisionId={decision.id} />}
          {decision.outcome === 'partial' && <CreditCredentials applicationId={app.id} />}
          {decision.outcome !== 'awarded' && <AppealForm decision={decision} app={app} />}
        </Stack>
      ))}
    </Card>
  );
}

function ConclusionButton({ decisionId }: { decisionId: string }) {
  const { t } = useTranslation();
  const download = useMutation({
    mutationFn: async () => {
      const blob = await must(
        api.GET('/api/v1/decisions/{id}/conclusion', { params: { path: { id: decisionId } }, parseAs: 'blob' }),
      );
      saveBlob(blob, `conclusion-${decisionId.slice(0, 8)}.pdf`);
    },
  });
  return (
    <Group>
      <Button variant="outline" onClick={() => download.mutate()} loading={download.isPending}>
        {t('decision.conclusion')}
      </Button>
      <ErrorAlert error={download.error} />
    </Group>
  );
}

function AppealForm({ decision, app }: { decision: components['schemas']['DecisionDto']; app: Application }) {
  const { t } = useTranslation();
  const format = useFormat();
  const skills = useQuery({
    queryKey: ['application-skills', app.id],
    queryFn: () => must(api.GET('/api/v1/applications/{id}/skills', { params: { path: { id: app.id } } })),
  });
  const [grounds, setGrounds] = useState('');
  const [contested, setContested] = useState<string[]>([]);
  const lodge = useMutation({
    mutationFn: () =>
      must(
        api.POST('/api/v1/decisions/{id}/appeals', {
          params: { path: { id: decision.id } },
          body: { grounds: grounds.trim(), contestedSkillIds: contested },
        }),
      ),
  });
  const appeals = useQuery({
    queryKey: ['appeals', app.id],
    queryFn: () => must(api.GET('/api/v1/applications/{id}/appeals', { params: { path: { id: app.id } } })),
  });
  const notCredited = (skills.data ?? []).filter((s) => !decision.creditedSkillIds.includes(s.skillId));
  const today = new Date().toISOString().slice(0, 10);
  if (appeals.data?.some((a) => a.decisionId === decision.id)) return null;
  if (decision.terms && decision.terms.appealDeadline < today) {
    return (
      <Text size="sm" c="dimmed">
        {t('decision.appealClosed', { date: format.date(decision.terms.appealDeadline) })}
      </Text>
    );
  }
  if (lodge.isSuccess) {
    return (
      <Alert color="teal" role="status">
        {t('decision.appealLodged')}
      </Alert>
    );
  }
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        lodge.mutate();
      }}
    >
      <Stack>
        <Title order={3} size="h5">
          {t('decision.appeal')}
        </Title>
        {decision.terms && (
          <Text size="sm">{t('decision.appealUntil', { date: format.date(decision.terms.appealDeadline) })}</Text>
        )}
        <Checkbox.Group label={t('decision.contested')} value={contested} onChange={setContested}>
          <Stack mt="xs" gap="xs">
            {notCredited.map((s) => (
              <Checkbox key={s.skillId} value={s.skillId} label={s.title} />
            ))}
          </Stack>
        </Checkbox.Group>
        <Textarea
          label={t('decision.grounds')}
          required
          minRows={3}
          value={grounds}
          onChange={(event) => setGrounds(event.currentTarget.value)}
        />
        <ErrorAlert error={lodge.error} />
        <Group>
          <Button type="submit" loading={lodge.isPending} disabled={contested.length === 0}>
            {t('decision.lodge')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The signed credentials for partial credit: one per labour function with credited skills. */
function CreditCredentials({ applicationId }: { applicationId: string }) {
  const { t } = useTranslation();
  const credentials = useQuery({
    queryKey: ['credit-credentials', applicationId],
    // Issued by the worker after the signing: asked again until they are there.
    refetchInterval: (query) => (query.state.data?.length ? false : 4000),
    queryFn: async () =>
      (await must(
        api.GET('/api/v1/applications/{id}/credit-credentials', {
          params: { path: { id: applicationId } },
          parseAs: 'json',
        }),
      )) as unknown as CreditCredential[],
  });
  if (!credentials.data?.length) return null;
  return (
    <Stack gap="xs" data-testid="credit-credentials">
      <Text fw={600}>{t('decision.creditCredentials')}</Text>
      <Text size="sm">{t('decision.creditCredentialsHint')}</Text>
      {credentials.data.map((credential, index) => {
        const name = credential.credentialSubject?.achievement?.name ?? `${index + 1}`;
        return (
          <Group key={credential.id ?? index} justify="space-between" wrap="wrap">
            <Text size="sm" style={{ flex: 1, minWidth: 200 }}>
              {name}
            </Text>
            <Button
              size="xs"
              variant="outline"
              aria-label={t('decision.downloadCreditNamed', { name })}
              onClick={() =>
                saveBlob(
                  new Blob([JSON.stringify(credential, null, 2)], { type: 'application/json' }),
                  `credit-${index + 1}.credential.json`,
                )
              }
            >
              {t('decision.downloadCredit')}
            </Button>
          </Group>
        );
      })}
    </Stack>
  );
}
interface CreditCredential {
  id?: string;
  credentialSubject?: { achievement?: { name?: string } };
}

function WithdrawSection({ app }: { app: Application }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const withdraw = useMutation({
    mutationFn: () => must(api.POST('/api/v1/applications/{id}/withdraw', { params: { path: { id: app.id } } })),
    onSuccess: (data) => {
      queryClient.setQueryData(['application', app.id], data);
      void queryClient.invalidateQueries({ queryKey: ['my-enrolments'] });
    },
  });
  return (
    <Card withBorder component="section" aria-labelledby="withdraw-heading">
      <Title order={2} size="h4" id="withdraw-heading" mb="xs">
        {t('withdraw.title')}
      </Title>
      <Stack>
        <Text size="sm">{t('withdraw.hint')}</Text>
        <ErrorAlert error={withdraw.error} />
        <Group>
          {confirming ? (
            <>
              <Button color="red.9" onClick={() => withdraw.mutate()} loading={withdraw.isPending}>
                {t('withdraw.confirm')}
              </Button>
              <Button variant="outline" onClick={() => setConfirming(false)}>
                {t('common.cancel')}
              </Button>
            </>
          ) : (
            <Button variant="outline" color="red.9" c="red.9" onClick={() => setConfirming(true)}>
              {t('withdraw.action')}
            </Button>
          )}
        </Group>
      </Stack>
    </Card>
  );
}

/** Each record the application rests on, with the centre's verdict on its document. */
function DocumentsSection({ app }: { app: Application }) {
  const { t } = useTranslation();
  const documents = useQuery({
    queryKey: ['documents', app.id],
    enabled: ['awaiting_documents', 'ineligible', 'eligible'].includes(app.status),
    queryFn: () => must(api.GET('/api/v1/applications/{id}/documents', { params: { path: { id: app.id } } })),
    refetchInterval: app.status === 'awaiting_documents' ? 5000 : false,
  });
  const needed = (documents.data?.records ?? []).filter((r) => r.routes.length > 0);
  if (needed.length === 0) return null;
  return (
    <Card withBorder component="section" aria-labelledby="documents-heading" data-testid="documents">
      <Title order={2} size="h4" id="documents-heading" mb="xs">
        {t('documents.title')}
      </Title>
      <Text size="sm" mb="xs">
        {t('documents.hint')}
      </Text>
      <Stack gap="xs">
        {needed.map((record) => (
          <Group key={record.id} justify="space-between" wrap="wrap">
            <Text size="sm" style={{ flex: 1, minWidth: 200 }}>
              {t(`documents.kind_${record.kind}`)}: {record.label}
            </Text>
            {record.documentId ? (
              <RecordCheck check={record.check} />
            ) : (
              <Text size="sm" c="red.9">
                {t('documents.missing')}
              </Text>
            )}
          </Group>
        ))}
      </Stack>
    </Card>
  );
}

function CertificateSection({ app }: { app: Application }) {
  const { t } = useTranslation();
  const certificate = useQuery({
    queryKey: ['certificate', app.id],
    enabled: app.status === 'decided',
    retry: false,
    refetchInterval: (query) => (query.state.data ? false : 4000),
    queryFn: async () => {
      try {
        return await must(api.GET('/api/v1/applications/{id}/certificate', { params: { path: { id: app.id } } }));
      } catch (error) {
        if (error instanceof ApiFailure && error.status === 404) return null;
        throw error;
      }
    },
  });
  const pdf = useMutation({
    mutationFn: async (id: string) => {
      const blob = await must(api.GET('/api/v1/certificates/{id}/pdf', { params: { path: { id } }, parseAs: 'blob' }));
      saveBlob(blob, `${certificate.data?.number ?? 'certificate'}.pdf`);
    },
  });
  const credential = useMutation({
    mutationFn: async (id: string) => {
      const json = await must(api.GET('/api/v1/certificates/{id}/credential', { params: { path: { id } } }));
      saveBlob(
        new Blob([JSON.stringify(json, null, 2)], { type: 'application/json' }),
        `${certificate.data?.number ?? 'certificate'}.credential.json`,
      );
    },
  });
  const c = certificate.data;
  if (!c) return null;
  return (
    <Card withBorder component="section" aria-labelledby="certificate-heading" data-testid="certificate">
      <Title order={2} size="h4" id="certificate-heading" mb="xs">
        {t('certificate.title', { number: c.number })}
      </Title>
      <Stack>
        <Text>{t('certificate.code', { code: c.verificationCode })}</Text>
        <Group>
          <Button onClick={() => pdf.mutate(c.id)} loading={pdf.isPending}>
            {t('certificate.pdf')}
          </Button>
          <Button variant="outline" onClick={() => credential.mutate(c.id)} loading={credential.isPending}>
            {t('certificate.credential')}
          </Button>
        </Group>
        <ErrorAlert error={pdf.error ?? credential.error} />
        {c.verificationUrl && (
          <Group gap="xs" wrap="nowrap">
            <TextInput
              label={t('certificate.share')}
              value={c.verificationUrl}
              readOnly
              style={{ flex: 1, minWidth: 0 }}
            />
            <CopyButton value={c.verificationUrl}>
              {({ copied, copy }) => (
                <Button variant="outline" onClick={copy} mt={24}>
                  {copied ? t('certificate.copied') : t('certificate.copy')}
                </Button>
              )}
            </CopyButton>
          </Group>
        )}
        {c.verificationUrl && (
          <Anchor href={c.verificationUrl} target="_blank" rel="noopener">
            {t('certificate.open')}
          </Anchor>
        )}
      </Stack>
    </Card>
  );
}
