import { Anchor, Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import { must } from '../../api/errors';
import { usePageTitle } from '../../components/page-title';
import { QueryState } from '../../components/query-state';
import { useFormat } from '../../i18n/format';

export default function StandardCardsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { id = '' } = useParams();
  const cards = useQuery({
    queryKey: ['standard-cards', id],
    queryFn: () => must(api.GET('/api/v1/standards/{id}/cards', { params: { path: { id }, query: { limit: 100 } } })),
  });
  usePageTitle(cards.data?.standard.title ?? t('catalogue.cardsTitle'));
  return (
    <Stack>
      <Anchor component={Link} to="/catalogue" size="sm">
        ← {t('catalogue.title')}
      </Anchor>
      <Title order={1}>{cards.data?.standard.title ?? t('catalogue.cardsTitle')}</Title>
      <QueryState isPending={cards.isPending} error={cards.error} />
      {cards.data && (
        <Text size="sm" c="dimmed">
          {t('catalogue.cardCount', { count: cards.data.total, formatted: format.number(cards.data.total) })}
        </Text>
      )}
      {cards.data?.items.map((card) => (
        <Card withBorder key={card.id}>
          <Anchor component={Link} to={`/catalogue/cards/${card.id}`} fw={600}>
            {card.name}
          </Anchor>
          <Group gap="xs" mt={6}>
            <Badge variant="outline">{t('catalogue.ork', { level: card.orkLevel })}</Badge>
            {card.occupationCode && (
              <Badge variant="outline" color="gray">
                {card.occupationCode}
              </Badge>
            )}
            {card.prerequisiteStatus === 'needs_review' && (
              <Badge color="red" variant="outline">
                {t('catalogue.needsReview')}
              </Badge>
            )}
          </Group>
        </Card>
      ))}
    </Stack>
  );
}
