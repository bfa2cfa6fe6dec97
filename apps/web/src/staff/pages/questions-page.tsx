import {
  Alert,
  Badge,
  Button,
  Checkbox,
  FileButton,
  Group,
  List,
  NativeSelect,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams } from 'react-router';
import { api } from '../../api/client';
import { ApiFailure, must } from '../../api/errors';
import { saveBlob } from '../../api/download';
import { ErrorAlert } from '../../components/error-alert';
import { usePageTitle } from '../../components/page-title';
import { QueryState } from '../../components/query-state';
import {
  parseCsv,
  questionProblems,
  readRows,
  type ServerProblem,
  toCsv,
  toRows,
  type RowProblem,
  type SheetQuestion,
  type SheetSkills,
} from '../question-sheet';
import { CardOption, CentreName, Section, type Schemas, useSkills } from '../staff-components';
import { useStaffT } from '../staff-i18n';
import { TITLE } from '../alert-title';

/** The centre's item bank for a card: questions per skill, import (JSON, xlsx, csv) and export, revise, retire. */
export default function QuestionsPage() {
  const { t } = useStaffT();
  const { centreId = '' } = useParams();
  usePageTitle(t('questions.title'));
  const queryClient = useQueryClient();
  const accreditations = useQuery({
    queryKey: ['centre-accreditations', centreId],
    queryFn: () => must(api.GET('/api/v1/centres/{id}/accreditations', { params: { path: { id: centreId } } })),
  });
  const [cardId, setCardId] = useState('');
  const { skills } = useSkills(cardId || undefined);
  const questions = useQuery({
    queryKey: ['questions', centreId, cardId],
    enabled: Boolean(cardId),
    queryFn: () =>
      must(
        api.GET('/api/v1/centres/{centreId}/questions', {
          params: { path: { centreId }, query: { cardId, status: 'active' } },
        }),
      ),
  });
  const sheetSkills: SheetSkills = new Map(
    [...skills].map(([id, s]) => [s.label, { id, knowledgeIds: s.knowledge.map((k) => k.id) }]),
  );
  const [revising, setRevising] = useState<string | null>(null);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['questions', centreId, cardId] });
  const retire = useMutation({
    mutationFn: (id: string) => must(api.POST('/api/v1/questions/{id}/retire', { params: { path: { id } } })),
    onSuccess: refresh,
  });

  const exportAs = async (format: 'json' | 'csv' | 'xlsx') => {
    const data = await must(
      api.GET('/api/v1/centres/{centreId}/questions/export', { params: { path: { centreId }, query: { cardId } } }),
    );
    if (format === 'json') {
      saveBlob(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }), 'questions.json');
      return;
    }
    const rows = toRows(data.questions as unknown as Parameters<typeof toRows>[0], sheetSkills);
    await saveRows(rows, format, 'questions');
  };
  const template = async (format: 'csv' | 'xlsx') => {
    const [first] = skills.keys();
    const example: SheetQuestion[] = first
      ? [
          {
            skillId: first,
            type: 'single',
            text: t('questions.exampleText'),
            options: ['A', 'B', 'C'],
            correctOptions: [0],
            ...(skills.get(first)?.knowledge[0] ? { knowledgeItemId: skills.get(first)?.knowledge[0]?.id } : {}),
          },
        ]
      : [];
    await saveRows(toRows(example, sheetSkills), format, 'questions-template');
  };

  return (
    <Stack gap="lg">
      <Title order={1}>{t('questions.title')}</Title>
      <Text c="dimmed">
        <CentreName id={centreId} />
      </Text>
      <QueryState isPending={accreditations.isPending} error={accreditations.error} />
      <NativeSelect label={t('programs.card')} value={cardId} onChange={(e) => setCardId(e.currentTarget.value)}>
        <option value="">{t('common.choose')}</option>
        {(accreditations.data ?? [])
          .filter((a) => a.inForce)
          .map((a) => (
            <CardOption key={a.id} id={a.cardId} />
          ))}
      </NativeSelect>
      {cardId && (
        <>
          <Section id="import" title={t('questions.import')}>
            <Importer centreId={centreId} cardId={cardId} skills={sheetSkills} onDone={refresh} />
            <Text size="sm" c="dimmed">
              {t('questions.sheetHint')}
            </Text>
            <Group gap="xs">
              <Text size="sm">{t('questions.template')}</Text>
              <Button size="compact-sm" variant="outline" onClick={() => void template('xlsx')}>
                xlsx
              </Button>
              <Button size="compact-sm" variant="outline" onClick={() => void template('csv')}>
                csv
              </Button>
            </Group>
          </Section>
          <Section id="bank" title={t('questions.bank', { n: questions.data?.length ?? 0 })}>
            <Group gap="xs">
              <Text size="sm">{t('questions.export')}</Text>
              {(['json', 'xlsx', 'csv'] as const).map((format) => (
                <Button key={format} size="compact-sm" variant="outline" onClick={() => void exportAs(format)}>
                  {format}
                </Button>
              ))}
            </Group>
            <QueryState isPending={questions.isPending} error={questions.error} />
            <ErrorAlert error={retire.error} />
            {[...skills].map(([skillId, skill]) => {
              const own = (questions.data ?? []).filter((q) => q.skillId === skillId);
              return (
                <Stack key={skillId} gap={4}>
                  <Group gap="xs">
                    <Text fw={600}>
                      {skill.label} {skill.title}
                    </Text>
                    <Badge color={own.length ? 'teal' : 'yellow'}>{t('questions.count', { n: own.length })}</Badge>
                  </Group>
                  {own.map((q) =>
                    revising === q.id ? (
                      <Revision
                        key={q.id}
                        question={q}
                        knowledge={skill.knowledge}
                        onDone={() => {
                          setRevising(null);
                          refresh();
                        }}
                        onCancel={() => setRevising(null)}
                      />
                    ) : (
                      <Group key={q.id} gap="xs" wrap="nowrap" align="flex-start" pl="md" data-testid="question">
                        <Stack gap={0} style={{ flex: 1 }}>
                          <Text size="sm">{q.text}</Text>
                          <Text size="xs" c="dimmed">
                            {t('questions.version', { n: q.version })} ·{' '}
                            {q.options.map((o, i) => (q.correctOptions.includes(i) ? `✓ ${o}` : o)).join(' · ')}
                            {q.knowledgeItemId &&
                              ` · ${t('questions.knowledge')}: ${skill.knowledge.find((k) => k.id === q.knowledgeItemId)?.text ?? ''}`}
                          </Text>
                        </Stack>
                        <Button size="compact-xs" variant="subtle" onClick={() => setRevising(q.id)}>
                          {t('questions.revise')}
                        </Button>
                        <Button size="compact-xs" variant="subtle" color="red" onClick={() => retire.mutate(q.id)}>
                          {t('questions.retire')}
                        </Button>
                      </Group>
                    ),
                  )}
                </Stack>
              );
            })}
          </Section>
        </>
      )}
    </Stack>
  );
}

