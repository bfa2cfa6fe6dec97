import { Badge, Button, Group, NativeSelect, NumberInput, Radio, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client';
import { ApiFailure, must } from '../../api/errors';
import { useAuth } from '../../auth/auth-context';
import { ErrorAlert } from '../../components/error-alert';
import { usePageTitle } from '../../components/page-title';
import { QueryState } from '../../components/query-state';
import { useFormat } from '../../i18n/format';
import { Section, StatusBadge, type Schemas, skillLabel } from '../staff-components';
import { useStaffT } from '../staff-i18n';

/**
 * The appeals the assessor sits on, each with its grounds and the assessor's vote; once the panel
 * orders a re-assessment, the contested skills with the assessor's verdict on each.
 */
export default function AppealsPage() {
  const { t } = useStaffT();
  usePageTitle(t('appeals.title'));
  const appeals = useQuery({ queryKey: ['panels'], queryFn: () => must(api.GET('/api/v1/appeals/panels')) });
  return (
    <Stack gap="lg">
      <Title order={1}>{t('appeals.title')}</Title>
      <QueryState isPending={appeals.isPending} error={appeals.error} />
      {appeals.data?.length === 0 && <Text>{t('appeals.none')}</Text>}
      {appeals.data?.map((appeal) => (
        <Appeal key={appeal.id} appeal={appeal} />
      ))}
    </Stack>
  );
}

/** The remedy a vote may ask for, by the appeal's kind; "uphold" keeps what was contested. */
const REMEDY = { decision: 'reassess', admission: 'admit', procedural: 'sustain' } as const;

function Appeal({ appeal }: { appeal: Schemas['AppealDto'] }) {
  const { t } = useStaffT();
  const format = useFormat();
  const { user } = useAuth();
  const queryClient = useQueryClient();
  const [vote, setVote] = useState('');
  const [reason, setReason] = useState('');
  const cast = useMutation({
    mutationFn: () =>
      must(
        api.POST('/api/v1/appeals/{id}/votes', {
          params: { path: { id: appeal.id } },
          body: { vote: vote as 'uphold' | 'reassess' | 'admit' | 'sustain', reason },
        }),
      ),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['panels'] }),
  });
  const me = appeal.panel.find((m) => m.assessorId === user?.id);
  return (
    <Section id={`appeal-${appeal.id.slice(0, 8)}`} title={t(`appealKind.${appeal.kind}`)}>
      <Group gap="xs">
        <StatusBadge group="appealStatus" value={appeal.status} />
        <Text size="sm" c="dimmed">
          {format.dateTime(appeal.createdAt)}
        </Text>
      </Group>
      <Text>{appeal.grounds}</Text>
      {me?.vote ? (
        <Text size="sm">{t('appeals.voted', { vote: t(`vote.${me.vote}`), reason: me.reason ?? '' })}</Text>
      ) : (
        appeal.status === 'hearing' && (
          <Stack gap="xs">
            <Radio.Group label={t('appeals.vote')} value={vote} onChange={setVote}>
              <Group mt={4}>
                <Radio value="uphold" label={t('vote.uphold')} />
                <Radio value={REMEDY[appeal.kind]} label={t(`vote.${REMEDY[appeal.kind]}`)} />
              </Group>
            </Radio.Group>
            <Textarea
              label={t('appeals.reason')}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              autosize
              minRows={2}
            />
            <ErrorAlert error={cast.error} />
            <Group>
              <Button
                onClick={() => cast.mutate()}
                disabled={!vote || reason.trim().length < 10}
                loading={cast.isPending}
              >
                {t('appeals.cast')}
              </Button>
            </Group>
          </Stack>
        )
      )}
      {appeal.kind === 'decision' &&
        appeal.status !== 'lodged' &&
        appeal.status !== 'hearing' &&
        appeal.status !== 'upheld' && <Reassessments appeal={appeal} />}
    </Section>
  );
}

/**
 * The contested skills to re-assess: each member records a verdict once per skill (then it is
 * locked), and the panel's majority per skill is shown as it forms.
 */
