import { Alert, Group, Progress, Stack, Text } from '@mantine/core';
import { Dropzone, type FileRejection } from '@mantine/dropzone';
import '@mantine/dropzone/styles.css';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../api/errors';
import { ACCEPTED_TYPES, MAX_EVIDENCE_BYTES, uploadEvidence, type Evidence, type EvidenceFields } from '../api/upload';
import { useFormat } from '../i18n/format';

interface Item {
  key: string;
  name: string;
  progress: number;
  state: 'uploading' | 'done' | 'refused';
  problem?: string;
}

/**
 * Drop or choose files (several at once): each is uploaded with its own progress bar, and a file
 * the browser or the server refuses says why beside its name; the others go on.
 */
export function EvidenceDrop({
  fields,
  multiple = true,
  onUploaded,
  label,
}: {
  fields: EvidenceFields;
  multiple?: boolean;
  onUploaded: (evidence: Evidence) => void;
  label: string;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [items, setItems] = useState<Item[]>([]);
  const update = (key: string, change: Partial<Item>) =>
    setItems((list) => list.map((item) => (item.key === key ? { ...item, ...change } : item)));

  const accept = (files: File[]) => {
    for (const file of files) {
      const key = `${file.name}-${file.size}-${Math.random()}`;
      setItems((list) => [...list, { key, name: file.name, progress: 0, state: 'uploading' }]);
      uploadEvidence(file, fields, (fraction) => update(key, { progress: fraction }))
        .then((evidence) => {
          update(key, { state: 'done', progress: 1 });
          onUploaded(evidence);
        })
        .catch((error: unknown) => update(key, { state: 'refused', problem: errorText(t, error) }));
    }
  };
  const refuse = (rejections: FileRejection[]) => {
    for (const { file, errors } of rejections) {
      const tooLarge = errors.some((e) => e.code === 'file-too-large');
      setItems((list) => [
        ...list,
        {
          key: `${file.name}-${Math.random()}`,
          name: file.name,
          progress: 0,
          state: 'refused',
          problem: tooLarge
            ? t('upload.tooLarge', { size: format.number(MAX_EVIDENCE_BYTES / 1024 / 1024) })
            : t('errors.UNSUPPORTED_FILE_TYPE'),
        },
      ]);
    }
  };

  return (
    <Stack gap="xs">
      <Dropzone
        onDrop={accept}
        onReject={refuse}
        accept={ACCEPTED_TYPES}
        maxSize={MAX_EVIDENCE_BYTES}
        multiple={multiple}
        inputProps={{ 'aria-label': label }}
      >
        <Text ta="center" py="md">
          {label}
        </Text>
        <Text ta="center" size="sm" c="dimmed">
          {t('upload.hint', { size: format.number(MAX_EVIDENCE_BYTES / 1024 / 1024) })}
        </Text>
      </Dropzone>
      {items.map((item) => (
        <Stack key={item.key} gap={4} data-testid="upload-item">
          <Group justify="space-between" wrap="nowrap">
            <Text size="sm" truncate>
              {item.name}
            </Text>
            <Text size="sm" c={item.state === 'refused' ? 'red.9' : 'dimmed'}>
              {t(`upload.state_${item.state}`)}
            </Text>
          </Group>
          {item.state !== 'refused' && (
            <Progress
              value={item.progress * 100}
              aria-label={t('upload.progress', { name: item.name })}
              size="sm"
              animated={item.state === 'uploading'}
            />
          )}
          {item.problem && (
            <Alert color="red" p="xs">
              {item.problem}
            </Alert>
          )}
        </Stack>
      ))}
    </Stack>
  );
}
