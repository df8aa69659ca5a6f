import { useMemo, useState } from 'react';
import { Alert, Anchor, Button, Group, Loader, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { PublicCertificate } from '#shared/contracts/certification';
import { formatCertificateCode, normaliseCertificateCode } from '#shared/contracts/training-records';
import { ApiError } from '../../api/client';
import { formatDate } from '../../components/format';
import { ErrorAlert, Page } from '../../components/Page';
import { PublicLayout } from '../../components/PublicLayout';
import { usePublicRegister, useCertificateCheck } from './api';
import { CertificateStatusBadge } from './parts';
import { AnchorLink } from '../../components/links';

/** For anyone, without logging in: the units certified today, the same as open data, and the check of a certificate by its code. */
export function RegisterPage() {
  const { t } = useTranslation();
  const register = usePublicRegister();
  const [q, setQ] = useState('');
  const items = useMemo(() => {
    const words = q.trim().toLocaleLowerCase('sv').split(/\s+/).filter(Boolean);
    return (register.data?.items ?? []).filter((item) => {
      const text = `${item.unitName} ${item.administrationName} ${item.schemeName}`.toLocaleLowerCase('sv');
      return words.every((word) => text.includes(word));
    });
  }, [register.data, q]);
  return (
    <PublicLayout size="lg">
      <Page title={t('certification.register.title')}>
        <Text>{t('certification.register.intro')}</Text>
        <ErrorAlert error={register.error} />
        {register.isPending && <Loader size="sm" aria-label={t('common.loading')} />}
        {register.data && (
          <>
            <Text size="sm">
              {t('certification.register.asOf', { date: formatDate(register.data.asOf), count: register.data.items.length })}
            </Text>
            <TextInput
              label={t('certification.register.search')}
              description={t('certification.register.searchHelp')}
              value={q}
              onChange={(event) => setQ(event.currentTarget.value)}
              maw={420}
            />
            <Text size="sm" role="status">
              {t('certification.register.shown', { count: items.length })}
            </Text>
            <RegisterTable items={items} />
          </>
        )}
        <Group gap="md">
          <Anchor href="/api/public/certificates.csv" download>
            {t('certification.register.csv')}
          </Anchor>
          <Anchor href="/api/public/certificates">{t('certification.register.json')}</Anchor>
        </Group>
        <Text size="sm">{t('certification.register.openData')}</Text>
        <Title order={2} size="h3">
          {t('certification.register.checkTitle')}
        </Title>
        <CodeForm />
      </Page>
    </PublicLayout>
  );
}

function RegisterTable({ items }: { items: PublicCertificate[] }) {
  const { t } = useTranslation();
  if (items.length === 0) return <Text>{t('certification.register.none')}</Text>;
  return (
    // On a phone the table scrolls inside itself, reachable by keyboard; the page does not.
    <div role="region" aria-label={t('certification.register.tableLabel')} tabIndex={0} style={{ overflowX: 'auto' }}>
      <Table striped withTableBorder miw={640}>
        <Table.Caption style={{ textAlign: 'left' }}>{t('certification.register.tableLabel')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('certification.unit')}</Table.Th>
            <Table.Th scope="col">{t('certification.administration')}</Table.Th>
            <Table.Th scope="col">{t('certification.scheme')}</Table.Th>
            <Table.Th scope="col">{t('certification.certificate.issuer')}</Table.Th>
            <Table.Th scope="col">{t('certification.register.validFrom')}</Table.Th>
            <Table.Th scope="col">{t('certification.validUntil')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => (
            <Table.Tr key={`${item.unitName}|${item.administrationName}|${item.schemeName}`}>
              <Table.Th scope="row" fw={500}>
                {item.unitName}
              </Table.Th>
              <Table.Td>{item.administrationName}</Table.Td>
              <Table.Td>{item.schemeName}</Table.Td>
              <Table.Td>{item.issuer}</Table.Td>
              <Table.Td>{formatDate(item.validFrom)}</Table.Td>
              <Table.Td>{formatDate(item.validUntil)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}

const checkRoute = getRouteApi('/register/$code');

/** The check of one unit certificate by its code: what it certifies and whether it is valid, expired or revoked. */
export function RegisterCheckPage() {
  const { t } = useTranslation();
  const { code } = checkRoute.useParams();
  const query = useCertificateCheck(code);
  const status = query.error instanceof ApiError ? query.error.status : null;
  const result = query.data;
  return (
    <PublicLayout>
      <Page title={t('certification.register.checkTitle')}>
        {query.isPending && <Loader size="sm" aria-label={t('certification.register.checking')} />}
        {result && (
          <Alert
            color={result.status === 'valid' ? 'teal.9' : 'red.9'}
            variant="outline"
            role="status"
            title={t(`certification.register.result.${result.status}`)}
          >
            <Stack gap="xs">
              <CertificateStatusBadge status={result.status} />
              <Table variant="vertical" withTableBorder={false} aria-label={t('certification.register.checkTitle')}>
                <Table.Tbody>
                  <Table.Tr>
                    <Table.Th scope="row">{t('certification.unit')}</Table.Th>
                    <Table.Td>{result.unitName}</Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th scope="row">{t('certification.administration')}</Table.Th>
                    <Table.Td>{result.administrationName}</Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th scope="row">{t('certification.scheme')}</Table.Th>
                    <Table.Td>{result.schemeName}</Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th scope="row">{t('certification.certificate.issuer')}</Table.Th>
                    <Table.Td>{result.issuer}</Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th scope="row">{t('certification.register.validFrom')}</Table.Th>
                    <Table.Td>{formatDate(result.validFrom)}</Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th scope="row">{t('certification.validUntil')}</Table.Th>
                    <Table.Td>{formatDate(result.validUntil)}</Table.Td>
                  </Table.Tr>
                </Table.Tbody>
              </Table>
            </Stack>
          </Alert>
        )}
        {status === 404 && (
          <Alert color="red.9" variant="outline" role="alert" title={t('certification.register.checkTitle')}>
            <Text c="var(--mantine-color-text)">
              {t('certification.register.notFound', { code: formatCertificateCode(normaliseCertificateCode(code)) })}
            </Text>
          </Alert>
        )}
        {status === 429 && (
          <Alert color="red.9" variant="outline" role="alert" title={t('certification.register.checkTitle')}>
            <Text c="var(--mantine-color-text)">{t('certification.register.tooMany')}</Text>
          </Alert>
        )}
        {query.error && status !== 404 && status !== 429 && <ErrorAlert error={query.error} />}
        <Title order={2} size="h3">
          {t('certification.register.another')}
        </Title>
        <CodeForm />
        <AnchorLink to="/register">{t('certification.register.back')}</AnchorLink>
      </Page>
    </PublicLayout>
  );
}

function CodeForm() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const form = useForm({
    initialValues: { code: '' },
    validate: {
      code: (value) => (normaliseCertificateCode(value).length === 0 ? t('certification.register.codeRequired') : null),
    },
  });
  const submit = form.onSubmit(async (values) => {
    await navigate({ to: '/register/$code', params: { code: normaliseCertificateCode(values.code) } });
    form.reset();
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack maw={420}>
        <TextInput
          label={t('certification.register.code')}
          description={t('certification.register.codeHelp')}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          required
          {...form.getInputProps('code')}
        />
        <Group>
          <Button type="submit">{t('certification.register.check')}</Button>
        </Group>
      </Stack>
    </form>
  );
}