async function saveRows(rows: string[][], format: 'csv' | 'xlsx', name: string) {
  if (format === 'csv') {
    saveBlob(new Blob([toCsv(rows)], { type: 'text/csv;charset=utf-8' }), `${name}.csv`);
    return;
  }
  // The spreadsheet library is loaded only when a sheet is written or read.
  const { Workbook } = (await import('exceljs')).default;
  const workbook = new Workbook();
  const sheet = workbook.addWorksheet('questions');
  for (const row of rows) sheet.addRow(row);
  sheet.getRow(1).font = { bold: true };
  const buffer = await workbook.xlsx.writeBuffer();
  saveBlob(
    new Blob([buffer], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }),
    `${name}.xlsx`,
  );
}

/** A cell as text: rich text and hyperlinks carry theirs in `text`, formulas in `result`. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const cell = value as { text?: unknown; result?: unknown; richText?: { text: string }[] };
    if (cell.richText) return cell.richText.map((part) => part.text).join('');
    if (cell.text !== undefined) return cellText(cell.text);
    if (cell.result !== undefined) return cellText(cell.result);
  }
  return '';
}

async function readSheet(file: File): Promise<string[][]> {
  if (file.name.toLowerCase().endsWith('.csv')) return parseCsv(await file.text());
  const { Workbook } = (await import('exceljs')).default;
  const workbook = new Workbook();
  await workbook.xlsx.load(await file.arrayBuffer());
  const sheet = workbook.worksheets[0];
  const rows: string[][] = [];
  sheet?.eachRow({ includeEmpty: true }, (row) => {
    const values = (row.values as unknown[]).slice(1);
    rows.push(values.map((v) => cellText(v)));
  });
  return rows;
}

/** A failed import's problems, by the sheet's rows when the questions came from a sheet. */
function serverProblems(error: unknown, rows: number[] | null): ServerProblem[] {
  return error instanceof ApiFailure ? questionProblems(error.body?.details?.fields ?? [], rows) : [];
}

