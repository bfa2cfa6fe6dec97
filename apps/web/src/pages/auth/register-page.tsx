import { Anchor, Button, Card, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api/client';
import { ApiFailure, must } from '../../api/errors';
import { useAuth } from '../../auth/auth-context';
import { ErrorAlert } from '../../components/error-alert';
import { usePageTitle } from '../../components/page-title';

/** A candidate creates their account and is signed in at once. */
export default function RegisterPage() {
  const { t } = useTranslation();
  const { signIn } = useAuth();
  const navigate = useNavigate();
  const [fullName, setFullName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  usePageTitle(t('register.title'));
  const register = useMutation({
    mutationFn: async () => {
      await must(
        api.POST('/api/v1/auth/register', { body: { fullName: fullName.trim(), email: email.trim(), password } }),
      );
      await signIn(email.trim(), password);
    },
    onSuccess: () => void navigate('/cabinet/profile', { replace: true }),
  });
  const fields = register.error instanceof ApiFailure ? register.error.fields() : {};
  const fieldError = (name: string, code: string) => (fields[name] !== undefined ? t(code) : undefined);

  return (
    <Card withBorder maw={480} mx="auto" w="100%">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          register.mutate();
        }}
      >
        <Stack>
          <Title order={1} size="h2">
            {t('register.title')}
          </Title>
          <Text size="sm">{t('register.lead')}</Text>
          <TextInput
            label={t('fields.fullName')}
            autoComplete="name"
            required
            minLength={2}
            value={fullName}
            onChange={(event) => setFullName(event.currentTarget.value)}
            error={fieldError('fullName', 'register.fullNameInvalid')}
          />
          <TextInput
            label={t('fields.email')}
            type="email"
            autoComplete="email"
            required
            value={email}
            onChange={(event) => setEmail(event.currentTarget.value)}
            error={fieldError('email', 'register.emailInvalid')}
          />
          <PasswordInput
            label={t('fields.password')}
            description={t('register.passwordHint')}
            autoComplete="new-password"
            required
            minLength={10}
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
            error={fieldError('password', 'errors.PASSWORD_TOO_WEAK')}
          />
          <ErrorAlert error={register.error} />
          <Button type="submit" loading={register.isPending}>
            {t('register.submit')}
          </Button>
          <Text size="sm">
            {t('register.haveAccount')}{' '}
            <Anchor component={Link} to="/sign-in">
              {t('nav.signIn')}
            </Anchor>
          </Text>
        </Stack>
      </form>
    </Card>
  );
}
