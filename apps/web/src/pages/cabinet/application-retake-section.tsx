import { Alert, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../api/client';
import { ApiFailure, must } from '../../api/errors';
import type { components } from '../../api/schema';
import { ErrorAlert } from '../../components/error-alert';
import { useFormat } from '../../i18n/format';

type Application = components['schemas']['ApplicationDto'];

/**
 * After a signed decision that did not award the card, the candidate may apply again for it once
 * the retake wait the decision granted is over (docs/CANDIDATES.md): before that the button says
 * when; a withdrawal after results sets a wait the application does not show, so there the
 * server's RETAKE_TOO_EARLY answer gives the day.
 */
export function RetakeSection({ app }: { app: Application }) {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const decisions = useQuery({
    queryKey: ['decisions', app.id],
    enabled: app.status === 'decided',
    queryFn: () => must(api.GET('/api/v1/applications/{id}/decisions', { params: { path: { id: app.id } } })),
  });
  const retake = useMutation({
    mutationFn: () =>
      must(
        api.POST('/api/v1/applications', {
          body: {
            cardId: app.cardId,
            centreId: app.centreId,
            pathway: app.pathway,
            additionalFunctionIds: app.additionalFunctionIds,
          },
        }),
      ),
    onSuccess: (application) => void navigate(`/cabinet/applications/${application.id}`),
  });
  const latest = decisions.data?.find((d) => d.status === 'approved');
  if (app.status === 'decided' && (!latest || latest.outcome === 'awarded')) return null;
  if (app.status !== 'decided' && app.status !== 'withdrawn') return null;
  const opensOn = latest?.terms?.retakeOpensOn ?? null;
  const today = new Date().toISOString().slice(0, 10);
  const early = opensOn !== null && today < opensOn;
  const refusedUntil =
    retake.error instanceof ApiFailure && retake.error.code === 'RETAKE_TOO_EARLY'
      ? (retake.error.body?.details?.opensOn as string | undefined)
      : undefined;
  return (
    <Card withBorder component="section" aria-labelledby="retake-heading" data-testid="retake">
      <Title order={2} size="h4" id="retake-heading" mb="xs">
        {t('retake.title')}
      </Title>
      <Stack>
        <Text size="sm">{t('retake.hint')}</Text>
        {early && <Text>{t('retake.opensOn', { date: format.date(opensOn) })}</Text>}
        {refusedUntil ? (
          <Alert color="red" role="alert">
            {t('retake.opensOn', { date: format.date(refusedUntil) })}
          </Alert>
        ) : (
          <ErrorAlert error={retake.error} />
        )}
        <Group>
          <Button onClick={() => retake.mutate()} loading={retake.isPending} disabled={early}>
            {t('retake.apply')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
