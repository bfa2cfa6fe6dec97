import { Alert, Button, Card, PasswordInput, Stack, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ApiFailure, must } from '../../api/errors';
import { session } from '../../auth/session';
import { ErrorAlert } from '../../components/error-alert';
import { usePageTitle } from '../../components/page-title';

export default function PasswordPage() {
  const { t } = useTranslation();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNext] = useState('');
  usePageTitle(t('password.title'));
  const change = useMutation({
    mutationFn: () => must(api.POST('/api/v1/auth/password', { body: { currentPassword, newPassword } })),
    // Every other session ended; this device goes on with the new pair.
    onSuccess: (pair) => {
      session.renewed(pair.accessToken);
      setCurrent('');
      setNext('');
    },
  });
  const fields = change.error instanceof ApiFailure ? change.error.fields() : {};
  return (
    <Card withBorder maw={480} mx="auto" w="100%">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          change.mutate();
        }}
      >
        <Stack>
          <Title order={1} size="h2">
            {t('password.title')}
          </Title>
          <PasswordInput
            label={t('password.current')}
            autoComplete="current-password"
            required
            value={currentPassword}
            onChange={(event) => setCurrent(event.currentTarget.value)}
            error={fields.currentPassword !== undefined ? t('errors.PASSWORD_INCORRECT') : undefined}
          />
          <PasswordInput
            label={t('password.new')}
            description={t('register.passwordHint')}
            autoComplete="new-password"
            required
            value={newPassword}
            onChange={(event) => setNext(event.currentTarget.value)}
            error={fields.newPassword !== undefined ? t('errors.PASSWORD_TOO_WEAK') : undefined}
          />
          <ErrorAlert error={change.error} />
          {change.isSuccess && (
            <Alert color="teal" role="status">
              {t('password.changed')}
            </Alert>
          )}
          <Button type="submit" loading={change.isPending}>
            {t('password.submit')}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}
