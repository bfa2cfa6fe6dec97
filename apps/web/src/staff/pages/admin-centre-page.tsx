import {
  Button,
  Checkbox,
  Group,
  NativeSelect,
  Box,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams } from 'react-router';
import { api } from '../../api/client';
import { must } from '../../api/errors';
import { CardName } from '../../components/card-name';
import { ErrorAlert } from '../../components/error-alert';
import { usePageTitle } from '../../components/page-title';
import { QueryState } from '../../components/query-state';
import { useFormat } from '../../i18n/format';
import { Section, StatusBadge, today, useCentre, ScrollTable } from '../staff-components';
import { useStaffT } from '../staff-i18n';

/** A centre: its details, suspension, and accreditations per card and period. */
export default function AdminCentrePage() {
  const { t } = useStaffT();
  const { id = '' } = useParams();
  const queryClient = useQueryClient();
  const centre = useCentre(id);
  usePageTitle(centre.data?.name ?? t('centres.title'));
  const status = useMutation({
    mutationFn: (value: 'active' | 'suspended') =>
      must(api.PATCH('/api/v1/centres/{id}', { params: { path: { id } }, body: { status: value } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['centre', id] }),
  });
  if (!centre.data) return <QueryState isPending={centre.isPending} error={centre.error} />;
  const c = centre.data;
  return (
    <Stack gap="lg">
      <Title order={1}>{c.name}</Title>
      <Stack gap={2}>
        <Group gap="xs">
          <Text fw={600}>{c.code}</Text>
          <StatusBadge group="centreStatus" value={c.status} />
        </Group>
        <Text size="sm">
          {c.region}, {c.address}
          {c.phone ? ` · ${c.phone}` : ''}
          {c.email ? ` · ${c.email}` : ''}
        </Text>
      </Stack>
      <Group>
        {c.status === 'active' ? (
          <Button color="red" variant="outline" onClick={() => status.mutate('suspended')} loading={status.isPending}>
            {t('centres.suspend')}
          </Button>
        ) : (
          <Button variant="outline" onClick={() => status.mutate('active')} loading={status.isPending}>
            {t('centres.reactivate')}
          </Button>
        )}
      </Group>
      <ErrorAlert error={status.error} />
      <Accreditations centreId={id} />
    </Stack>
  );
}

function Accreditations({ centreId }: { centreId: string }) {
  const { t } = useStaffT();
  const format = useFormat();
  const queryClient = useQueryClient();
  const accreditations = useQuery({
    queryKey: ['centre-accreditations', centreId],
    queryFn: () => must(api.GET('/api/v1/centres/{id}/accreditations', { params: { path: { id: centreId } } })),
  });
  const standards = useQuery({ queryKey: ['standards'], queryFn: () => must(api.GET('/api/v1/standards')) });
  const [standardId, setStandardId] = useState('');
  const cards = useQuery({
    queryKey: ['standard-cards', standardId],
    enabled: Boolean(standardId),
    queryFn: () =>
      must(api.GET('/api/v1/standards/{id}/cards', { params: { path: { id: standardId }, query: { limit: 100 } } })),
  });
  const [cardIds, setCardIds] = useState<string[]>([]);
  const [from, setFrom] = useState(today());
  const [to, setTo] = useState(today(3 * 365));
  const [documentRef, setDocumentRef] = useState('');
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['centre-accreditations', centreId] });
  const accredit = useMutation({
    mutationFn: () =>
      must(
        api.POST('/api/v1/centres/{id}/accreditations', {
          params: { path: { id: centreId } },
          body: { cardIds, validFrom: from, validTo: to, documentRef },
        }),
      ),
    onSuccess: () => {
      setCardIds([]);
      refresh();
    },
  });
  const revoke = useMutation({
    mutationFn: (accreditationId: string) =>
      must(
        api.POST('/api/v1/centres/{id}/accreditations/{accreditationId}/revoke', {
          params: { path: { id: centreId, accreditationId } },
        }),
      ),
    onSuccess: refresh,
  });
  return (
    <>
      <Section id="accreditations" title={t('centres.accreditations')}>
        <QueryState isPending={accreditations.isPending} error={accreditations.error} />
        {accreditations.data?.length === 0 && <Text c="dimmed">{t('centres.noAccreditations')}</Text>}
        {accreditations.data && accreditations.data.length > 0 && (
          <ScrollTable minWidth={560}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('programs.card')}</Table.Th>
                  <Table.Th>{t('centres.period')}</Table.Th>
                  <Table.Th>{t('centres.document')}</Table.Th>
                  <Table.Th>{t('programs.status')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {accreditations.data.map((a) => (
                  <Table.Tr key={a.id} data-testid="accreditation-row">
                    <Table.Td>
                      <CardName id={a.cardId} />
                    </Table.Td>
                    <Table.Td>
                      {format.date(a.validFrom)} — {format.date(a.validTo)}
                    </Table.Td>
                    <Table.Td>{a.documentRef}</Table.Td>
                    <Table.Td>
                      {a.status === 'revoked' ? (
                        <StatusBadge group="accreditationStatus" value="revoked" />
                      ) : (
                        <StatusBadge group="inForce" value={a.inForce ? 'yes' : 'no'} />
                      )}
                    </Table.Td>
                    <Table.Td>
                      {a.status === 'active' && (
                        <Button size="compact-xs" variant="subtle" color="red" onClick={() => revoke.mutate(a.id)}>
                          {t('assessors.revoke')}
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        )}
        <ErrorAlert error={revoke.error} />
      </Section>
      <Section id="accredit" title={t('centres.accredit')}>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            accredit.mutate();
          }}
        >
          <Stack gap="sm">
            <NativeSelect
              label={t('centres.standard')}
              value={standardId}
              onChange={(e) => setStandardId(e.currentTarget.value)}
            >
              <option value="">{t('common.choose')}</option>
              {(standards.data ?? []).map((s) => (
                <option key={s.id} value={s.id}>
                  {s.title}
                </option>
              ))}
            </NativeSelect>
            <QueryState isPending={Boolean(standardId) && cards.isPending} error={cards.error} />
            {cards.data && (
              <Checkbox.Group label={t('centres.cards')} value={cardIds} onChange={setCardIds}>
                <Box mah={280} mt={4} style={{ overflow: 'auto' }} tabIndex={0} aria-label={t('centres.cards')}>
                  <Stack gap={4}>
                    {cards.data.items.map((card) => (
                      <Checkbox
                        key={card.id}
                        value={card.id}
                        label={`${card.name} (${t('programs.orkLevel', { level: card.orkLevel })})`}
                      />
                    ))}
                  </Stack>
                </Box>
              </Checkbox.Group>
            )}
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextInput
                type="date"
                label={t('assessors.from')}
                required
                value={from}
                onChange={(e) => setFrom(e.currentTarget.value)}
              />
              <TextInput
                type="date"
                label={t('assessors.to')}
                required
                value={to}
                onChange={(e) => setTo(e.currentTarget.value)}
              />
              <TextInput
                label={t('centres.document')}
                required
                value={documentRef}
                onChange={(e) => setDocumentRef(e.currentTarget.value)}
              />
            </SimpleGrid>
            <ErrorAlert error={accredit.error} />
            <Group>
              <Button type="submit" disabled={cardIds.length === 0 || !documentRef.trim()} loading={accredit.isPending}>
                {t('centres.accreditButton')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Section>
    </>
  );
}
