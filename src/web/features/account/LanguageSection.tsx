import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Me } from '#shared/contracts/auth';
import { Section } from './Section';

export function LanguageSection({ me }: { me: Me }) {
  const { t } = useTranslation();
  const names = { sv: 'Svenska', en: 'English' } as const;
  return (
    <Section id="language" title={t('account.language.title')}>
      <Text>{t('account.language.remembered', { language: names[me.locale] })}</Text>
      <Text size="sm">{t('account.language.hint')}</Text>
    </Section>
  );
}
