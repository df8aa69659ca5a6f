import { Alert, Button, Loader, Stack, Table, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  type CertificateVerification,
  formatCertificateCode,
  normaliseCertificateCode,
} from '#shared/contracts/training-records';
import { api, ApiError } from '../../api/client';
import { formatLongDate } from '../../components/format';
import { ErrorAlert, Page } from '../../components/Page';
import { PublicLayout } from '../../components/PublicLayout';
import { formatHours } from '../my-training/TrainingRecordTable';

/** The public page where anyone checks a certificate of completion by its code, without logging in. */
export function VerifyPage() {
  const { t } = useTranslation();
  return (
    <PublicLayout>
      <Page title={t('verify.title')}>
        <Text>{t('verify.intro')}</Text>
        <CodeForm />
      </Page>
    </PublicLayout>
  );
}

const resultRoute = getRouteApi('/verify/$code');

export function VerifyResultPage() {
  const { t } = useTranslation();
  const { code } = resultRoute.useParams();
  const query = useQuery({
    queryKey: ['certificate-verification', code],
    queryFn: () => api.get<CertificateVerification>(`/api/public/training-certificates/${encodeURIComponent(code)}`),
    retry: false,
  });
  const notFound = query.error instanceof ApiError && query.error.status === 404;
  const shownCode = formatCertificateCode(normaliseCertificateCode(code));
  return (
    <PublicLayout>
      <Page title={t('verify.title')}>
        {query.isPending && <Loader size="sm" aria-label={t('verify.checking')} />}
        {query.data && (
          <Stack gap="sm">
            <Alert color="teal.9" variant="outline" title={t('verify.valid')} role="status">
              <Table aria-label={t('verify.valid')} variant="vertical" withTableBorder={false}>
                <Table.Tbody>
                  <Table.Tr>
                    <Table.Th scope="row">{t('verify.name')}</Table.Th>
                    <Table.Td>{query.data.name}</Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th scope="row">{t('verify.course')}</Table.Th>
                    <Table.Td>{query.data.course}</Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th scope="row">{t('verify.hours')}</Table.Th>
                    <Table.Td>{t('verify.hoursValue', { hours: formatHours(query.data.hours) })}</Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th scope="row">{t('verify.completedOn')}</Table.Th>
                    <Table.Td>{formatLongDate(query.data.completedOn)}</Table.Td>
                  </Table.Tr>
                </Table.Tbody>
              </Table>
            </Alert>
          </Stack>
        )}
        {notFound && (
          <Alert color="red.9" variant="outline" role="alert" title={t('verify.title')}>
            <Text c="var(--mantine-color-text)">{t('verify.notFound', { code: shownCode })}</Text>
          </Alert>
        )}
        {query.error && !notFound && <ErrorAlert error={query.error} />}
        <Text fw={700} component="h2" size="lg">
          {t('verify.another')}
        </Text>
        <CodeForm />
      </Page>
    </PublicLayout>
  );
}

function CodeForm() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const form = useForm({
    initialValues: { code: '' },
    validate: { code: (value) => (normaliseCertificateCode(value).length === 0 ? t('verify.codeRequired') : null) },
  });
  const submit = form.onSubmit(async (values) => {
    await navigate({ to: '/verify/$code', params: { code: formatCertificateCode(normaliseCertificateCode(values.code)) } });
    form.reset();
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <TextInput
          label={t('verify.code')}
          description={t('verify.codeHint')}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          required
          {...form.getInputProps('code')}
        />
        <Button type="submit">{t('verify.submit')}</Button>
      </Stack>
    </form>
  );
}
