import type { ReactNode } from 'react';
import { Container, Group, Paper, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './LanguageSwitch';

/** Pages shown before signing in: login, first-run setup, the checks and the register (wider, for its table). */
export function PublicLayout({ children, size = 460 }: { children: ReactNode; size?: number | 'md' | 'lg' | 'xl' }) {
  const { t } = useTranslation();
  return (
    <>
      <header>
        <Group justify="space-between" p="md">
          <Text fw={700} size="lg" c="indigo.8">
            {t('app.name')}
          </Text>
          <LanguageSwitch />
        </Group>
      </header>
      <main id="main">
        <Container size={size} py="xl">
          <Paper withBorder p="lg" radius="md">
            {children}
          </Paper>
        </Container>
      </main>
    </>
  );
}
