import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { errorMessage } from './forms';
import { ErrorAlert } from './Page';

/** Modal dialogs fill a phone's screen; on wider screens they are a dialog box. */
export function useFullScreenDialog() {
  return useMediaQuery('(max-width: 36em)') ?? false;
}

/**
 * Asks before something consequential. Mantine's Modal traps focus and returns it to the button
 * that opened it. Two ways to use it: onConfirm returns a promise, and the dialog shows its progress,
 * closes when it resolves and shows the server's answer when it rejects (with conflictHelp under a
 * 409: what to do about the conflict); or onConfirm returns nothing and the caller passes loading
 * and error and closes the dialog itself.
 */
export function ConfirmDialog({
  opened,
  title,
  children,
  confirmLabel,
  danger = false,
  loading = false,
  error,
  conflictHelp,
  onConfirm,
  onClose,
}: {
  opened: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  loading?: boolean;
  error?: unknown;
  conflictHelp?: ReactNode;
  onConfirm: () => void | Promise<unknown>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const fullScreen = useFullScreenDialog();
  const [ownError, setOwnError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (opened) setOwnError(null);
  }, [opened]);
  const confirm = async () => {
    const pending = onConfirm();
    if (!(pending instanceof Promise)) return;
    setBusy(true);
    setOwnError(null);
    try {
      await pending;
      onClose();
    } catch (caught) {
      setOwnError(caught);
    } finally {
      setBusy(false);
    }
  };
  const shownError = error ?? ownError;
  const conflict = shownError instanceof ApiError && shownError.status === 409;
  // The texts as they were when asked: the record changes while the change is saved and the dialog closes.
  const shown = useRef({ title, children, confirmLabel });
  if (opened && !busy && !loading) shown.current = { title, children, confirmLabel };
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={shown.current.title}
      centered
      fullScreen={fullScreen}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack>
        {typeof shown.current.children === 'string' ? <Text>{shown.current.children}</Text> : shown.current.children}
        {conflict && conflictHelp ? (
          <Alert color="red" variant="light" title={t('organisation.notPossible')} role="alert">
            <Stack gap="xs">
              <Text size="sm">{errorMessage(shownError)}</Text>
              {conflictHelp}
            </Stack>
          </Alert>
        ) : (
          <ErrorAlert error={shownError} />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            color={danger ? 'red.9' : undefined}
            loading={loading || busy}
            disabled={conflict && conflictHelp !== undefined}
            onClick={() => void confirm()}
          >
            {shown.current.confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
