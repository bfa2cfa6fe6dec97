import { Anchor, Button, Group, NativeSelect, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { must } from '../../api/errors';
import { saveBlob } from '../../api/download';
import { useAuth } from '../../auth/auth-context';
import { ErrorAlert } from '../../components/error-alert';
import { usePageTitle } from '../../components/page-title';
import { QueryState } from '../../components/query-state';
import { useFormat } from '../../i18n/format';
import { StatusBadge, ScrollTable } from '../staff-components';
import { useStaffT } from '../staff-i18n';

const PAGE = 50;
const FILTERS = ['centreId', 'cardId', 'status', 'issuedFrom', 'issuedTo', 'q'] as const;

/**
 * The register of certificates: filtered by centre, card, status, issue dates and text (kept in the
 * URL), a page at a time, and exported with the same filters as xlsx or csv by the API.
 */
export default function RegisterPage() {
  const { t } = useStaffT();
  const format = useFormat();
  const { user } = useAuth();
  usePageTitle(t('register.title'));
  const [params, setParams] = useSearchParams();
  const filter = Object.fromEntries(
    FILTERS.flatMap((key) => (params.get(key) ? [[key, params.get(key) as string]] : [])),
  ) as {
    centreId?: string;
    cardId?: string;
    status?: 'valid' | 'expired' | 'revoked';
    issuedFrom?: string;
    issuedTo?: string;
    q?: string;
  };
  const offset = Number(params.get('offset') ?? 0);
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key !== 'offset') next.delete('offset');
    setParams(next, { replace: true });
  };
  const register = useQuery({
    queryKey: ['register', filter, offset],
    queryFn: () =>
      must(api.GET('/api/v1/certificates/register', { params: { query: { ...filter, limit: PAGE, offset } } })),
  });
  const centres = useQuery({ queryKey: ['centres'], queryFn: () => must(api.GET('/api/v1/centres')) });
  // The cards the register holds on this page and any chosen before: named as the certificates name them.
  const cards = new Map((register.data?.items ?? []).map((r) => [r.cardId, r.cardName]));
  const download = useMutation({
    mutationFn: async (kind: 'xlsx' | 'csv') => {
      const blob = await must(
        api.GET('/api/v1/certificates/register/export', {
          params: { query: { ...filter, format: kind } },
          parseAs: 'blob',
        }),
      );
      saveBlob(blob, `register.${kind}`);
    },
  });
  return (
    <Stack gap="lg">
      <Title order={1}>{t('register.title')}</Title>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <TextInput
          label={t('register.search')}
          value={filter.q ?? ''}
          onChange={(e) => set('q', e.currentTarget.value)}
        />
        <NativeSelect
          label={t('nav.centres')}
          value={filter.centreId ?? ''}
          onChange={(e) => set('centreId', e.currentTarget.value)}
        >
          <option value="">{t('applications.any')}</option>
          {(centres.data ?? []).map((c) => (
            <option key={c.id} value={c.id}>
              {`${c.code} · ${c.name}`}
            </option>
          ))}
        </NativeSelect>
        <NativeSelect
          label={t('programs.card')}
          value={filter.cardId ?? ''}
          onChange={(e) => set('cardId', e.currentTarget.value)}
        >
          <option value="">{t('applications.any')}</option>
          {[...cards].map(([id, name]) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
        </NativeSelect>
        <NativeSelect
          label={t('applications.status')}
          value={filter.status ?? ''}
          onChange={(e) => set('status', e.currentTarget.value)}
        >
          <option value="">{t('applications.any')}</option>
          {(['valid', 'expired', 'revoked'] as const).map((s) => (
            <option key={s} value={s}>
              {t(`certificateStatus.${s}`)}
            </option>
          ))}
        </NativeSelect>
        <TextInput
          type="date"
          label={t('register.issuedFrom')}
          value={filter.issuedFrom ?? ''}
          onChange={(e) => set('issuedFrom', e.currentTarget.value)}
        />
        <TextInput
          type="date"
          label={t('register.issuedTo')}
          value={filter.issuedTo ?? ''}
          onChange={(e) => set('issuedTo', e.currentTarget.value)}
        />
      </SimpleGrid>
      <Group gap="xs">
        <Text size="sm">{t('register.export')}</Text>
        {(['xlsx', 'csv'] as const).map((kind) => (
          <Button
            key={kind}
            size="compact-sm"
            variant="outline"
            onClick={() => download.mutate(kind)}
            loading={download.isPending && download.variables === kind}
          >
            {kind}
          </Button>
        ))}
      </Group>
      <ErrorAlert error={download.error} />
      <QueryState isPending={register.isPending} error={register.error} />
      {register.data && (
        <>
          <Text size="sm" c="dimmed">
            {t('audit.shown', {
              from: register.data.total === 0 ? 0 : offset + 1,
              to: offset + register.data.items.length,
              total: register.data.total,
            })}
          </Text>
          <ScrollTable minWidth={720}>
            <Table fz="sm" striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('register.number')}</Table.Th>
                  <Table.Th>{t('register.holder')}</Table.Th>
                  <Table.Th>{t('programs.card')}</Table.Th>
                  <Table.Th>{t('dashboard.centre')}</Table.Th>
                  <Table.Th>{t('register.issued')}</Table.Th>
                  <Table.Th>{t('applications.status')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {register.data.items.map((r) => (
                  <Table.Tr key={r.id} data-testid="register-row">
                    <Table.Td>{r.number}</Table.Td>
                    <Table.Td>
                      {r.holderName}
                      <Text size="xs" c="dimmed">
                        {r.maskedIin}
                      </Text>
                    </Table.Td>
                    <Table.Td>{r.cardName}</Table.Td>
                    <Table.Td>{r.centreCode}</Table.Td>
                    <Table.Td>
                      {format.date(r.issuedOn)} — {format.date(r.validUntil)}
                    </Table.Td>
                    <Table.Td>
                      <StatusBadge group="certificateStatus" value={r.status} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
          <Group>
            <Button
              variant="outline"
              disabled={offset === 0}
              onClick={() => set('offset', String(Math.max(0, offset - PAGE)))}
            >
              {t('register.previous')}
            </Button>
            <Button
              variant="outline"
              disabled={offset + PAGE >= register.data.total}
              onClick={() => set('offset', String(offset + PAGE))}
            >
              {t('register.next')}
            </Button>
          </Group>
        </>
      )}
      {user?.role === 'admin' && (
        <Text size="sm" c="dimmed">
          {t('register.apiNote')} <Anchor href="/api/docs">/api/v1/certificates/register</Anchor>
        </Text>
      )}
    </Stack>
  );
}