function Importer(props: { centreId: string; cardId: string; skills: SheetSkills; onDone: () => void }) {
  const { t } = useStaffT();
  const [json, setJson] = useState('');
  const [problems, setProblems] = useState<RowProblem[]>([]);
  const [imported, setImported] = useState<number | null>(null);
  // The sheet row of each question sent, or null for JSON.
  const [sentRows, setSentRows] = useState<number[] | null>(null);
  const send = useMutation({
    mutationFn: (questions: SheetQuestion[]) =>
      must(
        api.POST('/api/v1/centres/{centreId}/questions/import', {
          params: { path: { centreId: props.centreId } },
          body: { cardId: props.cardId, questions },
        }),
      ),
    onSuccess: (result) => {
      setImported(result.questions.length);
      setJson('');
      props.onDone();
    },
  });
  const importJson = () => {
    setImported(null);
    setProblems([]);
    setSentRows(null);
    try {
      const parsed = JSON.parse(json) as { questions?: SheetQuestion[] } | SheetQuestion[];
      send.mutate(Array.isArray(parsed) ? parsed : (parsed.questions ?? []));
    } catch {
      setProblems([{ row: 0, column: 'json', problem: 'badJson' as RowProblem['problem'] }]);
    }
  };
  const importFile = async (file: File | null) => {
    if (!file) return;
    setImported(null);
    send.reset();
    const { questions, rows, problems: found } = readRows(await readSheet(file), props.skills);
    setProblems(found);
    setSentRows(rows);
    if (found.length === 0 && questions.length > 0) send.mutate(questions);
  };
  const fromServer = serverProblems(send.error, sentRows);
  return (
    <Stack gap="sm">
      <Textarea
        label={t('questions.json')}
        description={t('questions.jsonHint')}
        value={json}
        onChange={(e) => setJson(e.currentTarget.value)}
        autosize
        minRows={3}
        maxRows={12}
        styles={{ input: { fontFamily: 'monospace' } }}
      />
      <Group>
        <Button onClick={importJson} disabled={!json.trim()} loading={send.isPending}>
          {t('questions.importJson')}
        </Button>
        <FileButton onChange={(file) => void importFile(file)} accept=".xlsx,.csv,text/csv">
          {(buttonProps) => (
            <Button variant="outline" {...buttonProps}>
              {t('questions.importSheet')}
            </Button>
          )}
        </FileButton>
      </Group>
      {imported !== null && (
        <Alert color="teal" data-testid="import-done">
          {t('questions.imported', { n: imported })}
        </Alert>
      )}
      {(problems.length > 0 || fromServer.length > 0 || send.error) && (
        <Alert color="red" role="alert" styles={TITLE} title={t('questions.problems')} data-testid="import-problems">
          <List size="sm">
            {problems.map((p) => (
              <List.Item key={`${p.row}-${p.column}`}>
                {t('questions.rowProblem', {
                  row: p.row,
                  column: p.column,
                  problem: t(`questions.problem.${p.problem}`),
                })}
              </List.Item>
            ))}
            {fromServer.map((p) => (
              <List.Item key={`s-${p.row}-${p.column}`}>
                {t(p.fromSheet ? 'questions.rowProblem' : 'questions.questionProblem', {
                  row: p.row,
                  column: p.column,
                  problem: p.message,
                })}
              </List.Item>
            ))}
          </List>
          {fromServer.length === 0 && send.error ? <ErrorAlert error={send.error} /> : null}
        </Alert>
      )}
    </Stack>
  );
}

