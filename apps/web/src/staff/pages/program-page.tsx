import { Alert, Badge, Button, Checkbox, Group, List, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams } from 'react-router';
import { api } from '../../api/client';
import { must } from '../../api/errors';
import { ErrorAlert } from '../../components/error-alert';
import { usePageTitle } from '../../components/page-title';
import { QueryState } from '../../components/query-state';
import { readinessReason, SETTINGS, type ReadinessReason, type Settings } from '../program-settings';
import { Section, skillLabel, StatusBadge, useSkills, type Schemas } from '../staff-components';
import { useStaffT } from '../staff-i18n';
import { SettingsFields } from './programs-page';
import { TITLE } from '../alert-title';

type Program = Schemas['ProgramDto'];

/** A program: its settings, a practical task per examined skill, readiness in words, activation. */
export default function ProgramPage() {
  const { t } = useStaffT();
  const { id = '' } = useParams();
  const queryClient = useQueryClient();
  const program = useQuery({
    queryKey: ['program', id],
    queryFn: () => must(api.GET('/api/v1/programs/{id}', { params: { path: { id } } })),
  });
  const { card, skills } = useSkills(program.data?.cardId);
  usePageTitle(card.data ? `${t('program.title')}: ${card.data.name}` : t('program.title'));
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['program', id] });
  const activate = useMutation({
    mutationFn: () => must(api.POST('/api/v1/programs/{id}/activate', { params: { path: { id } } })),
    onSuccess: refresh,
  });
  if (!program.data) return <QueryState isPending={program.isPending} error={program.error} />;
  const p = program.data;
  const draft = p.status === 'draft';
  const examined = (card.data?.functions ?? []).filter(
    (fn) => fn.kind === 'mandatory' || p.additionalFunctionIds.includes(fn.id),
  );
  return (
    <Stack gap="lg">
      <Title order={1}>{card.data?.name ?? t('program.title')}</Title>
      <Group>
        <StatusBadge group="programStatus" value={p.status} />
        <Text>{t('programs.versionN', { version: p.version })}</Text>
      </Group>
      <Section id="readiness" title={t('program.readiness')}>
        {p.readiness.ready ? (
          <Alert color="teal" data-testid="readiness">
            {t('program.ready')}
          </Alert>
        ) : (
          <Alert color="yellow" data-testid="readiness" styles={TITLE} title={t('program.notReady')}>
            <List size="sm">
              {(p.readiness.missing as unknown as { skillId: string; reasons: ReadinessReason[] }[]).map((m) => (
                <List.Item key={m.skillId}>
                  {t('program.skillMissing', {
                    skill: skills.get(m.skillId)?.label ?? '?',
                    reasons: m.reasons.map((r) => readinessReason(t, r)).join('; '),
                  })}
                </List.Item>
              ))}
              {(p.readiness.settings as unknown as { code: string; params: Record<string, unknown> }[]).map((s) => (
                <List.Item key={s.code}>{t(`program.settingsProblem.${s.code}`, s.params)}</List.Item>
              ))}
            </List>
          </Alert>
        )}
        {draft && (
          <>
            <ErrorAlert error={activate.error} />
            <Button onClick={() => activate.mutate()} loading={activate.isPending} disabled={!p.readiness.ready}>
              {t('program.activate')}
            </Button>
          </>
        )}
      </Section>
      <ProgramSettings program={p} onSaved={refresh} />
      <Section id="tasks" title={t('program.tasks')}>
        {!draft && <Text c="dimmed">{t('program.tasksLocked')}</Text>}
        {examined.map((fn) =>
          fn.skills.map((skill) => {
            const tasks = p.tasks.filter((task) => task.skillId === skill.id);
            const label = skillLabel(fn.kind, fn.number, skill.number);
            return (
              <Stack key={skill.id} gap={4} data-testid="program-skill">
                <Group gap="xs">
                  <Text fw={600}>
                    {label} {skill.title}
                  </Text>
                  {tasks.length === 0 && <Badge color="yellow">{t('program.noTask')}</Badge>}
                </Group>
                {tasks.map((task) => (
                  <Group key={task.id} gap="xs" wrap="nowrap" align="flex-start">
                    <Text size="sm" style={{ flex: 1 }}>
                      {task.text}
                    </Text>
                    {draft && <RemoveTask programId={id} taskId={task.id} onDone={refresh} />}
                  </Group>
                ))}
                {draft && (
                  <NewTask
                    programId={id}
                    skillId={skill.id}
                    label={label}
                    abilities={skill.abilities}
                    onDone={refresh}
                  />
                )}
              </Stack>
            );
          }),
        )}
      </Section>
    </Stack>
  );
}

