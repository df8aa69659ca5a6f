import { Anchor, AppShell, Burger, Button, Group, NavLink, ScrollArea, Stack, Text } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { Link, Outlet, useNavigate, useRouterState } from '@tanstack/react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { useMe } from '../api/session';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { navigation, showsTo } from './navigation';
import { TextLink } from '../components/links';

export function AppLayout() {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure();
  // Rendered in one place only (not hidden by CSS in the other), so it is one control for assistive technology too.
  const wide = useMediaQuery('(min-width: 48em)', true, { getInitialValueInEffect: false });
  const { data: me } = useMe();
  const permissions = new Set(me?.permissions ?? []);
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const navigate = useNavigate();
  const queryClient = useQueryClient();

  // The deepest item that matches is the current page: on /employees/imports that is the import, not the employees.
  const matches = (to: string) => (to === '/' ? pathname === '/' : pathname === to || pathname.startsWith(`${to}/`));
  const current = navigation
    .flatMap((group) => group.items)
    .filter((item) => showsTo(item, permissions) && matches(item.to))
    .sort((a, b) => b.to.length - a.to.length)[0]?.to;

  const logout = async () => {
    await api.post('/api/auth/logout').catch(() => undefined);
    queryClient.clear();
    await navigate({ to: '/login' });
  };

  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 260, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <a href="#main" className="skip-link">
        {t('nav.skipToContent')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.toggle')} />
            <TextLink to="/" fw={700} size="lg" c="indigo.8" td="none">
              {t('app.name')}
            </TextLink>
          </Group>
          <Group gap="sm" wrap="nowrap">
            {/* On a phone the header has room for the menu and logging out only: the language switch is in the menu. */}
            {wide && <LanguageSwitch />}
            <Text size="sm" visibleFrom="md">
              {me?.name}
            </Text>
            <Button variant="outline" size="xs" onClick={logout}>
              {t('auth.logout')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t('nav.label')}>
        <AppShell.Section grow component={ScrollArea}>
          <nav aria-label={t('nav.label')}>
            <Stack gap="xs">
              {navigation.map((group) => {
                const items = group.items.filter((item) => showsTo(item, permissions));
                if (items.length === 0) return null;
                return (
                  <div key={group.labelKey}>
                    <Text size="xs" fw={700} c="gray.8" tt="uppercase" px="sm" py={4}>
                      {t(group.labelKey)}
                    </Text>
                    {items.map((item) => {
                      const active = item.to === current;
                      return (
                        <NavLink
                          key={item.to}
                          component={Link}
                          to={item.to}
                          // The router would mark /employees current on /employees/imports too: the layout decides (above).
                          activeOptions={{ exact: true }}
                          label={t(item.labelKey)}
                          active={active}
                          aria-current={active ? 'page' : undefined}
                          onClick={close}
                        />
                      );
                    })}
                  </div>
                );
              })}
            </Stack>
          </nav>
        </AppShell.Section>
        <AppShell.Section pt="xs" px="sm">
          {/* The public site: the server's own pages, what residents see without logging in. */}
          <Anchor href="/public" size="sm">
            {t('publicSite.appLink')}
          </Anchor>
        </AppShell.Section>
        {!wide && (
          <AppShell.Section pt="sm">
            <LanguageSwitch />
          </AppShell.Section>
        )}
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
