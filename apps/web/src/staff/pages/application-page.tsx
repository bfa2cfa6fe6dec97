import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  List,
  NativeSelect,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
  Checkbox,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams } from 'react-router';
import { api } from '../../api/client';
import { ApiFailure, must } from '../../api/errors';
import { saveBlob } from '../../api/download';
import { useAuth } from '../../auth/auth-context';
import { useCard } from '../../components/card-name';
import { ErrorAlert } from '../../components/error-alert';
import { usePageTitle } from '../../components/page-title';
import { QueryState } from '../../components/query-state';
import { useFormat } from '../../i18n/format';
import { EvidenceViewer } from '../evidence-viewer';
import {
  CandidateName,
  RefusalText,
  Section,
  StatusBadge,
  useCentreStaff,
  type Schemas,
  skillLabel,
  ScrollTable,
} from '../staff-components';
import { useStaffT } from '../staff-i18n';
import { TITLE } from '../alert-title';

type Application = Schemas['ApplicationDto'];

/**
 * An application's whole story for the centre: the candidate's identity confirmed against their
 * document, eligibility (and an override with a justification), the document check, the skills'
 * routes and evidence reviews, exam progress, the decisions to sign or return, the conclusion and
 * the sessions' protocols as PDF, the certificate to revoke, the appeals and their panels. The page
 * polls while the worker moves the application on.
 */
export default function ApplicationPage() {
  const { t } = useStaffT();
  const format = useFormat();
  const { id = '' } = useParams();
  const application = useQuery({
    queryKey: ['application', id],
    refetchInterval: 5_000,
    queryFn: () => must(api.GET('/api/v1/applications/{id}', { params: { path: { id } } })),
  });
  const card = useCard(application.data?.cardId);
  usePageTitle(t('application.title'));
  if (!application.data) return <QueryState isPending={application.isPending} error={application.error} />;
  const a = application.data;
  return (
    <Stack gap="lg">
      <Title order={1}>
        <CandidateName id={a.candidateId} />
      </Title>
      <Stack gap={2}>
        <Text fw={600}>{card.data?.name ?? '…'}</Text>
        <Group gap="xs">
          <StatusBadge group="status" value={a.status} />
          <Badge variant="outline">{t(`pathway.${a.pathway}`)}</Badge>
          <Text size="sm" c="dimmed">
            {t('application.submittedAt', { date: format.dateTime(a.submittedAt) })}
          </Text>
        </Group>
      </Stack>
      <Identity candidateId={a.candidateId} />
      <Eligibility application={a} />
      <Documents application={a} />
      <Skills application={a} />
      <Decisions application={a} />
      <ResultDocuments application={a} />
      <Certificate applicationId={a.id} />
      <Appeals application={a} />
    </Stack>
  );
}

function Eligibility({ application }: { application: Application }) {
  const { t } = useStaffT();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [justification, setJustification] = useState('');
  const override = useMutation({
    mutationFn: () =>
      must(
        api.POST('/api/v1/applications/{id}/eligibility-override', {
          params: { path: { id: application.id } },
          body: { justification },
        }),
      ),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['application', application.id] }),
  });
  const e = application.eligibility;
  return (
    <Section id="eligibility" title={t('application.eligibility')}>
      {!e && <Text c="dimmed">{t('application.notChecked')}</Text>}
      {e && (
        <>
          <Text data-testid="eligibility-outcome">
            <StatusBadge group="eligibilityOutcome" value={e.outcome} />
          </Text>
          <List size="sm">
            {e.routes.map((route) => (
              <List.Item key={route.index}>
                {route.holds ? '✓ ' : '✗ '}
                {t(`application.routeKind.${route.kind}`)}: {route.sourceText}
              </List.Item>
            ))}
          </List>
        </>
      )}
      {application.eligibilityOverride && (
        <Alert
          color="blue"
          styles={TITLE}
          title={t('application.overridden', { date: format.dateTime(application.eligibilityOverride.at) })}
        >
          {application.eligibilityOverride.justification}
        </Alert>
      )}
      {application.status === 'ineligible' && !application.eligibilityOverride && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            override.mutate();
          }}
        >
          <Stack gap="xs">
            <Textarea
              label={t('application.justification')}
              description={t('application.justificationHint')}
              value={justification}
              onChange={(e) => setJustification(e.currentTarget.value)}
              minRows={2}
              autosize
            />
            <ErrorAlert error={override.error} />
            <Group>
              <Button
                type="submit"
                variant="outline"
                disabled={justification.trim().length < 20}
                loading={override.isPending}
              >
                {t('application.override')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Section>
  );
}

