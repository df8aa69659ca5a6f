import { useState } from 'react';
import { Button, Group, NativeSelect, Stack, Text } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/Page';
import { FormDialog } from '../../components/FormDialog';
import { useOpenProcess, useSchemes } from './api';

/**
 * Starts a unit's certification process with a scheme it chooses. A unit certified before starts its
 * renewal the same way: the server prefills the new checklist from the last certificate.
 */
export function OpenProcessDialog({ unit, onClose }: { unit: { unitId: string; unitName: string } | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <FormDialog opened={unit !== null} onClose={onClose} title={t('certification.open.title', { unit: unit?.unitName ?? '' })}>
      {unit && <OpenProcessForm unit={unit} onClose={onClose} />}
    </FormDialog>
  );
}

function OpenProcessForm({ unit, onClose }: { unit: { unitId: string; unitName: string }; onClose: () => void }) {
  const { t } = useTranslation();
  const schemes = useSchemes(true);
  const open = useOpenProcess();
  const navigate = useNavigate();
  const [schemeId, setSchemeId] = useState('');
  const items = schemes.data?.items ?? [];
  const chosen = schemeId || items[0]?.id || '';

  return (
    <form
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        if (!chosen) return;
        const process = await open.mutateAsync({ unitId: unit.unitId, schemeId: chosen }).catch(() => null);
        if (!process) return;
        onClose();
        await navigate({ to: '/certification/processes/$id', params: { id: process.id } });
      }}
    >
      <Stack>
        <Text>{t('certification.open.intro')}</Text>
        <ErrorAlert error={open.error ?? schemes.error} />
        {schemes.data && items.length === 0 ? (
          <Text>{t('certification.open.noSchemes')}</Text>
        ) : (
          <NativeSelect
            label={t('certification.scheme')}
            required
            data-autofocus
            value={chosen}
            onChange={(event) => setSchemeId(event.currentTarget.value)}
            data={items.map((s) => ({ value: s.id, label: s.name }))}
          />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={open.isPending} disabled={!chosen}>
            {t('certification.open.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
