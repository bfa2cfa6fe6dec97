import { Alert, Badge, Box, Button, FileInput, Group, List, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client';
import { ApiFailure, must } from '../../api/errors';
import { ErrorAlert } from '../../components/error-alert';
import { usePageTitle } from '../../components/page-title';
import { QueryState } from '../../components/query-state';
import { useFormat } from '../../i18n/format';
import { Section, ScrollTable } from '../staff-components';
import { useStaffT } from '../staff-i18n';
import { TITLE } from '../alert-title';

interface Upload {
  text: string;
  sourceName: string;
  corrections?: unknown[];
}

/**
 * The standards and their versions; an import reads the text first (counts and the parser's
 * warnings, whether it is stored already), and stores it only when the admin confirms.
 */
export default function AdminStandardsPage() {
  const { t } = useStaffT();
  const format = useFormat();
  usePageTitle(t('standards.title'));
  const queryClient = useQueryClient();
  const standards = useQuery({ queryKey: ['standards'], queryFn: () => must(api.GET('/api/v1/standards')) });
  const [file, setFile] = useState<File | null>(null);
  const [correctionsFile, setCorrectionsFile] = useState<File | null>(null);
  const [upload, setUpload] = useState<Upload | null>(null);
  const [readError, setReadError] = useState(false);
  const preview = useMutation({
    mutationFn: async () => {
      setReadError(false);
      let corrections: unknown[] | undefined;
      if (correctionsFile) {
        try {
          corrections = (JSON.parse(await correctionsFile.text()) as { corrections?: unknown[] }).corrections ?? [];
        } catch {
          setReadError(true);
          throw new ApiFailure(400, null);
        }
      }
      const body: Upload = {
        text: await (file as File).text(),
        sourceName: (file as File).name.replace(/[/\\]/g, '_'),
        ...(corrections ? { corrections } : {}),
      };
      setUpload(body);
      return must(api.POST('/api/v1/standards/import/preview', { body: body as never }));
    },
  });
  const confirm = useMutation({
    mutationFn: () => must(api.POST('/api/v1/standards/import', { body: upload as never })),
    onSuccess: () => {
      preview.reset();
      void queryClient.invalidateQueries({ queryKey: ['standards'] });
    },
  });
  const p = preview.data;
  const parseFailure =
    preview.error instanceof ApiFailure && preview.error.code === 'STANDARD_PARSE_FAILED'
      ? (preview.error.body?.details as { line?: number } | undefined)
      : undefined;
  return (
    <Stack gap="lg">
      <Title order={1}>{t('standards.title')}</Title>
      <Section id="import" title={t('standards.import')}>
        <FileInput
          label={t('standards.textFile')}
          accept=".txt,text/plain"
          value={file}
          onChange={(f) => {
            setFile(f);
            preview.reset();
            confirm.reset();
          }}
        />
        <FileInput
          label={t('standards.correctionsFile')}
          accept=".json,application/json"
          value={correctionsFile}
          onChange={(f) => {
            setCorrectionsFile(f);
            preview.reset();
          }}
        />
        <Group>
          <Button onClick={() => preview.mutate()} disabled={!file} loading={preview.isPending}>
            {t('standards.read')}
          </Button>
        </Group>
        {readError && (
          <Alert color="red" role="alert">
            {t('standards.correctionsUnreadable')}
          </Alert>
        )}
        {parseFailure ? (
          <Alert color="red" role="alert" styles={TITLE} title={t('errors.STANDARD_PARSE_FAILED')}>
            {t('standards.parseFailedAt', { line: parseFailure.line ?? 0 })}
          </Alert>
        ) : (
          !readError && <ErrorAlert error={preview.error} />
        )}
        {p && (
          <Stack gap="sm" data-testid="standard-preview">
            <Text fw={600}>{p.title}</Text>
            <Text size="sm">
              {t('standards.counts', {
                cards: p.cards,
                mandatory: p.functions.mandatory,
                additional: p.functions.additional,
                skills: p.skills.total,
                recommended: p.skills.recommended,
              })}
            </Text>
            {p.existingVersion ? (
              <Alert color="blue">{t('standards.alreadyStored', { version: p.existingVersion.version })}</Alert>
            ) : (
              <Alert color="teal">{t('standards.newVersion')}</Alert>
            )}
            <Text fw={600} size="sm">
              {t('standards.warnings', { n: p.warnings.length })}
            </Text>
            {p.warnings.length > 0 && (
              <Box
                mah={240}
                style={{ overflow: 'auto' }}
                tabIndex={0}
                aria-label={t('standards.warnings', { n: p.warnings.length })}
              >
                <List size="sm" data-testid="standard-warnings">
                  {p.warnings.map((w, i) => (
                    <List.Item key={i}>
                      {t('standards.warningLine', { line: w.line })}{' '}
                      <Badge variant="outline" size="xs">
                        {w.code}
                      </Badge>{' '}
                      {w.message}
                    </List.Item>
                  ))}
                </List>
              </Box>
            )}
            <ErrorAlert error={confirm.error} />
            <Group>
              <Button onClick={() => confirm.mutate()} loading={confirm.isPending}>
                {t('standards.confirm')}
              </Button>
            </Group>
          </Stack>
        )}
        {confirm.data && (
          <Alert color="teal" data-testid="standard-imported">
            {confirm.data.status === 'created'
              ? t('standards.created', { version: confirm.data.version })
              : t('standards.unchanged', { version: confirm.data.version })}
          </Alert>
        )}
      </Section>
      <Section id="standards" title={t('standards.list')}>
        <QueryState isPending={standards.isPending} error={standards.error} />
        {standards.data?.map((s) => (
          <Stack key={s.id} gap={4}>
            <Text fw={600}>{s.title}</Text>
            <ScrollTable minWidth={520}>
              <Table fz="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('standards.version')}</Table.Th>
                    <Table.Th>{t('standards.importedAt')}</Table.Th>
                    <Table.Th>{t('standards.source')}</Table.Th>
                    <Table.Th>{t('standards.cards')}</Table.Th>
                    <Table.Th>{t('standards.warningsShort')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {s.versions.map((v) => (
                    <Table.Tr key={v.id}>
                      <Table.Td>{v.version}</Table.Td>
                      <Table.Td>{format.dateTime(v.importedAt)}</Table.Td>
                      <Table.Td>{v.sourceName}</Table.Td>
                      <Table.Td>{v.cardCount}</Table.Td>
                      <Table.Td>{v.warningCount}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollTable>
          </Stack>
        ))}
      </Section>
    </Stack>
  );
}
