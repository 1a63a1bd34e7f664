/**
 * DuckDB adapter of the AccessStore port. The audit log is append-only: this file holds the only
 * statements that touch `audit_log`, an INSERT and a SELECT.
 */
import type { DuckDBValue } from '@duckdb/node-api';
import type { AccessStore, ApiTokenRecord, AuditEntry, DeviceCredentialRecord, SessionRecord, UserRecord } from '../../app/ports/access-store.js';
import type { Role } from '../../domain/roles.js';
import type { Row, SerialConnection } from './serial-connection.js';
import { toNumber, toNumberOrNull, toStringOrNull } from './sql-values.js';

const ms = (v: number): bigint => BigInt(Math.trunc(v));
const msOrNull = (v: number | null): bigint | null => (v === null ? null : ms(v));

const USER_COLS = 'id, username, display_name, role, org_id, scope_area_id, site_id, password_hash, failed_logins, locked_until_ms, disabled, created_at_ms';
const toUser = (r: Row): UserRecord => ({
  id: String(r.id),
  username: String(r.username),
  displayName: String(r.display_name),
  role: String(r.role) as Role,
  orgId: String(r.org_id),
  scopeAreaId: toStringOrNull(r.scope_area_id),
  siteId: toStringOrNull(r.site_id),
  passwordHash: String(r.password_hash),
  failedLogins: toNumber(r.failed_logins),
  lockedUntilMs: toNumber(r.locked_until_ms),
  disabled: r.disabled === true,
  createdAtMs: toNumber(r.created_at_ms),
});

const SESSION_COLS = 'id_hash, user_id, csrf_token, created_at_ms, expires_at_ms, last_seen_ms';
const toSession = (r: Row): SessionRecord => ({
  idHash: String(r.id_hash),
  userId: String(r.user_id),
  csrfToken: String(r.csrf_token),
  createdAtMs: toNumber(r.created_at_ms),
  expiresAtMs: toNumber(r.expires_at_ms),
  lastSeenMs: toNumber(r.last_seen_ms),
});

const TOKEN_COLS = 'id, secret_hash, user_id, name, actions, created_at_ms, expires_at_ms, revoked_at_ms';
const toToken = (r: Row): ApiTokenRecord => ({
  id: String(r.id),
  secretHash: String(r.secret_hash),
  userId: String(r.user_id),
  name: String(r.name),
  actions: JSON.parse(String(r.actions)) as string[],
  createdAtMs: toNumber(r.created_at_ms),
  expiresAtMs: toNumberOrNull(r.expires_at_ms),
  revokedAtMs: toNumberOrNull(r.revoked_at_ms),
});

const CRED_COLS = 'device_id, secret_hash, created_at_ms, revoked_at_ms';
const toCred = (r: Row): DeviceCredentialRecord => ({
  deviceId: String(r.device_id),
  secretHash: String(r.secret_hash),
  createdAtMs: toNumber(r.created_at_ms),
  revokedAtMs: toNumberOrNull(r.revoked_at_ms),
});

const AUDIT_OUTCOMES = new Set(['ok', 'denied', 'failed']);
const toAudit = (r: Row): AuditEntry => ({
  atMs: toNumber(r.at_ms),
  actor: String(r.actor),
  action: String(r.action),
  target: String(r.target),
  outcome: (AUDIT_OUTCOMES.has(String(r.outcome)) ? String(r.outcome) : 'failed') as AuditEntry['outcome'],
  detail: String(r.detail),
});

/** `INSERT … ON CONFLICT (key) DO UPDATE` for every column but the key. */
const upsertSql = (table: string, cols: string, key: string): string => {
  const names = cols.split(', ');
  const sets = names.filter((c) => c !== key).map((c) => `${c} = excluded.${c}`);
  return `INSERT INTO ${table} (${cols}) VALUES (${names.map((_, i) => `$${i + 1}`).join(', ')}) ON CONFLICT (${key}) DO UPDATE SET ${sets.join(', ')}`;
};

