/**
 * Roles and permission strings, in the form 'action:entity:access' (as in the Epic Stack).
 * access says how far the permission reaches: 'any' (everything), 'administration' (the actor's
 * administration), 'unit' (the actor's units), 'self' (the actor's own records).
 * Routes name the action and entity they need; services narrow by the access the actor has.
 */
export const roles = [
  'administrator',
  'process_leader',
  'unit_manager',
  'training_coordinator',
  'trainer',
  'employee',
  'activity_host',
  /** Issues certificates for a scheme (for example someone of RFSL's, or the municipality's own certifier): certifies and revokes. */
  'certifier',
] as const;
export type Role = (typeof roles)[number];

export const accessLevels = ['any', 'administration', 'unit', 'self'] as const;
export type Access = (typeof accessLevels)[number];

export const actions = ['create', 'read', 'update', 'delete'] as const;
export type Action = (typeof actions)[number];

export const entities = [
  'administration',
  'unit',
  'employee',
  'user',
  'session',
  'token',
  'audit',
  'outbox',
  'overview',
  'course',
  'training_session',
  'enrolment',
  'attendance',
  'coverage',
  'programme',
  /** Certification schemes and their criteria. */
  'certification_scheme',
  /** A unit's certification process: opening it, its working group, confirming criteria. */
  'certification',
  /** Certificates: create certifies units, update revokes. */
  'certificate',
  /** Action plans with their goals, actions and indicators: the municipality's, an administration's, a unit's. */
  'action_plan',
  /** Citizens' messages (synpunkter): the inbox, assigning, notes, answering, closing. */
  'citizen_message',
  /** How long citizens' messages and their contact details are kept (administrators only). */
  'citizen_message_settings',
  /** Recurring activities (the HBTQ café): schedule, breaks, hosts, cancelled and moved occurrences. */
  'activity',
  /** The number of visitors at an activity's occurrence: a headcount, never who came. */
  'headcount',
  /** The public site's texts, accessibility statement and contact persons (administrators only). */
  'public_site',
  /** Networks of units: the network, its members, meetings, files and links. 'self': the networks one is part of (contact person or manager of a member unit). */
  'network',
  /** Invitations of units to a network: administrators send and withdraw; a unit's manager ('unit') answers. */
  'network_invitation',
] as const;
export type Entity = (typeof entities)[number];

export type Permission = `${Action}:${Entity}:${Access}`;

const all = (entity: Entity, access: Access = 'any'): Permission[] =>
  actions.map((action) => `${action}:${entity}:${access}` as Permission);

/** What every signed-in person may do with their own account. */
const ownAccount: Permission[] = [...all('token', 'self'), ...all('session', 'self'), 'read:overview:self'];
/** The networks one is part of (as a member unit's contact person or manager): read them, their meetings and files. */
const ownNetworks: Permission[] = ['read:network:self'];
const readOrganisation: Permission[] = ['read:administration:any', 'read:unit:any'];
/**
 * Everyone may see the courses and sessions on offer and their own enrolments and training record.
 * enrolment 'self': sign oneself up and cancel; 'unit'/'administration': the staff one leads.
 */
const browseTraining: Permission[] = [
  'read:course:any',
  'read:training_session:any',
  'create:enrolment:self',
  'read:enrolment:self',
  'delete:enrolment:self',
];
const training: Entity[] = ['course', 'training_session', 'enrolment', 'attendance', 'coverage', 'programme'];

export const rolePermissions: Record<Role, readonly Permission[]> = {
  administrator: entities.flatMap((entity) => all(entity, 'any')).concat(ownAccount),
  process_leader: [
    ...ownAccount,
    ...readOrganisation,
    ...browseTraining,
    'create:enrolment:administration',
    'read:enrolment:administration',
    'delete:enrolment:administration',
    'read:coverage:administration',
    'read:programme:any',
    'update:unit:administration',
    'create:unit:administration',
    'read:certification_scheme:any',
    'create:certification:administration',
    'read:certification:administration',
    'update:certification:administration',
    'read:certificate:administration',
    'read:employee:administration',
    'read:overview:administration',
    'read:action_plan:any',
    'create:action_plan:administration',
    'update:action_plan:administration',
    'delete:action_plan:administration',
    'read:citizen_message:administration',
    'update:citizen_message:administration',
    ...ownNetworks,
  ],
  unit_manager: [
    ...ownAccount,
    ...readOrganisation,
    ...browseTraining,
    'update:unit:unit',
    'read:employee:unit',
    'read:overview:unit',
    'create:enrolment:unit',
    'read:enrolment:unit',
    'delete:enrolment:unit',
    'read:coverage:unit',
    'read:certification_scheme:any',
    'create:certification:unit',
    'read:certification:unit',
    'update:certification:unit',
    'read:certificate:unit',
    'read:action_plan:any',
    'create:action_plan:unit',
    'update:action_plan:unit',
    'delete:action_plan:unit',
    ...ownNetworks,
    'read:network_invitation:unit',
    'update:network_invitation:unit',
  ],
  training_coordinator: [
    ...ownAccount,
    ...readOrganisation,
    'create:employee:any',
    'read:employee:any',
    'update:employee:any',
    'read:overview:any',
    ...training.flatMap((entity) => all(entity, 'any')),
    'read:certification_scheme:any',
    'create:certification:any',
    'read:certification:any',
    'update:certification:any',
    'read:certificate:any',
    'read:action_plan:any',
    ...ownNetworks,
  ],
  /** Trainers mark attendance on the sessions they lead ('self'), and see who is enrolled there. */
  trainer: [
    ...ownAccount,
    ...browseTraining,
    ...ownNetworks,
    'read:attendance:self',
    'update:attendance:self',
    'create:attendance:self',
  ],
  employee: [...ownAccount, ...browseTraining, ...ownNetworks, 'read:employee:self'],
  /** Hosts see only the activities they host and record their headcounts ('self'): nothing else in the system. */
  activity_host: [...ownAccount, 'read:activity:self', 'read:headcount:self', 'create:headcount:self', 'update:headcount:self'],
  certifier: [
    ...ownAccount,
    ...readOrganisation,
    'read:certification_scheme:any',
    'read:certification:any',
    'read:certificate:any',
    'create:certificate:any',
    'update:certificate:any',
    'read:action_plan:any',
    ...ownNetworks,
  ],
};

export function permissionsOf(userRoles: readonly Role[]): Set<Permission> {
  return new Set(userRoles.flatMap((role) => rolePermissions[role]));
}

/** The access levels by which a set of permissions allows action on entity, widest first. */
export function accessFor(permissions: ReadonlySet<string>, action: Action, entity: Entity): Access[] {
  return accessLevels.filter((access) => permissions.has(`${action}:${entity}:${access}`));
}

export function hasPermission(permissions: ReadonlySet<string>, action: Action, entity: Entity): boolean {
  return accessFor(permissions, action, entity).length > 0;
}

/** Which scope a role needs when it is given to a user. */
export const roleScope: Record<Role, 'none' | 'administration' | 'units'> = {
  administrator: 'none',
  process_leader: 'administration',
  unit_manager: 'units',
  training_coordinator: 'none',
  trainer: 'none',
  employee: 'none',
  activity_host: 'none',
  certifier: 'none',
};
