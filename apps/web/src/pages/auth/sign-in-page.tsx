import { Alert, Anchor, Button, Card, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { useAuth } from '../../auth/auth-context';
import { safeNext } from '../../auth/require-sign-in';
import { ErrorAlert } from '../../components/error-alert';
import { usePageTitle } from '../../components/page-title';

export default function SignInPage() {
  const { t } = useTranslation();
  const { user, expired, signIn } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  usePageTitle(t('signIn.title'));
  const attempt = useMutation({
    mutationFn: () => signIn(email.trim(), password),
    onSuccess: () => void navigate(next, { replace: true }),
  });
  if (user && !attempt.isSuccess) return <Navigate to={next} replace />;

  return (
    <Card withBorder maw={440} mx="auto" w="100%">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          attempt.mutate();
        }}
      >
        <Stack>
          <Title order={1} size="h2">
            {t('signIn.title')}
          </Title>
          {expired && (
            <Alert color="orange" role="status">
              {t('signIn.expired')}
            </Alert>
          )}
          <TextInput
            label={t('fields.email')}
            type="email"
            autoComplete="email"
            required
            value={email}
            onChange={(event) => setEmail(event.currentTarget.value)}
          />
          <PasswordInput
            label={t('fields.password')}
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
          />
          <ErrorAlert error={attempt.error} />
          <Button type="submit" loading={attempt.isPending}>
            {t('signIn.submit')}
          </Button>
          <Text size="sm">
            {t('signIn.noAccount')}{' '}
            <Anchor component={Link} to="/register">
              {t('nav.register')}
            </Anchor>
          </Text>
        </Stack>
      </form>
    </Card>
  );
}
