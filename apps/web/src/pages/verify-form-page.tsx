import { Alert, Button, Card, Group, List, Stack, Text, TextInput, ThemeIcon, Title } from '@mantine/core';
import { Dropzone } from '@mantine/dropzone';
import '@mantine/dropzone/styles.css';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../api/client';
import { errorText, must } from '../api/errors';
import { usePageTitle } from '../components/page-title';

const CHECKS = ['signature', 'issuerKey', 'expiry', 'status'] as const;
const PASSING: Record<(typeof CHECKS)[number], string> = {
  signature: 'valid',
  issuerKey: 'known',
  expiry: 'valid',
  status: 'valid',
};

/** Verify by number and code, or by dropping the credential file the holder was given. */
export default function VerifyFormPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  usePageTitle(t('verifyForm.title'));
  const [number, setNumber] = useState('');
  const [code, setCode] = useState('');
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const check = useMutation({
    mutationFn: (credential: Record<string, unknown>) =>
      must(api.POST('/api/v1/public/credentials/verify', { body: credential })),
  });

  const readCredential = async (file: File) => {
    setFileProblem(null);
    check.reset();
    let credential: unknown;
    try {
      credential = JSON.parse(await file.text());
    } catch {
      setFileProblem(t('verifyForm.notJson'));
      return;
    }
    if (!credential || typeof credential !== 'object' || Array.isArray(credential)) {
      setFileProblem(t('verifyForm.notJson'));
      return;
    }
    check.mutate(credential as Record<string, unknown>);
  };

  return (
    <Stack gap="xl">
      <Title order={1}>{t('verifyForm.title')}</Title>
      <Card withBorder component="section" aria-labelledby="by-number">
        <Title order={2} size="h4" id="by-number" mb="sm">
          {t('verifyForm.byNumber')}
        </Title>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void navigate(
              `/verify/${encodeURIComponent(number.trim().toUpperCase())}?code=${encodeURIComponent(code.trim())}`,
            );
          }}
        >
          <Stack>
            <TextInput
              label={t('verifyForm.number')}
              description={t('verifyForm.numberHint')}
              value={number}
              onChange={(event) => setNumber(event.currentTarget.value)}
              required
            />
            <TextInput
              label={t('verify.code')}
              description={t('verify.codeHint')}
              value={code}
              onChange={(event) => setCode(event.currentTarget.value)}
              required
            />
            <Group>
              <Button type="submit">{t('verify.check')}</Button>
            </Group>
          </Stack>
        </form>
      </Card>
      <Card withBorder component="section" aria-labelledby="by-file">
        <Title order={2} size="h4" id="by-file" mb="sm">
          {t('verifyForm.byFile')}
        </Title>
        <Dropzone
          onDrop={(files) => files[0] && void readCredential(files[0])}
          onReject={() => setFileProblem(t('verifyForm.notJson'))}
          accept={['application/json', 'application/ld+json', '.json']}
          maxFiles={1}
          multiple={false}
          maxSize={1024 * 1024}
          loading={check.isPending}
          inputProps={{ 'aria-label': t('verifyForm.drop') }}
        >
          <Text ta="center" py="lg">
            {t('verifyForm.drop')}
          </Text>
        </Dropzone>
        {fileProblem && (
          <Alert color="red" role="alert" mt="md">
            {fileProblem}
          </Alert>
        )}
        {check.error && (
          <Alert color="red" role="alert" mt="md">
            {errorText(t, check.error)}
          </Alert>
        )}
        {check.data && (
          <Stack mt="md" data-testid="credential-checks">
            <Alert color={check.data.verified ? 'teal' : 'red'} variant="filled" role="status">
              {check.data.verified ? t('verifyForm.verified') : t('verifyForm.notVerified')}
            </Alert>
            <List spacing="xs" center>
              {CHECKS.map((name) => {
                const value = (check.data.checks as Record<string, string>)[name];
                const ok = value === PASSING[name];
                return (
                  <List.Item
                    key={name}
                    icon={
                      <ThemeIcon color={ok ? 'teal' : 'red'} size={20} radius="xl" aria-hidden>
                        {ok ? '✓' : '✗'}
                      </ThemeIcon>
                    }
                  >
                    <strong>{t(`verifyForm.check_${name}`)}:</strong> {t(`verifyForm.value_${value}`)}
                  </List.Item>
                );
              })}
            </List>
          </Stack>
        )}
      </Card>
    </Stack>
  );
}