function Documents({ application }: { application: Application }) {
  const { t } = useStaffT();
  const check = useQuery({
    queryKey: ['documents', application.id],
    queryFn: () => must(api.GET('/api/v1/applications/{id}/documents', { params: { path: { id: application.id } } })),
  });
  return (
    <Section id="documents" title={t('application.documents')}>
      <QueryState isPending={check.isPending} error={check.error} />
      {check.data?.records.length === 0 && <Text c="dimmed">{t('application.noRecords')}</Text>}
      {check.data?.records.map((record) => (
        <DocumentRecord
          key={record.id}
          applicationId={application.id}
          record={record}
          open={check.data.status === 'awaiting_documents'}
          needed={check.data.pendingRecordIds.includes(record.id)}
        />
      ))}
    </Section>
  );
}

function DocumentRecord(props: {
  applicationId: string;
  record: Schemas['DocumentCheckRecordDto'];
  open: boolean;
  needed: boolean;
}) {
  const { t } = useStaffT();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const r = props.record;
  const verdict = useMutation({
    mutationFn: (value: 'confirmed' | 'rejected') =>
      must(
        api.PUT('/api/v1/applications/{id}/documents/{recordId}', {
          params: { path: { id: props.applicationId, recordId: r.id } },
          body: { verdict: value, ...(reason ? { reason } : {}) },
        }),
      ),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['documents', props.applicationId] });
      void queryClient.invalidateQueries({ queryKey: ['application', props.applicationId] });
    },
  });
  return (
    <Stack gap={4} data-testid="document-record" pt="xs" style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
      <Group gap="xs">
        <Text fw={600}>{r.label}</Text>
        <Badge variant="outline">{t(`recordKind.${r.kind}`)}</Badge>
        <StatusBadge group="checkStatus" value={r.check.status} />
        {props.needed && <Badge color="yellow">{t('application.neededFirst')}</Badge>}
      </Group>
      {r.check.reason && <Text size="sm">{r.check.reason}</Text>}
      {r.documentId ? <EvidenceViewer id={r.documentId} /> : <Text size="sm">{t('application.noDocument')}</Text>}
      {props.open && r.check.status === 'pending' && (
        <Stack gap={4}>
          <Textarea
            label={t('application.checkReason', { label: r.label })}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            autosize
            minRows={1}
          />
          <ErrorAlert error={verdict.error} />
          <Group gap="xs">
            <Button
              size="xs"
              onClick={() => verdict.mutate('confirmed')}
              disabled={!r.documentId}
              loading={verdict.isPending}
            >
              {t('application.confirm')}
            </Button>
            <Button
              size="xs"
              color="red"
              variant="outline"
              onClick={() => verdict.mutate('rejected')}
              disabled={!reason.trim()}
            >
              {t('application.reject')}
            </Button>
          </Group>
        </Stack>
      )}
    </Stack>
  );
}

