/**
 * Organisations, roles and the actions they may take. Authorisation is role × scope × action,
 * decided in one place (src/app/authorize.ts) from these tables.
 */
export const ORG_KINDS = ['government', 'manufacturer', 'installer', 'heating-operator', 'service-centre', 'platform'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

/** `admin` runs the platform installation itself (organisations, users, devices, audit). */
export const ROLES = ['admin', 'regulator', 'operator-admin', 'technician', 'household'] as const;
export type Role = (typeof ROLES)[number];

export const ACTIONS = [
  'fleet:read',        // sites, units, telemetry, rollups within scope
  'registry:write',    // create/update registry entities within scope
  'registry:import',   // bulk import
  'registry:export',   // bulk export of what the caller may read
  'device:provision',  // issue and revoke device credentials
  'device:command',    // steer devices (setpoints, modes, schedules)
  'telemetry:write',   // HTTP batch ingestion on behalf of devices within scope
  'deadletter:read',   // inspect rejected payloads
  'users:manage',      // create users, reset passwords, issue tokens for others
  'audit:read',
] as const;
export type Action = (typeof ACTIONS)[number];

export const ROLE_ACTIONS: Readonly<Record<Role, readonly Action[]>> = {
  admin: ACTIONS,
  regulator: ['fleet:read', 'registry:export'],
  'operator-admin': ['fleet:read', 'registry:write', 'registry:import', 'registry:export', 'device:provision', 'device:command', 'telemetry:write', 'deadletter:read', 'users:manage', 'audit:read'],
  technician: ['fleet:read', 'device:command'],
  household: ['fleet:read'],
};

/** Which organisation kinds a role can belong to. */
export const ROLE_ORG_KINDS: Readonly<Record<Role, readonly OrgKind[]>> = {
  admin: ['platform'],
  regulator: ['government'],
  'operator-admin': ['manufacturer', 'installer', 'heating-operator'],
  technician: ['manufacturer', 'installer', 'heating-operator', 'service-centre'],
  household: ['platform', 'heating-operator', 'government'],
};

export const roleMay = (role: Role, action: Action): boolean => ROLE_ACTIONS[role].includes(action);
