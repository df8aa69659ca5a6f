import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '#shared/contracts/system';
import { formatDateTime } from '../../components/format';

type Lookup = (kind: 'administration' | 'unit', id: string) => string | undefined;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isTimestamp = (value: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value);
const isUuid = (value: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

/** "processLeaderUserId" -> "Process leader user id", for fields without a translation. */
const humanize = (key: string) => {
  const words = key
    .replace(/([a-z\d])([A-Z])/g, '$1 $2')
    .replace(/_/g, ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** One value of a before/after snapshot as text a person reads, never raw JSON. */
function useFormatValue(lookup: Lookup) {
  const { t, i18n } = useTranslation();
  const label = (prefix: string, value: string) => (i18n.exists(`${prefix}.${value}`) ? t(`${prefix}.${value}`) : value);
  const format = (key: string, value: unknown): string => {
    if (value === null || value === undefined || value === '') return t('audit.empty');
    if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
    if (typeof value === 'number') return String(value);
    if (typeof value === 'string') {
      if (key === 'locale') return value === 'en' ? 'English' : value === 'sv' ? 'Svenska' : value;
      if (key === 'role') return label('roles', value);
      if (key === 'gender') return label('gender', value);
      if (key === 'status') return label('audit.statusValues', value);
      if (key === 'administrationId' && isUuid(value)) return lookup('administration', value) ?? value;
      if (key === 'unitId' && isUuid(value)) return lookup('unit', value) ?? value;
      if (isTimestamp(value)) return formatDateTime(value);
      return value;
    }
    if (Array.isArray(value)) {
      if (value.length === 0) return t('audit.empty');
      if (key === 'ids') return t('audit.records', { count: value.length });
      if (key === 'roles') {
        return value
          .map((item) => {
            if (typeof item === 'string') return label('roles', item);
            if (!isRecord(item)) return format(key, item);
            const role = typeof item.role === 'string' ? label('roles', item.role) : '';
            const scope =
              typeof item.unitId === 'string'
                ? format('unitId', item.unitId)
                : typeof item.administrationId === 'string'
                  ? format('administrationId', item.administrationId)
                  : null;
            return scope ? `${role} (${scope})` : role;
          })
          .join(', ');
      }
      return value.map((item) => format(key, item)).join(', ');
    }
    if (isRecord(value)) {
      return Object.entries(value)
        .map(([k, v]) => `${fieldLabel(k)}: ${format(k, v)}`)
        .join('; ');
    }
    return String(value);
  };
  const fieldLabel = (key: string) => (i18n.exists(`audit.fields.${key}`) ? t(`audit.fields.${key}`) : humanize(key));
  return { format, fieldLabel };
}

/** Before and after, side by side, one row per field that is in either. */
export function ChangeList({ entry, lookup, label }: { entry: AuditEntry; lookup: Lookup; label: string }) {
  const { t } = useTranslation();
  const { format, fieldLabel } = useFormatValue(lookup);
  const before = isRecord(entry.before) ? entry.before : {};
  const after = isRecord(entry.after) ? entry.after : {};
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];

  return (
    <div style={{ padding: 'var(--mantine-spacing-xs) var(--mantine-spacing-sm)' }}>
      {entry.entityId && (
        <Text size="sm" mb="xs" style={{ overflowWrap: 'anywhere' }}>
          {t('audit.entityId')}: {entry.entityId}
        </Text>
      )}
      {keys.length === 0 ? (
        <Text size="sm">{t('audit.noChanges')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={420}>
          <Table withTableBorder withColumnBorders layout="fixed" fz="sm" aria-label={label}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w="25%">{t('audit.field')}</Table.Th>
                <Table.Th>{t('audit.before')}</Table.Th>
                <Table.Th>{t('audit.after')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {keys.map((key) => (
                <Table.Tr key={key}>
                  <Table.Th scope="row" fw={600}>
                    {fieldLabel(key)}
                  </Table.Th>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>
                    {key in before ? format(key, before[key]) : t('audit.empty')}
                  </Table.Td>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>
                    {key in after ? format(key, after[key]) : t('audit.empty')}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </div>
  );
}
