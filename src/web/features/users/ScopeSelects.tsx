import { useMemo, useRef, useState } from 'react';
import { MultiSelect, Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { useAdministrationOptions, useUnitOptions } from './api';

export type Option = { value: string; label: string };

/** Remembers the label of every option seen, so that chosen values keep their names while the search changes. */
function useLabels(initial: Option[]) {
  const labels = useRef(new Map(initial.map((o) => [o.value, o.label])));
  return (options: Option[], chosen: string[]): Option[] => {
    for (const o of options) labels.current.set(o.value, o.label);
    const shown = new Set(options.map((o) => o.value));
    const missing = chosen.filter((v) => !shown.has(v)).map((v) => ({ value: v, label: labels.current.get(v) ?? v }));
    return [...missing, ...options];
  };
}

type Common = { label: string; description?: string; error?: React.ReactNode; required?: boolean; known: Option[] };

/** The administration a process leader leads, searched on the server as the person types. */
export function AdministrationSelect({
  value,
  onChange,
  ...props
}: Common & { value: string | null; onChange: (value: string | null) => void }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const withLabels = useLabels(props.known);
  const selectedLabel = props.known.find((o) => o.value === value)?.label;
  const [q] = useDebouncedValue(search === selectedLabel ? '' : search.trim(), 250);
  const options = useAdministrationOptions(q);
  const data = useMemo(
    () =>
      withLabels(
        (options.data?.items ?? []).filter((a) => a.active || a.id === value).map((a) => ({ value: a.id, label: a.name })),
        value ? [value] : [],
      ),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [options.data, value],
  );
  return (
    <Select
      label={props.label}
      description={props.description}
      error={props.error}
      required={props.required}
      searchable
      clearable
      clearButtonProps={{ 'aria-label': t('users.clearChoice', { label: props.label }) }}
      data={data}
      value={value}
      onChange={(next) => onChange(next)}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: all }) => all}
      nothingFoundMessage={options.isFetching ? t('common.loading') : t('users.nothingFound')}
    />
  );
}

/** The units a unit manager manages. */
export function UnitMultiSelect({
  value,
  onChange,
  ...props
}: Common & { value: string[]; onChange: (value: string[]) => void }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const withLabels = useLabels(props.known);
  const [q] = useDebouncedValue(search.trim(), 250);
  const options = useUnitOptions(q);
  const data = useMemo(
    () =>
      withLabels(
        (options.data?.items ?? [])
          .filter((u) => u.active || value.includes(u.id))
          .map((u) => ({ value: u.id, label: `${u.name} (${u.administrationName})` })),
        value,
      ),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [options.data, value],
  );
  return (
    <MultiSelect
      label={props.label}
      description={props.description}
      error={props.error}
      required={props.required}
      searchable
      clearable
      clearButtonProps={{ 'aria-label': t('users.clearChoice', { label: props.label }) }}
      data={data}
      value={value}
      onChange={onChange}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: all }) => all}
      nothingFoundMessage={options.isFetching ? t('common.loading') : t('users.nothingFound')}
    />
  );
}
