import { useState } from 'react';
import { Anchor, Button, FileButton, Group, List, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { acceptedDocumentEndings } from '#shared/contracts/documents';
import { ConfirmDialog } from './ConfirmDialog';
import { ErrorAlert } from './Page';
import { formatDate, formatNumber } from './format';

export type DocumentFile = {
  id: string;
  fileName: string;
  size: number;
  uploadedByName: string | null;
  uploadedAt: string;
};

/**
 * Attached documents (certification evidence, a plan's attachments): each a download link with its
 * size, who attached it and when; a button to attach one (the types and size of contracts/documents)
 * and, where allowed, to remove one after a confirmation.
 */
export function DocumentFiles<T extends DocumentFile>({
  files,
  hrefOf,
  attach,
  mayRemove,
  onRemove,
}: {
  files: T[];
  hrefOf: (file: T) => string;
  /** Left out when the person may not attach; name is the button's accessible name (what it attaches to). */
  attach?: { name: string; pending: boolean; error: unknown; onFile: (file: File) => void };
  mayRemove: (file: T) => boolean;
  onRemove: (file: T) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const [removing, setRemoving] = useState<T | null>(null);
  return (
    <Stack gap={4}>
      {files.length > 0 && (
        <>
          <Text size="sm" fw={700}>
            {t('documents.files')}
          </Text>
          <List size="sm" spacing={4}>
            {files.map((file) => (
              <List.Item key={file.id}>
                <Group gap="xs" wrap="wrap">
                  <Anchor href={hrefOf(file)} download={file.fileName} style={{ overflowWrap: 'anywhere' }}>
                    {file.fileName}
                  </Anchor>
                  <Text span size="sm">
                    {t('documents.about', {
                      size: formatNumber(Math.max(1, Math.ceil(file.size / 1024))),
                      name: file.uploadedByName ?? t('documents.someone'),
                      date: formatDate(file.uploadedAt),
                    })}
                  </Text>
                  {mayRemove(file) && (
                    <Button
                      size="compact-xs"
                      variant="default"
                      color="red.9"
                      onClick={() => setRemoving(file)}
                      aria-label={t('documents.removeFile', { file: file.fileName })}
                    >
                      {t('documents.remove')}
                    </Button>
                  )}
                </Group>
              </List.Item>
            ))}
          </List>
        </>
      )}
      {attach && (
        <Group gap="xs">
          <FileButton
            accept={acceptedDocumentEndings}
            onChange={(file) => {
              if (file) attach.onFile(file);
            }}
          >
            {(props) => (
              <Button {...props} size="xs" variant="outline" loading={attach.pending} aria-label={attach.name}>
                {t('documents.attach')}
              </Button>
            )}
          </FileButton>
          <Text size="xs">{t('documents.limits')}</Text>
        </Group>
      )}
      {attach && <ErrorAlert error={attach.error} />}
      <ConfirmDialog
        opened={removing !== null}
        title={t('documents.removeTitle')}
        confirmLabel={t('documents.remove')}
        danger
        onClose={() => setRemoving(null)}
        onConfirm={() => (removing ? onRemove(removing) : Promise.resolve())}
      >
        {t('documents.removeText', { file: removing?.fileName ?? '' })}
      </ConfirmDialog>
    </Stack>
  );
}
