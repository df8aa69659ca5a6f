import type { ReactNode } from 'react';
import { Modal, type MantineSize } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFullScreenDialog } from './ConfirmDialog';

/**
 * A dialog holding a form: full screen on a phone, its close button named, and its body mounted
 * only while it is open, so that the form starts afresh each time.
 */
export function FormDialog({
  opened,
  onClose,
  title,
  size = 'md',
  children,
}: {
  opened: boolean;
  onClose: () => void;
  title: string;
  size?: MantineSize;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const fullScreen = useFullScreenDialog();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      fullScreen={fullScreen}
      centered
      size={size}
      title={title}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {opened && children}
    </Modal>
  );
}
