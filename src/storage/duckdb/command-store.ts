/**
 * DuckDB adapter of the DispatchStore port: commands, plan revisions and dispatch alarms (schema
 * version 4). Each row keeps the record whole as JSON next to the columns it is looked up by; the JSON is
 * parsed back through the wire schemas, so a row that does not fit the contract fails loudly.
 */
import type { DuckDBValue } from '@duckdb/node-api';
import type { z } from 'zod';
import type { AlarmQuery, CommandQuery, CommandRecord, DispatchStore, PlanRecord } from '../../app/dispatch/dispatch-store.js';
import { AlarmAcknowledgementSchema, CommandViewSchema, DispatchAlarmSchema, PlanDetailSchema, type DispatchAlarmView } from '../../contract/commands-api.js';
import type { Row, SerialConnection } from './serial-connection.js';

const ms = (v: number): bigint => BigInt(Math.trunc(v));

/** Statements of the schema migration that creates the dispatch tables (schema.ts). */
export const DISPATCH_TABLES_DDL = (): string[] => [
  `CREATE TABLE IF NOT EXISTS dispatch_commands (id VARCHAR PRIMARY KEY, site_id VARCHAR NOT NULL, plan_id VARCHAR, state VARCHAR NOT NULL,
    issued_at_ms BIGINT NOT NULL, body VARCHAR NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS dispatch_plans (id VARCHAR PRIMARY KEY, transformer_id VARCHAR NOT NULL, day VARCHAR NOT NULL,
    created_at_ms BIGINT NOT NULL, body VARCHAR NOT NULL)`,
  'CREATE SEQUENCE IF NOT EXISTS dispatch_alarm_seq',
  `CREATE TABLE IF NOT EXISTS dispatch_alarms (seq BIGINT NOT NULL DEFAULT nextval('dispatch_alarm_seq'), at_ms BIGINT NOT NULL,
    site_id VARCHAR, transformer_id VARCHAR, body VARCHAR NOT NULL)`,
];

/** Schema version 6: an alarm's acknowledgement (who, when, note) as JSON; NULL while the alarm is open. */
export const ALARM_ACK_DDL = (): string[] => ['ALTER TABLE dispatch_alarms ADD COLUMN IF NOT EXISTS ack VARCHAR'];

