import { useEffect, useState, type ReactNode } from 'react';
import { Badge, SimpleGrid, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import i18n from '../../i18n';
import { ErrorAlert } from '../../components/Page';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ApiError } from '../../api/client';
import { AnchorLink } from '../../components/links';

/** Forms in this and other features take it from here; it lives with the dialog. */
export { useFullScreenDialog } from '../../components/ConfirmDialog';

/** The search field of a list: it updates the address (and so the list) a moment after typing stops. */
export function SearchField({
  label,
  value,
  onChange,
}: {
  label: string;
  value: string | undefined;
  onChange: (q: string | undefined) => void;
}) {
  const [text, setText] = useState(value ?? '');
  const [debounced] = useDebouncedValue(text.trim(), 300);
  useEffect(() => setText(value ?? ''), [value]);
  useEffect(() => {
    if ((debounced || undefined) !== value) onChange(debounced || undefined);
    // Only a change of the typed text triggers a search; the address changing back is handled above.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);
  return <TextInput type="search" label={label} value={text} onChange={(event) => setText(event.currentTarget.value)} />;
}

/** The filters above a list: one column on a phone, side by side on wider screens. */
export function FilterBar({ children, label }: { children: ReactNode; label: string }) {
  return (
    <section aria-label={label}>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm" verticalSpacing="sm" style={{ alignItems: 'end' }}>
        {children}
      </SimpleGrid>
    </section>
  );
}

export function ActiveBadge({ active }: { active: boolean }) {
  const { t } = useTranslation();
  return (
    <Badge color={active ? 'teal.9' : 'gray.8'} variant={active ? 'filled' : 'outline'} radius="sm" miw="max-content">
      {active ? t('common.active') : t('common.closed')}
    </Badge>
  );
}

/** A record's facts as a description list: two columns on wide screens, one on a phone. */
export function Facts({ items }: { items: { label: string; value: ReactNode }[] }) {
  return (
    <SimpleGrid component="dl" cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="sm" m={0}>
      {items.map((item) => (
        <div key={item.label}>
          <Text component="dt" fw={700} size="sm">
            {item.label}
          </Text>
          <Text component="dd" m={0} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {item.value === null || item.value === undefined || item.value === '' ? '–' : item.value}
          </Text>
        </div>
      ))}
    </SimpleGrid>
  );
}

/** A link back to the list a detail page belongs to. */
export function BackLink({ to, children }: { to: '/administrations' | '/units' | '/employees'; children: ReactNode }) {
  return (
    <AnchorLink to={to} size="sm">
      <span aria-hidden="true">← </span>
      {children}
    </AnchorLink>
  );
}

/** A short confirmation that a change was saved (its close button named, in the person's language). */
export function notifySaved() {
  notifications.show({
    message: i18n.t('common.saved'),
    color: 'teal.9',
    closeButtonProps: { 'aria-label': i18n.t('common.close') },
    // Mantine's own description grey is below 4.5:1 on white.
    styles: { description: { color: 'var(--mantine-color-text)' } },
  });
}

/**
 * The error of a record's page: an address that names no record (a malformed id is a 400, an
 * unknown one a 404) says plainly that it does not exist, not that some field is invalid.
 */
export function RecordError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const missing =
    error instanceof ApiError && (error.status === 404 || (error.status === 400 && error.code === 'validation_failed'));
  return <ErrorAlert error={missing ? t('errors.not_found') : error} />;
}

/**
 * Closing or reopening an administration or a unit: the same question, in the texts of its kind
 * (organisation.administrations.* or organisation.units.*), with help for the server's 409.
 */
export function CloseReopenDialog(props: {
  kind: 'administrations' | 'units';
  name: string;
  active: boolean;
  opened: boolean;
  onClose: () => void;
  onConfirm: () => Promise<unknown>;
  conflictHelp: ReactNode;
}) {
  const { t } = useTranslation();
  const key = (text: string) => `organisation.${props.kind}.${text}`;
  return (
    <ConfirmDialog
      opened={props.opened}
      onClose={props.onClose}
      title={t(key(props.active ? 'closeTitle' : 'reopenTitle'), { name: props.name })}
      confirmLabel={t(key(props.active ? 'close' : 'reopen'))}
      danger={props.active}
      onConfirm={props.onConfirm}
      conflictHelp={props.conflictHelp}
    >
      {t(key(props.active ? 'closeBody' : 'reopenBody'))}
    </ConfirmDialog>
  );
}
