import {
  Anchor,
  Button,
  Checkbox,
  NativeSelect,
  NumberInput,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../api/client';
import { must } from '../../api/errors';
import { CardName, useCard } from '../../components/card-name';
import { ErrorAlert } from '../../components/error-alert';
import { usePageTitle } from '../../components/page-title';
import { QueryState } from '../../components/query-state';
import { useFormat } from '../../i18n/format';
import { DEFAULT_SETTINGS, SETTINGS, type Settings } from '../program-settings';
import { CardOption, CentreName, Section, StatusBadge, ScrollTable } from '../staff-components';
import { useStaffT } from '../staff-i18n';

/** The centre's programs, every version, and a new one from a card the centre is accredited for. */
export default function ProgramsPage() {
  const { t } = useStaffT();
  const format = useFormat();
  const { centreId = '' } = useParams();
  usePageTitle(t('programs.title'));
  const programs = useQuery({
    queryKey: ['programs', centreId],
    queryFn: () => must(api.GET('/api/v1/centres/{centreId}/programs', { params: { path: { centreId } } })),
  });
  return (
    <Stack gap="lg">
      <Title order={1}>{t('programs.title')}</Title>
      <Text c="dimmed">
        <CentreName id={centreId} />
      </Text>
      <Section id="programs" title={t('programs.list')}>
        <QueryState isPending={programs.isPending} error={programs.error} />
        {programs.data?.length === 0 && <Text>{t('programs.none')}</Text>}
        {programs.data && programs.data.length > 0 && (
          <ScrollTable minWidth={500}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('programs.card')}</Table.Th>
                  <Table.Th>{t('programs.version')}</Table.Th>
                  <Table.Th>{t('programs.status')}</Table.Th>
                  <Table.Th>{t('programs.activatedAt')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {programs.data.map((p) => (
                  <Table.Tr key={p.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/staff/programs/${p.id}`}>
                        <CardName id={p.cardId} />
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{p.version}</Table.Td>
                    <Table.Td>
                      <StatusBadge group="programStatus" value={p.status} />
                    </Table.Td>
                    <Table.Td>{format.dateTime(p.activatedAt)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        )}
      </Section>
      <NewProgram centreId={centreId} />
    </Stack>
  );
}

function NewProgram({ centreId }: { centreId: string }) {
  const { t } = useStaffT();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const accreditations = useQuery({
    queryKey: ['centre-accreditations', centreId],
    queryFn: () => must(api.GET('/api/v1/centres/{id}/accreditations', { params: { path: { id: centreId } } })),
  });
  const inForce = (accreditations.data ?? []).filter((a) => a.inForce);
  const [cardId, setCardId] = useState('');
  const [settings, setSettings] = useState<Settings>(DEFAULT_SETTINGS);
  const [additional, setAdditional] = useState<string[]>([]);
  const card = useCard(cardId || undefined);
  const create = useMutation({
    mutationFn: () =>
      must(
        api.POST('/api/v1/centres/{centreId}/programs', {
          params: { path: { centreId } },
          body: { cardId, ...settings, additionalFunctionIds: additional },
        }),
      ),
    onSuccess: (program) => {
      void queryClient.invalidateQueries({ queryKey: ['programs', centreId] });
      void navigate(`/staff/programs/${program.id}`);
    },
  });
  return (
    <Section id="new-program" title={t('programs.new')}>
      <QueryState isPending={accreditations.isPending} error={accreditations.error} />
      {accreditations.data && inForce.length === 0 && <Text>{t('programs.noAccreditation')}</Text>}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          create.mutate();
        }}
      >
        <Stack gap="sm">
          <NativeSelect
            label={t('programs.card')}
            required
            value={cardId}
            onChange={(event) => {
              setCardId(event.currentTarget.value);
              setAdditional([]);
            }}
          >
            <option value="">{t('common.choose')}</option>
            {inForce.map((a) => (
              <CardOption key={a.id} id={a.cardId} />
            ))}
          </NativeSelect>
          {cardId && card.data && (
            <Text size="sm" c="dimmed">
              {card.data.name} · {t('programs.orkLevel', { level: card.data.orkLevel })}
            </Text>
          )}
          {card.data?.functions
            .filter((fn) => fn.kind === 'additional')
            .map((fn) => (
              <Checkbox
                key={fn.id}
                value={fn.id}
                label={t('programs.offerAdditional', { number: fn.number, title: fn.title })}
                checked={additional.includes(fn.id)}
                onChange={(event) =>
                  setAdditional((ids) =>
                    event.currentTarget.checked ? [...ids, fn.id] : ids.filter((id) => id !== fn.id),
                  )
                }
              />
            ))}
          <SettingsFields settings={settings} onChange={setSettings} />
          <ErrorAlert error={create.error} />
          <Button type="submit" loading={create.isPending} disabled={!cardId}>
            {t('programs.create')}
          </Button>
        </Stack>
      </form>
    </Section>
  );
}

export function SettingsFields({ settings, onChange }: { settings: Settings; onChange: (s: Settings) => void }) {
  const { t } = useStaffT();
  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }}>
      {SETTINGS.map((s) => (
        <NumberInput
          key={s.key}
          label={t(`settings.${s.key}`)}
          min={s.min}
          max={s.max}
          value={settings[s.key]}
          onChange={(value) => onChange({ ...settings, [s.key]: Number(value) || 0 })}
        />
      ))}
    </SimpleGrid>
  );
}