const parse = <T>(schema: z.ZodType<T>, r: Row, what: string): T => {
  const res = schema.safeParse(JSON.parse(String(r.body)));
  if (!res.success) throw new Error(`stored ${what} does not match the contract: ${res.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return res.data;
};
const toCommand = (r: Row): CommandRecord => parse(CommandViewSchema, r, 'command');
const toPlan = (r: Row): PlanRecord => parse(PlanDetailSchema, r, 'plan');
const toAlarm = (r: Row): DispatchAlarmView => ({
  ...parse(DispatchAlarmSchema, r, 'alarm'),
  id: String(r.seq),
  acknowledgement: r.ack === null || r.ack === undefined ? null : parse(AlarmAcknowledgementSchema, { body: r.ack }, 'alarm acknowledgement'),
});
const ALARM_COLUMNS = 'seq, body, ack';

/** `col IN ($k, $k+1, …)` for a list, pushing its values; FALSE for an empty list. */
function inList(col: string, values: readonly string[], params: DuckDBValue[]): string {
  if (values.length === 0) return 'FALSE';
  const marks = values.map((v) => {
    params.push(v);
    return `$${params.length}`;
  });
  return `${col} IN (${marks.join(', ')})`;
}

export async function createDuckDbDispatchStore(deps: { conn: SerialConnection; release: () => Promise<void> }): Promise<DispatchStore & { close(): Promise<void> }> {
  const { conn } = deps;
  let released: Promise<void> | null = null;
  const all = (sql: string, params: DuckDBValue[] = []) => conn.exclusive((db) => db.all(sql, params));

  return {
    insertCommand: (c) =>
      conn.transaction(async (db) => {
        const clash = await db.all('SELECT id FROM dispatch_commands WHERE id = $1', [c.id]);
        if (clash.length > 0) throw new Error(`command id ${c.id} exists already`);
        await db.run('INSERT INTO dispatch_commands VALUES ($1, $2, $3, $4, $5, $6)', [c.id, c.siteId, c.planId, c.state, ms(c.issuedAtMs), JSON.stringify(c)]);
      }),
    transitionCommand: (id, from, change) =>
      conn.transaction(async (db) => {
        const [row] = await db.all('SELECT body FROM dispatch_commands WHERE id = $1', [id]);
        if (row === undefined) return null;
        const cur = toCommand(row);
        if (!from.includes(cur.state)) return null;
        const next: CommandRecord = {
          ...cur,
          state: change.state,
          ...(change.attempts === undefined ? {} : { attempts: change.attempts }),
          ...(change.lastSentAtMs === undefined ? {} : { lastSentAtMs: change.lastSentAtMs }),
          ...(change.answeredAtMs === undefined ? {} : { answeredAtMs: change.answeredAtMs }),
          ...(change.reason === undefined ? {} : { reason: change.reason }),
          ...(change.reasonRef === undefined ? {} : { reasonRef: change.reasonRef }),
        };
        await db.run('UPDATE dispatch_commands SET state = $2, body = $3 WHERE id = $1', [id, next.state, JSON.stringify(next)]);
        return next;
      }),
    getCommand: async (id) => {
      const [row] = await all('SELECT body FROM dispatch_commands WHERE id = $1', [id]);
      return row === undefined ? null : toCommand(row);
    },
    listCommands: async (q: CommandQuery) => {
      const params: DuckDBValue[] = [];
      const where: string[] = [];
      if (q.siteIds !== undefined) where.push(inList('site_id', q.siteIds, params));
      if (q.states !== undefined) where.push(inList('state', q.states, params));
      if (q.planId !== undefined) {
        params.push(q.planId);
        where.push(`plan_id = $${params.length}`);
      }
      if (q.issuedFromMs !== undefined) {
        params.push(ms(q.issuedFromMs));
        where.push(`issued_at_ms >= $${params.length}`);
      }
      if (q.issuedToMs !== undefined) {
        params.push(ms(q.issuedToMs));
        where.push(`issued_at_ms < $${params.length}`);
      }
      params.push(BigInt(Math.max(1, Math.trunc(q.limit))));
      const rows = await all(`SELECT body FROM dispatch_commands ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY issued_at_ms DESC, id DESC LIMIT $${params.length}`, params);
      return rows.map(toCommand);
    },

    putPlan: async (p) => {
      await conn.exclusive((db) =>
        db.run(
          `INSERT INTO dispatch_plans VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO UPDATE SET transformer_id = excluded.transformer_id, day = excluded.day,
            created_at_ms = excluded.created_at_ms, body = excluded.body`,
          [p.id, p.transformerId, p.day, ms(p.createdAtMs), JSON.stringify(p)],
        ),
      );
    },
    getPlan: async (id) => {
      const [row] = await all('SELECT body FROM dispatch_plans WHERE id = $1', [id]);
      return row === undefined ? null : toPlan(row);
    },
    listPlans: async (q) => {
      const params: DuckDBValue[] = [];
      const where: string[] = [];
      if (q.transformerIds !== undefined) where.push(inList('transformer_id', q.transformerIds, params));
      if (q.day !== undefined) {
        params.push(q.day);
        where.push(`day = $${params.length}`);
      }
      params.push(BigInt(Math.max(1, Math.trunc(q.limit))));
      const rows = await all(`SELECT body FROM dispatch_plans ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at_ms DESC, id DESC LIMIT $${params.length}`, params);
      return rows.map(toPlan);
    },

    appendAlarm: async (a) => {
      await conn.exclusive((db) => db.run('INSERT INTO dispatch_alarms (at_ms, site_id, transformer_id, body) VALUES ($1, $2, $3, $4)', [ms(a.atMs), a.siteId, a.transformerId, JSON.stringify(a)]));
    },
    listAlarms: async (q: AlarmQuery) => {
      const params: DuckDBValue[] = [];
      const where: string[] = [];
      if (q.siteIds !== undefined || q.transformerIds !== undefined) {
        const bySite = inList('site_id', q.siteIds ?? [], params);
        const byTx = inList('transformer_id', q.transformerIds ?? [], params);
        where.push(`((site_id IS NOT NULL AND ${bySite}) OR (site_id IS NULL AND ${byTx}))`);
      }
      if (q.fromMs !== undefined) {
        params.push(ms(q.fromMs));
        where.push(`at_ms >= $${params.length}`);
      }
      if (q.toMs !== undefined) {
        params.push(ms(q.toMs));
        where.push(`at_ms < $${params.length}`);
      }
      if (q.acknowledged !== undefined) where.push(q.acknowledged ? 'ack IS NOT NULL' : 'ack IS NULL');
      params.push(BigInt(Math.max(1, Math.trunc(q.limit))));
      const rows = await all(`SELECT ${ALARM_COLUMNS} FROM dispatch_alarms ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY at_ms DESC, seq DESC LIMIT $${params.length}`, params);
      return rows.map(toAlarm);
    },
    getAlarm: async (id) => {
      if (!/^\d{1,18}$/.test(id)) return null;
      const [row] = await all(`SELECT ${ALARM_COLUMNS} FROM dispatch_alarms WHERE seq = $1`, [BigInt(id)]);
      return row === undefined ? null : toAlarm(row);
    },
    acknowledgeAlarm: (id, ack) =>
      conn.transaction(async (db) => {
        if (!/^\d{1,18}$/.test(id)) return null;
        const [row] = await db.all(`SELECT ${ALARM_COLUMNS} FROM dispatch_alarms WHERE seq = $1`, [BigInt(id)]);
        if (row === undefined || (row.ack !== null && row.ack !== undefined)) return null;
        const json = JSON.stringify(AlarmAcknowledgementSchema.parse(ack));
        await db.run('UPDATE dispatch_alarms SET ack = $2 WHERE seq = $1', [BigInt(id), json]);
        return toAlarm({ ...row, ack: json });
      }),

    close() {
      released ??= deps.release();
      return released;
    },
  };
}
