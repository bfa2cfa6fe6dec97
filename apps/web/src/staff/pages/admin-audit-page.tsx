import { Button, Code, Group, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client';
import { must } from '../../api/errors';
import { usePageTitle } from '../../components/page-title';
import { QueryState } from '../../components/query-state';
import { useFormat } from '../../i18n/format';
import { useStaffT } from '../staff-i18n';
import { ScrollTable } from '../staff-components';

const PAGE = 50;

/** The audit trail with filters (entity, actor, period), newest first, a page at a time. */
export default function AdminAuditPage() {
  const { t } = useStaffT();
  const format = useFormat();
  usePageTitle(t('audit.title'));
  const [entityType, setEntityType] = useState('');
  const [entityId, setEntityId] = useState('');
  const [actorId, setActorId] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [offset, setOffset] = useState(0);
  const uuid = (value: string) => /^[0-9a-f-]{36}$/i.test(value.trim());
  const query = {
    limit: PAGE,
    offset,
    ...(entityType.trim() ? { entityType: entityType.trim() } : {}),
    ...(uuid(entityId) ? { entityId: entityId.trim() } : {}),
    ...(uuid(actorId) ? { actorId: actorId.trim() } : {}),
    ...(from ? { from: new Date(`${from}T00:00:00`).toISOString() } : {}),
    ...(to ? { to: new Date(`${to}T23:59:59.999`).toISOString() } : {}),
  };
  const audit = useQuery({
    queryKey: ['audit', query],
    queryFn: () => must(api.GET('/api/v1/audit', { params: { query } })),
  });
  const filter = (set: (v: string) => void) => (e: React.ChangeEvent<HTMLInputElement>) => {
    set(e.currentTarget.value);
    setOffset(0);
  };
  return (
    <Stack gap="lg">
      <Title order={1}>{t('audit.title')}</Title>
      <SimpleGrid cols={{ base: 1, sm: 3, md: 5 }}>
        <TextInput
          label={t('audit.entityType')}
          placeholder="application"
          value={entityType}
          onChange={filter(setEntityType)}
        />
        <TextInput label={t('audit.entityId')} value={entityId} onChange={filter(setEntityId)} />
        <TextInput label={t('audit.actorId')} value={actorId} onChange={filter(setActorId)} />
        <TextInput type="date" label={t('applications.from')} value={from} onChange={filter(setFrom)} />
        <TextInput type="date" label={t('applications.to')} value={to} onChange={filter(setTo)} />
      </SimpleGrid>
      <QueryState isPending={audit.isPending} error={audit.error} />
      {audit.data && (
        <>
          <Text size="sm" c="dimmed">
            {t('audit.shown', {
              from: audit.data.total === 0 ? 0 : offset + 1,
              to: offset + audit.data.items.length,
              total: audit.data.total,
            })}
          </Text>
          <ScrollTable minWidth={720}>
            <Table fz="sm" striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('audit.when')}</Table.Th>
                  <Table.Th>{t('audit.action')}</Table.Th>
                  <Table.Th>{t('audit.entity')}</Table.Th>
                  <Table.Th>{t('audit.actor')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {audit.data.items.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td>{format.dateTime(r.occurredAt)}</Table.Td>
                    <Table.Td>
                      <Code>{r.action}</Code>
                    </Table.Td>
                    <Table.Td>
                      {r.entityType} <Code>{r.entityId.slice(0, 8)}</Code>
                    </Table.Td>
                    <Table.Td>
                      {t(`role.${r.actorRole}`, { defaultValue: r.actorRole })}{' '}
                      {r.actorId && <Code>{r.actorId.slice(0, 8)}</Code>}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
          <Group>
            <Button variant="outline" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
              {t('audit.newer')}
            </Button>
            <Button
              variant="outline"
              disabled={offset + PAGE >= audit.data.total}
              onClick={() => setOffset(offset + PAGE)}
            >
              {t('audit.older')}
            </Button>
          </Group>
        </>
      )}
    </Stack>
  );
}
