import { SegmentedControl } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { meQueryKey, useMe } from '../api/session';
import { setLanguage, type Language } from '../i18n';

/** Swedish first, English second. Remembered in the browser, and on the account when signed in. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const { data: me } = useMe();
  const queryClient = useQueryClient();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('language.label')}
      value={i18n.language === 'en' ? 'en' : 'sv'}
      onChange={async (value) => {
        await setLanguage(value as Language);
        if (me) {
          await api.put('/api/auth/locale', { locale: value }).catch(() => undefined);
          await queryClient.invalidateQueries({ queryKey: meQueryKey });
        }
      }}
      data={[
        { value: 'sv', label: 'Svenska' },
        { value: 'en', label: 'English' },
      ]}
    />
  );
}