export async function createDuckDbAccessStore(deps: { conn: SerialConnection; release: () => Promise<void> }): Promise<AccessStore> {
  const { conn } = deps;
  let released: Promise<void> | null = null;
  const one = async <T>(sql: string, params: DuckDBValue[], map: (r: Row) => T): Promise<T | null> => {
    const rows = await conn.exclusive((db) => db.all(sql, params));
    return rows[0] === undefined ? null : map(rows[0]);
  };
  const many = async <T>(sql: string, params: DuckDBValue[], map: (r: Row) => T): Promise<T[]> =>
    (await conn.exclusive((db) => db.all(sql, params))).map(map);
  const exec = async (sql: string, params: DuckDBValue[]): Promise<void> => {
    await conn.exclusive((db) => db.run(sql, params));
  };

  return {
    putUser: (u) =>
      conn.transaction(async (db) => {
        // Usernames are unique; checked here rather than by an index so a rename stays a plain upsert.
        const clash = await db.all('SELECT id FROM users WHERE username = $1 AND id <> $2', [u.username, u.id]);
        if (clash.length > 0) throw new Error(`username "${u.username}" is already taken by another user`);
        await db.run(upsertSql('users', USER_COLS, 'id'), [
          u.id, u.username, u.displayName, u.role, u.orgId, u.scopeAreaId, u.siteId, u.passwordHash,
          u.failedLogins, ms(u.lockedUntilMs), u.disabled, ms(u.createdAtMs),
        ]);
      }),
    getUserById: (id) => one(`SELECT ${USER_COLS} FROM users WHERE id = $1`, [id], toUser),
    getUserByUsername: (username) => one(`SELECT ${USER_COLS} FROM users WHERE username = $1`, [username], toUser),
    listUsers: () => many(`SELECT ${USER_COLS} FROM users ORDER BY username`, [], toUser),

    putSession: (s) =>
      exec(upsertSql('sessions', SESSION_COLS, 'id_hash'), [s.idHash, s.userId, s.csrfToken, ms(s.createdAtMs), ms(s.expiresAtMs), ms(s.lastSeenMs)]),
    getSession: (idHash) => one(`SELECT ${SESSION_COLS} FROM sessions WHERE id_hash = $1`, [idHash], toSession),
    deleteSession: (idHash) => exec('DELETE FROM sessions WHERE id_hash = $1', [idHash]),
    deleteSessionsOfUser: (userId) => exec('DELETE FROM sessions WHERE user_id = $1', [userId]),

    putApiToken: (t) =>
      exec(upsertSql('api_tokens', TOKEN_COLS, 'id'), [
        t.id, t.secretHash, t.userId, t.name, JSON.stringify(t.actions), ms(t.createdAtMs), msOrNull(t.expiresAtMs), msOrNull(t.revokedAtMs),
      ]),
    getApiTokenBySecretHash: (secretHash) => one(`SELECT ${TOKEN_COLS} FROM api_tokens WHERE secret_hash = $1`, [secretHash], toToken),
    listApiTokens: (userId) => many(`SELECT ${TOKEN_COLS} FROM api_tokens WHERE user_id = $1 ORDER BY created_at_ms, id`, [userId], toToken),
    // The first revocation time is kept: revoking twice does not move it.
    revokeApiToken: (id, atMs) => exec('UPDATE api_tokens SET revoked_at_ms = $2 WHERE id = $1 AND revoked_at_ms IS NULL', [id, ms(atMs)]),

    putDeviceCredential: (c) =>
      exec(upsertSql('device_credentials', CRED_COLS, 'device_id'), [c.deviceId, c.secretHash, ms(c.createdAtMs), msOrNull(c.revokedAtMs)]),
    getDeviceCredential: (deviceId) => one(`SELECT ${CRED_COLS} FROM device_credentials WHERE device_id = $1`, [deviceId], toCred),
    upgradeDeviceSecretHash: async (deviceId, fromHash, toHash) =>
      (await one(
        'UPDATE device_credentials SET secret_hash = $3 WHERE device_id = $1 AND secret_hash = $2 AND revoked_at_ms IS NULL RETURNING device_id',
        [deviceId, fromHash, toHash],
        (r) => String(r.device_id),
      )) !== null,

    appendAudit: (e) =>
      exec('INSERT INTO audit_log (at_ms, actor, action, target, outcome, detail) VALUES ($1, $2, $3, $4, $5, $6)', [
        ms(e.atMs), e.actor, e.action, e.target, e.outcome, e.detail,
      ]),
    listAudit: (q) => {
      const where: string[] = [];
      const params: DuckDBValue[] = [];
      if (q.beforeMs !== undefined) {
        params.push(ms(q.beforeMs));
        where.push(`at_ms < $${params.length}`);
      }
      if (q.actor !== undefined) {
        params.push(q.actor);
        where.push(`actor = $${params.length}`);
      }
      return many(
        `SELECT at_ms, actor, action, target, outcome, detail FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY at_ms DESC, seq DESC LIMIT ${Math.max(0, Math.trunc(q.limit))}`,
        params,
        toAudit,
      );
    },

    close: () => {
      released ??= deps.release();
      return released;
    },
  };
}
