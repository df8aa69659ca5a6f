import { useState } from 'react';
import { Button, Checkbox, Group, Modal, NumberInput, Select, Stack, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import {
  courseBody,
  courseTopics,
  updateCourseBody,
  type Course,
  type CourseBody,
  type TrainingLevel,
} from '#shared/contracts/courses';
import { applyServerErrors, zodValidate } from '../../components/forms';
import { ErrorAlert } from '../../components/Page';
import { notifySaved, useFullScreenDialog } from '../organisation/parts';
import { useLevels, useSaveCourse } from './api';

type Values = {
  name: string;
  description: string;
  topic: string | null;
  levelId: string | null;
  hours: number | string;
  completionThreshold: number | string;
  provider: string;
  refresherYears: number | string;
  offeredYearly: boolean;
  active: boolean;
};

/** A level's name in the person's language. */
export function useLevelName() {
  const { i18n } = useTranslation();
  return (level: Pick<TrainingLevel, 'nameSv' | 'nameEn'>) => (i18n.language === 'en' ? level.nameEn : level.nameSv);
}

/** What the form holds, as the API takes it: empty number fields are missing (hours) or null (refresher). */
function toBody(values: Values): CourseBody {
  const number = (value: number | string) => (value === '' ? undefined : Number(value));
  return {
    name: values.name,
    description: values.description,
    topic: (values.topic ?? undefined) as CourseBody['topic'],
    levelId: values.levelId ?? (undefined as unknown as string),
    hours: number(values.hours) as number,
    completionThreshold: number(values.completionThreshold),
    provider: values.provider,
    refresherYears: values.refresherYears === '' ? null : Number(values.refresherYears),
    offeredYearly: values.offeredYearly,
    active: values.active,
  };
}

/** Create a course, or change one: every field of a course. */
export function CoursesForm(props: { course?: Course; opened: boolean; onClose: () => void; onSaved?: (saved: Course) => void }) {
  const { t } = useTranslation();
  const fullScreen = useFullScreenDialog();
  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      fullScreen={fullScreen}
      size="lg"
      title={props.course ? t('courses.editTitle') : t('courses.createTitle')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {props.opened && <CourseFormBody {...props} />}
    </Modal>
  );
}

function CourseFormBody({
  course,
  onClose,
  onSaved,
}: {
  course?: Course;
  onClose: () => void;
  onSaved?: (saved: Course) => void;
}) {
  const { t, i18n } = useTranslation();
  const levelName = useLevelName();
  const levels = useLevels();
  const save = useSaveCourse();
  const [error, setError] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: {
      name: course?.name ?? '',
      description: course?.description ?? '',
      topic: course?.topic ?? null,
      levelId: course?.levelId ?? null,
      hours: course?.hours ?? '',
      completionThreshold: course?.completionThreshold ?? 80,
      provider: course?.provider ?? '',
      refresherYears: course?.refresherYears ?? '',
      offeredYearly: course?.offeredYearly ?? false,
      active: course?.active ?? true,
    },
    validate: (values) => zodValidate(course ? updateCourseBody : courseBody)(toBody(values)),
  });

  // Levels in use, and the course's own level even if it is no longer in use.
  const levelOptions = (levels.data?.items ?? [])
    .filter((l) => l.active || l.id === course?.levelId)
    .map((l) => ({ value: l.id, label: l.active ? levelName(l) : t('courses.inactiveLevel', { name: levelName(l) }) }));

  const submit = form.onSubmit(async (values) => {
    setError(null);
    try {
      const saved = await save.mutateAsync({ id: course?.id, body: toBody(values) });
      notifySaved();
      onClose();
      onSaved?.(saved);
    } catch (caught) {
      setError(applyServerErrors(form, caught));
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <ErrorAlert error={error} />
        <TextInput label={t('courses.name')} required data-autofocus {...form.getInputProps('name')} />
        <Textarea label={t('courses.description')} autosize minRows={2} maxRows={8} {...form.getInputProps('description')} />
        <Group grow align="start" wrap="wrap">
          <Select
            label={t('courses.topic')}
            required
            data={courseTopics.map((topic) => ({ value: topic, label: t(`courses.topics.${topic}`) }))}
            miw={200}
            {...form.getInputProps('topic')}
          />
          <Select label={t('courses.level')} required data={levelOptions} miw={200} {...form.getInputProps('levelId')} />
        </Group>
        <Group grow align="start" wrap="wrap">
          <NumberInput
            label={t('courses.hours')}
            description={t('courses.hoursHelp')}
            required
            min={0}
            decimalScale={2}
            decimalSeparator={i18n.language === 'en' ? '.' : ','}
            miw={200}
            {...form.getInputProps('hours')}
          />
          <NumberInput
            label={t('courses.threshold')}
            description={t('courses.thresholdHelp')}
            required
            min={1}
            max={100}
            allowDecimal={false}
            miw={200}
            {...form.getInputProps('completionThreshold')}
          />
        </Group>
        <Group grow align="start" wrap="wrap">
          <TextInput
            label={t('courses.provider')}
            description={t('courses.providerHelp')}
            miw={200}
            {...form.getInputProps('provider')}
          />
          <NumberInput
            label={t('courses.refresherYears')}
            description={t('courses.refresherHelp')}
            min={1}
            max={50}
            allowDecimal={false}
            miw={200}
            {...form.getInputProps('refresherYears')}
          />
        </Group>
        <Checkbox
          label={t('courses.offeredYearly')}
          description={t('courses.offeredYearlyHelp')}
          {...form.getInputProps('offeredYearly', { type: 'checkbox' })}
        />
        <Checkbox
          label={t('courses.active')}
          description={t('courses.activeHelp')}
          {...form.getInputProps('active', { type: 'checkbox' })}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={form.submitting}>
            {course ? t('common.save') : t('common.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
