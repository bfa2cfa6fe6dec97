import { Anchor, Button, SimpleGrid, Stack, Table, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api/client';
import { ApiFailure, must } from '../../api/errors';
import { ErrorAlert } from '../../components/error-alert';
import { usePageTitle } from '../../components/page-title';
import { QueryState } from '../../components/query-state';
import { Section, StatusBadge, ScrollTable } from '../staff-components';
import { useStaffT } from '../staff-i18n';

const FIELDS = ['code', 'name', 'region', 'address', 'phone', 'email'] as const;
type Field = (typeof FIELDS)[number];

/** Every assessment centre, and a new one. */
export default function AdminCentresPage() {
  const { t } = useStaffT();
  usePageTitle(t('centres.title'));
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const centres = useQuery({ queryKey: ['centres'], queryFn: () => must(api.GET('/api/v1/centres')) });
  const [form, setForm] = useState<Record<Field, string>>({
    code: '',
    name: '',
    region: '',
    address: '',
    phone: '',
    email: '',
  });
  const create = useMutation({
    mutationFn: () =>
      must(
        api.POST('/api/v1/centres', {
          body: {
            code: form.code,
            name: form.name,
            region: form.region,
            address: form.address,
            ...(form.phone ? { phone: form.phone } : {}),
            ...(form.email ? { email: form.email } : {}),
          },
        }),
      ),
    onSuccess: (centre) => {
      void queryClient.invalidateQueries({ queryKey: ['centres'] });
      void navigate(`/staff/admin/centres/${centre.id}`);
    },
  });
  const fieldErrors = create.error instanceof ApiFailure ? create.error.fields() : {};
  return (
    <Stack gap="lg">
      <Title order={1}>{t('centres.title')}</Title>
      <Section id="centres" title={t('centres.list')}>
        <QueryState isPending={centres.isPending} error={centres.error} />
        {centres.data && (
          <ScrollTable minWidth={480}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('centres.code')}</Table.Th>
                  <Table.Th>{t('centres.name')}</Table.Th>
                  <Table.Th>{t('centres.region')}</Table.Th>
                  <Table.Th>{t('programs.status')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {centres.data.map((c) => (
                  <Table.Tr key={c.id}>
                    <Table.Td>{c.code}</Table.Td>
                    <Table.Td>
                      <Anchor component={Link} to={`/staff/admin/centres/${c.id}`}>
                        {c.name}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{c.region}</Table.Td>
                    <Table.Td>
                      <StatusBadge group="centreStatus" value={c.status} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        )}
      </Section>
      <Section id="new-centre" title={t('centres.new')}>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            create.mutate();
          }}
        >
          <Stack gap="sm">
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              {FIELDS.map((field) => (
                <TextInput
                  key={field}
                  label={t(`centres.${field}`)}
                  required={field !== 'phone' && field !== 'email'}
                  value={form[field]}
                  error={fieldErrors[field]}
                  onChange={(e) => setForm({ ...form, [field]: e.currentTarget.value })}
                />
              ))}
            </SimpleGrid>
            <ErrorAlert error={create.error} />
            <Button type="submit" loading={create.isPending}>
              {t('centres.create')}
            </Button>
          </Stack>
        </form>
      </Section>
    </Stack>
  );
}
