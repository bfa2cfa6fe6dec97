import { Anchor, Box, Button, Group, Stack, Text } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api } from '../api/client';
import { must } from '../api/errors';
import { saveBlob } from '../api/download';
import { ErrorAlert } from '../components/error-alert';
import { useFormat } from '../i18n/format';
import { useStaffT } from './staff-i18n';

/**
 * An evidence file as staff look at it: PDFs and images shown in the page (fetched with the
 * access token, shown from a blob: URL), anything else downloaded.
 */
export function EvidenceViewer({ id }: { id: string }) {
  const { t } = useStaffT();
  const format = useFormat();
  const [url, setUrl] = useState<string | null>(null);
  const details = useQuery({
    queryKey: ['evidence', id],
    staleTime: Infinity,
    queryFn: () => must(api.GET('/api/v1/evidence/{id}', { params: { path: { id } } })),
  });
  const open = useMutation({
    mutationFn: () => must(api.GET('/api/v1/evidence/{id}/download', { params: { path: { id } }, parseAs: 'blob' })),
    onSuccess: (blob) => setUrl(URL.createObjectURL(blob)),
  });
  useEffect(() => () => void (url && URL.revokeObjectURL(url)), [url]);
  const download = async () => {
    const blob = await must(api.GET('/api/v1/evidence/{id}/download', { params: { path: { id } }, parseAs: 'blob' }));
    saveBlob(blob, details.data?.fileName ?? 'evidence');
  };
  const file = details.data;
  const inline = file?.mime === 'application/pdf' || file?.mime?.startsWith('image/');
  return (
    <Stack gap={4} data-testid="evidence-file">
      <Group gap="xs">
        <Text size="sm" fw={600}>
          {file?.fileName ?? '…'}
        </Text>
        {file && (
          <Text size="xs" c="dimmed">
            {t(`evidenceType.${file.type}`)} · {file.issuer} · {format.date(file.issueDate)}
          </Text>
        )}
      </Group>
      <Group gap="xs">
        {inline && !url && (
          <Button size="compact-sm" variant="outline" onClick={() => open.mutate()} loading={open.isPending}>
            {t('evidence.show')}
          </Button>
        )}
        <Anchor component="button" type="button" size="sm" onClick={() => void download()}>
          {t('evidence.download')}
        </Anchor>
      </Group>
      <ErrorAlert error={open.error} />
      {url && file?.mime === 'application/pdf' && (
        <Box
          component="iframe"
          src={url}
          title={file.fileName}
          w="100%"
          h={480}
          style={{ border: '1px solid var(--mantine-color-gray-4)' }}
          data-testid="evidence-pdf"
        />
      )}
      {url && file?.mime.startsWith('image/') && (
        <Box component="img" src={url} alt={file.fileName} maw="100%" data-testid="evidence-image" />
      )}
    </Stack>
  );
}
