import '@mantine/charts/styles.css';
import { BarChart, DonutChart } from '@mantine/charts';
import { Box, Button, Group, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useParams, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { ApiFailure, errorText, must } from '../../api/errors';
import { usePageTitle } from '../../components/page-title';
import { QueryState } from '../../components/query-state';
import { useFormat } from '../../i18n/format';
import { CentreName, ScrollTable, Section, skillLabel, today, type Schemas } from '../staff-components';
import { useStaffT } from '../staff-i18n';

type Statistics = Schemas['CentreStatisticsDto'];

// Drawn at once: no motion for those who would rather not, and a screenshot shows the whole chart.
const STILL = { isAnimationActive: false };

const COLOURS = { passed: 'teal.7', failed: 'red.7', pending: 'gray.5', evidence: 'indigo.6', exam: 'teal.7' };

/** The first day of the current year and today, in the browser's zone: the period a page opens on. */
function defaultPeriod(): { from: string; to: string } {
  const to = today();
  return { from: `${to.slice(0, 4)}-01-01`, to };
}

/**
 * A centre's statistics over a chosen period (kept in the URL): applications and eligibility, pass
 * rates per card and skill, recognition against the exam, the assessors' work, decisions and
 * appeals, each as a chart with the table of the same numbers beside it. Its charting library is
 * loaded with this page alone.
 */
export default function StatisticsPage() {
  const { t } = useStaffT();
  const { centreId = '' } = useParams();
  usePageTitle(t('statistics.title'));
  const [params, setParams] = useSearchParams();
  const fallback = defaultPeriod();
  const from = params.get('from') ?? fallback.from;
  const to = params.get('to') ?? fallback.to;
  // From the address as it is now, not as last rendered: the router commits a change later, and a
  // second change made before then (both dates typed in a row) would undo the first.
  const setPeriod = (next: { from?: string; to?: string }) => {
    const query = new URLSearchParams(window.location.search);
    for (const [key, value] of Object.entries(next)) query.set(key, value);
    setParams(query, { replace: true });
  };
  const statistics = useQuery({
    queryKey: ['statistics', centreId, from, to],
    enabled: Boolean(from && to),
    placeholderData: keepPreviousData,
    queryFn: () =>
      must(api.GET('/api/v1/centres/{id}/statistics', { params: { path: { id: centreId }, query: { from, to } } })),
  });
  const failure = statistics.error instanceof ApiFailure ? statistics.error : null;
  const fields = failure?.fields() ?? {};
  const reversed = failure?.code === 'PERIOD_REVERSED' ? errorText(t, failure) : undefined;
  const presets: { key: string; from: string; to: string }[] = [
    { key: 'last30', from: today(-29), to: today() },
    { key: 'thisYear', ...defaultPeriod() },
    { key: 'last12', from: today(-364), to: today() },
  ];
  return (
    <Stack gap="lg">
      <Title order={1}>{t('statistics.title')}</Title>
      <Text fw={600}>
        <CentreName id={centreId} />
      </Text>
      <Box component="form" aria-label={t('statistics.period')} onSubmit={(e) => e.preventDefault()}>
        <Stack gap="xs">
          <SimpleGrid cols={{ base: 2, sm: 4 }}>
            <TextInput
              type="date"
              label={t('statistics.from')}
              value={from}
              error={fields.from ?? reversed}
              onChange={(e) => setPeriod({ from: e.currentTarget.value })}
            />
            <TextInput
              type="date"
              label={t('statistics.to')}
              value={to}
              error={fields.to}
              onChange={(e) => setPeriod({ to: e.currentTarget.value })}
            />
          </SimpleGrid>
          <Group gap="xs">
            {presets.map((p) => (
              <Button
                key={p.key}
                size="compact-sm"
                variant={p.from === from && p.to === to ? 'filled' : 'outline'}
                onClick={() => setPeriod({ from: p.from, to: p.to })}
              >
                {t(`statistics.preset.${p.key}`)}
              </Button>
            ))}
          </Group>
        </Stack>
      </Box>
      <QueryState isPending={statistics.isPending} error={reversed ? null : statistics.error} />
      {statistics.data && !statistics.error && <Report data={statistics.data} />}
    </Stack>
  );
}

function Report({ data }: { data: Statistics }) {
  const { t } = useStaffT();
  const format = useFormat();
  const percent = (share: number | null) =>
    share === null ? '—' : format.number(share, { style: 'percent', maximumFractionDigits: 1 });
  const signed = data.decisions.signed.reduce((sum, d) => sum + d.count, 0);
  return (
    <Stack gap="lg" data-testid="statistics-report">
      <SimpleGrid cols={{ base: 2, sm: 4 }}>
        <Figure label={t('statistics.submitted')} value={format.number(data.applications.submitted)} />
        <Figure
          label={t('statistics.passRate')}
          value={percent(
            rate(
              data.exams.cards.reduce((s, c) => s + c.passed, 0),
              data.exams.cards.reduce((s, c) => s + c.failed, 0),
            ),
          )}
        />
        <Figure label={t('statistics.recognitionShare')} value={percent(data.credits.recognitionShare)} />
        <Figure label={t('statistics.signed')} value={format.number(signed)} />
      </SimpleGrid>
      <Applications data={data} />
      <Exams data={data} percent={percent} />
      <Credits data={data} percent={percent} />
      <Workload data={data} />
      <Outcomes data={data} />
    </Stack>
  );
}

function rate(passed: number, failed: number): number | null {
  return passed + failed === 0 ? null : passed / (passed + failed);
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <Box p="sm" bd="1px solid var(--mantine-color-gray-4)" style={{ borderRadius: 'var(--mantine-radius-sm)' }}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fz="xl" fw={700}>
        {value}
      </Text>
    </Box>
  );
}

