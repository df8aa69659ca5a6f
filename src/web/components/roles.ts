import { useTranslation } from 'react-i18next';
import type { RoleAssignment } from '#shared/contracts/auth';

/** A role with its scope, as people read it: "Enhetschef – Förskolan Solen". */
export function useRoleLabel() {
  const { t } = useTranslation();
  return (role: Pick<RoleAssignment, 'role' | 'administrationName' | 'unitName'>) => {
    const scope = role.role === 'unit_manager' ? role.unitName : role.role === 'process_leader' ? role.administrationName : null;
    return scope ? t('account.roleWithScope', { role: t(`roles.${role.role}`), scope }) : t(`roles.${role.role}`);
  };
}
