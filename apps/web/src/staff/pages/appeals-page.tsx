import { Button, Group, Radio, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client';
import { must } from '../../api/errors';
import { useAuth } from '../../auth/auth-context';
import { ErrorAlert } from '../../components/error-alert';
import { usePageTitle } from '../../components/page-title';
import { QueryState } from '../../components/query-state';
import { useFormat } from '../../i18n/format';
import { Section, StatusBadge, type Schemas } from '../staff-components';
import { useStaffT } from '../staff-i18n';

/** The appeals the assessor sits on, each with its grounds and the assessor's vote. */
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
    </Section>
  );
}
