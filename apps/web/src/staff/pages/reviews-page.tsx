import { Anchor, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { must } from '../../api/errors';
import { usePageTitle } from '../../components/page-title';
import { QueryState } from '../../components/query-state';
import { useFormat } from '../../i18n/format';
import { CandidateName, StatusBadge, ScrollTable } from '../staff-components';
import { useStaffT } from '../staff-i18n';

/** The evidence reviews assigned to the assessor, one line an application. */
export default function ReviewsPage() {
  const { t } = useStaffT();
  const format = useFormat();
  usePageTitle(t('reviews.title'));
  const reviews = useQuery({ queryKey: ['my-reviews'], queryFn: () => must(api.GET('/api/v1/evidence-reviews')) });
  const byApplication = new Map<string, NonNullable<typeof reviews.data>>();
  for (const r of reviews.data ?? [])
    byApplication.set(r.applicationId, [...(byApplication.get(r.applicationId) ?? []), r]);
  return (
    <Stack gap="lg">
      <Title order={1}>{t('reviews.title')}</Title>
      <QueryState isPending={reviews.isPending} error={reviews.error} />
      {reviews.data?.length === 0 && <Text>{t('reviews.none')}</Text>}
      {byApplication.size > 0 && (
        <ScrollTable minWidth={480}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('applications.candidate')}</Table.Th>
                <Table.Th>{t('reviews.skills')}</Table.Th>
                <Table.Th>{t('reviews.state')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {[...byApplication].map(([applicationId, items]) => {
                const open = items.filter((r) => r.status === 'pending' || r.status === 'more_requested').length;
                const decided = items
                  .map((r) => r.decidedAt)
                  .filter(Boolean)
                  .sort()
                  .pop();
                return (
                  <Table.Tr key={applicationId} data-testid="review-row">
                    <Table.Td>
                      <Anchor component={Link} to={`/staff/reviews/${applicationId}`}>
                        <ReviewCandidate applicationId={applicationId} />
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{items.length}</Table.Td>
                    <Table.Td>
                      {open > 0 ? (
                        <StatusBadge group="reviewStatus" value="pending" />
                      ) : (
                        t('reviews.doneAt', { date: format.dateTime(decided ?? null) })
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
    </Stack>
  );
}

function ReviewCandidate({ applicationId }: { applicationId: string }) {
  const application = useQuery({
    queryKey: ['application', applicationId],
    queryFn: () => must(api.GET('/api/v1/applications/{id}', { params: { path: { id: applicationId } } })),
  });
  return application.data ? <CandidateName id={application.data.candidateId} /> : <>…</>;
}
