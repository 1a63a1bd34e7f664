import type { Role } from '../../domain/roles.js';

export interface UserRecord {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly orgId: string;
  /** Area the user's view is limited to (region/county/village); null = whole installation (admin only). */
  readonly scopeAreaId: string | null;
  /** Household users: the one site they may see. */
  readonly siteId: string | null;
  /** scrypt hash in the PHC-like form `scrypt$N$r$p$salt$hash` (base64). */
  readonly passwordHash: string;
  readonly failedLogins: number;
  readonly lockedUntilMs: number;
  readonly disabled: boolean;
  readonly createdAtMs: number;
}

export interface SessionRecord {
  /** SHA-256 of the session secret; the secret itself is only in the browser's cookie. */
  readonly idHash: string;
  readonly userId: string;
  readonly csrfToken: string;
  readonly createdAtMs: number;
  readonly expiresAtMs: number;
  readonly lastSeenMs: number;
}

export interface ApiTokenRecord {
  readonly id: string;
  /** SHA-256 of the token secret; the secret is shown once at creation. */
  readonly secretHash: string;
  readonly userId: string;
  readonly name: string;
  /** Actions this token may use (a subset of its user's). */
  readonly actions: readonly string[];
  readonly createdAtMs: number;
  readonly expiresAtMs: number | null;
  readonly revokedAtMs: number | null;
}

export interface DeviceCredentialRecord {
  readonly deviceId: string;
  /**
   * Hash of the device secret (MQTT password / HTTP Basic): `sha256$…` for the platform's random secrets
   * (device-secrets.ts), `scrypt$…` in older data directories until the device's next login.
   */
  readonly secretHash: string;
  readonly createdAtMs: number;
  readonly revokedAtMs: number | null;
}

export interface AuditEntry {
  readonly atMs: number;
  /** User id, token id (`token:…`), device id (`device:…`) or `system`. */
  readonly actor: string;
  readonly action: string;
  readonly target: string;
  readonly outcome: 'ok' | 'denied' | 'failed';
  readonly detail: string;
}

/**
 * Port: people, sessions, API tokens, device credentials and the append-only audit log.
 * No method edits or deletes an audit entry.
 */
export interface AccessStore {
  putUser(user: UserRecord): Promise<void>;
  getUserById(id: string): Promise<UserRecord | null>;
  getUserByUsername(username: string): Promise<UserRecord | null>;
  listUsers(): Promise<UserRecord[]>;

  putSession(session: SessionRecord): Promise<void>;
  getSession(idHash: string): Promise<SessionRecord | null>;
  deleteSession(idHash: string): Promise<void>;
  deleteSessionsOfUser(userId: string): Promise<void>;

  putApiToken(token: ApiTokenRecord): Promise<void>;
  getApiTokenBySecretHash(secretHash: string): Promise<ApiTokenRecord | null>;
  listApiTokens(userId: string): Promise<ApiTokenRecord[]>;
  revokeApiToken(id: string, atMs: number): Promise<void>;

  putDeviceCredential(cred: DeviceCredentialRecord): Promise<void>;
  getDeviceCredential(deviceId: string): Promise<DeviceCredentialRecord | null>;
  /**
   * Replaces the stored hash only while it is still `fromHash` and the credential is not revoked (compare-and-set:
   * a new secret or a revocation written meanwhile wins). True when it replaced it.
   */
  upgradeDeviceSecretHash(deviceId: string, fromHash: string, toHash: string): Promise<boolean>;

  appendAudit(entry: AuditEntry): Promise<void>;
  listAudit(query: { limit: number; beforeMs?: number; actor?: string }): Promise<AuditEntry[]>;
  close(): Promise<void>;
}
