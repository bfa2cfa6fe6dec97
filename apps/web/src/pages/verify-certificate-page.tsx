import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  List,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiFailure, errorText } from '../api/errors';
import { usePageTitle } from '../components/page-title';
import { useFormat } from '../i18n/format';
import { publicCertificateQuery } from './public-certificate-query';
import { useVerdictMark } from './verify-page-mark';

const VERDICT_COLOURS = { valid: 'teal', expired: 'orange', revoked: 'red' } as const;

/** The page a certificate's QR code opens: the verdict first, then what the certificate says. */
export default function VerifyCertificatePage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { number = '' } = useParams();
  const [params] = useSearchParams();
  const code = params.get('code') ?? '';
  usePageTitle(t('verify.pageTitle', { number }));

  const query = useQuery({ ...publicCertificateQuery(number, code), enabled: code !== '' });
  useVerdictMark(Boolean(query.data));

  if (!code) return <CodeForm number={number} />;
  if (query.isPending) {
    return <Text aria-live="polite">{t('common.loading')}</Text>;
  }
  if (query.error) {
    const notFound = query.error instanceof ApiFailure && [400, 404].includes(query.error.status);
    return (
      <Stack>
        <Title order={1}>{t('verify.heading', { number })}</Title>
        <Alert color="red" role="alert" title={notFound ? t('verify.notFoundTitle') : t('common.error')}>
          {notFound ? t('verify.notFoundText') : errorText(t, query.error)}
        </Alert>
        <Anchor component={Link} to="/verify">
          {t('verify.tryAgain')}
        </Anchor>
      </Stack>
    );
  }

  const certificate = query.data;
  const status = certificate.status;
  return (
    <Stack gap="lg">
      <Alert
        color={VERDICT_COLOURS[status]}
        variant="filled"
        role="status"
        title={<span data-testid="verdict">{t(`verify.verdict.${status}`)}</span>}
      >
        {status === 'valid' && t('verify.validText', { date: format.date(certificate.validUntil) })}
        {status === 'expired' && t('verify.expiredText', { date: format.date(certificate.validUntil) })}
        {status === 'revoked' && (
          <>
            {t('verify.revokedText', { date: format.dateTime(certificate.revokedAt) })}{' '}
            <strong>{t('verify.reason')}:</strong> {certificate.revokeReason}
          </>
        )}
      </Alert>
      <Title order={1}>{t('verify.heading', { number: certificate.number })}</Title>
      <Card withBorder>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <Field label={t('verify.holder')} value={certificate.holderName} />
          <Field label={t('verify.card')} value={certificate.card.name} />
          <Field label={t('verify.orkLevel')} value={format.number(certificate.card.orkLevel)} />
          <Field label={t('verify.occupationCode')} value={certificate.card.occupationCode ?? '—'} />
          <Field label={t('verify.centre')} value={`${certificate.centre.name} (${certificate.centre.code})`} />
          <Field label={t('verify.issuedOn')} value={format.date(certificate.issuedOn)} />
          <Field label={t('verify.validUntil')} value={format.date(certificate.validUntil)} />
          <Field label={t('verify.status')} value={t(`verify.status_${status}`)} />
        </SimpleGrid>
        <Text size="sm" c="dimmed" mt="md">
          {t('verify.noIin')}
        </Text>
      </Card>
      <Title order={2} size="h3">
        {t('verify.credited')}
      </Title>
      {certificate.functions.map((fn) => (
        <Card withBorder key={fn.title}>
          <Group gap="xs" mb="xs">
            <Title order={3} size="h5">
              {fn.title}
            </Title>
            <Badge variant="outline" color={fn.kind === 'mandatory' ? 'teal' : 'gray'}>
              {t(`catalogue.kind_${fn.kind}`)}
            </Badge>
          </Group>
          <List size="sm">
            {fn.skills.map((skill) => (
              <List.Item key={skill.id}>{skill.title}</List.Item>
            ))}
          </List>
        </Card>
      ))}
      <Text size="sm">
        {t('verify.issuerKeyText')}{' '}
        <Anchor href="/api/v1/public/issuer" target="_blank" rel="noopener">
          {t('verify.issuerKeyLink')}
        </Anchor>
      </Text>
    </Stack>
  );
}

function Field({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fw={500}>{value}</Text>
    </div>
  );
}

function CodeForm({ number }: { number: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [code, setCode] = useState('');
  return (
    <Stack>
      <Title order={1}>{t('verify.heading', { number })}</Title>
      <Text>{t('verify.codeNeeded')}</Text>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void navigate(`/verify/${encodeURIComponent(number)}?code=${encodeURIComponent(code.trim())}`);
        }}
      >
        <Group align="end">
          <TextInput
            label={t('verify.code')}
            description={t('verify.codeHint')}
            value={code}
            onChange={(event) => setCode(event.currentTarget.value)}
            required
          />
          <Button type="submit">{t('verify.check')}</Button>
        </Group>
      </form>
    </Stack>
  );
}
