import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { errorText } from '../api/errors';

/** A refused action's reason, in the page's language. */
export function ErrorAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <Alert color="red" role="alert">
      {errorText(t, error)}
    </Alert>
  );
}
