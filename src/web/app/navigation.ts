import { accessFor, type Access, type Action, type Entity } from '#shared/permissions';

/**
 * permission: what an item needs to show; with an access level, the permission at that level (the
 * invitations to one's units are for unit managers: an administrator may answer them, but has no units).
 */
export type NavItem = { to: string; labelKey: string; permission?: [Action, Entity] | [Action, Entity, Access] };
export type NavGroup = { labelKey: string; items: NavItem[] };

/** The navigation, by feature. An item shows only to those with its permission; each feature adds its pages here. */
export const navigation: NavGroup[] = [
  {
    labelKey: 'nav.groups.overview',
    items: [{ to: '/', labelKey: 'nav.start' }],
  },
  {
    labelKey: 'nav.groups.organisation',
    items: [
      { to: '/administrations', labelKey: 'nav.administrations', permission: ['read', 'administration'] },
      { to: '/units', labelKey: 'nav.units', permission: ['read', 'unit'] },
      { to: '/employees', labelKey: 'nav.employees', permission: ['read', 'employee'] },
      { to: '/employees/imports', labelKey: 'imports.nav', permission: ['create', 'employee'] },
    ],
  },
  {
    labelKey: 'nav.groups.training',
    items: [
      { to: '/my-training', labelKey: 'nav.myTraining', permission: ['read', 'enrolment'] },
      { to: '/training-sessions', labelKey: 'nav.trainingSessions', permission: ['read', 'training_session'] },
      { to: '/courses', labelKey: 'nav.courses', permission: ['read', 'course'] },
      { to: '/coverage', labelKey: 'nav.coverage', permission: ['read', 'coverage'] },
      { to: '/programmes', labelKey: 'nav.programmes', permission: ['read', 'programme'] },
      { to: '/training-settings', labelKey: 'nav.trainingSettings', permission: ['update', 'course'] },
    ],
  },
  {
    labelKey: 'nav.groups.plans',
    items: [
      { to: '/plans', labelKey: 'nav.plans', permission: ['read', 'action_plan'] },
      { to: '/plans/dashboard', labelKey: 'planDashboard.nav', permission: ['update', 'action_plan'] },
      { to: '/plans/periods', labelKey: 'followUp.nav', permission: ['read', 'action_plan'] },
      { to: '/plans/report', labelKey: 'planReport.nav', permission: ['read', 'action_plan'] },
    ],
  },
  {
    labelKey: 'nav.groups.citizens',
    items: [
      { to: '/messages', labelKey: 'nav.messages', permission: ['read', 'citizen_message'] },
      { to: '/messages/statistics', labelKey: 'messages.statistics.nav', permission: ['read', 'citizen_message'] },
      { to: '/messages/retention', labelKey: 'messages.retention.nav', permission: ['update', 'citizen_message_settings'] },
      { to: '/activities', labelKey: 'activities.nav', permission: ['read', 'activity'] },
      { to: '/activities/statistics', labelKey: 'activities.statistics.nav', permission: ['read', 'headcount'] },
      { to: '/public-site', labelKey: 'publicSite.admin.nav', permission: ['update', 'public_site'] },
      { to: '/networks', labelKey: 'nav.networks', permission: ['read', 'network'] },
      { to: '/networks/invitations', labelKey: 'nav.networkInvitations', permission: ['update', 'network_invitation', 'unit'] },
    ],
  },
  {
    labelKey: 'nav.groups.certification',
    items: [
      { to: '/certification', labelKey: 'nav.certification', permission: ['read', 'certification'] },
      { to: '/certification/certify', labelKey: 'nav.certify', permission: ['create', 'certificate'] },
      { to: '/certification/schemes', labelKey: 'nav.certificationSchemes', permission: ['read', 'certification_scheme'] },
    ],
  },
  {
    labelKey: 'nav.groups.system',
    items: [
      { to: '/users', labelKey: 'nav.users', permission: ['read', 'user'] },
      { to: '/outbox', labelKey: 'nav.outbox', permission: ['read', 'outbox'] },
      { to: '/audit-log', labelKey: 'nav.auditLog', permission: ['read', 'audit'] },
      { to: '/account', labelKey: 'nav.account' },
    ],
  },
];

/** Whether a person with these permissions sees the item. */
export function showsTo(item: NavItem, permissions: ReadonlySet<string>): boolean {
  if (!item.permission) return true;
  const [action, entity, access] = item.permission;
  const levels = accessFor(permissions, action, entity);
  return access ? levels.includes(access) : levels.length > 0;
}
