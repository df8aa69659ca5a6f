import { useEffect, useRef, useState } from 'react';
import { ActionIcon, Alert, Button, Code, CopyButton, Group, Select, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { DataTable } from 'mantine-datatable';
import { useTranslation } from 'react-i18next';
import { createTokenBody, type ApiToken, type CreateTokenBody } from '#shared/contracts/tokens';
import { api } from '../../api/client';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { fromMd, fromSm, useDataTableTexts } from '../../components/dataTable';
import { applyServerErrors, zodValidate } from '../../components/forms';
import { shownBesideFields } from '../../components/formErrors';
import { formatDateTime } from '../../components/format';
import { ErrorAlert } from '../../components/Page';
import { Section } from './Section';

export const tokensQueryKey = ['tokens'] as const;

type CreatedToken = ApiToken & { token: string };
type FormValues = { name: string; expiresInDays: string };

const expiryChoices = ['30', '90', '365', 'never'] as const;

function toBody(values: FormValues): CreateTokenBody {
  return { name: values.name, expiresInDays: values.expiresInDays === 'never' ? null : Number(values.expiresInDays) };
}

function CopyIcon({ copied }: { copied: boolean }) {
  return copied ? (
    <svg width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
      <path d="M5 12l5 5l10 -10" />
    </svg>
  ) : (
    <svg width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
      <rect x="8" y="8" width="12" height="12" rx="2" />
      <path d="M16 8V6a2 2 0 0 0 -2 -2H6a2 2 0 0 0 -2 2v8a2 2 0 0 0 2 2h2" />
    </svg>
  );
}

/** The secret of a token just created: shown once, here, and never again. */
function NewToken({ created, onDone }: { created: CreatedToken; onDone: () => void }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, [created.id]);
  return (
    <Alert
      color="orange"
      variant="light"
      styles={{ title: { color: 'var(--mantine-color-text)' } }}
      title={t('account.tokens.createdTitle', { name: created.name })}
      role="status"
    >
      <Stack gap="sm">
        <Text size="sm" fw={700}>
          {t('account.tokens.onceWarning')}
        </Text>
        <TextInput
          ref={input}
          label={t('account.tokens.secret')}
          value={created.token}
          readOnly
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          onFocus={(event) => event.currentTarget.select()}
          rightSection={
            <CopyButton value={created.token}>
              {({ copied, copy }) => (
                <Tooltip label={copied ? t('account.tokens.copied') : t('account.tokens.copy')} withArrow>
                  <ActionIcon
                    variant="subtle"
                    color={copied ? 'green' : 'gray'}
                    onClick={copy}
                    aria-label={copied ? t('account.tokens.copied') : t('account.tokens.copy')}
                  >
                    <CopyIcon copied={copied} />
                  </ActionIcon>
                </Tooltip>
              )}
            </CopyButton>
          }
        />
        <Group>
          <Button variant="outline" onClick={onDone}>
            {t('account.tokens.done')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

export function TokensSection() {
  const { t } = useTranslation();
  const texts = useDataTableTexts();
  const queryClient = useQueryClient();
  const tokens = useQuery({
    queryKey: tokensQueryKey,
    queryFn: () =>
      api.get<ApiToken[] | { items: ApiToken[] }>('/api/tokens').then((data) => (Array.isArray(data) ? data : data.items)),
  });
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const [error, setError] = useState<string | null>(null);

  const form = useForm<FormValues>({
    initialValues: { name: '', expiresInDays: '365' },
    validate: (values) => zodValidate(createTokenBody)(toBody(values)),
  });

  const submit = form.onSubmit(async (values) => {
    setError(null);
    try {
      const token = await api.post<CreatedToken>('/api/tokens', toBody(values));
      setCreated(token);
      form.reset();
      await queryClient.invalidateQueries({ queryKey: tokensQueryKey });
    } catch (caught) {
      const left = applyServerErrors(form, caught);
      setError(shownBesideFields(caught) ? null : left);
    }
  });

  const revoke = useMutation({
    mutationFn: (id: string) => api.delete(`/api/tokens/${id}`),
    onSuccess: async () => {
      setRevoking(null);
      await queryClient.invalidateQueries({ queryKey: tokensQueryKey });
    },
  });

  const origin = typeof window === 'undefined' ? '' : window.location.origin;
  const records = tokens.data ?? [];

  return (
    <Section id="tokens" title={t('account.tokens.title')}>
      <Text size="sm">{t('account.tokens.intro')}</Text>
      {created && <NewToken created={created} onDone={() => setCreated(null)} />}
      <ErrorAlert error={tokens.error} />
      <DataTable<ApiToken>
        aria-label={t('account.tokens.title')}
        withTableBorder
        minHeight={records.length ? undefined : 120}
        fetching={tokens.isPending}
        records={records}
        {...texts}
        columns={[
          { accessor: 'name', title: t('common.name') },
          {
            accessor: 'prefix',
            title: t('account.tokens.prefix'),
            render: (r) => <Code>{r.prefix}…</Code>,
            visibleMediaQuery: fromMd,
          },
          {
            accessor: 'createdAt',
            title: t('common.createdAt'),
            render: (r) => formatDateTime(r.createdAt),
            visibleMediaQuery: fromMd,
          },
          {
            accessor: 'lastUsedAt',
            title: t('account.tokens.lastUsed'),
            render: (r) => (r.lastUsedAt ? formatDateTime(r.lastUsedAt) : t('account.tokens.neverUsed')),
            visibleMediaQuery: fromSm,
          },
          {
            accessor: 'expiresAt',
            title: t('account.tokens.expires'),
            render: (r) => (r.expiresAt ? formatDateTime(r.expiresAt) : t('account.tokens.noExpiry')),
          },
          {
            accessor: 'actions',
            title: t('common.actions'),
            textAlign: 'right',
            render: (r) => (
              <Button
                size="xs"
                variant="outline"
                color="red.9"
                aria-label={t('account.tokens.revokeLabel', { name: r.name, prefix: r.prefix })}
                onClick={() => {
                  revoke.reset();
                  setRevoking(r);
                }}
              >
                {t('account.tokens.revoke')}
              </Button>
            ),
          },
        ]}
      />

      <form onSubmit={submit} noValidate aria-labelledby="token-create-title">
        <Stack gap="sm">
          <Text component="h3" id="token-create-title" fw={700}>
            {t('account.tokens.create')}
          </Text>
          <ErrorAlert error={error} />
          <Group align="flex-start" grow preventGrowOverflow={false} wrap="wrap">
            <TextInput
              label={t('account.tokens.name')}
              description={t('account.tokens.nameHint')}
              required
              miw={220}
              {...form.getInputProps('name')}
            />
            <Select
              label={t('account.tokens.expiry')}
              description={t('account.tokens.expiryHint')}
              data={expiryChoices.map((value) => ({ value, label: t(`account.tokens.expiryChoice.${value}`) }))}
              allowDeselect={false}
              miw={180}
              {...form.getInputProps('expiresInDays')}
            />
          </Group>
          <Group>
            <Button type="submit" loading={form.submitting}>
              {t('account.tokens.createButton')}
            </Button>
          </Group>
        </Stack>
      </form>

      <Stack gap={4}>
        <Text component="h3" fw={700}>
          {t('account.tokens.exampleTitle')}
        </Text>
        <Text size="sm">{t('account.tokens.example')}</Text>
        <Code block style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {`curl -H "Authorization: Bearer ${t('account.tokens.examplePlaceholder')}" ${origin}/api/auth/me`}
        </Code>
      </Stack>

      <ConfirmDialog
        opened={revoking !== null}
        title={t('account.tokens.confirmTitle')}
        confirmLabel={t('account.tokens.revoke')}
        danger
        loading={revoke.isPending}
        error={revoke.error}
        onClose={() => setRevoking(null)}
        onConfirm={() => {
          if (revoking) revoke.mutate(revoking.id);
        }}
      >
        {t('account.tokens.confirmBody', { name: revoking?.name ?? '' })}
      </ConfirmDialog>
    </Section>
  );
}