function Reassessments({ appeal }: { appeal: Schemas['AppealDto'] }) {
  const { t } = useStaffT();
  const { user } = useAuth();
  // The skills' titles and recognition flags (the appeal names skills by id); open to the panel.
  const plan = useQuery({
    queryKey: ['skill-plan', appeal.applicationId],
    queryFn: () =>
      must(api.GET('/api/v1/applications/{id}/skills', { params: { path: { id: appeal.applicationId } } })),
  });
  return (
    <Stack gap="sm" data-testid="reassessments">
      <Text fw={600}>{t('reassess.title')}</Text>
      <QueryState isPending={plan.isPending} error={plan.error} />
      {appeal.contestedSkillIds.map((skillId) => {
        const skill = plan.data?.find((s) => s.skillId === skillId);
        const mine = appeal.reassessments.find((r) => r.skillId === skillId && r.assessorId === user?.id);
        const resolution = appeal.skillResolutions.find((r) => r.skillId === skillId);
        return (
          <Stack
            key={skillId}
            gap={4}
            pt="xs"
            data-testid="reassessment"
            style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}
          >
            <Group gap="xs">
              <Text fw={600}>
                {skill
                  ? `${skillLabel(skill.functionKind, skill.functionNumber, skill.skillNumber)} ${skill.title}`
                  : '…'}
              </Text>
              {resolution && <Badge variant="outline">{t(`reassess.resolution.${resolution.status}`)}</Badge>}
            </Group>
            {resolution && (
              <Text size="sm" c="dimmed">
                {t('reassess.tally', {
                  passed: resolution.passed,
                  recorded: resolution.recorded,
                  members: resolution.members,
                })}
              </Text>
            )}
            {skill?.recognition === 'not_recommended' && !mine && (
              <Text size="sm">{t('reassess.needsExamination')}</Text>
            )}
            {mine ? (
              <Stack gap={0} data-testid="my-verdict">
                <Text size="sm" fw={600}>
                  {t('reassess.recorded', { result: t(`reassess.result.${mine.result}`) })}
                </Text>
                <Text size="sm">{mine.note}</Text>
                {mine.reExamination?.theory && (
                  <Text size="sm" c="dimmed">
                    {t('reassess.reTheory', mine.reExamination.theory)}
                  </Text>
                )}
                {mine.reExamination?.practical && (
                  <Text size="sm" c="dimmed">
                    {t('reassess.rePractical', { verdict: t(`verdict.${mine.reExamination.practical.verdict}`) })}
                  </Text>
                )}
              </Stack>
            ) : appeal.status === 'reassessment' ? (
              <SkillVerdict appealId={appeal.id} skillId={skillId} />
            ) : (
              <Text size="sm" c="dimmed">
                {t('reassess.closed')}
              </Text>
            )}
          </Stack>
        );
      })}
    </Stack>
  );
}

/** One member's verdict on one skill, with the re-examination behind it (a theory re-test, a task observed). */
function SkillVerdict({ appealId, skillId }: { appealId: string; skillId: string }) {
  const { t } = useStaffT();
  const queryClient = useQueryClient();
  const [result, setResult] = useState('');
  const [note, setNote] = useState('');
  const [correct, setCorrect] = useState<number | string>('');
  const [total, setTotal] = useState<number | string>('');
  const [practical, setPractical] = useState('');
  const record = useMutation({
    mutationFn: () => {
      const theory = correct !== '' && total !== '' ? { correct: Number(correct), total: Number(total) } : undefined;
      const observed = practical ? { verdict: practical as 'competent' | 'not_yet_competent' } : undefined;
      return must(
        api.PUT('/api/v1/appeals/{id}/reassessments/{skillId}', {
          params: { path: { id: appealId, skillId } },
          body: {
            result: result as 'passed' | 'failed',
            note,
            ...(theory || observed
              ? { reExamination: { ...(theory ? { theory } : {}), ...(observed ? { practical: observed } : {}) } }
              : {}),
          },
        }),
      );
    },
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['panels'] }),
  });
  const errors = record.error instanceof ApiFailure ? record.error.fields() : {};
  return (
    <form
      data-testid="skill-verdict"
      onSubmit={(event) => {
        event.preventDefault();
        record.mutate();
      }}
    >
      <Stack gap="xs">
        <Radio.Group label={t('reassess.verdict')} value={result} onChange={setResult} error={errors.result}>
          <Group mt={4}>
            <Radio value="passed" label={t('reassess.result.passed')} />
            <Radio value="failed" label={t('reassess.result.failed')} />
          </Group>
        </Radio.Group>
        <Textarea
          label={t('reassess.note')}
          value={note}
          error={errors.note}
          onChange={(e) => setNote(e.currentTarget.value)}
          autosize
          minRows={2}
        />
        <Text size="sm">{t('reassess.reExamination')}</Text>
        <Group gap="xs" align="flex-start" grow>
          <NumberInput
            label={t('reassess.theoryCorrect')}
            value={correct}
            onChange={setCorrect}
            min={0}
            max={200}
            allowDecimal={false}
            error={errors['reExamination.theory']}
          />
          <NumberInput
            label={t('reassess.theoryTotal')}
            value={total}
            onChange={setTotal}
            min={1}
            max={200}
            allowDecimal={false}
          />
        </Group>
        <NativeSelect
          label={t('reassess.practical')}
          value={practical}
          onChange={(e) => setPractical(e.currentTarget.value)}
          error={errors['reExamination.practical'] ?? errors.reExamination}
        >
          <option value="">{t('reassess.notObserved')}</option>
          <option value="competent">{t('verdict.competent')}</option>
          <option value="not_yet_competent">{t('verdict.not_yet_competent')}</option>
        </NativeSelect>
        <ErrorAlert error={record.error} />
        <Group>
          <Button type="submit" disabled={!result || note.trim().length < 10} loading={record.isPending}>
            {t('reassess.record')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