/**
 * A question revised: the server keeps it as a new version (tests already given keep theirs). The
 * options are one a line; the correct ones are ticked.
 */
function Revision(props: {
  question: Schemas['QuestionDto'];
  knowledge: { id: string; text: string }[];
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useStaffT();
  const q = props.question;
  const [text, setText] = useState(q.text);
  const [options, setOptions] = useState(q.options.join('\n'));
  const [correct, setCorrect] = useState<string[]>(q.correctOptions.map(String));
  const [explanation, setExplanation] = useState(q.explanation ?? '');
  const [knowledgeItemId, setKnowledgeItemId] = useState(q.knowledgeItemId ?? '');
  const lines = options
    .split('\n')
    .map((o) => o.trim())
    .filter(Boolean);
  const save = useMutation({
    mutationFn: () =>
      must(
        api.PUT('/api/v1/questions/{id}', {
          params: { path: { id: q.id } },
          body: {
            type: q.type,
            text,
            options: lines,
            correctOptions: correct.map(Number).filter((n) => n < lines.length),
            ...(explanation.trim() ? { explanation } : {}),
            ...(knowledgeItemId ? { knowledgeItemId } : {}),
          },
        }),
      ),
    onSuccess: props.onDone,
  });
  const errors = save.error instanceof ApiFailure ? save.error.fields() : {};
  return (
    <form
      data-testid="question-revision"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate();
      }}
    >
      <Stack gap="xs" pl="md">
        <Text size="sm" c="dimmed">
          {t('questions.revisionNote')}
        </Text>
        <Textarea
          label={t('questions.text')}
          value={text}
          error={errors.text}
          onChange={(e) => setText(e.currentTarget.value)}
          autosize
          minRows={2}
        />
        <Textarea
          label={t('questions.options')}
          description={t('questions.optionsHint')}
          value={options}
          error={errors.options}
          onChange={(e) => setOptions(e.currentTarget.value)}
          autosize
          minRows={2}
        />
        <Checkbox.Group
          label={t(q.type === 'single' ? 'questions.correctSingle' : 'questions.correctMultiple')}
          value={correct}
          error={errors.correctOptions}
          onChange={(value) => setCorrect(q.type === 'single' ? value.slice(-1) : value)}
        >
          <Group mt={4} gap="sm">
            {lines.map((line, i) => (
              <Checkbox key={`${i}-${line}`} value={String(i)} label={line} />
            ))}
          </Group>
        </Checkbox.Group>
        <Textarea
          label={t('questions.explanation')}
          value={explanation}
          error={errors.explanation}
          onChange={(e) => setExplanation(e.currentTarget.value)}
          autosize
          minRows={1}
        />
        {props.knowledge.length > 0 && (
          <NativeSelect
            label={t('questions.knowledgeItem')}
            value={knowledgeItemId}
            error={errors.knowledgeItemId}
            onChange={(e) => setKnowledgeItemId(e.currentTarget.value)}
          >
            <option value="">{t('questions.noKnowledgeItem')}</option>
            {props.knowledge.map((k, i) => (
              <option key={k.id} value={k.id}>
                {i + 1}. {k.text}
              </option>
            ))}
          </NativeSelect>
        )}
        {Object.keys(errors).length === 0 && <ErrorAlert error={save.error} />}
        <Group gap="xs">
          <Button type="submit" size="xs" loading={save.isPending}>
            {t('questions.saveRevision')}
          </Button>
          <Button size="xs" variant="subtle" onClick={props.onCancel}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
