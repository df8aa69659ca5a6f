import { Loader, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/session';
import { ErrorAlert, Page } from '../../components/Page';
import { LanguageSection } from './LanguageSection';
import { PasswordSection } from './PasswordSection';
import { ProfileSection } from './ProfileSection';
import { SessionsSection } from './SessionsSection';
import { TokensSection } from './TokensSection';

export function AccountPage() {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <Page title={t('account.title')}>
      <ErrorAlert error={me.error} />
      {me.isPending && <Loader aria-label={t('common.loading')} />}
      {me.data && (
        <Stack gap="lg" maw={960}>
          <ProfileSection me={me.data} />
          <PasswordSection />
          <LanguageSection me={me.data} />
          <SessionsSection />
          <TokensSection />
        </Stack>
      )}
    </Page>
  );
}