function Skills({ application }: { application: Application }) {
  const { t } = useStaffT();
  const queryClient = useQueryClient();
  const plan = useQuery({
    queryKey: ['skill-plan', application.id],
    queryFn: () => must(api.GET('/api/v1/applications/{id}/skills', { params: { path: { id: application.id } } })),
  });
  const progress = useQuery({
    queryKey: ['progress', application.id],
    refetchInterval: 10_000,
    queryFn: () => must(api.GET('/api/v1/applications/{id}/progress', { params: { path: { id: application.id } } })),
  });
  const reviews = useQuery({
    queryKey: ['reviews', application.id],
    refetchInterval: 10_000,
    queryFn: () =>
      must(api.GET('/api/v1/applications/{id}/evidence-reviews', { params: { path: { id: application.id } } })),
  });
  const staff = useCentreStaff(application.centreId);
  const assessors = (staff.data ?? []).filter((u) => u.role === 'assessor' && u.status === 'active');
  const names = new Map((staff.data ?? []).map((u) => [u.id, u.fullName]));
  const [assessorId, setAssessorId] = useState('');
  const assign = useMutation({
    mutationFn: () =>
      must(
        api.POST('/api/v1/applications/{id}/evidence-reviews', {
          params: { path: { id: application.id } },
          body: { assessorId },
        }),
      ),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['reviews', application.id] }),
  });
  const outcome = new Map((progress.data?.skills ?? []).map((s) => [s.skillId, s.outcome]));
  const evidenceSkills = (plan.data ?? []).filter((s) => s.route === 'evidence_review');
  const needsReviewer =
    application.status === 'eligible' && evidenceSkills.length > 0 && (reviews.data ?? []).length === 0;
  return (
    <Section id="skills" title={t('application.skills')}>
      <QueryState isPending={plan.isPending} error={plan.error} />
      {plan.data && (
        <ScrollTable minWidth={560}>
          <Table fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('session.skill')}</Table.Th>
                <Table.Th>{t('application.route')}</Table.Th>
                <Table.Th>{t('application.review')}</Table.Th>
                <Table.Th>{t('session.outcome')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {plan.data.map((s) => {
                const review = reviews.data?.find((r) => r.skillId === s.skillId);
                return (
                  <Table.Tr key={s.skillId}>
                    <Table.Td>
                      {skillLabel(s.functionKind, s.functionNumber, s.skillNumber)} {s.title}
                    </Table.Td>
                    <Table.Td>{t(`skillRoute.${s.route}`)}</Table.Td>
                    <Table.Td>
                      {review ? (
                        <>
                          <StatusBadge group="reviewStatus" value={review.status} />{' '}
                          {names.get(review.assessorId) ?? ''}
                        </>
                      ) : (
                        '—'
                      )}
                    </Table.Td>
                    <Table.Td>{outcome.get(s.skillId) ? t(`skillProgress.${outcome.get(s.skillId)}`) : '—'}</Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
      {needsReviewer && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            assign.mutate();
          }}
        >
          <Stack gap="xs">
            <NativeSelect
              label={t('application.reviewer')}
              value={assessorId}
              onChange={(e) => setAssessorId(e.currentTarget.value)}
            >
              <option value="">{t('common.choose')}</option>
              {assessors.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.fullName}
                </option>
              ))}
            </NativeSelect>
            {assign.error ? <RefusalText error={assign.error} names={names} /> : null}
            <Group>
              <Button type="submit" disabled={!assessorId} loading={assign.isPending}>
                {t('application.assignReviewer')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Section>
  );
}

interface Reasoning {
  functionId: string;
  kind: string;
  number: number;
  title: string;
  complete: boolean;
  skills: {
    skillId: string;
    number: number;
    title: string;
    credited: boolean;
    basis: string | null;
    pending: boolean;
  }[];
}

function Decisions({ application }: { application: Application }) {
  const { t } = useStaffT();
  const format = useFormat();
  const { user } = useAuth();
  const queryClient = useQueryClient();
  const decisions = useQuery({
    queryKey: ['decisions', application.id],
    refetchInterval: 5_000,
    queryFn: () => must(api.GET('/api/v1/applications/{id}/decisions', { params: { path: { id: application.id } } })),
  });
  const [reason, setReason] = useState('');
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['decisions', application.id] });
    void queryClient.invalidateQueries({ queryKey: ['application', application.id] });
    void queryClient.invalidateQueries({ queryKey: ['certificate', application.id] });
  };
  const approve = useMutation({
    mutationFn: (id: string) => must(api.POST('/api/v1/decisions/{id}/approve', { params: { path: { id } } })),
    onSuccess: refresh,
  });
  const giveBack = useMutation({
    mutationFn: (id: string) =>
      must(api.POST('/api/v1/decisions/{id}/return', { params: { path: { id } }, body: { reason } })),
    onSuccess: () => {
      setReason('');
      refresh();
    },
  });
  const again = useMutation({
    mutationFn: () =>
      must(api.POST('/api/v1/applications/{id}/decisions', { params: { path: { id: application.id } } })),
    onSuccess: refresh,
  });
  const manager = user?.role === 'centre_manager';
  const latest = decisions.data?.[0];
  return (
    <Section id="decisions" title={t('application.decisions')}>
      <QueryState isPending={decisions.isPending} error={decisions.error} />
      {decisions.data?.length === 0 && <Text c="dimmed">{t('application.noDecision')}</Text>}
      {decisions.data?.map((d) => (
        <Stack key={d.id} gap="xs" data-testid="decision">
          <Group gap="xs">
            <Text fw={600}>{t('application.decisionN', { n: d.sequence })}</Text>
            <StatusBadge group="decisionStatus" value={d.status} />
            <Badge color={d.outcome === 'awarded' ? 'teal' : d.outcome === 'partial' ? 'yellow' : 'red'}>
              {t(`decisionOutcome.${d.outcome}`)}
            </Badge>
            <Text size="sm" c="dimmed">
              {format.dateTime(d.computedAt)}
            </Text>
          </Group>
          {d.returnReason && <Text size="sm">{t('application.returnedBecause', { reason: d.returnReason })}</Text>}
          <ScrollTable minWidth={480}>
            <Table fz="sm">
              <Table.Tbody>
                {((d.result as { reasoning?: Reasoning[] }).reasoning ?? []).flatMap((fn) =>
                  fn.skills.map((s) => (
                    <Table.Tr key={s.skillId}>
                      <Table.Td>
                        {skillLabel(fn.kind, fn.number, s.number)} {s.title}
                      </Table.Td>
                      <Table.Td>
                        {s.credited
                          ? t('application.credited', { basis: t(`basis.${s.basis ?? 'exam'}`) })
                          : s.pending
                            ? t('application.pending')
                            : t('application.notCredited')}
                      </Table.Td>
                    </Table.Tr>
                  )),
                )}
              </Table.Tbody>
            </Table>
          </ScrollTable>
          {manager && d.status === 'pending_signoff' && (
            <Stack gap="xs">
              <ErrorAlert error={approve.error ?? giveBack.error} />
              <Group>
                <Button onClick={() => approve.mutate(d.id)} loading={approve.isPending}>
                  {t('application.approve')}
                </Button>
              </Group>
              <Textarea
                label={t('application.returnReason')}
                value={reason}
                onChange={(e) => setReason(e.currentTarget.value)}
                autosize
                minRows={1}
              />
              <Group>
                <Button
                  variant="outline"
                  color="red"
                  disabled={reason.trim().length < 3}
                  onClick={() => giveBack.mutate(d.id)}
                  loading={giveBack.isPending}
                >
                  {t('application.return')}
                </Button>
              </Group>
            </Stack>
          )}
        </Stack>
      ))}
      {manager && latest?.status === 'returned' && (
        <Group>
          <ErrorAlert error={again.error} />
          <Button variant="outline" onClick={() => again.mutate()} loading={again.isPending}>
            {t('application.recompute')}
          </Button>
        </Group>
      )}
    </Section>
  );
}

