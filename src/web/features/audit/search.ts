import { parseListSearch } from '../../components/list';

export type AuditSearch = {
  page?: number;
  pageSize?: number;
  entityType?: string;
  action?: string;
  actorUserId?: string;
  from?: string;
  to?: string;
};

const word = (value: unknown) => (typeof value === 'string' && /^[a-z][a-z_]{0,49}$/.test(value) ? value : undefined);
const date = (value: unknown) => (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined);
const uuid = (value: unknown) =>
  typeof value === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value) ? value : undefined;

/** The log's filters in the address bar; what the API would refuse is dropped. */
export function parseAuditSearch(search: Record<string, unknown>): AuditSearch {
  const { page, pageSize } = parseListSearch(search);
  return {
    page,
    pageSize,
    entityType: word(search.entityType),
    action: word(search.action),
    actorUserId: uuid(search.actorUserId),
    from: date(search.from),
    to: date(search.to),
  };
}

/** What the server writes today (each translated under audit.*); a value from the address that is not here is still offered. */
export const entityTypes = [
  'user',
  'session',
  'api_token',
  'administration',
  'unit',
  'employee',
  'outbox',
  'demo',
  'course',
  'training_level',
  'training_session',
  'training_settings',
  'attendance',
  'calendar_feed',
  'certification',
  'certification_process',
  'certification_scheme',
  'certification_settings',
  'employee_import',
  'enrolment',
  'programme',
  'training_certificate',
  'training_record',
  'unit_certificate',
  'action_plan',
  'plan_goal',
  'plan_action',
  'plan_indicator',
  'citizen_message',
  'citizen_message_note',
  'citizen_message_settings',
  'citizen_message_retention',
  'public_site_settings',
];
export const auditActions = [
  'create',
  'read',
  'update',
  'delete',
  'deactivate',
  'reactivate',
  'login',
  'logout',
  'login_failed',
  'retry',
  'close',
  'reopen',
  'move',
  'cancel',
  'attach',
  'detach',
  'commit',
  'confirm',
  'unconfirm',
  'demo',
  'discard',
  'revoke',
  'adopt',
  'replace',
  'end',
  'revise',
  'copy',
  'link',
  'unlink',
  'publish',
  'unpublish',
];
