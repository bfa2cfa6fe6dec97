import { Anchor, Badge, Card, Group, List, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import { must } from '../../api/errors';
import { usePageTitle } from '../../components/page-title';
import { PrerequisiteRoutes } from '../../components/prerequisite-text';
import { QueryState } from '../../components/query-state';

/** A profession card: prerequisites in words, then functions → skills with their recognition flag. */
export default function CardPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const card = useQuery({
    queryKey: ['card', id],
    queryFn: () => must(api.GET('/api/v1/cards/{id}', { params: { path: { id } } })),
  });
  usePageTitle(card.data?.name ?? t('catalogue.cardsTitle'));
  if (!card.data) return <QueryState isPending={card.isPending} error={card.error} />;
  const c = card.data;
  return (
    <Stack gap="lg">
      <Anchor component={Link} to={`/catalogue/standards/${c.standard.standardId}`} size="sm">
        ← {c.standard.title}
      </Anchor>
      <Title order={1}>{c.name}</Title>
      <Group gap="xs">
        <Badge variant="outline">{t('catalogue.ork', { level: c.orkLevel })}</Badge>
        {c.occupationCode && (
          <Badge variant="outline" color="gray">
            {t('catalogue.occupationCode')}: {c.occupationCode}
          </Badge>
        )}
      </Group>
      {c.mainGoal && <Text>{c.mainGoal}</Text>}
      <Card withBorder component="section" aria-labelledby="prerequisites">
        <Title order={2} size="h4" id="prerequisites" mb="xs">
          {t('catalogue.prerequisites')}
        </Title>
        {c.prerequisites.status === 'needs_review' && (
          <Text c="red.9" size="sm" mb="xs">
            {t('catalogue.needsReviewText')}
          </Text>
        )}
        <PrerequisiteRoutes routes={c.prerequisites.routes} />
      </Card>
      <Title order={2} size="h3">
        {t('catalogue.functions')}
      </Title>
      {c.functions.map((fn) => (
        <Card withBorder key={fn.id} component="section" aria-label={fn.title}>
          <Group gap="xs" mb="xs">
            <Title order={3} size="h5">
              {fn.title}
            </Title>
            <Badge variant="outline" color={fn.kind === 'mandatory' ? 'teal' : 'gray'}>
              {t(`catalogue.kind_${fn.kind}`)}
            </Badge>
          </Group>
          <List spacing="sm">
            {fn.skills.map((skill) => (
              <List.Item key={skill.id}>
                <Text>{skill.title}</Text>
                <Text size="sm" c={skill.recognition === 'recommended' ? 'teal.9' : 'gray.7'}>
                  {t(`catalogue.recognition_${skill.recognition}`)}
                </Text>
              </List.Item>
            ))}
          </List>
        </Card>
      ))}
    </Stack>
  );
}