function ProgramSettings({ program, onSaved }: { program: Program; onSaved: () => void }) {
  const { t } = useStaffT();
  const [settings, setSettings] = useState<Settings>(
    Object.fromEntries(SETTINGS.map((s) => [s.key, program[s.key]])) as Settings,
  );
  const save = useMutation({
    mutationFn: () =>
      must(
        api.PATCH('/api/v1/programs/{id}', {
          params: { path: { id: program.id } },
          body: { ...settings, additionalFunctionIds: program.additionalFunctionIds },
        }),
      ),
    onSuccess: onSaved,
  });
  return (
    <Section id="settings" title={t('program.settings')}>
      {program.status === 'active' && <Text c="dimmed">{t('program.newVersionNote')}</Text>}
      <SettingsFields settings={settings} onChange={setSettings} />
      <ErrorAlert error={save.error} />
      <Group>
        <Button variant="outline" onClick={() => save.mutate()} loading={save.isPending}>
          {t('program.saveSettings')}
        </Button>
        {save.isSuccess && <Text size="sm">{t('common.saved')}</Text>}
      </Group>
    </Section>
  );
}

function NewTask(props: {
  programId: string;
  skillId: string;
  label: string;
  abilities: { id: string; text: string }[];
  onDone: () => void;
}) {
  const { t } = useStaffT();
  const [text, setText] = useState('');
  const [abilityIds, setAbilityIds] = useState<string[]>(props.abilities.slice(0, 1).map((a) => a.id));
  const add = useMutation({
    mutationFn: () =>
      must(
        api.POST('/api/v1/programs/{id}/tasks', {
          params: { path: { id: props.programId } },
          body: { skillId: props.skillId, text, abilityIds },
        }),
      ),
    onSuccess: () => {
      setText('');
      props.onDone();
    },
  });
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        add.mutate();
      }}
    >
      <Stack gap={4} pl="md">
        <Textarea
          label={t('program.taskText', { skill: props.label })}
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
          autosize
          minRows={1}
        />
        <Checkbox.Group label={t('program.abilities')} value={abilityIds} onChange={setAbilityIds}>
          <Stack gap={2} mt={4}>
            {props.abilities.map((a) => (
              <Checkbox key={a.id} value={a.id} label={a.text} size="xs" />
            ))}
          </Stack>
        </Checkbox.Group>
        <ErrorAlert error={add.error} />
        <Group>
          <Button type="submit" size="xs" variant="outline" loading={add.isPending} disabled={text.trim().length < 10}>
            {t('program.addTask', { skill: props.label })}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function RemoveTask({ programId, taskId, onDone }: { programId: string; taskId: string; onDone: () => void }) {
  const { t } = useStaffT();
  const remove = useMutation({
    mutationFn: () =>
      must(api.DELETE('/api/v1/programs/{id}/tasks/{taskId}', { params: { path: { id: programId, taskId } } })),
    onSuccess: onDone,
  });
  return (
    <Button size="compact-xs" variant="subtle" color="red" onClick={() => remove.mutate()} loading={remove.isPending}>
      {t('program.removeTask')}
    </Button>
  );
}
