import {
  Badge,
  Button,
  Group,
  MultiSelect,
  NativeSelect,
  PasswordInput,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client';
import { ApiFailure, must } from '../../api/errors';
import { ErrorAlert } from '../../components/error-alert';
import { usePageTitle } from '../../components/page-title';
import { QueryState } from '../../components/query-state';
import { Section, type Schemas, ScrollTable } from '../staff-components';
import { useStaffT } from '../staff-i18n';

const ROLES = ['admin', 'centre_manager', 'assessor', 'candidate'] as const;
type Role = (typeof ROLES)[number];

/** Accounts: search by name or e-mail and role, disable or enable, change a staff role, and new staff accounts. */
export default function AdminUsersPage() {
  const { t } = useStaffT();
  usePageTitle(t('users.title'));
  const queryClient = useQueryClient();
  const [q, setQ] = useState('');
  const [role, setRole] = useState<Role | ''>('');
  const [changing, setChanging] = useState<string | null>(null);
  const users = useQuery({
    queryKey: ['users', q, role],
    queryFn: () =>
      must(
        api.GET('/api/v1/users', { params: { query: { limit: 50, ...(q ? { q } : {}), ...(role ? { role } : {}) } } }),
      ),
  });
  // The form sits below the table, not in a row of it: a phone scrolls the table sideways.
  const changingUser = users.data?.items.find((u) => u.id === changing);
  const status = useMutation({
    mutationFn: ({ id, value }: { id: string; value: 'active' | 'disabled' }) =>
      must(api.PATCH('/api/v1/users/{id}/status', { params: { path: { id } }, body: { status: value } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['users'] }),
  });
  return (
    <Stack gap="lg">
      <Title order={1}>{t('users.title')}</Title>
      <Section id="users" title={t('users.list')}>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('users.search')} value={q} onChange={(e) => setQ(e.currentTarget.value)} />
          <NativeSelect
            label={t('users.role')}
            value={role}
            onChange={(e) => setRole(e.currentTarget.value as Role | '')}
          >
            <option value="">{t('applications.any')}</option>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </NativeSelect>
        </SimpleGrid>
        <QueryState isPending={users.isPending} error={users.error} />
        <ErrorAlert error={status.error} />
        {users.data && (
          <>
            <Text size="sm" c="dimmed">
              {t('users.total', { n: users.data.total })}
            </Text>
            <ScrollTable minWidth={560}>
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('users.fullName')}</Table.Th>
                    <Table.Th>{t('users.email')}</Table.Th>
                    <Table.Th>{t('users.role')}</Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {users.data.items.map((u) => (
                    <Table.Tr key={u.id}>
                      <Table.Td>{u.fullName}</Table.Td>
                      <Table.Td>{u.email}</Table.Td>
                      <Table.Td>
                        <Group gap={4}>
                          <Badge variant="outline">{t(`role.${u.role}`)}</Badge>
                          {u.status === 'disabled' && <Badge color="gray">{t('userStatus.disabled')}</Badge>}
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        <Button
                          size="compact-xs"
                          variant="subtle"
                          color={u.status === 'active' ? 'red' : 'teal'}
                          onClick={() =>
                            status.mutate({ id: u.id, value: u.status === 'active' ? 'disabled' : 'active' })
                          }
                        >
                          {u.status === 'active' ? t('users.disable') : t('users.enable')}
                        </Button>
                        {u.role !== 'candidate' && (
                          <Button
                            size="compact-xs"
                            variant="subtle"
                            aria-expanded={changing === u.id}
                            aria-controls={changing === u.id ? 'role-change' : undefined}
                            aria-label={t('users.changeRoleOf', { name: u.fullName })}
                            onClick={() => setChanging(changing === u.id ? null : u.id)}
                          >
                            {t('users.changeRole')}
                          </Button>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollTable>
            {changingUser && <RoleChange key={changingUser.id} user={changingUser} onDone={() => setChanging(null)} />}
          </>
        )}
      </Section>
      <NewStaff />
    </Stack>
  );
}

/**
 * A staff account's new role and its centres (at least one for a manager or an assessor, none for
 * an administrator). The account's sessions end: the person signs in again with the new role.
 */
function RoleChange({ user, onDone }: { user: Schemas['UserDto']; onDone: () => void }) {
  const { t } = useStaffT();
  const queryClient = useQueryClient();
  const centres = useQuery({ queryKey: ['centres'], queryFn: () => must(api.GET('/api/v1/centres')) });
  const [role, setRole] = useState<Schemas['ChangeUserRoleDto']['role']>(
    user.role === 'candidate' ? 'assessor' : user.role,
  );
  const [centreIds, setCentreIds] = useState<string[]>(user.centreIds);
  const change = useMutation({
    mutationFn: () =>
      must(
        api.PATCH('/api/v1/users/{id}/role', {
          params: { path: { id: user.id } },
          body: { role, centreIds: role === 'admin' ? [] : centreIds },
        }),
      ),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['users'] });
      onDone();
    },
  });
  const errors = change.error instanceof ApiFailure ? change.error.fields() : {};
  return (
    <form
      id="role-change"
      data-testid="role-change"
      onSubmit={(event) => {
        event.preventDefault();
        change.mutate();
      }}
    >
      <Stack gap="xs">
        <Text fw={600}>{t('users.changeRoleOf', { name: user.fullName })}</Text>
        <Text size="sm">{t('users.roleChangeNote', { name: user.fullName })}</Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NativeSelect
            label={t('users.newRole')}
            value={role}
            error={errors.role}
            onChange={(e) => setRole(e.currentTarget.value as Schemas['ChangeUserRoleDto']['role'])}
          >
            {(['admin', 'centre_manager', 'assessor'] as const).map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </NativeSelect>
          {role !== 'admin' && (
            <MultiSelect
              label={t('users.centres')}
              value={centreIds}
              error={errors.centreIds}
              onChange={setCentreIds}
              data={(centres.data ?? []).map((c) => ({ value: c.id, label: `${c.code} · ${c.name}` }))}
              searchable
            />
          )}
        </SimpleGrid>
        {!errors.role && !errors.centreIds && <ErrorAlert error={change.error} />}
        <Group gap="xs">
          <Button type="submit" size="xs" loading={change.isPending}>
            {t('users.saveRole')}
          </Button>
          <Button size="xs" variant="subtle" onClick={onDone}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function NewStaff() {
  const { t } = useStaffT();
  const queryClient = useQueryClient();
  const centres = useQuery({ queryKey: ['centres'], queryFn: () => must(api.GET('/api/v1/centres')) });
  const [form, setForm] = useState({ fullName: '', email: '', password: '', role: 'centre_manager' });
  const [centreIds, setCentreIds] = useState<string[]>([]);
  const create = useMutation({
    mutationFn: () =>
      must(
        api.POST('/api/v1/users', {
          body: { ...form, role: form.role as Schemas['CreateStaffUserDto']['role'], centreIds },
        }),
      ),
    onSuccess: () => {
      setForm({ fullName: '', email: '', password: '', role: form.role });
      setCentreIds([]);
      void queryClient.invalidateQueries({ queryKey: ['users'] });
    },
  });
  const errors = create.error instanceof ApiFailure ? create.error.fields() : {};
  return (
    <Section id="new-user" title={t('users.new')}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          create.mutate();
        }}
      >
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('users.fullName')}
              required
              value={form.fullName}
              error={errors.fullName}
              onChange={(e) => setForm({ ...form, fullName: e.currentTarget.value })}
            />
            <TextInput
              label={t('users.email')}
              type="email"
              required
              value={form.email}
              error={errors.email}
              onChange={(e) => setForm({ ...form, email: e.currentTarget.value })}
            />
            <PasswordInput
              label={t('users.password')}
              required
              value={form.password}
              error={errors.password}
              onChange={(e) => setForm({ ...form, password: e.currentTarget.value })}
            />
            <NativeSelect
              label={t('users.role')}
              value={form.role}
              onChange={(e) => setForm({ ...form, role: e.currentTarget.value })}
            >
              {(['admin', 'centre_manager', 'assessor'] as const).map((r) => (
                <option key={r} value={r}>
                  {t(`role.${r}`)}
                </option>
              ))}
            </NativeSelect>
          </SimpleGrid>
          <MultiSelect
            label={t('users.centres')}
            value={centreIds}
            onChange={setCentreIds}
            data={(centres.data ?? []).map((c) => ({ value: c.id, label: `${c.code} · ${c.name}` }))}
            searchable
          />
          {create.isSuccess && <Text size="sm">{t('users.created')}</Text>}
          <ErrorAlert error={create.error} />
          <Group>
            <Button type="submit" loading={create.isPending}>
              {t('users.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}
