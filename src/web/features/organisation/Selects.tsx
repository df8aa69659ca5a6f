import { useEffect, useState } from 'react';
import { Select, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../api/session';
import { useAdministrationOptions, useUnitList, useUserOptions } from './api';

type Option = { value: string; label: string };

type SelectBase = {
  label: string;
  description?: string;
  value: string | null;
  onChange: (value: string | null) => void;
  error?: React.ReactNode;
  required?: boolean;
  clearable?: boolean;
  /** What the current value is called, when it may not be among the options found. */
  current?: Option | null;
  size?: 'xs' | 'sm';
};

function withCurrent(options: Option[], current: Option | null | undefined): Option[] {
  if (!current || options.some((o) => o.value === current.value)) return options;
  return [current, ...options];
}

/**
 * A select whose options are searched on the server as the person types (50 at a time), so that it
 * works with thousands of records. The chosen option stays among the options.
 */
function RemoteSelect(props: SelectBase & { onQuery: (q: string) => void; options: Option[]; loading: boolean }) {
  const { t } = useTranslation();
  const { onQuery } = props;
  const [search, setSearch] = useState('');
  const [chosen, setChosen] = useState<Option | null>(props.current ?? null);
  const selectedLabel = [chosen, props.current].find((o) => o && o.value === props.value)?.label;
  // Showing the chosen option's label is not a search: then list the first options instead.
  const [debounced] = useDebouncedValue(search === selectedLabel ? '' : search.trim(), 250);
  useEffect(() => onQuery(debounced), [debounced, onQuery]);
  const data = withCurrent(
    withCurrent(props.options, props.value && chosen?.value === props.value ? chosen : null),
    props.current,
  );
  return (
    <Select
      label={props.label}
      description={props.description}
      required={props.required}
      error={props.error}
      size={props.size}
      searchable
      clearable={props.clearable}
      clearButtonProps={{ 'aria-label': t('organisation.clearChoice', { label: props.label }) }}
      data={data}
      value={props.value}
      onChange={(value, option) => {
        setChosen(option ? { value: option.value, label: option.label } : null);
        props.onChange(value);
      }}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      nothingFoundMessage={props.loading ? t('common.loading') : t('organisation.nothingFound')}
    />
  );
}

/**
 * A user to lead or manage something. Only those who may read users get the list to choose from;
 * everyone else sees the current person, read-only.
 */
export function UserSelect(props: SelectBase) {
  const { t } = useTranslation();
  const mayReadUsers = useCan()('read', 'user');
  const [q, setQ] = useState('');
  const users = useUserOptions(q, mayReadUsers);
  if (!mayReadUsers) {
    return (
      <TextInput
        label={props.label}
        description={t('organisation.userReadOnly')}
        readOnly
        value={props.current?.label ?? t('common.none')}
      />
    );
  }
  return (
    <RemoteSelect
      {...props}
      clearable
      onQuery={setQ}
      loading={users.isFetching}
      options={(users.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.name} (${u.email})` }))}
    />
  );
}

/** A unit, searched by name or code; active units only unless asked, optionally within one administration. */
export function UnitSelect(props: SelectBase & { administrationId?: string | null; includeClosed?: boolean }) {
  const { administrationId, includeClosed, ...rest } = props;
  const [q, setQ] = useState('');
  const units = useUnitList({
    q: q || undefined,
    pageSize: 50,
    sort: 'name',
    active: includeClosed ? undefined : true,
    administrationId: administrationId || undefined,
  });
  return (
    <RemoteSelect
      {...rest}
      onQuery={setQ}
      loading={units.isFetching}
      options={(units.data?.items ?? []).map((u) => ({
        value: u.id,
        label: administrationId ? u.name : `${u.name} (${u.administrationName})`,
      }))}
    />
  );
}

/** An administration: there are few, so all are loaded (closed ones only when asked for; allowed narrows them further). */
export function AdministrationSelect(props: SelectBase & { includeClosed?: boolean; allowed?: (id: string) => boolean }) {
  const { t } = useTranslation();
  const administrations = useAdministrationOptions();
  const options = (administrations.data?.items ?? [])
    .filter((a) => props.includeClosed || a.active || a.id === props.value)
    .filter((a) => !props.allowed || props.allowed(a.id))
    .map((a) => ({ value: a.id, label: a.active ? a.name : `${a.name} (${t('common.closed').toLowerCase()})` }));
  return (
    <Select
      label={props.label}
      description={props.description}
      required={props.required}
      error={props.error}
      size={props.size}
      searchable
      clearable={props.clearable}
      clearButtonProps={{ 'aria-label': t('organisation.clearChoice', { label: props.label }) }}
      data={withCurrent(options, props.current)}
      value={props.value}
      onChange={(value) => props.onChange(value)}
      nothingFoundMessage={administrations.isPending ? t('common.loading') : t('organisation.nothingFound')}
    />
  );
}
