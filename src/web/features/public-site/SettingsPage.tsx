import { useEffect, useState } from 'react';
import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  Group,
  List,
  NativeSelect,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import {
  accessibilityStatuses,
  publicSiteContactsMax,
  publicSiteSettingsBody,
  type AccessibilityStatus,
  type PublicSiteSettings,
} from '#shared/contracts/public-site';
import { ErrorAlert, Page } from '../../components/Page';
import { RequirePermission } from '../../components/RequirePermission';
import { applyServerErrors, zodValidate } from '../../components/forms';
import { formatDateTime } from '../../components/format';
import { notifySaved } from '../organisation/parts';
import { useUserOptions } from '../organisation/api';
import { usePublicSiteSettings, useSavePublicSiteSettings } from './api';

/** The public site's pages, for the preview links (the site itself is the server's, under /public). */
const previewPages = [
  ['/public', 'publicSite.nav.start'],
  ['/public/activities', 'publicSite.nav.activities'],
  ['/public/plans', 'publicSite.nav.plans'],
  ['/public/certificates', 'publicSite.nav.certificates'],
  ['/public/contacts', 'publicSite.nav.contacts'],
  ['/public/accessibility', 'publicSite.nav.accessibility'],
] as const;

/** The administrator's page: the public site's texts in Swedish and English, the accessibility statement and the contact persons. */
export function PublicSiteSettingsPage() {
  const { t } = useTranslation();
  const settings = usePublicSiteSettings();
  return (
    <RequirePermission action="update" entity="public_site" title={t('publicSite.admin.title')}>
      <Page title={t('publicSite.admin.title')}>
        <Text>{t('publicSite.admin.intro')}</Text>
        <Preview />
        <ErrorAlert error={settings.error} />
        {settings.data && <SettingsForm settings={settings.data} />}
      </Page>
    </RequirePermission>
  );
}

function Preview() {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" component="section" aria-labelledby="preview-heading">
      <Title order={2} size="h3" id="preview-heading">
        {t('publicSite.admin.preview')}
      </Title>
      <Text size="sm">{t('publicSite.admin.previewIntro')}</Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {previewPages.map(([path, key]) => (
          <li key={path}>
            <Anchor href={`${path}?lang=sv`}>{t('publicSite.admin.previewSv', { page: t(key) })}</Anchor>
            {' · '}
            <Anchor href={`${path}?lang=en`}>{t('publicSite.admin.previewEn', { page: t(key) })}</Anchor>
          </li>
        ))}
      </SimpleGrid>
    </Stack>
  );
}

type Contact = { userId: string; name: string; email: string; active: boolean; roleSv: string; roleEn: string; phone: string };
type Values = Omit<PublicSiteSettings, 'contacts' | 'updatedAt'> & { contacts: Contact[] };

const valuesOf = (s: PublicSiteSettings): Values => ({
  introSv: s.introSv,
  introEn: s.introEn,
  accessibilityStatus: s.accessibilityStatus,
  shortcomingsSv: s.shortcomingsSv,
  shortcomingsEn: s.shortcomingsEn,
  testingSv: s.testingSv,
  testingEn: s.testingEn,
  statementDate: s.statementDate,
  contacts: s.contacts.map((c) => ({ ...c, phone: c.phone ?? '' })),
});

const toBody = (v: Values) => ({
  ...v,
  contacts: v.contacts.map((c) => ({ userId: c.userId, roleSv: c.roleSv, roleEn: c.roleEn, phone: c.phone || null })),
});

