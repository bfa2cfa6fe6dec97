import { Anchor, Badge, Button, Group } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { must } from '../api/errors';
import { saveBlob } from '../api/download';
import { ErrorAlert } from './error-alert';

/** The centre's check of a record's document, with the reason of a rejection. */
export function RecordCheck({ check }: { check: { status: string; reason?: string | null } | undefined }) {
  const { t } = useTranslation();
  if (!check) return null;
  return (
    <Badge
      variant="outline"
      color={check.status === 'rejected' ? 'red' : check.status === 'confirmed' ? 'teal' : 'gray'}
      style={{ whiteSpace: 'normal', height: 'auto', textTransform: 'none' }}
    >
      {t(`records.check_${check.status}`)}
      {check.reason ? `: ${check.reason}` : ''}
    </Badge>
  );
}

/** Downloads one of the candidate's own evidence files (a record's document, an appeal's file). */
export function DocumentLink({ evidenceId, label }: { evidenceId: string; label: string }) {
  const download = useMutation({
    mutationFn: async () => {
      const blob = await must(
        api.GET('/api/v1/evidence/{id}/download', { params: { path: { id: evidenceId } }, parseAs: 'blob' }),
      );
      saveBlob(blob, label);
    },
  });
  return (
    <>
      <Anchor component="button" type="button" size="sm" onClick={() => download.mutate()}>
        {label}
      </Anchor>
      <ErrorAlert error={download.error} />
    </>
  );
}

/** Removes a record; the server refuses (RECORD_IN_USE) one an admitted application rests on. */
export function RemoveRecord({ remove, name }: { remove: () => Promise<unknown>; name: string }) {
  const { t } = useTranslation();
  const mutation = useMutation({ mutationFn: remove });
  return (
    <Group gap="xs">
      <Button
        size="compact-sm"
        variant="subtle"
        color="red.9"
        c="red.9"
        aria-label={t('records.removeNamed', { name })}
        loading={mutation.isPending}
        onClick={() => mutation.mutate()}
      >
        {t('records.remove')}
      </Button>
      <ErrorAlert error={mutation.error} />
    </Group>
  );
}
