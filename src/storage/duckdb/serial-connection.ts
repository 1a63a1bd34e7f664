/**
 * One DuckDB connection used by one writer (or reader) at a time. A DuckDB connection runs one
 * statement at a time and a transaction is connection state, so every use goes through a FIFO queue.
 */
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';

export type Row = Record<string, unknown>;

export class SerialConnection {
  private tail: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(private readonly connection: DuckDBConnection) {}

  /** Runs `fn` alone on the connection, after everything queued before it. */
  exclusive<T>(fn: (db: SqlRunner) => Promise<T>): Promise<T> {
    const next = this.tail.then(() => {
      if (this.closed) throw new Error('the DuckDB store is closed');
      return fn(new SqlRunner(this.connection));
    });
    this.tail = next.catch(() => undefined);
    return next;
  }

  /**
   * Runs `fn` in one transaction: committed when it resolves, rolled back when it throws.
   * `onCommit` runs right after COMMIT, before anything else queued may use the connection.
   */
  transaction<T>(fn: (db: SqlRunner) => Promise<T>, onCommit?: (result: T) => void): Promise<T> {
    return this.exclusive(async (db) => {
      await db.run('BEGIN TRANSACTION');
      try {
        const result = await fn(db);
        await db.run('COMMIT');
        onCommit?.(result);
        return result;
      } catch (e) {
        await db.run('ROLLBACK').catch(() => undefined);
        throw e;
      }
    });
  }

  /** Waits for queued work, then disconnects. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    await this.tail;
    this.closed = true;
    this.connection.closeSync();
  }
}

export class SqlRunner {
  constructor(readonly connection: DuckDBConnection) {}

  /** Executes a statement; returns the number of rows it changed. */
  async run(sql: string, params?: DuckDBValue[]): Promise<number> {
    const result = await this.connection.run(sql, params);
    return result.rowsChanged;
  }

  /** Rows as plain objects (BIGINT stays `bigint`: convert with `toNumber`). */
  async all(sql: string, params?: DuckDBValue[]): Promise<Row[]> {
    const reader = await this.connection.runAndReadAll(sql, params);
    return reader.getRowObjectsJS() as Row[];
  }
}