/** A chart with its name; the table next to it carries the same numbers for those who do not see it. */
function Chart({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Box component="figure" m={0} aria-label={title}>
      <Text component="figcaption" size="sm" fw={600} mb="xs">
        {title}
      </Text>
      {children}
    </Box>
  );
}

/** One bar per outcome, its count written at its end: how many applications or decisions came to each. */
function CountBars(props: {
  title: string;
  data: { outcome: string; count: number }[];
  label: string;
  color: string;
  h: number;
}) {
  return (
    <Chart title={props.title}>
      <BarChart
        h={props.h}
        data={props.data}
        dataKey="outcome"
        orientation="vertical"
        yAxisProps={{ width: 130 }}
        xAxisProps={{ allowDecimals: false }}
        series={[{ name: 'count', label: props.label, color: props.color }]}
        withBarValueLabel
        gridAxis="none"
        barProps={STILL}
      />
    </Chart>
  );
}

function Empty() {
  const { t } = useStaffT();
  return <Text c="dimmed">{t('statistics.none')}</Text>;
}

function Applications({ data }: { data: Statistics }) {
  const { t } = useStaffT();
  const a = data.applications;
  const eligibility = a.eligibility.map((e) => ({ outcome: t(`statistics.eligibility.${e.outcome}`), count: e.count }));
  return (
    <Section id="applications" title={t('statistics.applications')}>
      {a.submitted === 0 ? (
        <Empty />
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <CountBars
            title={t('statistics.eligibilityChart')}
            data={eligibility}
            label={t('statistics.applicationsCount')}
            color="blue.7"
            h={220}
          />
          <Stack gap="sm">
            <ScrollTable minWidth={320}>
              <Table fz="sm" striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('programs.card')}</Table.Th>
                    <Table.Th>{t('statistics.submitted')}</Table.Th>
                    <Table.Th>{t('pathway.recognition')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {a.byCard.map((c) => (
                    <Table.Tr key={c.cardId}>
                      <Table.Td>{`${c.cardName} (${c.orkLevel})`}</Table.Td>
                      <Table.Td>{c.count}</Table.Td>
                      <Table.Td>{c.recognition}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollTable>
            <Table fz="sm">
              <Table.Tbody>
                {a.byStatus.map((s) => (
                  <Table.Tr key={s.status}>
                    <Table.Td>{t(`status.${s.status}`)}</Table.Td>
                    <Table.Td>{s.count}</Table.Td>
                  </Table.Tr>
                ))}
                <Table.Tr>
                  <Table.Td>{t('statistics.overridden')}</Table.Td>
                  <Table.Td>{a.overridden}</Table.Td>
                </Table.Tr>
              </Table.Tbody>
            </Table>
          </Stack>
        </SimpleGrid>
      )}
    </Section>
  );
}

function Exams({ data, percent }: { data: Statistics; percent: (share: number | null) => string }) {
  const { t } = useStaffT();
  const examined = data.exams.skills.filter((s) => s.passed + s.failed + s.pending > 0);
  const cards = new Map(data.exams.cards.map((c) => [c.cardId, c.cardName]));
  const series = [
    { name: 'passed', label: t('statistics.passed'), color: COLOURS.passed },
    { name: 'failed', label: t('statistics.failed'), color: COLOURS.failed },
    { name: 'pending', label: t('statistics.pending'), color: COLOURS.pending },
  ];
  return (
    <Section id="exams" title={t('statistics.exams')}>
      {data.exams.cards.length === 0 ? (
        <Empty />
      ) : (
        <>
          <ScrollTable minWidth={480}>
            <Table fz="sm" striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('programs.card')}</Table.Th>
                  <Table.Th>{t('statistics.passed')}</Table.Th>
                  <Table.Th>{t('statistics.failed')}</Table.Th>
                  <Table.Th>{t('statistics.pending')}</Table.Th>
                  <Table.Th>{t('statistics.passRate')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.exams.cards.map((c) => (
                  <Table.Tr key={c.cardId} data-testid="exam-card-row">
                    <Table.Td>{`${c.cardName} (${c.orkLevel})`}</Table.Td>
                    <Table.Td>{c.passed}</Table.Td>
                    <Table.Td>{c.failed}</Table.Td>
                    <Table.Td>{c.pending}</Table.Td>
                    <Table.Td>{percent(c.passRate)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
          <Chart title={t('statistics.skillsChart')}>
            <BarChart
              h={260}
              data={examined.map((s) => ({
                skill: skillLabel(s.functionKind, s.functionNumber, s.skillNumber),
                passed: s.passed,
                failed: s.failed,
                pending: s.pending,
              }))}
              dataKey="skill"
              type="stacked"
              series={series}
              withLegend
              legendProps={{ verticalAlign: 'bottom' }}
              tickLine="none"
              yAxisProps={{ allowDecimals: false }}
              barProps={STILL}
            />
          </Chart>
          <ScrollTable minWidth={760}>
            <Table fz="sm" striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th miw={260}>{t('statistics.skill')}</Table.Th>
                  <Table.Th>{t('statistics.passed')}</Table.Th>
                  <Table.Th>{t('statistics.failed')}</Table.Th>
                  <Table.Th>{t('statistics.pending')}</Table.Th>
                  <Table.Th>{t('statistics.passRate')}</Table.Th>
                  <Table.Th>{t('statistics.evidenceAccepted')}</Table.Th>
                  <Table.Th>{t('statistics.evidenceRejected')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.exams.skills.map((s) => (
                  <Table.Tr key={s.skillId} data-testid="exam-skill-row">
                    <Table.Td>
                      <Text size="sm" fw={600} span>
                        {skillLabel(s.functionKind, s.functionNumber, s.skillNumber)}
                      </Text>{' '}
                      {s.title}
                      {cards.size > 1 && (
                        <Text size="xs" c="dimmed">
                          {cards.get(s.cardId)}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{s.passed}</Table.Td>
                    <Table.Td>{s.failed}</Table.Td>
                    <Table.Td>{s.pending}</Table.Td>
                    <Table.Td>{percent(s.passRate)}</Table.Td>
                    <Table.Td>{s.evidenceAccepted}</Table.Td>
                    <Table.Td>{s.evidenceRejected}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        </>
      )}
    </Section>
  );
}

function Credits({ data, percent }: { data: Statistics; percent: (share: number | null) => string }) {
  const { t } = useStaffT();
  const format = useFormat();
  const c = data.credits;
  const parts = [
    { name: t('statistics.onEvidence'), value: c.onEvidence, color: COLOURS.evidence },
    { name: t('statistics.atExam'), value: c.atExam, color: COLOURS.exam },
  ];
  const byPathway = data.applications.byPathway;
  return (
    <Section id="credits" title={t('statistics.credits')}>
      {c.onEvidence + c.atExam === 0 ? (
        <Empty />
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
          <Chart title={t('statistics.creditsChart')}>
            <DonutChart
              data={parts}
              size={180}
              thickness={32}
              chartLabel={percent(c.recognitionShare)}
              tooltipDataSource="segment"
              pieProps={STILL}
              mx="auto"
            />
          </Chart>
          <Table fz="sm">
            <Table.Tbody>
              {parts.map((p) => (
                <Table.Tr key={p.name}>
                  <Table.Td>
                    <Box
                      component="span"
                      display="inline-block"
                      w={12}
                      h={12}
                      mr={8}
                      bg={p.color}
                      style={{ borderRadius: 2 }}
                      aria-hidden
                    />
                    {p.name}
                  </Table.Td>
                  <Table.Td>{format.number(p.value)}</Table.Td>
                </Table.Tr>
              ))}
              <Table.Tr>
                <Table.Td>{t('statistics.recognitionShare')}</Table.Td>
                <Table.Td>{percent(c.recognitionShare)}</Table.Td>
              </Table.Tr>
              {byPathway.map((p) => (
                <Table.Tr key={p.pathway}>
                  <Table.Td>{t('statistics.byPathway', { pathway: t(`pathway.${p.pathway}`) })}</Table.Td>
                  <Table.Td>{format.number(p.count)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </SimpleGrid>
      )}
    </Section>
  );
}

const WORK = ['sessions', 'candidates', 'sheetsSigned', 'reviewsDecided', 'reviewsOpen', 'panelVotes'] as const;
const WORK_COLOURS = ['blue.7', 'cyan.6', 'teal.7', 'indigo.6', 'gray.5', 'orange.7'];

function Workload({ data }: { data: Statistics }) {
  const { t } = useStaffT();
  const short = (name: string) => (name.length > 16 ? `${name.slice(0, 15)}…` : name);
  return (
    <Section id="workload" title={t('statistics.workload')}>
      {data.workload.length === 0 ? (
        <Empty />
      ) : (
        <>
          <Chart title={t('statistics.workloadChart')}>
            <BarChart
              h={Math.max(160, 70 * data.workload.length + 60)}
              data={data.workload.map((w) => ({ name: short(w.fullName), ...w }))}
              dataKey="name"
              orientation="vertical"
              yAxisProps={{ width: 120 }}
              xAxisProps={{ allowDecimals: false }}
              series={(['sessions', 'sheetsSigned', 'reviewsDecided', 'panelVotes'] as const).map((key) => ({
                name: key,
                label: t(`statistics.work.${key}`),
                color: WORK_COLOURS[WORK.indexOf(key)],
              }))}
              withLegend
              legendProps={{ verticalAlign: 'bottom' }}
              gridAxis="none"
              barProps={STILL}
            />
          </Chart>
          <ScrollTable minWidth={620}>
            <Table fz="sm" striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('statistics.assessor')}</Table.Th>
                  {WORK.map((key) => (
                    <Table.Th key={key}>{t(`statistics.work.${key}`)}</Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.workload.map((w) => (
                  <Table.Tr key={w.assessorId} data-testid="workload-row">
                    <Table.Td>{w.fullName}</Table.Td>
                    {WORK.map((key) => (
                      <Table.Td key={key}>{w[key]}</Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        </>
      )}
    </Section>
  );
}

function Outcomes({ data }: { data: Statistics }) {
  const { t } = useStaffT();
  const decisions = data.decisions.signed.map((d) => ({ outcome: t(`decisionOutcome.${d.outcome}`), count: d.count }));
  return (
    <Section id="outcomes" title={t('statistics.outcomes')}>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Stack gap="sm">
          <Title order={3} size="h5">
            {t('statistics.decisions')}
          </Title>
          {decisions.length === 0 ? (
            <Empty />
          ) : (
            <CountBars
              title={t('statistics.decisionsChart')}
              data={decisions}
              label={t('statistics.decisionsCount')}
              color="teal.7"
              h={180}
            />
          )}
          <Text size="sm">{t('statistics.returned', { n: data.decisions.returned })}</Text>
        </Stack>
        <Stack gap="sm">
          <Title order={3} size="h5">
            {t('statistics.appeals')}
          </Title>
          {data.appeals.length === 0 ? (
            <Empty />
          ) : (
            <Table fz="sm" striped data-testid="appeals-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('statistics.appealKind')}</Table.Th>
                  <Table.Th>{t('statistics.appealOutcome')}</Table.Th>
                  <Table.Th>{t('statistics.count')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.appeals.map((a) => (
                  <Table.Tr key={`${a.kind}-${a.outcome}`}>
                    <Table.Td>{t(`appealKind.${a.kind}`)}</Table.Td>
                    <Table.Td>{t(`statistics.appealOutcomes.${a.outcome}`)}</Table.Td>
                    <Table.Td>{a.count}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Stack>
      </SimpleGrid>
    </Section>
  );
}
