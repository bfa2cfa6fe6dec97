import { Alert, Button, Checkbox, Group, Radio, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams } from 'react-router';
import { api } from '../../api/client';
import { must } from '../../api/errors';
import { useAuth } from '../../auth/auth-context';
import { ErrorAlert } from '../../components/error-alert';
import { usePageTitle } from '../../components/page-title';
import { QueryState } from '../../components/query-state';
import { Section, useSkills } from '../staff-components';
import { useStaffT } from '../staff-i18n';

/**
 * The assessor's practical sheet for one candidate: a verdict, the abilities observed and a comment
 * per examined skill, saved one by one; signing locks every verdict.
 */
export default function PracticalSheetPage() {
  const { t } = useStaffT();
  const { id = '' } = useParams();
  const { user } = useAuth();
  const queryClient = useQueryClient();
  usePageTitle(t('sheet.title'));
  const results = useQuery({
    queryKey: ['results', id],
    queryFn: () => must(api.GET('/api/v1/enrolments/{id}/results', { params: { path: { id } } })),
  });
  // The card comes from the session: the results name skills only.
  const session = useQuery({
    queryKey: ['sheet-session', id],
    enabled: Boolean(results.data),
    queryFn: async () => {
      const centres = user?.centreIds ?? [];
      for (const centreId of centres) {
        const sessions = await must(api.GET('/api/v1/centres/{centreId}/sessions', { params: { path: { centreId } } }));
        const found = sessions.find((s) => s.enrolments.some((e) => e.id === id));
        if (found) return { session: found, enrolment: found.enrolments.find((e) => e.id === id)! };
      }
      return null;
    },
  });
  const { skills } = useSkills(session.data?.session.cardId);
  const sign = useMutation({
    mutationFn: () => must(api.POST('/api/v1/enrolments/{id}/practical/sign', { params: { path: { id } } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['results', id] }),
  });
  if (!results.data) return <QueryState isPending={results.isPending} error={results.error} />;
  const mine = (skillId: string) =>
    results.data.skills.find((s) => s.skillId === skillId)?.verdicts.find((v) => v.assessorId === user?.id);
  const signed = results.data.skills.length > 0 && results.data.skills.every((s) => mine(s.skillId)?.signed);
  const complete = results.data.skills.every((s) => mine(s.skillId));
  return (
    <Stack gap="lg">
      <Title order={1}>{t('sheet.title')}</Title>
      {session.data && <CandidateLine candidateId={session.data.enrolment.candidateId} />}
      {signed && (
        <Alert color="teal" data-testid="sheet-signed">
          {t('sheet.signed')}
        </Alert>
      )}
      {results.data.skills.map((s) => {
        const skill = skills.get(s.skillId);
        return (
          <SkillVerdict
            key={s.skillId}
            enrolmentId={id}
            skillId={s.skillId}
            label={skill ? `${skill.label} ${skill.title}` : '…'}
            abilities={skill?.abilities ?? []}
            current={mine(s.skillId)}
            locked={signed}
          />
        );
      })}
      {!signed && (
        <Section id="sign" title={t('sheet.sign')}>
          <Text size="sm">{complete ? t('sheet.signHint') : t('sheet.incomplete')}</Text>
          <ErrorAlert error={sign.error} />
          <Group>
            <Button onClick={() => sign.mutate()} disabled={!complete} loading={sign.isPending}>
              {t('sheet.signButton')}
            </Button>
          </Group>
        </Section>
      )}
    </Stack>
  );
}

function CandidateLine({ candidateId }: { candidateId: string }) {
  const candidate = useQuery({
    queryKey: ['candidate', candidateId],
    staleTime: 60_000,
    queryFn: () => must(api.GET('/api/v1/candidates/{id}', { params: { path: { id: candidateId } } })),
  });
  return <Text fw={600}>{candidate.data?.profile?.fullName ?? '…'}</Text>;
}

function SkillVerdict(props: {
  enrolmentId: string;
  skillId: string;
  label: string;
  abilities: { id: string; text: string }[];
  current: { verdict: string; comment: string; signed: boolean } | undefined;
  locked: boolean;
}) {
  const { t } = useStaffT();
  const queryClient = useQueryClient();
  const [verdict, setVerdict] = useState(props.current?.verdict ?? '');
  const [observed, setObserved] = useState<string[]>([]);
  const [comment, setComment] = useState(props.current?.comment ?? '');
  const save = useMutation({
    mutationFn: () =>
      must(
        api.PUT('/api/v1/enrolments/{id}/practical/{skillId}', {
          params: { path: { id: props.enrolmentId, skillId: props.skillId } },
          body: { verdict: verdict as 'competent' | 'not_yet_competent', abilitiesObserved: observed, comment },
        }),
      ),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['results', props.enrolmentId] }),
  });
  const key = props.skillId.slice(0, 8);
  return (
    <Section id={`skill-${key}`} title={props.label}>
      <Stack gap="xs" data-testid="sheet-skill">
        <Radio.Group label={t('sheet.verdict')} value={verdict} onChange={setVerdict}>
          <Group mt={4}>
            <Radio value="competent" label={t('verdict.competent')} disabled={props.locked} />
            <Radio value="not_yet_competent" label={t('verdict.not_yet_competent')} disabled={props.locked} />
          </Group>
        </Radio.Group>
        {props.abilities.length > 0 && (
          <Checkbox.Group label={t('sheet.observed')} value={observed} onChange={setObserved}>
            <Stack gap={2} mt={4}>
              {props.abilities.map((a) => (
                <Checkbox key={a.id} value={a.id} label={a.text} size="xs" disabled={props.locked} />
              ))}
            </Stack>
          </Checkbox.Group>
        )}
        <Textarea
          label={t('sheet.comment')}
          value={comment}
          onChange={(e) => setComment(e.currentTarget.value)}
          disabled={props.locked}
          autosize
          minRows={1}
        />
        <ErrorAlert error={save.error} />
        {!props.locked && (
          <Group gap="xs">
            <Button
              size="xs"
              variant="outline"
              onClick={() => save.mutate()}
              disabled={!verdict || comment.trim().length < 3}
              loading={save.isPending}
            >
              {t('sheet.save')}
            </Button>
            {props.current && (
              <Text size="sm" data-testid="verdict-saved">
                {t('sheet.saved')}
              </Text>
            )}
          </Group>
        )}
      </Stack>
    </Section>
  );
}
