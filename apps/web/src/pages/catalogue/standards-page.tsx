import { Anchor, Card, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { must } from '../../api/errors';
import { usePageTitle } from '../../components/page-title';
import { QueryState } from '../../components/query-state';
import { useFormat } from '../../i18n/format';

export default function StandardsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  usePageTitle(t('catalogue.title'));
  const standards = useQuery({ queryKey: ['standards'], queryFn: () => must(api.GET('/api/v1/standards')) });
  return (
    <Stack>
      <Title order={1}>{t('catalogue.title')}</Title>
      <Text>{t('catalogue.lead')}</Text>
      <QueryState isPending={standards.isPending} error={standards.error} />
      {standards.data?.map((standard) => {
        const latest = standard.versions[0];
        return (
          <Card withBorder key={standard.id}>
            <Anchor component={Link} to={`/catalogue/standards/${standard.id}`} fw={600}>
              {standard.title}
            </Anchor>
            {latest && (
              <Text size="sm" c="dimmed" mt={4}>
                {t('catalogue.versionLine', {
                  version: format.number(latest.version),
                  cards: format.number(latest.cardCount),
                  order: latest.orderNumber ?? '—',
                  date: format.date(latest.orderDate),
                })}
              </Text>
            )}
          </Card>
        );
      })}
    </Stack>
  );
}
