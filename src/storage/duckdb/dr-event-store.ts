/**
 * DuckDB adapter of the DrEventStore port (schema version 5): one row per event, the event whole as JSON next
 * to the columns it is looked up by, parsed back through the wire schema so a row that does not fit fails loudly.
 */
import type { DuckDBValue } from '@duckdb/node-api';
import type { DrEventStore } from '../../app/ports/dr-event-store.js';
import { DrEventDetailSchema, type DrEventDetail } from '../../contract/dr-events.js';
import type { Row, SerialConnection } from './serial-connection.js';

export const DR_EVENT_TABLES_DDL = (): string[] => [
  `CREATE TABLE IF NOT EXISTS dr_events (id VARCHAR PRIMARY KEY, village_id VARCHAR NOT NULL, created_at_ms BIGINT NOT NULL, body VARCHAR NOT NULL)`,
];

function toEvent(r: Row): DrEventDetail {
  const res = DrEventDetailSchema.safeParse(JSON.parse(String(r.body)));
  if (!res.success) throw new Error(`stored demand-response event does not match the contract: ${res.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return res.data;
}

export function createDuckDbDrEventStore(conn: SerialConnection): DrEventStore {
  const all = (sql: string, params: DuckDBValue[] = []) => conn.exclusive((db) => db.all(sql, params));
  return {
    insertEvent: (e) =>
      conn.transaction(async (db) => {
        const clash = await db.all('SELECT id FROM dr_events WHERE id = $1', [e.id]);
        if (clash.length > 0) throw new Error(`demand-response event ${e.id} exists already`);
        await db.run('INSERT INTO dr_events VALUES ($1, $2, $3, $4)', [e.id, e.villageId, BigInt(Math.trunc(e.createdAtMs)), JSON.stringify(e)]);
      }),
    updateEvent: (e) =>
      conn.transaction(async (db) => {
        const found = await db.all('SELECT id FROM dr_events WHERE id = $1', [e.id]);
        if (found.length === 0) throw new Error(`no demand-response event ${e.id} to update`);
        await db.run('UPDATE dr_events SET body = $2 WHERE id = $1', [e.id, JSON.stringify(e)]);
      }),
    getEvent: async (id) => {
      const [row] = await all('SELECT body FROM dr_events WHERE id = $1', [id]);
      return row === undefined ? null : toEvent(row);
    },
    listEvents: async (q) => {
      const params: DuckDBValue[] = [];
      let where = '';
      if (q.villageIds !== undefined) {
        if (q.villageIds.length === 0) return [];
        where = `WHERE village_id IN (${q.villageIds.map((v) => { params.push(v); return `$${params.length}`; }).join(', ')})`;
      }
      params.push(BigInt(Math.max(1, Math.trunc(q.limit))));
      const rows = await all(`SELECT body FROM dr_events ${where} ORDER BY created_at_ms DESC, id DESC LIMIT $${params.length}`, params);
      return rows.map(toEvent);
    },
  };
}
