import { Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Page } from '../components/Page';
import { ButtonLink } from '../components/links';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Stack p="md" maw={640}>
      <Page title={t('notFound.title')}>
        <Text>{t('notFound.body')}</Text>
        <Group>
          <ButtonLink to="/">{t('notFound.home')}</ButtonLink>
          <Button variant="outline" onClick={() => window.history.back()}>
            {t('notFound.back')}
          </Button>
        </Group>
      </Page>
    </Stack>
  );
}

/** The same page outside the signed-in layout, which has no <main> of its own. */
export function StandaloneNotFoundPage() {
  return (
    <main id="main">
      <NotFoundPage />
    </main>
  );
}
