import { Badge, Button, Card, Checkbox, Group, NativeSelect, Radio, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../api/client';
import { must } from '../../api/errors';
import { useCard } from '../../components/card-name';
import { ErrorAlert } from '../../components/error-alert';
import { usePageTitle } from '../../components/page-title';
import { PrerequisiteRoutes } from '../../components/prerequisite-text';

type Pathway = 'assessment' | 'recognition';

/** Apply: a card, a centre accredited for it, the pathway, and each skill's route before submitting. */
export default function ApplyPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  usePageTitle(t('apply.title'));
  const standards = useQuery({ queryKey: ['standards'], queryFn: () => must(api.GET('/api/v1/standards')) });
  const [standardId, setStandardId] = useState('');
  const chosenStandard = standardId || standards.data?.[0]?.id || '';
  const cards = useQuery({
    queryKey: ['standard-cards', chosenStandard],
    enabled: Boolean(chosenStandard),
    queryFn: () =>
      must(
        api.GET('/api/v1/standards/{id}/cards', { params: { path: { id: chosenStandard }, query: { limit: 100 } } }),
      ),
  });
  const [cardId, setCardId] = useState('');
  const card = useCard(cardId || undefined);
  const centres = useQuery({
    queryKey: ['card-centres', cardId],
    enabled: Boolean(cardId),
    queryFn: () => must(api.GET('/api/v1/cards/{id}/centres', { params: { path: { id: cardId } } })),
  });
  const [centreId, setCentreId] = useState('');
  const [pathway, setPathway] = useState<Pathway>('recognition');
  const [additional, setAdditional] = useState<string[]>([]);
  const chosenCentre = centreId || centres.data?.[0]?.id || '';

  const create = useMutation({
    mutationFn: () =>
      must(
        api.POST('/api/v1/applications', {
          body: { cardId, centreId: chosenCentre, pathway, additionalFunctionIds: additional },
        }),
      ),
    onSuccess: (application) => void navigate(`/cabinet/applications/${application.id}`),
  });

  const functions = (card.data?.functions ?? []).filter((f) => f.kind === 'mandatory' || additional.includes(f.id));
  return (
    <Stack gap="lg">
      <Title order={1}>{t('apply.title')}</Title>
      <Card withBorder>
        <Stack>
          <NativeSelect
            label={t('apply.standard')}
            value={chosenStandard}
            onChange={(event) => {
              setStandardId(event.currentTarget.value);
              setCardId('');
            }}
            data={(standards.data ?? []).map((s) => ({ value: s.id, label: s.title }))}
          />
          <NativeSelect
            label={t('apply.card')}
            value={cardId}
            onChange={(event) => {
              setCardId(event.currentTarget.value);
              setCentreId('');
              setAdditional([]);
            }}
            data={[
              { value: '', label: t('apply.chooseCard') },
              ...(cards.data?.items ?? []).map((c) => ({
                value: c.id,
                label: `${c.name} — ${t('catalogue.ork', { level: c.orkLevel })}`,
              })),
            ]}
          />
          {cardId && centres.data?.length === 0 && <Text c="red.9">{t('apply.noCentre')}</Text>}
          {cardId && (centres.data?.length ?? 0) > 0 && (
            <NativeSelect
              label={t('apply.centre')}
              value={chosenCentre}
              onChange={(event) => setCentreId(event.currentTarget.value)}
              data={(centres.data ?? []).map((c) => ({ value: c.id, label: `${c.name} (${c.region})` }))}
            />
          )}
        </Stack>
      </Card>
      {card.data && (
        <>
          <Card withBorder component="section" aria-labelledby="who-may">
            <Title order={2} size="h4" id="who-may" mb="xs">
              {t('catalogue.prerequisites')}
            </Title>
            <PrerequisiteRoutes routes={card.data.prerequisites.routes} />
          </Card>
          <Card withBorder>
            <Radio.Group label={t('apply.pathway')} value={pathway} onChange={(value) => setPathway(value as Pathway)}>
              <Stack mt="xs">
                <Radio value="recognition" label={t('apply.pathway_recognition')} />
                <Radio value="assessment" label={t('apply.pathway_assessment')} />
              </Stack>
            </Radio.Group>
            {card.data.functions.some((f) => f.kind === 'additional') && (
              <Checkbox.Group
                mt="md"
                label={t('apply.additional')}
                description={t('apply.additionalHint')}
                value={additional}
                onChange={setAdditional}
              >
                <Stack mt="xs">
                  {card.data.functions
                    .filter((f) => f.kind === 'additional')
                    .map((f) => (
                      <Checkbox key={f.id} value={f.id} label={f.title} />
                    ))}
                </Stack>
              </Checkbox.Group>
            )}
          </Card>
          <Card withBorder component="section" aria-labelledby="routes">
            <Title order={2} size="h4" id="routes" mb="xs">
              {t('apply.routes')}
            </Title>
            <Table.ScrollContainer minWidth={320}>
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('apply.skill')}</Table.Th>
                    <Table.Th>{t('apply.route')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {functions.flatMap((f) =>
                    f.skills.map((skill) => {
                      const evidence = pathway === 'recognition' && skill.recognition === 'recommended';
                      return (
                        <Table.Tr key={skill.id}>
                          <Table.Td>{skill.title}</Table.Td>
                          <Table.Td>
                            <Badge variant="outline" color={evidence ? 'teal' : 'gray'}>
                              {evidence ? t('apply.route_evidence') : t('apply.route_exam')}
                            </Badge>
                          </Table.Td>
                        </Table.Tr>
                      );
                    }),
                  )}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Card>
          <ErrorAlert error={create.error} />
          <Group>
            <Button onClick={() => create.mutate()} loading={create.isPending} disabled={!chosenCentre}>
              {t('apply.create')}
            </Button>
          </Group>
        </>
      )}
    </Stack>
  );
}
