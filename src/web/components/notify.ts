import { notifications } from '@mantine/notifications';
import i18n from '../i18n';

/**
 * A short confirmation that something was done. The close button gets a name, the message keeps
 * the text colour (Mantine's own is a grey below 4.5:1 on white), and it shows at the bottom, where
 * it does not cover a page's buttons.
 */
export function notifyDone(title: string, message: string) {
  notifications.show({
    color: 'green.9',
    title,
    message,
    position: 'bottom-right',
    closeButtonProps: { 'aria-label': i18n.t('common.close') },
    styles: { description: { color: 'var(--mantine-color-text)' } },
  });
}
