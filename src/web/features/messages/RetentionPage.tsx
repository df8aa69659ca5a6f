import { useEffect, useState } from 'react';
import { Button, Group, NumberInput, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import {
  contactRetentionDaysMax,
  retentionDaysMin,
  retentionSettingsBody,
  textRetentionDaysMax,
  type RetentionSettings,
} from '#shared/contracts/messages';
import { ErrorAlert, Page } from '../../components/Page';
import { RequirePermission } from '../../components/RequirePermission';
import { applyServerErrors, zodValidate } from '../../components/forms';
import { formatDateTime } from '../../components/format';
import { notifySaved } from '../organisation/parts';
import { useRetentionSettings, useSaveRetentionSettings } from './api';

/** The administrator's settings for citizens' messages: how long what citizens sent is kept. */
export function RetentionPage() {
  const { t } = useTranslation();
  return (
    <RequirePermission action="update" entity="citizen_message_settings" title={t('messages.retention.nav')}>
      <Page title={t('messages.retention.nav')}>
        <RetentionSection />
      </Page>
    </RequirePermission>
  );
}

function RetentionSection() {
  const { t } = useTranslation();
  const settings = useRetentionSettings();
  return (
    <Stack gap="sm" component="section" aria-labelledby="retention-heading">
      <Title order={2} size="h3" id="retention-heading">
        {t('messages.retention.title')}
      </Title>
      <Text>{t('messages.retention.intro')}</Text>
      <ErrorAlert error={settings.error} />
      {settings.data && <RetentionForm settings={settings.data} />}
    </Stack>
  );
}

type Values = { contactRetentionDays: number | string; textRetentionDays: number | string };

const toBody = (values: Values) => ({
  contactRetentionDays: values.contactRetentionDays === '' ? undefined : Number(values.contactRetentionDays),
  textRetentionDays: values.textRetentionDays === '' ? undefined : Number(values.textRetentionDays),
});

function RetentionForm({ settings }: { settings: RetentionSettings }) {
  const { t } = useTranslation();
  const save = useSaveRetentionSettings();
  const [error, setError] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: { contactRetentionDays: settings.contactRetentionDays, textRetentionDays: settings.textRetentionDays },
    validate: (values) => zodValidate(retentionSettingsBody)(toBody(values)),
  });
  useEffect(() => {
    form.setInitialValues({ contactRetentionDays: settings.contactRetentionDays, textRetentionDays: settings.textRetentionDays });
    // Only when the stored settings change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [settings.contactRetentionDays, settings.textRetentionDays]);
  const submit = form.onSubmit(async (values) => {
    setError(null);
    try {
      await save.mutateAsync(retentionSettingsBody.parse(toBody(values)));
      notifySaved();
    } catch (caught) {
      setError(applyServerErrors(form, caught));
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <ErrorAlert error={error} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NumberInput
            label={t('messages.retention.contactDays')}
            description={t('messages.retention.contactHint')}
            required
            min={retentionDaysMin}
            max={contactRetentionDaysMax}
            allowDecimal={false}
            {...form.getInputProps('contactRetentionDays')}
          />
          <NumberInput
            label={t('messages.retention.textDays')}
            description={t('messages.retention.textHint')}
            required
            min={retentionDaysMin}
            max={textRetentionDaysMax}
            allowDecimal={false}
            {...form.getInputProps('textRetentionDays')}
          />
        </SimpleGrid>
        <Text size="sm">{t('messages.retention.updated', { date: formatDateTime(settings.updatedAt) })}</Text>
        <Group>
          <Button type="submit" loading={form.submitting}>
            {t('messages.retention.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
