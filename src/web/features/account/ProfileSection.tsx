import { List, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Me } from '#shared/contracts/auth';
import { useRoleLabel } from '../../components/roles';
import { Section } from './Section';

export function ProfileSection({ me }: { me: Me }) {
  const { t } = useTranslation();
  const roleLabel = useRoleLabel();
  return (
    <Section id="profile" title={t('account.profile')}>
      <Table variant="vertical" layout="fixed" withTableBorder={false}>
        <Table.Tbody>
          <Table.Tr>
            <Table.Th w={{ base: 110, xs: 160 }}>{t('common.name')}</Table.Th>
            <Table.Td>{me.name}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>{t('auth.email')}</Table.Th>
            <Table.Td style={{ overflowWrap: 'anywhere' }}>{me.email}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>{t('account.roles')}</Table.Th>
            <Table.Td>
              {me.roles.length === 0 ? (
                <Text size="sm">{t('account.noRoles')}</Text>
              ) : (
                <List size="sm" spacing={2}>
                  {me.roles.map((role, index) => (
                    <List.Item key={`${role.role}-${role.unitId ?? role.administrationId ?? index}`}>{roleLabel(role)}</List.Item>
                  ))}
                </List>
              )}
            </Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
      <Text size="sm">{t('account.rolesHint')}</Text>
    </Section>
  );
}
