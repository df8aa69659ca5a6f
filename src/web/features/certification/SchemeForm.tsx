import { useState } from 'react';
import {
  Alert,
  Button,
  Checkbox,
  Fieldset,
  Group,
  NativeSelect,
  NumberInput,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import {
  criterionKinds,
  criterionPlanAreas,
  schemeBody,
  updateSchemeBody,
  type CriterionKind,
  type Scheme,
} from '#shared/contracts/certification';
import { applyServerErrors, zodValidate } from '../../components/forms';
import { ErrorAlert } from '../../components/Page';
import { notifyDone } from '../../components/notify';
import { FormDialog } from '../../components/FormDialog';
import { useCourseOptions } from '../training/api';
import { useSaveScheme } from './api';

type CriterionValues = {
  kind: CriterionKind;
  label: string;
  description: string;
  courseId: string;
  threshold: number | string;
  /** action_plan: the area of the plan; '' until chosen. */
  planArea: '' | (typeof criterionPlanAreas)[number];
};
type Values = {
  name: string;
  issuer: string;
  description: string;
  validityYears: number | string;
  active: boolean;
  criteria: CriterionValues[];
};

const needsCourse = (kind: CriterionKind) => kind === 'course_share' || kind === 'sessions_held';
const needsThreshold = (kind: CriterionKind) => kind !== 'confirmed' && kind !== 'action_plan';

/** The body the API takes, from what the form holds (a confirmed criterion or a plan has no threshold). */
function toBody(values: Values) {
  return {
    name: values.name,
    issuer: values.issuer,
    description: values.description,
    validityYears: Number(values.validityYears),
    active: values.active,
    criteria: values.criteria.map((c) => ({
      kind: c.kind,
      label: c.label,
      description: c.description,
      courseId: needsCourse(c.kind) && c.courseId ? c.courseId : null,
      threshold: !needsThreshold(c.kind) || c.threshold === '' ? null : Number(c.threshold),
      planArea: c.kind === 'action_plan' && c.planArea ? c.planArea : null,
    })),
  };
}

/** Create a scheme or change one. Its criteria are fixed once a unit has used it: then only the rest changes. */
export function SchemeForm(props: { scheme?: Scheme; opened: boolean; onClose: () => void; onSaved?: (saved: Scheme) => void }) {
  const { t } = useTranslation();
  return (
    <FormDialog
      opened={props.opened}
      onClose={props.onClose}
      size="xl"
      title={props.scheme ? t('certification.schemes.edit') : t('certification.schemes.create')}
    >
      <SchemeFormBody {...props} />
    </FormDialog>
  );
}

function SchemeFormBody({
  scheme,
  onClose,
  onSaved,
}: {
  scheme?: Scheme;
  onClose: () => void;
  onSaved?: (saved: Scheme) => void;
}) {
  const { t } = useTranslation();
  const save = useSaveScheme();
  const courses = useCourseOptions();
  const [error, setError] = useState<string | null>(null);
  const locked = scheme?.inUse ?? false;
  const courseOptions = (courses.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }));
  const form = useForm<Values>({
    initialValues: {
      name: scheme?.name ?? '',
      issuer: scheme?.issuer ?? '',
      description: scheme?.description ?? '',
      validityYears: scheme?.validityYears ?? 3,
      active: scheme?.active ?? true,
      criteria: (scheme?.criteria ?? []).map((c) => ({
        kind: c.kind,
        label: c.label,
        description: c.description ?? '',
        courseId: c.courseId ?? '',
        threshold: c.threshold ?? '',
        planArea: c.planArea ?? '',
      })),
    },
    validate: (values) =>
      locked
        ? zodValidate(updateSchemeBody)({ ...toBody(values), criteria: undefined })
        : zodValidate(schemeBody)(toBody(values)),
  });

  const submit = form.onSubmit(async (values) => {
    setError(null);
    const body = toBody(values);
    try {
      // A scheme in use keeps its criteria: they are not sent.
      const saved = await save.mutateAsync({
        schemeId: scheme?.id,
        body: locked ? { ...body, criteria: undefined } : body,
      });
      notifyDone(t('common.saved'), saved.name);
      onClose();
      onSaved?.(saved);
    } catch (caught) {
      setError(applyServerErrors(form, caught));
    }
  });

  const criteria = form.getValues().criteria;
  const criteriaError = form.errors.criteria;

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <ErrorAlert error={error} />
        <TextInput label={t('certification.schemes.name')} required data-autofocus {...form.getInputProps('name')} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('certification.schemes.issuer')}
            description={t('certification.schemes.issuerHelp')}
            required
            {...form.getInputProps('issuer')}
          />
          <NumberInput
            label={t('certification.schemes.validityYears')}
            description={t('certification.schemes.validityYearsHelp')}
            required
            min={1}
            max={10}
            allowDecimal={false}
            {...form.getInputProps('validityYears')}
          />
        </SimpleGrid>
        <Textarea label={t('certification.schemes.description')} autosize minRows={2} {...form.getInputProps('description')} />
        <Checkbox
          label={t('certification.schemes.active')}
          description={t('certification.schemes.activeHelp')}
          {...form.getInputProps('active', { type: 'checkbox' })}
        />

        <Fieldset legend={t('certification.schemes.criteria')}>
          {locked ? (
            <Alert color="indigo" variant="light">
              {t('certification.schemes.criteriaLocked')}
            </Alert>
          ) : (
            <Stack gap="sm">
              {criteria.length === 0 && <Text size="sm">{t('certification.schemes.noCriteria')}</Text>}
              {typeof criteriaError === 'string' && (
                <Text size="sm" c="red.9" role="alert">
                  {criteriaError}
                </Text>
              )}
              {criteria.map((criterion, index) => (
                <Fieldset key={index} legend={t('certification.schemes.criterionRow', { number: index + 1 })} variant="filled">
                  <SimpleGrid cols={{ base: 1, sm: 2 }}>
                    <NativeSelect
                      label={t('certification.schemes.kind')}
                      data={criterionKinds.map((kind) => ({ value: kind, label: t(`certification.schemes.kinds.${kind}`) }))}
                      {...form.getInputProps(`criteria.${index}.kind`)}
                    />
                    <TextInput
                      label={t('certification.schemes.label')}
                      required
                      {...form.getInputProps(`criteria.${index}.label`)}
                    />
                    {needsCourse(criterion.kind) && (
                      <NativeSelect
                        label={t('certification.schemes.course')}
                        required={criterion.kind === 'course_share'}
                        data={[
                          {
                            value: '',
                            label:
                              criterion.kind === 'sessions_held'
                                ? t('certification.schemes.anyCourse')
                                : t('certification.schemes.chooseCourse'),
                          },
                          ...courseOptions,
                        ]}
                        {...form.getInputProps(`criteria.${index}.courseId`)}
                      />
                    )}
                    {criterion.kind === 'action_plan' && (
                      <NativeSelect
                        label={t('certification.schemes.planArea')}
                        required
                        data={[
                          { value: '', label: t('certification.schemes.chooseArea') },
                          ...criterionPlanAreas.map((area) => ({ value: area, label: t(`plans.area.${area}`) })),
                        ]}
                        {...form.getInputProps(`criteria.${index}.planArea`)}
                      />
                    )}
                    {needsThreshold(criterion.kind) && (
                      <NumberInput
                        label={t(`certification.schemes.thresholds.${criterion.kind}`)}
                        required
                        min={1}
                        max={criterion.kind === 'sessions_held' ? 1000 : 100}
                        allowDecimal={false}
                        {...form.getInputProps(`criteria.${index}.threshold`)}
                      />
                    )}
                  </SimpleGrid>
                  <Textarea
                    mt="sm"
                    label={t('certification.schemes.criterionDescription')}
                    autosize
                    minRows={1}
                    {...form.getInputProps(`criteria.${index}.description`)}
                  />
                  <Group mt="sm" gap="xs">
                    <Button
                      size="xs"
                      variant="default"
                      disabled={index === 0}
                      onClick={() => form.reorderListItem('criteria', { from: index, to: index - 1 })}
                    >
                      {t('certification.schemes.moveUp', { number: index + 1 })}
                    </Button>
                    <Button
                      size="xs"
                      variant="default"
                      disabled={index === criteria.length - 1}
                      onClick={() => form.reorderListItem('criteria', { from: index, to: index + 1 })}
                    >
                      {t('certification.schemes.moveDown', { number: index + 1 })}
                    </Button>
                    <Button size="xs" variant="default" color="red.9" onClick={() => form.removeListItem('criteria', index)}>
                      {t('certification.schemes.removeCriterion', { number: index + 1 })}
                    </Button>
                  </Group>
                </Fieldset>
              ))}
              <Group>
                <Button
                  variant="default"
                  onClick={() =>
                    form.insertListItem('criteria', {
                      kind: 'confirmed',
                      label: '',
                      description: '',
                      courseId: '',
                      threshold: '',
                      planArea: '',
                    })
                  }
                >
                  {t('certification.schemes.addCriterion')}
                </Button>
              </Group>
            </Stack>
          )}
        </Fieldset>

        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