function SettingsForm({ settings }: { settings: PublicSiteSettings }) {
  const { t } = useTranslation();
  const save = useSavePublicSiteSettings();
  const [error, setError] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: valuesOf(settings),
    validate: (values) => zodValidate(publicSiteSettingsBody)(toBody(values)),
  });
  useEffect(() => {
    form.setInitialValues(valuesOf(settings));
    // Only when the stored settings change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [settings.updatedAt]);
  const submit = form.onSubmit(async (values) => {
    setError(null);
    try {
      const saved = await save.mutateAsync(publicSiteSettingsBody.parse(toBody(values)));
      form.setValues(valuesOf(saved));
      notifySaved();
    } catch (caught) {
      setError(applyServerErrors(form, caught));
    }
  });
  const contacts = form.getValues().contacts;
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="lg">
        <ErrorAlert error={error} />
        <Stack gap="sm" component="section" aria-labelledby="texts-heading">
          <Title order={2} size="h3" id="texts-heading">
            {t('publicSite.admin.textsTitle')}
          </Title>
          <Text size="sm">{t('publicSite.admin.textsIntro')}</Text>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Textarea
              label={t('publicSite.admin.introSv')}
              required
              autosize
              minRows={6}
              lang="sv"
              {...form.getInputProps('introSv')}
            />
            <Textarea
              label={t('publicSite.admin.introEn')}
              required
              autosize
              minRows={6}
              lang="en"
              {...form.getInputProps('introEn')}
            />
          </SimpleGrid>
        </Stack>

        <Stack gap="sm" component="section" aria-labelledby="contacts-heading">
          <Title order={2} size="h3" id="contacts-heading">
            {t('publicSite.admin.contactsTitle')}
          </Title>
          <Text size="sm">{t('publicSite.admin.contactsIntro')}</Text>
          {form.errors.contacts && (
            <Text c="red.9" size="sm" role="alert">
              {form.errors.contacts}
            </Text>
          )}
          {contacts.length === 0 ? (
            <Text size="sm">{t('publicSite.admin.noContacts')}</Text>
          ) : (
            <List listStyleType="none" spacing="sm" ml={0} pl={0}>
              {contacts.map((contact, index) => (
                <List.Item key={contact.userId} data-testid="public-contact">
                  <Paper withBorder p="sm">
                    <Stack gap="xs">
                      <Group justify="space-between" wrap="wrap">
                        <Group gap="xs">
                          <Text fw={600}>{contact.name}</Text>
                          <Text size="sm">{contact.email}</Text>
                          {!contact.active && (
                            <Badge color="gray.8" variant="light">
                              {t('publicSite.admin.inactive')}
                            </Badge>
                          )}
                        </Group>
                        <Group gap={4}>
                          <ActionIcon
                            variant="subtle"
                            aria-label={t('publicSite.admin.moveUp', { name: contact.name })}
                            disabled={index === 0}
                            onClick={() => form.reorderListItem('contacts', { from: index, to: index - 1 })}
                          >
                            ↑
                          </ActionIcon>
                          <ActionIcon
                            variant="subtle"
                            aria-label={t('publicSite.admin.moveDown', { name: contact.name })}
                            disabled={index === contacts.length - 1}
                            onClick={() => form.reorderListItem('contacts', { from: index, to: index + 1 })}
                          >
                            ↓
                          </ActionIcon>
                          <Button
                            variant="default"
                            color="red.9"
                            size="xs"
                            onClick={() => form.removeListItem('contacts', index)}
                          >
                            {t('publicSite.admin.remove', { name: contact.name })}
                          </Button>
                        </Group>
                      </Group>
                      <SimpleGrid cols={{ base: 1, sm: 3 }}>
                        <TextInput
                          label={t('publicSite.admin.roleSv')}
                          required
                          lang="sv"
                          {...form.getInputProps(`contacts.${index}.roleSv`)}
                        />
                        <TextInput
                          label={t('publicSite.admin.roleEn')}
                          required
                          lang="en"
                          {...form.getInputProps(`contacts.${index}.roleEn`)}
                        />
                        <TextInput
                          label={t('publicSite.admin.phone')}
                          type="tel"
                          autoComplete="off"
                          {...form.getInputProps(`contacts.${index}.phone`)}
                        />
                      </SimpleGrid>
                    </Stack>
                  </Paper>
                </List.Item>
              ))}
            </List>
          )}
          {contacts.length < publicSiteContactsMax ? (
            <ContactPicker
              chosen={contacts.map((c) => c.userId)}
              onPick={(user) => form.insertListItem('contacts', { ...user, active: true, roleSv: '', roleEn: '', phone: '' })}
            />
          ) : (
            <Text size="sm">{t('publicSite.admin.contactsMax', { max: publicSiteContactsMax })}</Text>
          )}
        </Stack>

        <Stack gap="sm" component="section" aria-labelledby="accessibility-heading">
          <Title order={2} size="h3" id="accessibility-heading">
            {t('publicSite.admin.accessibilityTitle')}
          </Title>
          <Text size="sm">{t('publicSite.admin.accessibilityIntro')}</Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NativeSelect
              label={t('publicSite.admin.status')}
              required
              data={accessibilityStatuses.map((s) => ({ value: s, label: t(`publicSite.admin.statuses.${s}`) }))}
              {...form.getInputProps('accessibilityStatus')}
              onChange={(event) => form.setFieldValue('accessibilityStatus', event.currentTarget.value as AccessibilityStatus)}
            />
            <TextInput
              label={t('publicSite.admin.statementDate')}
              type="date"
              required
              {...form.getInputProps('statementDate')}
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Textarea
              label={t('publicSite.admin.shortcomingsSv')}
              autosize
              minRows={4}
              lang="sv"
              {...form.getInputProps('shortcomingsSv')}
            />
            <Textarea
              label={t('publicSite.admin.shortcomingsEn')}
              autosize
              minRows={4}
              lang="en"
              {...form.getInputProps('shortcomingsEn')}
            />
            <Textarea
              label={t('publicSite.admin.testingSv')}
              autosize
              minRows={3}
              lang="sv"
              {...form.getInputProps('testingSv')}
            />
            <Textarea
              label={t('publicSite.admin.testingEn')}
              autosize
              minRows={3}
              lang="en"
              {...form.getInputProps('testingEn')}
            />
          </SimpleGrid>
        </Stack>

        <Text size="sm">{t('publicSite.admin.updated', { date: formatDateTime(settings.updatedAt) })}</Text>
        <Group>
          <Button type="submit" loading={form.submitting}>
            {t('publicSite.admin.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Choose an active user to add: searched on the server by name or email. */
function ContactPicker({
  chosen,
  onPick,
}: {
  chosen: string[];
  onPick: (user: { userId: string; name: string; email: string }) => void;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const users = useUserOptions(q, true);
  const found = (users.data?.items ?? []).filter((u) => !chosen.includes(u.id));
  return (
    <Select
      label={t('publicSite.admin.addContact')}
      description={t('publicSite.admin.addContactHint')}
      searchable
      value={null}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      nothingFoundMessage={users.isFetching ? t('common.loading') : t('organisation.nothingFound')}
      data={found.map((u) => ({ value: u.id, label: `${u.name} (${u.email})` }))}
      onChange={(value) => {
        const user = found.find((u) => u.id === value);
        if (!user) return;
        onPick({ userId: user.id, name: user.name, email: user.email });
        setSearch('');
      }}
    />
  );
}