function Certificate({ applicationId }: { applicationId: string }) {
  const { t } = useStaffT();
  const format = useFormat();
  const queryClient = useQueryClient();
  const certificate = useQuery({
    queryKey: ['certificate', applicationId],
    refetchInterval: (query) => (query.state.data ? false : 10_000),
    retry: false,
    queryFn: async () => {
      try {
        return await must(
          api.GET('/api/v1/applications/{id}/certificate', { params: { path: { id: applicationId } } }),
        );
      } catch (error) {
        if (error instanceof ApiFailure && error.status === 404) return null;
        throw error;
      }
    },
  });
  const [reason, setReason] = useState('');
  const revoke = useMutation({
    mutationFn: (id: string) =>
      must(api.POST('/api/v1/certificates/{id}/revoke', { params: { path: { id } }, body: { reason } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['certificate', applicationId] }),
  });
  const c = certificate.data;
  if (!c) return null;
  return (
    <Section id="certificate" title={t('application.certificate')}>
      <Stack gap={2} data-testid="staff-certificate">
        <Group gap="xs">
          <Text fw={600}>{c.number}</Text>
          <StatusBadge group="certificateStatus" value={c.status} />
        </Group>
        <Text size="sm">
          {t('application.validUntil', { issued: format.date(c.issuedOn), until: format.date(c.validUntil) })}
        </Text>
        {c.revokeReason && <Text size="sm">{t('application.revokedBecause', { reason: c.revokeReason })}</Text>}
        {c.verificationUrl && (
          <Anchor href={c.verificationUrl} size="sm">
            {t('application.publicPage')}
          </Anchor>
        )}
      </Stack>
      {c.status !== 'revoked' && (
        <Stack gap="xs">
          <Textarea
            label={t('application.revokeReason')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            autosize
            minRows={1}
          />
          <ErrorAlert error={revoke.error} />
          <Group>
            <Button
              color="red"
              variant="outline"
              disabled={reason.trim().length < 3}
              onClick={() => revoke.mutate(c.id)}
              loading={revoke.isPending}
            >
              {t('application.revoke')}
            </Button>
          </Group>
        </Stack>
      )}
    </Section>
  );
}

function Appeals({ application }: { application: Application }) {
  const { t } = useStaffT();
  const appeals = useQuery({
    queryKey: ['appeals', application.id],
    queryFn: () => must(api.GET('/api/v1/applications/{id}/appeals', { params: { path: { id: application.id } } })),
  });
  if (!appeals.data?.length) return null;
  return (
    <Section id="appeals" title={t('application.appeals')}>
      {appeals.data.map((appeal) => (
        <AppealPanel key={appeal.id} appeal={appeal} centreId={application.centreId} />
      ))}
    </Section>
  );
}

function AppealPanel({ appeal, centreId }: { appeal: Schemas['AppealDto']; centreId: string }) {
  const { t } = useStaffT();
  const format = useFormat();
  const queryClient = useQueryClient();
  const staff = useCentreStaff(centreId);
  const names = new Map((staff.data ?? []).map((u) => [u.id, u.fullName]));
  const [ids, setIds] = useState<string[]>([]);
  const name = useMutation({
    mutationFn: () =>
      must(api.POST('/api/v1/appeals/{id}/panel', { params: { path: { id: appeal.id } }, body: { assessorIds: ids } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['appeals', appeal.applicationId] }),
  });
  return (
    <Stack gap="xs" data-testid="appeal">
      <Group gap="xs">
        <Text fw={600}>{t(`appealKind.${appeal.kind}`)}</Text>
        <StatusBadge group="appealStatus" value={appeal.status} />
        <Text size="sm" c="dimmed">
          {format.dateTime(appeal.createdAt)}
        </Text>
      </Group>
      <Text size="sm">{appeal.grounds}</Text>
      {appeal.panel.length > 0 && (
        <List size="sm">
          {appeal.panel.map((m) => (
            <List.Item key={m.assessorId}>
              {names.get(m.assessorId) ?? '…'}: {m.vote ? t(`vote.${m.vote}`) : t('appeal.noVote')}
              {m.reason ? ` — ${m.reason}` : ''}
            </List.Item>
          ))}
        </List>
      )}
      {appeal.status === 'lodged' && appeal.panel.length === 0 && (
        <Stack gap="xs">
          <Checkbox.Group label={t('appeal.namePanel')} value={ids} onChange={setIds}>
            <Stack gap={4} mt={4}>
              {(staff.data ?? [])
                .filter((u) => u.role === 'assessor' && u.status === 'active')
                .map((u) => (
                  <Checkbox key={u.id} value={u.id} label={u.fullName} />
                ))}
            </Stack>
          </Checkbox.Group>
          {name.error ? <RefusalText error={name.error} names={names} /> : null}
          <Group>
            <Button disabled={ids.length < 2} onClick={() => name.mutate()} loading={name.isPending}>
              {t('appeal.assign')}
            </Button>
          </Group>
        </Stack>
      )}
    </Stack>
  );
}

/**
 * The candidate's identity: the centre confirms, with the identity document in hand, that this
 * account holds the ИИН it declares (one account per ИИН), or withdraws a confirmation made in error.
 */
function Identity({ candidateId }: { candidateId: string }) {
  const { t } = useStaffT();
  const format = useFormat();
  const queryClient = useQueryClient();
  // The key CandidateName reads too, so the name and the confirmation are one request.
  const candidate = useQuery({
    queryKey: ['candidate', candidateId],
    queryFn: () => must(api.GET('/api/v1/candidates/{id}', { params: { path: { id: candidateId } } })),
  });
  const [iin, setIin] = useState('');
  const [idDocument, setIdDocument] = useState('');
  const [reason, setReason] = useState('');
  const done = () => void queryClient.invalidateQueries({ queryKey: ['candidate', candidateId] });
  const confirm = useMutation({
    mutationFn: () =>
      must(
        api.POST('/api/v1/candidates/{id}/identity-confirmation', {
          params: { path: { id: candidateId } },
          body: { iin, document: idDocument },
        }),
      ),
    onSuccess: () => {
      setIin('');
      setIdDocument('');
      done();
    },
  });
  const withdraw = useMutation({
    mutationFn: () =>
      must(
        api.POST('/api/v1/candidates/{id}/identity-confirmation/withdraw', {
          params: { path: { id: candidateId } },
          body: { reason },
        }),
      ),
    onSuccess: () => {
      setReason('');
      done();
    },
  });
  const profile = candidate.data?.profile;
  const confirmation = profile?.identityConfirmation;
  const errors = confirm.error instanceof ApiFailure ? confirm.error.fields() : {};
  const withdrawErrors = withdraw.error instanceof ApiFailure ? withdraw.error.fields() : {};
  return (
    <Section id="identity" title={t('application.identity')}>
      <QueryState isPending={candidate.isPending} error={candidate.error} />
      {candidate.data && !profile && <Text c="dimmed">{t('application.noProfile')}</Text>}
      {profile && (
        <Stack gap="xs" data-testid="identity">
          <Text size="sm">
            {t('application.iinAndBirth', { iin: profile.iin, date: format.date(profile.birthDate) })}
          </Text>
          {profile.iinAlsoDeclaredElsewhere && (
            <Alert color="yellow" styles={TITLE} title={t('application.iinElsewhere')}>
              {t('application.iinElsewhereHint')}
            </Alert>
          )}
          {confirmation ? (
            <>
              <Alert
                color="teal"
                styles={TITLE}
                title={t('application.identityConfirmed', { date: format.dateTime(confirmation.confirmedAt) })}
              >
                {confirmation.document}
              </Alert>
              <form
                onSubmit={(event) => {
                  event.preventDefault();
                  withdraw.mutate();
                }}
              >
                <Stack gap="xs">
                  <Textarea
                    label={t('application.withdrawReason')}
                    value={reason}
                    error={withdrawErrors.reason}
                    onChange={(e) => setReason(e.currentTarget.value)}
                    autosize
                    minRows={1}
                  />
                  {!withdrawErrors.reason && <ErrorAlert error={withdraw.error} />}
                  <Group>
                    <Button
                      type="submit"
                      variant="outline"
                      color="red"
                      disabled={reason.trim().length < 10}
                      loading={withdraw.isPending}
                    >
                      {t('application.withdrawIdentity')}
                    </Button>
                  </Group>
                </Stack>
              </form>
            </>
          ) : (
            <form
              onSubmit={(event) => {
                event.preventDefault();
                confirm.mutate();
              }}
            >
              <Stack gap="xs">
                <Text size="sm">{t('application.identityNotConfirmed')}</Text>
                <TextInput
                  label={t('application.documentIin')}
                  description={t('application.documentIinHint')}
                  value={iin}
                  error={errors.iin}
                  inputMode="numeric"
                  maxLength={12}
                  onChange={(e) => setIin(e.currentTarget.value.replace(/\D/g, ''))}
                />
                <TextInput
                  label={t('application.identityDocument')}
                  description={t('application.identityDocumentHint')}
                  value={idDocument}
                  error={errors.document}
                  onChange={(e) => setIdDocument(e.currentTarget.value)}
                />
                {!errors.iin && !errors.document && <ErrorAlert error={confirm.error} />}
                <Group>
                  <Button
                    type="submit"
                    disabled={iin.length !== 12 || idDocument.trim().length < 5}
                    loading={confirm.isPending}
                  >
                    {t('application.confirmIdentity')}
                  </Button>
                </Group>
              </Stack>
            </form>
          )}
        </Stack>
      )}
    </Section>
  );
}

/**
 * The result's documents as PDF: the conclusion of each signed decision that does not award the
 * card, and the protocol of each session the application was examined in.
 */
function ResultDocuments({ application }: { application: Application }) {
  const { t } = useStaffT();
  const format = useFormat();
  const decisions = useQuery({
    queryKey: ['decisions', application.id],
    refetchInterval: 5_000,
    queryFn: () => must(api.GET('/api/v1/applications/{id}/decisions', { params: { path: { id: application.id } } })),
  });
  const sessions = useQuery({
    queryKey: ['sessions', application.centreId],
    queryFn: () =>
      must(api.GET('/api/v1/centres/{centreId}/sessions', { params: { path: { centreId: application.centreId } } })),
  });
  const download = useMutation({
    mutationFn: async (what: { kind: 'conclusion' | 'protocol'; id: string }) => {
      const blob = await must(
        what.kind === 'conclusion'
          ? api.GET('/api/v1/decisions/{id}/conclusion', { params: { path: { id: what.id } }, parseAs: 'blob' })
          : api.GET('/api/v1/sessions/{id}/protocol', { params: { path: { id: what.id } }, parseAs: 'blob' }),
      );
      saveBlob(blob, `${what.kind}-${what.id.slice(0, 8)}.pdf`);
    },
  });
  const concluded = (decisions.data ?? []).filter(
    (d) => (d.status === 'approved' || d.status === 'superseded') && d.outcome !== 'awarded',
  );
  const examined = (sessions.data ?? []).filter((s) =>
    s.enrolments.some((e) => e.applicationId === application.id && e.status === 'enrolled'),
  );
  if (concluded.length === 0 && examined.length === 0) return null;
  return (
    <Section id="result-documents" title={t('application.resultDocuments')}>
      <Group gap="xs">
        {concluded.map((d) => (
          <Button
            key={d.id}
            variant="outline"
            size="xs"
            onClick={() => download.mutate({ kind: 'conclusion', id: d.id })}
          >
            {t('application.conclusionPdf', { n: d.sequence })}
          </Button>
        ))}
        {examined.map((s) => (
          <Button
            key={s.id}
            variant="outline"
            size="xs"
            onClick={() => download.mutate({ kind: 'protocol', id: s.id })}
          >
            {t('application.protocolPdf', { date: format.dateTime(s.startsAt) })}
          </Button>
        ))}
      </Group>
      <ErrorAlert error={download.error} />
    </Section>
  );
}
