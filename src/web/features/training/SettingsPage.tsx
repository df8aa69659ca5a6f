import { useEffect, useState } from 'react';
import {
  Box,
  Button,
  Checkbox,
  Group,
  Modal,
  NumberInput,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import {
  trainingLevelBody,
  updateTrainingSettingsBody,
  type TrainingLevel,
  type TrainingSettings,
} from '#shared/contracts/courses';
import { ErrorAlert, Page } from '../../components/Page';
import { RequirePermission } from '../../components/RequirePermission';
import { applyServerErrors, zodValidate } from '../../components/forms';
import { notifySaved, useFullScreenDialog } from '../organisation/parts';
import { useLevels, useSaveLevel, useSaveTrainingSettings, useTrainingSettings } from './api';
import { CourseActiveBadge } from './CoursesPage';

/** The training settings: the levels (names, rank, in use) and the reminder and new-employee settings. */
export function SettingsPage() {
  const { t } = useTranslation();
  return (
    <RequirePermission action="update" entity="course" title={t('trainingSettings.title')}>
      <Page title={t('trainingSettings.title')}>
        <LevelsSection />
        <GeneralSection />
      </Page>
    </RequirePermission>
  );
}

function LevelsSection() {
  const { t } = useTranslation();
  const levels = useLevels();
  const [opened, dialog] = useDisclosure(false);
  const [editing, setEditing] = useState<TrainingLevel | undefined>(undefined);
  const items = levels.data?.items ?? [];
  const open = (level?: TrainingLevel) => {
    setEditing(level);
    dialog.open();
  };
  return (
    <Stack gap="sm" component="section" aria-labelledby="levels-heading">
      <Group justify="space-between" align="end">
        <Title order={2} size="h3" id="levels-heading">
          {t('trainingSettings.levels')}
        </Title>
        <Button variant="outline" onClick={() => open()}>
          {t('trainingSettings.addLevel')}
        </Button>
      </Group>
      <Text size="sm">{t('trainingSettings.levelsIntro')}</Text>
      <ErrorAlert error={levels.error} />
      {/* A wide table scrolls inside itself, never the page (a focusable region, for keyboards). */}
      <Box style={{ overflowX: 'auto' }} tabIndex={0} role="region" aria-labelledby="levels-heading">
        <Table striped withTableBorder aria-labelledby="levels-heading">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('trainingSettings.rank')}</Table.Th>
              <Table.Th scope="col">{t('trainingSettings.nameSv')}</Table.Th>
              <Table.Th scope="col">{t('trainingSettings.nameEn')}</Table.Th>
              <Table.Th scope="col">{t('courses.status')}</Table.Th>
              <Table.Th scope="col">{t('common.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((level) => (
              <Table.Tr key={level.id}>
                <Table.Td>{level.rank}</Table.Td>
                <Table.Td>{level.nameSv}</Table.Td>
                <Table.Td>{level.nameEn}</Table.Td>
                <Table.Td>
                  <CourseActiveBadge active={level.active} />
                </Table.Td>
                <Table.Td>
                  <Button
                    size="compact-sm"
                    variant="outline"
                    onClick={() => open(level)}
                    aria-label={t('trainingSettings.editLevelNamed', { name: level.nameSv })}
                  >
                    {t('common.edit')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Box>
      <LevelForm
        level={editing}
        opened={opened}
        onClose={dialog.close}
        nextRank={Math.max(0, ...items.map((l) => l.rank)) + 10}
      />
    </Stack>
  );
}

type LevelValues = { nameSv: string; nameEn: string; rank: number | string; active: boolean };

function LevelForm({
  level,
  opened,
  onClose,
  nextRank,
}: {
  level?: TrainingLevel;
  opened: boolean;
  onClose: () => void;
  nextRank: number;
}) {
  const { t } = useTranslation();
  const fullScreen = useFullScreenDialog();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      fullScreen={fullScreen}
      title={level ? t('trainingSettings.editLevelTitle') : t('trainingSettings.addLevelTitle')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {opened && <LevelFormBody level={level} onClose={onClose} nextRank={nextRank} />}
    </Modal>
  );
}

function LevelFormBody({ level, onClose, nextRank }: { level?: TrainingLevel; onClose: () => void; nextRank: number }) {
  const { t } = useTranslation();
  const save = useSaveLevel();
  const [error, setError] = useState<string | null>(null);
  const toBody = (values: LevelValues) => ({
    ...values,
    rank: values.rank === '' ? (undefined as unknown as number) : Number(values.rank),
  });
  const form = useForm<LevelValues>({
    initialValues: {
      nameSv: level?.nameSv ?? '',
      nameEn: level?.nameEn ?? '',
      rank: level?.rank ?? nextRank,
      active: level?.active ?? true,
    },
    validate: (values) => zodValidate(trainingLevelBody)(toBody(values)),
  });
  const submit = form.onSubmit(async (values) => {
    setError(null);
    try {
      await save.mutateAsync({ id: level?.id, body: toBody(values) });
      notifySaved();
      onClose();
    } catch (caught) {
      setError(applyServerErrors(form, caught));
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <ErrorAlert error={error} />
        <TextInput label={t('trainingSettings.nameSv')} required data-autofocus {...form.getInputProps('nameSv')} />
        <TextInput label={t('trainingSettings.nameEn')} required {...form.getInputProps('nameEn')} />
        <NumberInput
          label={t('trainingSettings.rank')}
          description={t('trainingSettings.rankHelp')}
          required
          min={1}
          max={10000}
          allowDecimal={false}
          {...form.getInputProps('rank')}
        />
        <Checkbox
          label={t('trainingSettings.active')}
          description={t('trainingSettings.activeHelp')}
          {...form.getInputProps('active', { type: 'checkbox' })}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={form.submitting}>
            {level ? t('common.save') : t('common.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

type SettingsValues = { newEmployeeMonths: number | string; reminderDaysBefore: number | string };

function GeneralSection() {
  const { t } = useTranslation();
  const settings = useTrainingSettings();
  return (
    <Stack gap="sm" component="section" aria-labelledby="general-heading">
      <Title order={2} size="h3" id="general-heading">
        {t('trainingSettings.general')}
      </Title>
      <ErrorAlert error={settings.error} />
      {settings.data && <SettingsForm settings={settings.data} />}
    </Stack>
  );
}

function SettingsForm({ settings }: { settings: TrainingSettings }) {
  const { t } = useTranslation();
  const save = useSaveTrainingSettings();
  const [error, setError] = useState<string | null>(null);
  const toBody = (values: SettingsValues) => ({
    newEmployeeMonths: values.newEmployeeMonths === '' ? undefined : Number(values.newEmployeeMonths),
    reminderDaysBefore: values.reminderDaysBefore === '' ? undefined : Number(values.reminderDaysBefore),
  });
  const form = useForm<SettingsValues>({
    initialValues: { newEmployeeMonths: settings.newEmployeeMonths, reminderDaysBefore: settings.reminderDaysBefore },
    validate: (values) => {
      const errors = zodValidate(updateTrainingSettingsBody)(toBody(values));
      // Both are needed here, though the API takes either alone.
      for (const key of ['newEmployeeMonths', 'reminderDaysBefore'] as const) {
        if (values[key] === '') errors[key] = t('errors.validation_failed');
      }
      return errors;
    },
  });
  useEffect(() => {
    form.setInitialValues({ newEmployeeMonths: settings.newEmployeeMonths, reminderDaysBefore: settings.reminderDaysBefore });
    // Only when the stored settings change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [settings.newEmployeeMonths, settings.reminderDaysBefore]);
  const submit = form.onSubmit(async (values) => {
    setError(null);
    try {
      await save.mutateAsync(toBody(values));
      notifySaved();
    } catch (caught) {
      setError(applyServerErrors(form, caught));
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <ErrorAlert error={error} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NumberInput
            label={t('trainingSettings.newEmployeeMonths')}
            description={t('trainingSettings.newEmployeeMonthsHelp')}
            required
            min={1}
            max={36}
            allowDecimal={false}
            {...form.getInputProps('newEmployeeMonths')}
          />
          <NumberInput
            label={t('trainingSettings.reminderDaysBefore')}
            description={t('trainingSettings.reminderDaysBeforeHelp')}
            required
            min={0}
            max={30}
            allowDecimal={false}
            {...form.getInputProps('reminderDaysBefore')}
          />
        </SimpleGrid>
        <Group>
          <Button type="submit" loading={form.submitting}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
