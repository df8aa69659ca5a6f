import { useState, type FormEvent } from 'react';
import { Button, FileInput, Group, Stack } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { ErrorAlert } from '../../components/Page';
import { maxFileBytes, useUploadImport, type ImportMode } from './api';
import { ModeChoice, Section } from './parts';

const accepted = ['.csv', '.txt', '.xlsx'];

/** Choose the HR system's file and the kind of import; the server reads it and answers with the preview. */
export function UploadForm() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const upload = useUploadImport();
  const [file, setFile] = useState<File | null>(null);
  const [mode, setMode] = useState<ImportMode>('partial');
  const [fileError, setFileError] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    upload.reset();
    if (!file) return setFileError(t('imports.upload.fileMissing'));
    if (!accepted.some((ending) => file.name.toLowerCase().endsWith(ending))) return setFileError(t('imports.upload.fileType'));
    if (file.size > maxFileBytes) return setFileError(t('imports.upload.fileTooLarge'));
    setFileError(null);
    upload.mutate(
      { file, mode },
      { onSuccess: (created) => navigate({ to: '/employees/imports/$id', params: { id: created.id } }) },
    );
  };

  // What is wrong with the file itself (empty, unreadable, not CSV or XLSX) belongs beside the field.
  const serverFileError =
    upload.error instanceof ApiError && upload.error.details.some((d) => d.path === 'body.file') ? upload.error.message : null;

  return (
    <Section id="import-upload" title={t('imports.upload.title')} description={t('imports.upload.intro')}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <FileInput
            label={t('imports.upload.file')}
            description={t('imports.upload.fileHelp')}
            placeholder={t('imports.upload.choose')}
            accept={accepted.join(',')}
            value={file}
            onChange={(chosen) => {
              setFile(chosen);
              setFileError(null);
              upload.reset();
            }}
            clearable
            clearButtonProps={{ 'aria-label': t('imports.upload.clear') }}
            withAsterisk
            error={fileError ?? serverFileError}
            maw={520}
          />
          <ModeChoice value={mode} onChange={setMode} />
          {!serverFileError && <ErrorAlert error={upload.error} />}
          <Group>
            <Button type="submit" loading={upload.isPending}>
              {t('imports.upload.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}
