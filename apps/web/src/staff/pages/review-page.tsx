import { Alert, Button, Checkbox, Group, Radio, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams } from 'react-router';
import { api } from '../../api/client';
import { must } from '../../api/errors';
import { useCard } from '../../components/card-name';
import { ErrorAlert } from '../../components/error-alert';
import { usePageTitle } from '../../components/page-title';
import { QueryState } from '../../components/query-state';
import { EvidenceViewer } from '../evidence-viewer';
import { CandidateName, Section, StatusBadge, type Schemas, skillLabel } from '../staff-components';
import { useStaffT } from '../staff-i18n';

const CRITERIA = ['valid', 'sufficient', 'authentic', 'current'] as const;

/**
 * The assessor's evidence review of one application: per skill, the files claimed for it shown in
 * the page, the four criteria, and accept, reject or ask once for more.
 */
export default function ReviewPage() {
  const { t } = useStaffT();
  const { applicationId = '' } = useParams();
  usePageTitle(t('review.title'));
  const reviews = useQuery({ queryKey: ['my-reviews'], queryFn: () => must(api.GET('/api/v1/evidence-reviews')) });
  const application = useQuery({
    queryKey: ['application', applicationId],
    queryFn: () => must(api.GET('/api/v1/applications/{id}', { params: { path: { id: applicationId } } })),
  });
  const plan = useQuery({
    queryKey: ['skill-plan', applicationId],
    queryFn: () => must(api.GET('/api/v1/applications/{id}/skills', { params: { path: { id: applicationId } } })),
  });
  const card = useCard(application.data?.cardId);
  const mine = (reviews.data ?? []).filter((r) => r.applicationId === applicationId);
  return (
    <Stack gap="lg">
      <Title order={1}>{t('review.title')}</Title>
      {application.data && (
        <Text fw={600}>
          <CandidateName id={application.data.candidateId} /> · {card.data?.name ?? '…'}
        </Text>
      )}
      <QueryState isPending={reviews.isPending || plan.isPending} error={reviews.error ?? plan.error} />
      {mine.map((review) => {
        const skill = plan.data?.find((s) => s.skillId === review.skillId);
        return (
          <SkillReview
            key={review.id}
            review={review}
            label={
              skill ? `${skillLabel(skill.functionKind, skill.functionNumber, skill.skillNumber)} ${skill.title}` : '…'
            }
            evidenceIds={skill?.evidenceIds ?? []}
          />
        );
      })}
    </Stack>
  );
}

function SkillReview({
  review,
  label,
  evidenceIds,
}: {
  review: Schemas['EvidenceReviewDto'];
  label: string;
  evidenceIds: string[];
}) {
  const { t } = useStaffT();
  const queryClient = useQueryClient();
  const [criteria, setCriteria] = useState<string[]>(
    review.criteria ? CRITERIA.filter((c) => review.criteria?.[c]) : [],
  );
  const [decision, setDecision] = useState('');
  const [comment, setComment] = useState('');
  const decide = useMutation({
    mutationFn: () =>
      must(
        api.PUT('/api/v1/evidence-reviews/{id}', {
          params: { path: { id: review.id } },
          body: {
            decision: decision as 'accept' | 'reject' | 'request_more',
            criteria: Object.fromEntries(CRITERIA.map((c) => [c, criteria.includes(c)])) as Schemas['CriteriaDto'],
            comment,
          },
        }),
      ),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['my-reviews'] }),
  });
  const open = review.status === 'pending' || review.status === 'more_requested';
  const allMet = criteria.length === CRITERIA.length;
  return (
    <Section id={`review-${review.id.slice(0, 8)}`} title={label}>
      <Group gap="xs">
        <StatusBadge group="reviewStatus" value={review.status} />
      </Group>
      {evidenceIds.map((id) => (
        <EvidenceViewer key={id} id={id} />
      ))}
      {!open && review.comment && <Text size="sm">{review.comment}</Text>}
      {open && (
        <Stack gap="xs" data-testid="review-form">
          <Checkbox.Group
            label={t('review.criteria')}
            description={t('review.criteriaHint')}
            value={criteria}
            onChange={setCriteria}
          >
            <Stack gap={4} mt={4}>
              {CRITERIA.map((c) => (
                <Checkbox key={c} value={c} label={t(`criterion.${c}`)} />
              ))}
            </Stack>
          </Checkbox.Group>
          <Radio.Group label={t('review.decision')} value={decision} onChange={setDecision}>
            <Group mt={4}>
              <Radio value="accept" label={t('reviewDecision.accept')} disabled={!allMet} />
              <Radio value="reject" label={t('reviewDecision.reject')} />
              <Radio
                value="request_more"
                label={t('reviewDecision.request_more')}
                disabled={review.moreRequestedAt !== null}
              />
            </Group>
          </Radio.Group>
          {decision === 'accept' && !allMet && <Alert color="yellow">{t('review.acceptNeedsAll')}</Alert>}
          <Textarea
            label={t('review.comment')}
            value={comment}
            onChange={(e) => setComment(e.currentTarget.value)}
            autosize
            minRows={2}
          />
          <ErrorAlert error={decide.error} />
          <Group>
            <Button
              onClick={() => decide.mutate()}
              disabled={!decision || comment.trim().length < 3}
              loading={decide.isPending}
            >
              {t('review.submit')}
            </Button>
          </Group>
        </Stack>
      )}
    </Section>
  );
}
