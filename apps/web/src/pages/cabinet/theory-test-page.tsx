import { Alert, Badge, Button, Card, Checkbox, Group, Pagination, Radio, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import { ApiFailure, must } from '../../api/errors';
import type { components } from '../../api/schema';
import { ErrorAlert } from '../../components/error-alert';
import { usePageTitle } from '../../components/page-title';
import { QueryState } from '../../components/query-state';
import { useFormat } from '../../i18n/format';

type Test = components['schemas']['TheoryTestDto'];
type SaveState = 'saving' | 'saved' | 'retrying';

/**
 * The timed theory test, one question at a time. The countdown runs from the server's secondsLeft
 * (never the browser's clock); each answer is saved as it is chosen, and one that fails for a
 * dropped connection is sent again until it goes through. Reloading, or opening the test on
 * another device, resumes it with the answers saved.
 */
export default function TheoryTestPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  usePageTitle(t('test.title'));
  const queryClient = useQueryClient();
  const test = useQuery({
    queryKey: ['theory-test', id],
    queryFn: () => must(api.GET('/api/v1/theory-tests/{id}', { params: { path: { id } } })),
    refetchOnWindowFocus: false,
  });
  const [position, setPosition] = useState(1);
  const [answers, setAnswers] = useState<Record<number, string[]>>({});
  const [saves, setSaves] = useState<Record<number, SaveState>>({});
  const secondsLeft = useCountdown(test.data);

  // The saved answers are read once, when the test opens (or after a reload); later reads must not
  // overwrite an answer chosen while its save is on its way.
  const loaded = useRef<string | null>(null);
  useEffect(() => {
    if (!test.data || loaded.current === test.data.id) return;
    loaded.current = test.data.id;
    setAnswers(Object.fromEntries(test.data.items.map((item) => [item.position, item.answer ?? []])));
  }, [test.data]);

  const save = async (itemPosition: number, optionIds: string[]) => {
    setSaves((s) => ({ ...s, [itemPosition]: 'saving' }));
    for (let attempt = 0; ; attempt++) {
      try {
        await must(
          api.PUT('/api/v1/theory-tests/{id}/answers/{position}', {
            params: { path: { id, position: itemPosition } },
            body: { optionIds },
          }),
        );
        setSaves((s) => ({ ...s, [itemPosition]: 'saved' }));
        return;
      } catch (error) {
        // A dropped connection or a server hiccup: say so and try again; a refusal is final.
        if (error instanceof ApiFailure && error.status !== 0 && error.status < 500) {
          setSaves((s) => {
            const next = { ...s };
            delete next[itemPosition];
            return next;
          });
          void queryClient.invalidateQueries({ queryKey: ['theory-test', id] });
          return;
        }
        setSaves((s) => ({ ...s, [itemPosition]: 'retrying' }));
        await new Promise((resolve) => setTimeout(resolve, Math.min(1000 * 2 ** attempt, 8000)));
      }
    }
  };

  const submit = useMutation({
    mutationFn: () => must(api.POST('/api/v1/theory-tests/{id}/submit', { params: { path: { id } } })),
    onSuccess: (data) => queryClient.setQueryData(['theory-test', id], data),
  });

  // At the deadline the server submits the test itself; the page then reloads it to show that.
  const reloaded = useRef(false);
  useEffect(() => {
    if (secondsLeft === 0 && test.data?.status === 'in_progress' && !reloaded.current) {
      reloaded.current = true;
      setTimeout(() => void queryClient.invalidateQueries({ queryKey: ['theory-test', id] }), 2000);
    }
  }, [secondsLeft, test.data?.status, queryClient, id]);

  if (!test.data) return <QueryState isPending={test.isPending} error={test.error} />;
  const data: Test = test.data;
  if (data.status === 'submitted') {
    return (
      <Stack>
        <Title order={1}>{t('test.title')}</Title>
        <Alert color="teal" role="status" data-testid="test-submitted">
          {data.submittedBy === 'deadline' ? t('test.submittedAtDeadline') : t('test.submitted')}
        </Alert>
        <Button component={Link} to="/cabinet" variant="outline">
          {t('cabinet.title')}
        </Button>
      </Stack>
    );
  }
  const item = data.items.find((i) => i.position === position) ?? data.items[0];
  const chosen = answers[item.position] ?? [];
  const choose = (optionIds: string[]) => {
    setAnswers((a) => ({ ...a, [item.position]: optionIds }));
    void save(item.position, optionIds);
  };
  const retrying = Object.values(saves).includes('retrying');
  const answered = data.items.filter((i) => (answers[i.position] ?? []).length > 0).length;

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('test.title')}
        </Title>
        <Countdown seconds={secondsLeft} />
      </Group>
      {retrying && (
        <Alert color="red" role="alert">
          {t('test.retrying')}
        </Alert>
      )}
      <Text size="sm">{t('test.progress', { answered, total: data.items.length })}</Text>
      <Card withBorder>
        <Stack>
          <Group justify="space-between">
            <Text fw={600}>{t('test.question', { n: item.position, total: data.items.length })}</Text>
            <Text
              size="sm"
              c={saves[item.position] === 'retrying' ? 'red.9' : 'dimmed'}
              aria-live="polite"
              data-testid="save-state"
            >
              {saves[item.position] ? t(`test.state_${saves[item.position]}`) : ''}
            </Text>
          </Group>
          <Text>{item.text}</Text>
          {item.type === 'single' ? (
            <Radio.Group value={chosen[0] ?? null} onChange={(value) => choose([value])} label={t('test.chooseOne')}>
              <Stack mt="xs">
                {item.options.map((option) => (
                  <Radio key={option.id} value={option.id} label={option.text} />
                ))}
              </Stack>
            </Radio.Group>
          ) : (
            <Checkbox.Group value={chosen} onChange={choose} label={t('test.chooseMany')}>
              <Stack mt="xs">
                {item.options.map((option) => (
                  <Checkbox key={option.id} value={option.id} label={option.text} />
                ))}
              </Stack>
            </Checkbox.Group>
          )}
        </Stack>
      </Card>
      <Pagination
        total={data.items.length}
        value={item.position}
        onChange={setPosition}
        getItemProps={(page) => ({ 'aria-label': t('test.goTo', { n: page }) })}
        getControlProps={(control) => ({ 'aria-label': t(`test.control_${control}`) })}
      />
      <ErrorAlert error={submit.error} />
      <Group>
        <Button onClick={() => submit.mutate()} loading={submit.isPending}>
          {t('test.submit')}
        </Button>
      </Group>
    </Stack>
  );
}

/** Seconds left, counted down from the server's figure each time the test is (re)loaded; null before. */
function useCountdown(test: { secondsLeft: number; status: string } | undefined): number | null {
  const [left, setLeft] = useState<number | null>(null);
  useEffect(() => {
    if (!test || test.status !== 'in_progress') return;
    const until = performance.now() + test.secondsLeft * 1000;
    const tick = () => setLeft(Math.max(0, Math.round((until - performance.now()) / 1000)));
    tick();
    const timer = setInterval(tick, 1000);
    return () => clearInterval(timer);
  }, [test]);
  return left;
}

function Countdown({ seconds: known }: { seconds: number | null }) {
  const seconds = known ?? 0;
  const { t } = useTranslation();
  const format = useFormat();
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  return (
    <Badge size="xl" color={seconds < 60 ? 'red' : 'teal'} data-testid="countdown" aria-label={t('test.timeLeft')}>
      {format.number(minutes)}:{String(rest).padStart(2, '0')}
    </Badge>
  );
}
